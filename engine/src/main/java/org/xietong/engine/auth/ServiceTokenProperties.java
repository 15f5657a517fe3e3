package org.xietong.engine.auth;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.Assert;

/**
 * Which Keycloak tokens open the engine REST API.
 *
 * @param keycloakUrl where the engine reaches Keycloak for the realm's signing keys (KEYCLOAK_URL)
 * @param keycloakPublicUrl the address browsers use, which Keycloak writes into {@code iss}
 *     (KEYCLOAK_PUBLIC_URL; blank means the same as keycloakUrl)
 * @param realm the realm (KEYCLOAK_REALM)
 * @param audience value that {@code aud} must contain (ENGINE_AUDIENCE)
 * @param allowedClients service-account clients ({@code azp}) that may call the engine (ENGINE_ALLOWED_CLIENTS)
 */
@ConfigurationProperties("xietong.engine.auth")
public record ServiceTokenProperties(
    String keycloakUrl, String keycloakPublicUrl, String realm, String audience, List<String> allowedClients) {

  public ServiceTokenProperties {
    Assert.hasText(keycloakUrl, "KEYCLOAK_URL must not be blank");
    Assert.hasText(realm, "KEYCLOAK_REALM must not be blank");
    Assert.hasText(audience, "ENGINE_AUDIENCE must not be blank");
    keycloakUrl = withoutTrailingSlash(keycloakUrl);
    keycloakPublicUrl = keycloakPublicUrl == null || keycloakPublicUrl.isBlank()
        ? keycloakUrl
        : withoutTrailingSlash(keycloakPublicUrl);
    allowedClients = allowedClients == null
        ? List.of()
        : allowedClients.stream().map(String::trim).filter(client -> !client.isEmpty()).toList();
    Assert.notEmpty(allowedClients, "ENGINE_ALLOWED_CLIENTS must name at least one client");
  }

  public String jwksUri() {
    return keycloakUrl + "/realms/" + realm + "/protocol/openid-connect/certs";
  }

  public String issuer() {
    return keycloakPublicUrl + "/realms/" + realm;
  }

  private static String withoutTrailingSlash(String url) {
    String trimmed = url.trim();
    return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
  }
}
