package org.xietong.engine.hardening;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Body limits of requests to the engine REST API.
 *
 * @param maxJsonBytes largest non-multipart body; it is held in memory to be checked
 * @param maxMultipartBytes largest multipart body (deployments); it is streamed through, not parsed
 */
@ConfigurationProperties("xietong.engine.request-guard")
public record RequestGuardProperties(DataSize maxJsonBytes, DataSize maxMultipartBytes) {

  public RequestGuardProperties {
    maxJsonBytes = maxJsonBytes == null ? DataSize.ofMegabytes(2) : maxJsonBytes;
    maxMultipartBytes = maxMultipartBytes == null ? DataSize.ofMegabytes(16) : maxMultipartBytes;
  }
}
