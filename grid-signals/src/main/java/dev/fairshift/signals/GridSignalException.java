package dev.fairshift.signals;

import dev.fairshift.core.FairshiftException;

/** A carbon-intensity source could not deliver: the root of grid-signals' exceptions. */
public class GridSignalException extends FairshiftException {
  private static final long serialVersionUID = 1L;

  public GridSignalException(String message) {
    super(message);
  }

  public GridSignalException(String message, Throwable cause) {
    super(message, cause);
  }
}
