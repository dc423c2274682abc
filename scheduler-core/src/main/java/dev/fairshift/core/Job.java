package dev.fairshift.core;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A unit of work to place in a hub and in time.
 *
 * <p>The job must run entirely within {@code [release, deadline)}: the release rounds up and the
 * deadline rounds down to slot boundaries. A non-interruptible job runs in {@code durationSlots}
 * consecutive slots of one hub; an interruptible one in any {@code durationSlots} distinct slots of
 * one hub.
 *
 * @param id unique job id
 * @param tenant the id of the tenant that submitted it
 * @param durationSlots how many slots it runs, at least 1
 * @param powerKw average IT power drawn while it runs, in kW
 * @param units capacity units it holds in each slot it runs, at least 1
 * @param release the earliest instant it may start
 * @param deadline the instant by which it must have finished
 * @param interruptible whether it may run in non-contiguous slots
 * @param allowedHubs the hubs it may run in (data residency); empty means every hub
 * @param originHub the hub its data lives in, if any: running elsewhere costs transfer energy
 * @param dataGb data to move when it runs away from its origin hub, in GB
 * @param priority weight of leaving it unscheduled, at least 1
 */
public record Job(
    String id,
    String tenant,
    int durationSlots,
    double powerKw,
    int units,
    Instant release,
    Instant deadline,
    boolean interruptible,
    List<String> allowedHubs,
    Optional<String> originHub,
    double dataGb,
    int priority) {

  public Job {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(release, "release");
    Objects.requireNonNull(deadline, "deadline");
    allowedHubs = List.copyOf(allowedHubs);
    Objects.requireNonNull(originHub, "originHub");
  }

  /** Starts a job; see {@link Builder} for the defaults. */
  public static Builder builder(String id, String tenant) {
    return new Builder(id, tenant);
  }

  /** Whether the job may run in {@code hubId}. */
  public boolean allows(String hubId) {
    return allowedHubs.isEmpty() || allowedHubs.contains(hubId);
  }

  /** Whether running in {@code hubId} moves the job away from its origin hub. */
  public boolean movedTo(String hubId) {
    return originHub.isPresent() && !originHub.get().equals(hubId);
  }

  /** Capacity the job holds over its whole run, in unit-slots. */
  public long unitSlots() {
    return (long) units * durationSlots;
  }

  /** A copy with another tenant, e.g. to re-home a job. */
  public Job withTenant(String newTenant) {
    return new Job(id, newTenant, durationSlots, powerKw, units, release, deadline, interruptible,
        allowedHubs, originHub, dataGb, priority);
  }

  /**
   * A builder of {@link Job}s. Defaults: 1 unit, not interruptible, every hub allowed, no origin hub,
   * no data, priority 1. Duration, power, release and deadline must be set. Not thread-safe.
   */
  public static final class Builder {
    private final String id;
    private final String tenant;
    private Integer durationSlots;
    private Double powerKw;
    private int units = 1;
    private Instant release;
    private Instant deadline;
    private boolean interruptible;
    private List<String> allowedHubs = List.of();
    private String originHub;
    private double dataGb;
    private int priority = 1;

    private Builder(String id, String tenant) {
      this.id = Objects.requireNonNull(id, "id");
      this.tenant = Objects.requireNonNull(tenant, "tenant");
    }

    public Builder durationSlots(int slots) {
      this.durationSlots = slots;
      return this;
    }

    /**
     * The duration as a whole number of slots of {@code horizon}.
     *
     * @throws IllegalArgumentException when it is not positive, not a whole number of slots, or more
     *     slots than an {@code int} holds
     */
    public Builder duration(Duration duration, Horizon horizon) {
      Objects.requireNonNull(duration, "duration");
      Duration slot = horizon.slotLength();
      if (duration.isNegative() || duration.isZero()) {
        throw new IllegalArgumentException("Job '" + id + "' duration " + duration + " is not positive. Maybe "
            + slot + ".");
      }
      // Whole slots by Duration arithmetic: toNanos() overflows beyond 292 years.
      long slots = duration.dividedBy(slot);
      if (!slot.multipliedBy(slots).equals(duration)) {
        String roundedUp;
        try {
          roundedUp = " Maybe round it up to " + slot.multipliedBy(slots + 1) + ".";
        } catch (ArithmeticException e) {
          roundedUp = " Maybe a unit is off.";
        }
        throw new IllegalArgumentException("Job '" + id + "' duration " + duration
            + " is not a whole number of " + slot + " slots." + roundedUp);
      }
      if (slots > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("Job '" + id + "' duration " + duration + " is " + slots
            + " slots, more than any horizon holds. Maybe a unit is off.");
      }
      this.durationSlots = (int) slots;
      return this;
    }

    public Builder powerKw(double kw) {
      this.powerKw = kw;
      return this;
    }

    public Builder units(int units) {
      this.units = units;
      return this;
    }

    public Builder release(Instant release) {
      this.release = Objects.requireNonNull(release, "release");
      return this;
    }

    public Builder deadline(Instant deadline) {
      this.deadline = Objects.requireNonNull(deadline, "deadline");
      return this;
    }

    public Builder window(Instant release, Instant deadline) {
      return release(release).deadline(deadline);
    }

    public Builder interruptible(boolean interruptible) {
      this.interruptible = interruptible;
      return this;
    }

    public Builder allowedHubs(List<String> hubs) {
      this.allowedHubs = List.copyOf(hubs);
      return this;
    }

    public Builder allowedHubs(String... hubs) {
      return allowedHubs(List.of(hubs));
    }

    public Builder originHub(String hub) {
      this.originHub = Objects.requireNonNull(hub, "hub");
      return this;
    }

    public Builder dataGb(double gb) {
      this.dataGb = gb;
      return this;
    }

    public Builder priority(int priority) {
      this.priority = priority;
      return this;
    }

    /**
     * Builds the job. Value rules (positive duration, deadline after release, ...) are checked
     * when the job is added to a {@link Problem}, so that every error is reported at once.
     *
     * @throws IllegalStateException if duration, power, release or deadline is missing
     */
    public Job build() {
      String missing = durationSlots == null ? "durationSlots"
          : powerKw == null ? "powerKw"
          : release == null ? "release"
          : deadline == null ? "deadline" : null;
      if (missing != null) {
        throw new IllegalStateException("Job '" + id + "' has no " + missing + ". Set it on the builder.");
      }
      return new Job(id, tenant, durationSlots, powerKw, units, release, deadline, interruptible,
          allowedHubs, Optional.ofNullable(originHub), dataGb, priority);
    }
  }
}
