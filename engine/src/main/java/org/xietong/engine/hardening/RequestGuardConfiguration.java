package org.xietong.engine.hardening;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

@Configuration(proxyBeanMethods = false)
public class RequestGuardConfiguration {

  @Bean
  FilterRegistrationBean<MalformedPathFilter> malformedPathFilter() {
    FilterRegistrationBean<MalformedPathFilter> registration = new FilterRegistrationBean<>(new MalformedPathFilter());
    registration.addUrlPatterns("/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }

  /** Runs right after Spring Security (unauthenticated callers get 401 first) and before Camunda's REST. */
  @Bean
  FilterRegistrationBean<ExpressionFieldFilter> expressionFieldFilter(
      ObjectMapper objectMapper, RequestGuardProperties properties) {
    FilterRegistrationBean<ExpressionFieldFilter> registration =
        new FilterRegistrationBean<>(new ExpressionFieldFilter(objectMapper, properties));
    registration.addUrlPatterns("/engine-rest/*");
    registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 1);
    return registration;
  }
}
