package dev.fairshift.service;

/**
 * A read-only {@code GET} route that another module mounts on the service, e.g. Prometheus
 * {@code /metrics} or a {@code /transparency} page:
 *
 * <pre>{@code
 * ServiceConfig config = ServiceConfig.builder()
 *     .route("/metrics", request -> RouteResponse.text(RouteResponse.PROMETHEUS_TEXT, registry.scrape()))
 *     .build();
 * }</pre>
 *
 * <p>The service authenticates the request (when a token is configured), answers {@code HEAD} and
 * wrong methods itself, and turns a {@link RouteException} into the error JSON with its status;
 * any other exception becomes a logged 500 whose body carries only the request id. Handlers run on
 * the service's request threads, concurrently: they must be thread-safe and quick (no solving).
 */
@FunctionalInterface
public interface RouteHandler {
  /** The answer to one {@code GET}. */
  RouteResponse handle(RouteRequest request) throws Exception;
}
