package dev.fairshift.service;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * What a {@link RouteHandler} answers: a status from 200 to 399, a content type and a body. Errors
 * are thrown as {@link RouteException}, so that every 4xx/5xx body is the service's error JSON.
 *
 * @param status 200..399
 * @param contentType e.g. {@link #PROMETHEUS_TEXT} or {@code text/html; charset=utf-8}
 * @param body the bytes sent (copied on the way in and out)
 */
public record RouteResponse(int status, String contentType, byte[] body) {
  /** Prometheus' text exposition format, version 0.0.4. */
  public static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  public RouteResponse {
    Objects.requireNonNull(contentType, "contentType");
    Objects.requireNonNull(body, "body");
    if (status < 200 || status > 399) {
      throw new IllegalArgumentException("A route answers a status from 200 to 399, not " + status
          + ". Maybe throw a RouteException(" + status + ", message) for an error.");
    }
    if (contentType.indexOf('\r') >= 0 || contentType.indexOf('\n') >= 0) {
      throw new IllegalArgumentException("A content type is one line; this one has a line break.");
    }
    body = body.clone();
  }

  /** 200 with {@code text} in UTF-8. */
  public static RouteResponse text(String contentType, String text) {
    return new RouteResponse(200, contentType, text.getBytes(StandardCharsets.UTF_8));
  }

  /** 200 with JSON text. */
  public static RouteResponse json(String json) {
    return text("application/json; charset=utf-8", json);
  }

  @Override
  public byte[] body() {
    return body.clone();
  }
}
