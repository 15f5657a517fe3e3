package org.xietong.engine.hardening;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses engine REST requests that carry a field or parameter named {@code *Expression}
 * (e.g. {@code assigneeExpression} inside {@code orQueries}): such fields are evaluated as JUEL by the
 * engine, and Camunda 7.24 CE evaluates them in or-queries even with expressions in queries switched off.
 * JSON bodies are read (up to a limit), scanned at every depth, and replayed to Camunda unchanged.
 */
final class ExpressionFieldFilter extends OncePerRequestFilter {

  private static final String EXPRESSION_SUFFIX = "Expression";

  private final ObjectMapper objectMapper;
  private final JsonFactory jsonFactory;
  private final long maxJsonBytes;
  private final long maxMultipartBytes;

  ExpressionFieldFilter(ObjectMapper objectMapper, RequestGuardProperties properties) {
    this.objectMapper = objectMapper;
    this.jsonFactory = objectMapper.getFactory();
    this.maxJsonBytes = properties.maxJsonBytes().toBytes();
    this.maxMultipartBytes = properties.maxMultipartBytes().toBytes();
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String offendingParameter;
    try {
      offendingParameter = expressionName(request.getQueryString());
    } catch (IllegalArgumentException malformed) {
      refuse(response, HttpStatus.BAD_REQUEST, "the query string is not validly encoded");
      return;
    }
    if (offendingParameter != null) {
      refuseExpression(response, offendingParameter);
      return;
    }
    if (!hasBody(request)) {
      chain.doFilter(request, response);
      return;
    }

    String contentType = request.getContentType() == null ? "" : request.getContentType().toLowerCase(Locale.ROOT);
    if (contentType.startsWith("multipart/")) {
      // Deployments: BPMN/DMN/form files, checked by the parse listener rather than here.
      if (request.getContentLengthLong() > maxMultipartBytes) {
        refuseTooLarge(response, maxMultipartBytes);
        return;
      }
      chain.doFilter(new LimitedBodyRequest(request, maxMultipartBytes), response);
      return;
    }

    byte[] body = readAtMost(request, maxJsonBytes);
    if (body == null) {
      refuseTooLarge(response, maxJsonBytes);
      return;
    }
    String offendingField;
    if (contentType.startsWith(MediaType.APPLICATION_FORM_URLENCODED_VALUE)) {
      try {
        offendingField = expressionName(new String(body, StandardCharsets.UTF_8));
      } catch (IllegalArgumentException malformed) {
        refuse(response, HttpStatus.BAD_REQUEST, "the form body is not validly encoded");
        return;
      }
    } else {
      try {
        offendingField = expressionField(body);
      } catch (IOException notJson) {
        // Camunda only reads JSON; a body that is not JSON cannot smuggle a field, unless it claims to be JSON.
        if (contentType.contains("json")) {
          refuse(response, HttpStatus.BAD_REQUEST, "the request body is not valid JSON");
          return;
        }
        offendingField = null;
      }
    }
    if (offendingField != null) {
      refuseExpression(response, offendingField);
      return;
    }
    chain.doFilter(new CachedBodyRequest(request, body), response);
  }

  private static boolean hasBody(HttpServletRequest request) {
    return request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
  }

  /** The whole body, or null when it is longer than {@code limit}. */
  private static byte[] readAtMost(HttpServletRequest request, long limit) throws IOException {
    if (request.getContentLengthLong() > limit) {
      return null;
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream((int) Math.max(0, request.getContentLengthLong()));
    byte[] buffer = new byte[8192];
    try (InputStream in = request.getInputStream()) {
      int read;
      while ((read = in.read(buffer)) >= 0) {
        if (body.size() + read > limit) {
          return null;
        }
        body.write(buffer, 0, read);
      }
    }
    return body.toByteArray();
  }

  /** First {@code name=value} pair of a query or form string whose name ends with "Expression". */
  static String expressionName(String encodedPairs) {
    if (encodedPairs == null || encodedPairs.isEmpty()) {
      return null;
    }
    for (String pair : encodedPairs.split("&")) {
      int equals = pair.indexOf('=');
      String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
      if (name.endsWith(EXPRESSION_SUFFIX)) {
        return name;
      }
    }
    return null;
  }

  /** Path of the first JSON key, at any depth, whose name ends with "Expression"; null if there is none. */
  String expressionField(byte[] body) throws IOException {
    try (JsonParser parser = jsonFactory.createParser(body)) {
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        if (token == JsonToken.FIELD_NAME && parser.currentName().endsWith(EXPRESSION_SUFFIX)) {
          return pathOf(parser.getParsingContext());
        }
      }
    }
    return null;
  }

  private static String pathOf(JsonStreamContext context) {
    Deque<String> parts = new ArrayDeque<>();
    for (JsonStreamContext level = context; level != null && !level.inRoot(); level = level.getParent()) {
      parts.push(level.inArray() ? "[" + level.getCurrentIndex() + "]" : "." + level.getCurrentName());
    }
    String path = String.join("", parts);
    return path.startsWith(".") ? path.substring(1) : path;
  }

  private void refuseExpression(HttpServletResponse response, String path) throws IOException {
    refuse(response, HttpStatus.BAD_REQUEST, "expression fields are not accepted: " + path);
  }

  private void refuseTooLarge(HttpServletResponse response, long limit) throws IOException {
    refuse(response, HttpStatus.PAYLOAD_TOO_LARGE, "the request body is larger than " + limit + " bytes");
  }

  private void refuse(HttpServletResponse response, HttpStatus status, String message) throws IOException {
    response.setStatus(status.value());
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    Map<String, String> body = new LinkedHashMap<>();
    body.put("type", "InvalidRequestException");
    body.put("message", message);
    objectMapper.writeValue(response.getOutputStream(), body);
  }

  /** Streams a multipart body through, failing the read once it exceeds the limit (chunked uploads). */
  private static final class LimitedBodyRequest extends HttpServletRequestWrapper {

    private final long limit;

    LimitedBodyRequest(HttpServletRequest request, long limit) {
      super(request);
      this.limit = limit;
    }

    @Override
    public jakarta.servlet.ServletInputStream getInputStream() throws IOException {
      return new CachedBodyRequest.ReplayStream(super.getInputStream(), limit);
    }
  }
}
