package org.xietong.engine.hardening;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/** Replays a body that was already read (and checked) so Camunda's REST resources can read it again. */
final class CachedBodyRequest extends HttpServletRequestWrapper {

  private final byte[] body;

  CachedBodyRequest(HttpServletRequest request, byte[] body) {
    super(request);
    this.body = body;
  }

  @Override
  public ServletInputStream getInputStream() {
    return new ReplayStream(new ByteArrayInputStream(body));
  }

  @Override
  public BufferedReader getReader() {
    String encoding = getCharacterEncoding();
    Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
    return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body), charset));
  }

  @Override
  public int getContentLength() {
    return body.length;
  }

  @Override
  public long getContentLengthLong() {
    return body.length;
  }

  /** A blocking stream over bytes in memory, optionally failing once more than {@code limit} bytes were read. */
  static final class ReplayStream extends ServletInputStream {

    private final InputStream source;
    private final long limit;
    private long count;
    private boolean finished;

    ReplayStream(InputStream source) {
      this(source, Long.MAX_VALUE);
    }

    ReplayStream(InputStream source, long limit) {
      this.source = source;
      this.limit = limit;
    }

    @Override
    public int read() throws IOException {
      int next = source.read();
      if (next < 0) {
        finished = true;
      } else {
        countAndCheck(1);
      }
      return next;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int read = source.read(buffer, offset, length);
      if (read < 0) {
        finished = true;
      } else {
        countAndCheck(read);
      }
      return read;
    }

    private void countAndCheck(int read) throws IOException {
      count += read;
      if (count > limit) {
        throw new IOException("request body larger than " + limit + " bytes");
      }
    }

    @Override
    public boolean isFinished() {
      return finished;
    }

    @Override
    public boolean isReady() {
      return true;
    }

    @Override
    public void setReadListener(ReadListener readListener) {
      throw new UnsupportedOperationException("asynchronous reads are not supported");
    }
  }
}
