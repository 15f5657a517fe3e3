package org.xietong.engine.auth;

import java.util.List;
import java.util.Set;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/** Accepts only tokens meant for the engine ({@code aud}) and issued to an allowed service client ({@code azp}). */
class ServiceTokenValidator implements OAuth2TokenValidator<Jwt> {

  private final String audience;
  private final Set<String> allowedClients;

  ServiceTokenValidator(String audience, List<String> allowedClients) {
    this.audience = audience;
    this.allowedClients = Set.copyOf(allowedClients);
  }

  @Override
  public OAuth2TokenValidatorResult validate(Jwt token) {
    List<String> audiences = token.getAudience();
    if (audiences == null || !audiences.contains(audience)) {
      return failure("the token is not meant for this engine (aud)");
    }
    String authorizedParty = token.getClaimAsString("azp");
    if (authorizedParty == null || !allowedClients.contains(authorizedParty)) {
      return failure("the token was issued to a client that may not call the engine (azp)");
    }
    return OAuth2TokenValidatorResult.success();
  }

  private static OAuth2TokenValidatorResult failure(String description) {
    return OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, description, null));
  }
}
