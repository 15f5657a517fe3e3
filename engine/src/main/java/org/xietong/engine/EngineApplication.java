package org.xietong.engine;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The xietong process engine: Camunda 7 CE with its REST API, behind Keycloak service tokens. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class EngineApplication {

  public static void main(String[] args) {
    SpringApplication.run(EngineApplication.class, args);
  }
}
