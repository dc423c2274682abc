package dev.fairshift.service;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A {@code GET} for a {@link RouteHandler}.
 *
 * @param path the request path, e.g. {@code /metrics}
 * @param query the decoded query parameters, each with its values in order
 * @param requestId the id the response carries in {@code X-Request-Id}, for logs
 */
public record RouteRequest(String path, Map<String, List<String>> query, String requestId) {
  public RouteRequest {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(requestId, "requestId");
    query = Map.copyOf(query);
  }
}
