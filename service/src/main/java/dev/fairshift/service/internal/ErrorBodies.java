package dev.fairshift.service.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairshift.core.ProblemError;
import java.util.List;

/** The error JSON: {@code {"errors":[{"path":...,"message":...}],"requestId":...}}. */
public final class ErrorBodies {
  private ErrorBodies() {}

  public static ObjectNode body(List<ProblemError> errors, String requestId) {
    ObjectNode body = ServiceHandler.MAPPER.createObjectNode();
    ArrayNode list = body.putArray("errors");
    for (ProblemError e : errors) {
      list.addObject().put("path", e.path()).put("message", e.message());
    }
    body.put("requestId", requestId);
    return body;
  }

  /** The message of every 500: no exception, class or library text, only where to look. */
  public static String internal(String requestId) {
    return "Internal error. The service log has the details under request id " + requestId + ".";
  }
}
