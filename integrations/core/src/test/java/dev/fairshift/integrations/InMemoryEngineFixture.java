package dev.fairshift.integrations;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * TEST FIXTURE, not an engine: an in-memory stand-in for Slurm or Kubernetes that keeps the {@link Engine}
 * contract (idempotent calls, all-or-nothing, typed errors) and records every call, so tests can check what the
 * loop did. {@link #step()} plays the engine's part: it starts released jobs when their pool has free CPUs and
 * ends running jobs after their run time.
 */
class InMemoryEngineFixture implements Engine {

  /** One release as the engine saw it. */
  record ReleaseEvent(String jobId, Instant at, Release release) {
  }

  private final Clock clock;
  private final Map<String, HubCapacity> pools = new LinkedHashMap<>();
  private final Map<String, EngineJob> jobs = new LinkedHashMap<>();
  private final Map<String, Duration> runTimes = new LinkedHashMap<>();
  private final List<ReleaseEvent> releases = new ArrayList<>();
  private final List<String> violations = new ArrayList<>();
  private final List<String> calls = new ArrayList<>();
  private Supplier<EngineException> failure;
  private int failAfterCalls = -1;
  private int applyCalls;

  InMemoryEngineFixture(Clock clock) {
    this.clock = clock;
  }

  InMemoryEngineFixture pool(String name, int cpus) {
    pools.put(name, HubCapacity.of(name, cpus));
    return this;
  }

  /** Submits a held job at the clock's instant; it runs for its whole time limit once started. */
  EngineJob submit(String id, String tenant, JobRequest request) {
    EngineJob job = EngineJob.held(id, tenant, clock.instant(), request);
    jobs.put(id, job);
    return job;
  }

  /** Puts {@code job} as is (e.g. with field problems). */
  void put(EngineJob job) {
    jobs.put(job.id(), job);
  }

  /** The user cancels {@code id}. */
  void cancel(String id) {
    EngineJob j = jobs.get(id);
    if (j != null && !j.state().isTerminal()) {
      jobs.put(id, j.withState(JobState.CANCELLED));
    }
  }

  /** The next calls fail with {@code error} until {@link #heal()}, after {@code okCalls} more calls succeed. */
  void failAfter(int okCalls, Supplier<EngineException> error) {
    this.failAfterCalls = okCalls;
    this.failure = error;
  }

  void heal() {
    failure = null;
    failAfterCalls = -1;
  }

  EngineJob job(String id) {
    return jobs.get(id);
  }

  List<ReleaseEvent> releases() {
    return List.copyOf(releases);
  }

  Optional<ReleaseEvent> releaseOf(String id) {
    return releases.stream().filter(r -> r.jobId().equals(id)).findFirst();
  }

  /** Calls the loop should never make: writes to jobs that are not held, releases of released jobs. */
  List<String> violations() {
    return List.copyOf(violations);
  }

  int applyCalls() {
    return applyCalls;
  }

  List<String> calls() {
    return List.copyOf(calls);
  }

  /** The engine's own work: end jobs whose run time is over, then start released jobs that fit, in order. */
  void step() {
    Instant now = clock.instant();
    for (EngineJob j : new ArrayList<>(jobs.values())) {
      if (j.state() == JobState.RUNNING) {
        Duration run = j.request().timeLimit().orElse(Duration.ofMinutes(1));
        Instant end = j.startedAt().get().plus(run);
        if (!now.isBefore(end)) {
          jobs.put(j.id(), j.endedAt(end));
        }
      }
    }
    for (EngineJob j : new ArrayList<>(jobs.values())) {
      if (j.state() == JobState.PENDING) {
        String pool = j.pool().orElseThrow();
        if (pools.containsKey(pool) && free(pool) >= Math.max(1, j.request().cpus())) {
          jobs.put(j.id(), j.startedOn(pool, now));
        }
      }
    }
  }

  private int free(String pool) {
    int used = 0;
    for (EngineJob j : jobs.values()) {
      if (j.state() == JobState.RUNNING && j.pool().orElse("").equals(pool)) {
        used += Math.max(1, j.request().cpus());
      }
    }
    return pools.get(pool).totalCpus() - used;
  }

  private void maybeFail(String operation) {
    calls.add(operation);
    if (failure == null) {
      return;
    }
    if (failAfterCalls > 0) {
      failAfterCalls--;
      return;
    }
    throw failure.get();
  }

  @Override
  public String name() {
    return "fixture";
  }

  @Override
  public List<HubCapacity> hubs() {
    maybeFail("hubs");
    List<HubCapacity> out = new ArrayList<>();
    for (HubCapacity p : pools.values()) {
      int used = p.totalCpus() - free(p.pool());
      out.add(new HubCapacity(p.pool(), p.totalCpus(), used, 0, 0, true));
    }
    return out;
  }

  @Override
  public List<EngineJob> jobs() {
    maybeFail("jobs");
    return List.copyOf(jobs.values());
  }

  @Override
  public void applyDecision(String jobId, Decision decision) {
    maybeFail("applyDecision");
    applyCalls++;
    EngineJob j = jobs.get(jobId);
    if (j == null) {
      throw new JobGoneException(name(), "applyDecision", jobId, "Job " + jobId + " does not exist.", null);
    }
    if (j.state() != JobState.HELD) {
      violations.add("applyDecision on " + jobId + " in state " + j.state());
      throw new JobGoneException(name(), "applyDecision", jobId, "Job " + jobId + " is " + j.state() + ".", null);
    }
    if (!pools.containsKey(decision.pool())) {
      throw new EngineRejectedException(name(), "applyDecision", jobId, "No pool " + decision.pool(), null);
    }
    jobs.put(jobId, j.withDecision(decision));
  }

  @Override
  public boolean release(String jobId, Release release) {
    maybeFail("release");
    EngineJob j = jobs.get(jobId);
    if (j == null) {
      throw new JobGoneException(name(), "release", jobId, "Job " + jobId + " does not exist.", null);
    }
    if (j.state() != JobState.HELD) {
      violations.add("release of " + jobId + " in state " + j.state());
      return false;
    }
    if (release.pool().isPresent() && !pools.containsKey(release.pool().get())) {
      throw new EngineRejectedException(name(), "release", jobId, "No pool " + release.pool().get(), null);
    }
    // released untouched: the job keeps its own request and waits there, even for a pool that is gone
    String pool = release.pool().orElse(j.request().allowedPools().isEmpty() ? pools.keySet().iterator().next()
        : j.request().allowedPools().get(0));
    EngineJob released = new EngineJob(j.id(), j.name(), j.tenant(), JobState.PENDING, j.submittedAt(), j.request(),
        j.decision(), Optional.of(pool), Optional.empty(), Optional.empty(), j.fieldProblems());
    jobs.put(jobId, released);
    releases.add(new ReleaseEvent(jobId, clock.instant(), release));
    return true;
  }
}
