package dev.nudge.tracking;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a tracking endpoint answers: a status, a content type, further headers and the body. The
 * host writes it back through its web framework as it is.
 */
public final class TrackingResponse {
  private final int status;
  private final String contentType;
  private final Map<String, String> headers;
  private final byte[] body;

  TrackingResponse(int status, String contentType, Map<String, String> headers, byte[] body) {
    this.status = status;
    this.contentType = contentType;
    this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    this.body = body.clone();
  }

  /** The HTTP status code. */
  public int status() {
    return status;
  }

  /** The value of the {@code Content-Type} header. */
  public String contentType() {
    return contentType;
  }

  /** The other headers to send (caching, security), by name, in a stable order. */
  public Map<String, String> headers() {
    return headers;
  }

  /** The body; a copy. */
  public byte[] body() {
    return body.clone();
  }

  /** The length of the body in bytes. */
  public int contentLength() {
    return body.length;
  }

  @Override
  public String toString() {
    return "TrackingResponse["
        + status
        + " "
        + contentType
        + ", "
        + body.length
        + " bytes, headers="
        + headers.keySet()
        + "]";
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof TrackingResponse r
        && status == r.status
        && contentType.equals(r.contentType)
        && headers.equals(r.headers)
        && Arrays.equals(body, r.body);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * (31 * status + contentType.hashCode()) + headers.hashCode())
        + Arrays.hashCode(body);
  }
}
