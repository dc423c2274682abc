package dev.fairshift.solver.optaplanner.internal;

import java.util.List;
import java.util.Objects;
import org.optaplanner.core.api.score.stream.ConstraintJustification;

/**
 * Why a per-job constraint costs what it does.
 *
 * @param jobs the job ids (one, or two for a pair)
 * @param tenant the tenant of the job(s)
 * @param description a sentence with the numbers
 */
public record JobJustification(List<String> jobs, String tenant, String description)
    implements ConstraintJustification {
  public JobJustification {
    jobs = List.copyOf(jobs);
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(description, "description");
  }
}
