package dev.fairshift.integrations;

import dev.fairshift.core.Horizon;
import dev.fairshift.core.Job;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Maps an engine job to what the loop needs: its window in real time (latest feasible start) and, when it can
 * be planned in this horizon, a {@link Job}. Package-private: the rules are documented in the README.
 */
final class JobMapper {

  private final LoopConfig config;

  JobMapper(LoopConfig config) {
    this.config = config;
  }

  /** A job the loop can act on. {@code job} is empty when it cannot be planned in this horizon (yet). */
  record Mapped(
      EngineJob engineJob,
      List<LoopConfig.HubConfig> hubs,
      int units,
      double powerKw,
      Duration timeLimit,
      Instant earliestStart,
      Instant deadline,
      Instant latestStart,
      Optional<Job> job,
      String whyNotPlanned) {

    String id() {
      return engineJob.id();
    }

    /** The pool it is released on when the loop has no better idea: its recorded one, else its first hub. */
    String fallbackPool() {
      return engineJob.decision().map(Decision::pool).orElse(hubs.get(0).pool());
    }
  }

  /** Either a mapped job or why it cannot be mapped. */
  record Result(Optional<Mapped> mapped, String problem) {
  }

  Result map(EngineJob e, Instant now, Horizon horizon, Map<String, HubCapacity> capacities) {
    if (!e.fieldProblems().isEmpty()) {
      return fail("its fields cannot be read: " + e.fieldProblems().stream().map(FieldProblem::toString)
          .collect(Collectors.joining("; ")));
    }
    if (config.tenantFor(e.tenant()).isEmpty()) {
      return fail("account '" + e.tenant() + "' is not in the config's tenants and there is no defaultTenant."
          + " Maybe add it to tenants");
    }
    JobRequest r = e.request();
    List<LoopConfig.HubConfig> hubs = new ArrayList<>();
    if (r.allowedPools().isEmpty()) {
      hubs.addAll(config.hubs());
    } else {
      for (String pool : r.allowedPools()) {
        config.hubForPool(pool).ifPresent(hubs::add);
      }
      if (hubs.isEmpty()) {
        return fail("it may run only in " + r.allowedPools() + ", none of which is a configured hub (pools "
            + config.hubs().stream().map(LoopConfig.HubConfig::pool).toList() + "). Maybe add a hub for it");
      }
    }
    int units = Math.max(1, r.cpus());
    int largest = 0;
    boolean reported = false;
    for (LoopConfig.HubConfig h : hubs) {
      HubCapacity c = capacities.get(h.pool());
      reported |= c != null;
      int total = c == null ? 0 : c.totalCpus();
      largest = Math.max(largest, h.maxCpus().map(m -> Math.min(m, total)).orElse(total));
    }
    if (!reported) {
      return fail("none of its hubs (pools " + hubs.stream().map(LoopConfig.HubConfig::pool).toList()
          + ") is reported by the engine now. Maybe the partition or node pool was renamed or removed");
    }
    if (units > largest) {
      return fail("it asks for " + units + " CPUs, more than any of its hubs has (at most " + largest
          + "). Maybe request fewer CPUs or allow a larger partition");
    }
    double watts = 0;
    for (LoopConfig.HubConfig h : hubs) {
      watts += r.cpus() * h.wattsPerCpu() + r.gpus() * h.wattsPerGpu();
    }
    double powerKw = watts / hubs.size() / 1000.0;
    Duration timeLimit = r.timeLimit().orElse(config.defaults().timeLimit());
    Instant submitted = e.submittedAt();
    Instant earliest = r.begin().filter(b -> b.isAfter(submitted)).orElse(submitted);
    Instant deadline = r.deadline().orElse(earliest.plus(timeLimit).plus(config.defaults().slack()));
    Instant latestStart = deadline.minus(timeLimit);

    Instant release = earliest.isAfter(now) ? earliest : horizon.start();
    Instant planDeadline = deadline.isBefore(horizon.end()) ? deadline : horizon.end();
    long slotSeconds = horizon.slotLength().toSeconds();
    int durationSlots = (int) Math.max(1, (timeLimit.toSeconds() + slotSeconds - 1) / slotSeconds);
    Optional<Job> job = Optional.empty();
    String why = "";
    if (!release.isBefore(horizon.end())) {
      why = "its earliest start " + earliest + " is after the horizon";
    } else if (latestStart.isBefore(now)) {
      why = "its deadline can no longer be met";
    } else {
      int from = horizon.slotAtOrAfter(release);
      int to = horizon.slotAtOrBefore(planDeadline);
      if (to - from < durationSlots) {
        why = to >= horizon.slots() ? "its window reaches past the horizon" : "its window holds fewer whole slots ("
            + Math.max(0, to - from) + ") than it needs (" + durationSlots + ")";
      } else {
        job = Optional.of(Job.builder(e.id(), e.tenant())
            .durationSlots(durationSlots)
            .powerKw(powerKw)
            .units(units)
            .window(release, planDeadline)
            .allowedHubs(hubs.stream().map(LoopConfig.HubConfig::id).toList())
            .build());
      }
    }
    return new Result(Optional.of(new Mapped(e, List.copyOf(hubs), units, powerKw, timeLimit, earliest, deadline,
        latestStart, job, why)), "");
  }

  private static Result fail(String problem) {
    return new Result(Optional.empty(), problem);
  }
}
