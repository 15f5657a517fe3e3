# The engine: Camunda 7.24 CE on Spring Boot, built from engine/ with Maven.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /build
COPY engine/pom.xml engine/pom.xml
RUN mvn -q -B -f engine/pom.xml dependency:go-offline
COPY engine/src engine/src
RUN mvn -q -B -f engine/pom.xml package -DskipTests

FROM eclipse-temurin:17-jre
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
COPY --from=build /build/engine/target/xietong-engine.jar /opt/xietong/xietong-engine.jar
USER 1000
EXPOSE 8080
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/opt/xietong/xietong-engine.jar"]
