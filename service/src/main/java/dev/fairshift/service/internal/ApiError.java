package dev.fairshift.service.internal;

import dev.fairshift.core.ProblemError;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A request the service refuses: its status, the errors for the body and extra headers. */
final class ApiError extends RuntimeException {
  private static final long serialVersionUID = 1L;
  final int status;
  final transient List<ProblemError> errors;
  final transient Map<String, String> headers = new LinkedHashMap<>();
  boolean closeConnection;

  ApiError(int status, List<ProblemError> errors) {
    super(errors.isEmpty() ? "" : errors.get(0).message(), null, false, false);
    this.status = status;
    this.errors = List.copyOf(errors);
  }

  ApiError(int status, String path, String message) {
    this(status, List.of(new ProblemError(path, message)));
  }

  ApiError(int status, String message) {
    this(status, "$", message);
  }

  ApiError header(String name, String value) {
    headers.put(name, value);
    return this;
  }

  ApiError closing() {
    closeConnection = true;
    return this;
  }
}
