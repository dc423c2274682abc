package dev.fairshift.slurm.internal;

/** Slurm printed something Fairshift cannot read as documented; the message names the field and the value. */
public final class MalformedSlurmOutputException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public MalformedSlurmOutputException(String message) {
    super(message);
  }

  public MalformedSlurmOutputException(String message, Throwable cause) {
    super(message, cause);
  }
}
