package org.xietong.engine.hardening;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses raw paths with "//" or ";" path parameters before anything parses them: Tomcat normalises them,
 * but Spring's path matching in front of the Jersey servlet then fails with a 500. No engine call needs them.
 */
final class MalformedPathFilter extends OncePerRequestFilter {

  private static final byte[] BODY =
      "{\"type\":\"InvalidRequestException\",\"message\":\"malformed request path\"}".getBytes();

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String uri = request.getRequestURI();
    if (uri.contains("//") || uri.indexOf(';') >= 0) {
      response.setStatus(HttpStatus.BAD_REQUEST.value());
      response.setContentType(MediaType.APPLICATION_JSON_VALUE);
      response.getOutputStream().write(BODY);
      return;
    }
    chain.doFilter(request, response);
  }
}
