package dev.fairshift.service.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairshift.core.Problem;
import dev.fairshift.solver.optaplanner.SolveControl;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The retained solve jobs: at most {@code max}, finished ones forgotten {@code retention} after they
 * finish, the oldest finished one evicted when a new job needs room. Ids are 128 random bits, so one
 * client cannot guess another's. Thread-safe (synchronized; every operation is short).
 */
final class SolveJobs {
  enum Status { SOLVING, COMPLETED, CANCELLED, FAILED }

  private static final SecureRandom IDS = new SecureRandom();

  private final int max;
  private final Duration retention;
  private final Clock clock;
  private final Map<String, Job> jobs = new LinkedHashMap<>();

  SolveJobs(int max, Duration retention, Clock clock) {
    this.max = max;
    this.retention = retention;
    this.clock = clock;
  }

  /** One solve job. Its mutable state is guarded by the job itself. */
  static final class Job {
    final String id;
    final Params.Solve params;
    private Problem problem;
    final SolveControl control = SolveControl.create();
    final Instant submittedAt;
    private Instant startedAt;
    private Instant finishedAt;
    private Status status = Status.SOLVING;
    private ObjectNode answer;
    private String failure;

    Job(String id, Params.Solve params, Problem problem, Instant submittedAt) {
      this.id = id;
      this.params = params;
      this.problem = problem;
      this.submittedAt = submittedAt;
    }

    synchronized void started(Instant at) {
      startedAt = at;
    }

    /** The problem while it runs; a finished job keeps only its answer. */
    synchronized Optional<Problem> problem() {
      return Optional.ofNullable(problem);
    }

    synchronized void finished(Instant at, ObjectNode finalAnswer) {
      finishedAt = at;
      answer = finalAnswer;
      problem = null;
      status = control.stopRequested() ? Status.CANCELLED : Status.COMPLETED;
    }

    synchronized void failed(Instant at, String message) {
      finishedAt = at;
      failure = message;
      problem = null;
      status = Status.FAILED;
    }

    synchronized Snapshot snapshot() {
      return new Snapshot(status, startedAt, finishedAt, answer, failure);
    }
  }

  /** A job's state at one moment. */
  record Snapshot(Status status, Instant startedAt, Instant finishedAt, ObjectNode answer, String failure) {
    boolean finished() {
      return status != Status.SOLVING;
    }
  }

  /** A new job, or 503 when every retained job is still running. */
  synchronized Job create(Params.Solve params, Problem problem, Duration retryAfter) {
    Instant now = clock.instant();
    purge(now);
    if (jobs.size() >= max) {
      Optional<Job> oldest = jobs.values().stream().filter(j -> j.snapshot().finished())
          .min(Comparator.comparing(j -> j.snapshot().finishedAt()));
      if (oldest.isEmpty()) {
        throw new ApiError(503, "All " + max + " retained solve jobs are still running. Retry after "
            + retryAfter.getSeconds() + " s, or stop one with DELETE /v1/solves/{id}.")
            .header("Retry-After", Long.toString(retryAfter.getSeconds()));
      }
      jobs.remove(oldest.get().id);
    }
    byte[] bytes = new byte[16];
    IDS.nextBytes(bytes);
    Job job = new Job(HexFormat.of().formatHex(bytes), params, problem, now);
    jobs.put(job.id, job);
    return job;
  }

  synchronized Optional<Job> get(String id) {
    purge(clock.instant());
    return Optional.ofNullable(jobs.get(id));
  }

  synchronized void remove(String id) {
    jobs.remove(id);
  }

  synchronized List<Job> all() {
    purge(clock.instant());
    return new ArrayList<>(jobs.values());
  }

  synchronized int size() {
    return jobs.size();
  }

  Clock clock() {
    return clock;
  }

  private void purge(Instant now) {
    jobs.values().removeIf(j -> {
      Snapshot s = j.snapshot();
      return s.finished() && !s.finishedAt().plus(retention).isAfter(now);
    });
  }
}
