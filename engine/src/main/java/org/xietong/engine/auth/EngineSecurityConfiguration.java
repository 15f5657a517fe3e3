package org.xietong.engine.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.DispatcherType;
import java.time.Duration;
import org.springframework.boot.web.client.RestTemplateBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.HttpStatusRequestRejectedHandler;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * The engine trusts nobody but the API's and workers' Keycloak service accounts.
 * Only the readiness probe is open; everything else needs a valid service token.
 */
@Configuration(proxyBeanMethods = false)
public class EngineSecurityConfiguration {

  @Bean
  SecurityFilterChain engineSecurity(HttpSecurity http, JwtDecoder jwtDecoder, ObjectMapper objectMapper)
      throws Exception {
    SecurityErrorResponses errors = new SecurityErrorResponses(objectMapper);
    http
        .csrf(AbstractHttpConfigurer::disable)
        .cors(AbstractHttpConfigurer::disable)
        .httpBasic(AbstractHttpConfigurer::disable)
        .formLogin(AbstractHttpConfigurer::disable)
        .logout(AbstractHttpConfigurer::disable)
        .requestCache(AbstractHttpConfigurer::disable)
        .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .authorizeHttpRequests(requests -> requests
            // Error dispatches of an already authorised request render Boot's error body.
            .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
            .requestMatchers("/actuator/health").permitAll()
            .requestMatchers("/engine-rest", "/engine-rest/**").authenticated()
            .anyRequest().denyAll())
        .exceptionHandling(exceptions -> exceptions
            .authenticationEntryPoint(errors)
            .accessDeniedHandler(errors))
        .oauth2ResourceServer(resourceServer -> resourceServer
            .authenticationEntryPoint(errors)
            .jwt(jwt -> jwt.decoder(jwtDecoder))
            .withObjectPostProcessor(new ObjectPostProcessor<BearerTokenAuthenticationFilter>() {
              @Override
              public <O extends BearerTokenAuthenticationFilter> O postProcess(O filter) {
                // Answer 401 as well when Keycloak's keys cannot be fetched, instead of a 500.
                filter.setAuthenticationFailureHandler(errors::commence);
                return filter;
              }
            }));
    return http.build();
  }

  /** Paths the firewall refuses (double slashes, encoded dots, …) get a plain 400 instead of a logged 500. */
  @Bean
  RequestRejectedHandler requestRejectedHandler() {
    return new HttpStatusRequestRejectedHandler();
  }

  /** Keys are fetched on the first token, not at start: Keycloak may come up after the engine. */
  @Bean
  JwtDecoder jwtDecoder(ServiceTokenProperties properties, RestTemplateBuilder restTemplates) {
    NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(properties.jwksUri())
        .restOperations(restTemplates
            .connectTimeout(Duration.ofSeconds(3))
            .readTimeout(Duration.ofSeconds(5))
            .build())
        .build();
    decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
        new JwtClaimValidator<Object>(JwtClaimNames.EXP, expiry -> expiry != null),
        new JwtTimestampValidator(),
        new JwtIssuerValidator(properties.issuer()),
        new ServiceTokenValidator(properties.audience(), properties.allowedClients())));
    return decoder;
  }
}
