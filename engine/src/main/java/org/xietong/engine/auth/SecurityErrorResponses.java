package org.xietong.engine.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/** Refusals as small JSON bodies in Camunda's error shape: 401 with a Bearer challenge, 403 for closed paths. */
class SecurityErrorResponses implements AuthenticationEntryPoint, AccessDeniedHandler {

  private static final Logger LOG = LoggerFactory.getLogger(SecurityErrorResponses.class);

  private final BearerTokenAuthenticationEntryPoint challenge = new BearerTokenAuthenticationEntryPoint();
  private final ObjectMapper objectMapper;

  SecurityErrorResponses(ObjectMapper objectMapper) {
    this.objectMapper = objectMapper;
  }

  @Override
  public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
      throws IOException {
    challenge.commence(request, response, failure);
    write(response, HttpStatus.UNAUTHORIZED, "AuthenticationException", describe(failure));
  }

  @Override
  public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
      throws IOException {
    write(response, HttpStatus.FORBIDDEN, "AccessDeniedException", "this path is not served");
  }

  private void write(HttpServletResponse response, HttpStatus status, String type, String message) throws IOException {
    response.setStatus(status.value());
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    Map<String, String> body = new LinkedHashMap<>();
    body.put("type", type);
    body.put("message", message);
    objectMapper.writeValue(response.getOutputStream(), body);
  }

  private static String describe(AuthenticationException failure) {
    if (failure instanceof AuthenticationServiceException) {
      // Keycloak's keys could not be fetched: the caller may not be at fault, but the token cannot be trusted.
      LOG.warn("bearer token could not be verified: {}", failure.getMessage());
      return "the bearer token could not be verified right now";
    }
    if (failure instanceof OAuth2AuthenticationException oauth && oauth.getError().getDescription() != null) {
      return "invalid bearer token: " + oauth.getError().getDescription();
    }
    return "a valid bearer token is required";
  }
}
