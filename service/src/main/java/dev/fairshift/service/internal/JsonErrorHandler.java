package dev.fairshift.service.internal;

import dev.fairshift.core.ProblemError;
import java.nio.ByteBuffer;
import java.util.List;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The answer to errors Jetty itself detects before or around the service's handler (a malformed
 * request line, headers too large, an unsupported HTTP version, a failure after the handler): the
 * same error JSON with a request id, never Jetty's HTML page, its exception text or its version. 5xx
 * are logged with the id.
 */
public final class JsonErrorHandler implements Request.Handler {
  private static final Logger LOG = LoggerFactory.getLogger(JsonErrorHandler.class);

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    Object statusAttribute = request.getAttribute(ErrorHandler.ERROR_STATUS);
    int status = statusAttribute instanceof Integer i ? i : response.getStatus();
    if (status < 400 || status > 599) {
      status = 500;
    }
    String existing = response.getHeaders().get(RequestIds.HEADER);
    String requestId = existing != null ? existing : RequestIds.next();
    if (status >= 500) {
      Object cause = request.getAttribute(ErrorHandler.ERROR_EXCEPTION);
      if (cause instanceof Throwable t && !(t instanceof java.io.IOException)) {
        LOG.error("{} {} failed with {} (request id {})", request.getMethod(), Text.safe(request.getHttpURI().getPath()),
            status, requestId, t);
      } else if (!(cause instanceof java.io.IOException)) {
        LOG.error("{} {} failed with {} (request id {})", request.getMethod(), Text.safe(request.getHttpURI().getPath()),
            status, requestId);
      }
    }
    byte[] bytes;
    try {
      bytes = ServiceHandler.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(
          ErrorBodies.body(List.of(new ProblemError("$", message(status, requestId))), requestId));
    } catch (java.io.IOException e) {
      callback.failed(e);
      return true;
    }
    response.setStatus(status);
    response.getHeaders().put(RequestIds.HEADER, requestId);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    response.write(true, ByteBuffer.wrap(bytes), callback);
    return true;
  }

  static String message(int status, String requestId) {
    return switch (status) {
      case 400 -> "The request is not valid HTTP/1.1 (request line, headers or framing). Maybe check the client.";
      case 404 -> "No such endpoint. Try GET /v1/health.";
      case 405 -> "This method is not allowed here.";
      case 408 -> "The request did not arrive in time. Maybe check the network.";
      case 413 -> "The request is too large for this service.";
      case 414 -> "The request URI is too long. Maybe send parameters in the body.";
      case 415 -> "Unsupported content encoding. Maybe send the body uncompressed.";
      case 431 -> "The request headers are too large.";
      case 501 -> "This method or transfer encoding is not implemented.";
      case 503 -> "The service is overloaded or shutting down. Maybe retry shortly.";
      case 505 -> "This HTTP version is not supported. Use HTTP/1.1.";
      default -> status >= 500 ? ErrorBodies.internal(requestId) : "The request was refused (HTTP " + status + ").";
    };
  }
}
