package dev.fairshift.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairshift.core.Evaluation;
import dev.fairshift.core.Evaluator;
import dev.fairshift.core.Problem;
import dev.fairshift.core.Schedule;
import dev.fairshift.core.json.ProblemJson;
import dev.fairshift.core.json.ScheduleJson;
import dev.fairshift.service.FairshiftService;
import dev.fairshift.service.RunningService;
import dev.fairshift.service.ServiceConfig;
import dev.fairshift.solver.Scheduler;
import dev.fairshift.solver.bound.LowerBound;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Throughput and latency of the HTTP service on loopback, against the same work done in process
 * (the baseline of the same run): JDK HttpClient clients, each sending requests back to back for a
 * fixed time after a warm-up, on a problem of the benchmark scenarios (Electricity Maps intensities,
 * PAI jobs). Prints a Markdown table.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.fairshift.benchmarks.ServiceLoadBenchmark [--seconds 10] [--clients 4] [--jobs 50]
 * </pre>
 *
 * Rows: health idle; health while two solve slots run long OptaPlanner jobs; {@code POST /v1/schedule}
 * (greedy) and {@code POST /v1/evaluate}, each next to the in-process baseline (parse, solve or
 * evaluate, lower bound, JSON out), in alternating rounds. Only 200 answers count; any other is
 * reported. Besides wall-clock throughput, the process CPU time per request (HTTP clients included)
 * and per in-process op: on a shared machine, wall-clock throughput follows the share of the CPU
 * this process gets, which more threads enlarge, while CPU time per request is the cost itself.
 */
public final class ServiceLoadBenchmark {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private ServiceLoadBenchmark() {}

  public static void main(String[] args) throws Exception {
    int seconds = 10;
    int clients = 4;
    int jobs = 50;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--seconds" -> seconds = Integer.parseInt(args[++i]);
        case "--clients" -> clients = Integer.parseInt(args[++i]);
        case "--jobs" -> jobs = Integer.parseInt(args[++i]);
        default -> {
          System.err.println("Unknown option " + args[i] + ". Use --seconds N, --clients N, --jobs N.");
          System.exit(2);
        }
      }
    }
    Problem problem = Scenarios.benchmark(jobs, 8);
    String problemJson = ProblemJson.write(problem);
    Schedule greedy = Scheduler.greedy().schedule(problem);
    String evaluateJson = "{\"problem\": " + problemJson + ", \"schedule\": " + ScheduleJson.write(greedy) + "}";
    Duration run = Duration.ofSeconds(seconds);
    Duration warmUp = Duration.ofSeconds(Math.max(2, seconds / 3));

    System.out.printf(Locale.ROOT, "Service on loopback: %d clients, %d s per row after %d s warm-up; problem of %d jobs, "
        + "8 hubs, 168 slots (%d KiB of JSON); %d processors.%n%n", clients, seconds, warmUp.getSeconds(), jobs,
        problemJson.length() >> 10, Runtime.getRuntime().availableProcessors());
    java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    double loadBefore = os.getSystemLoadAverage();
    System.out.println("| request | requests | throughput (req/s) | p50 (ms) | p95 (ms) | CPU per request (ms) "
        + "| in-process (ops/s) | in-process CPU per op (ms) | CPU ratio HTTP / in-process |");
    System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|");

    try (RunningService service = FairshiftService.start(ServiceConfig.builder().port(0).maxConcurrentSolves(Math.max(2, clients))
        .maxConcurrentRequests(8).build())) {
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      URI base = service.uri();
      Callable<HttpRequest> health = () -> HttpRequest.newBuilder(base.resolve("/v1/health")).GET().build();
      Callable<HttpRequest> schedule = () -> HttpRequest.newBuilder(base.resolve("/v1/schedule?solver=greedy"))
          .POST(HttpRequest.BodyPublishers.ofString(problemJson)).build();
      Callable<HttpRequest> evaluate = () -> HttpRequest.newBuilder(base.resolve("/v1/evaluate"))
          .POST(HttpRequest.BodyPublishers.ofString(evaluateJson)).build();

      row("GET /v1/health (idle)", http, health, clients, warmUp, run, null);

      // Two solve slots busy with OptaPlanner jobs (stopped afterwards).
      List<String> jobsRunning = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(base.resolve("/v1/solves?solver=optaplanner&timeLimit=5m"))
            .POST(HttpRequest.BodyPublishers.ofString(problemJson)).build(), HttpResponse.BodyHandlers.ofString());
        jobsRunning.add(created.headers().firstValue("Location").orElseThrow());
      }
      row("GET /v1/health (2 OptaPlanner solves running)", http, health, clients, warmUp, run, null);
      for (String location : jobsRunning) {
        http.send(HttpRequest.newBuilder(base.resolve(location)).DELETE().build(), HttpResponse.BodyHandlers.ofString());
      }
      while (MAPPER.readTree(http.send(HttpRequest.newBuilder(base.resolve("/v1/ready")).GET().build(),
          HttpResponse.BodyHandlers.ofString()).body()).get("solvesRunning").asInt() > 0) {
        Thread.sleep(100);
      }

      row("POST /v1/schedule?solver=greedy", http, schedule, clients, warmUp, run, () -> {
        Problem p = ProblemJson.read(problemJson);
        Schedule s = Scheduler.greedy().schedule(p);
        return answer(p, s);
      });
      row("POST /v1/evaluate", http, evaluate, clients, warmUp, run, () -> {
        var tree = MAPPER.readTree(evaluateJson);
        Problem p = ProblemJson.fromTree(tree.get("problem"));
        Schedule s = ScheduleJson.fromTree(tree.get("schedule"));
        return answer(p, s);
      });
    }
    System.out.printf(Locale.ROOT, "%nSystem load average (1 min): %.1f at the start, %.1f at the end.%n", loadBefore,
        os.getSystemLoadAverage());
  }

  /** What the service computes for a schedule answer, without HTTP. */
  private static byte[] answer(Problem problem, Schedule schedule) throws Exception {
    Evaluation evaluation = Evaluator.evaluate(problem, schedule);
    ObjectNode out = MAPPER.createObjectNode();
    out.set("schedule", ScheduleJson.toTree(schedule));
    out.put("emissionsGrams", evaluation.emissionsGrams());
    out.put("bound", LowerBound.of(problem).gramsCo2e());
    return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(out);
  }

  /**
   * One table row. With a baseline, HTTP and in-process runs alternate in three rounds of a third of
   * {@code run} each, so that both see the same machine load; the row sums the HTTP rounds and the
   * ratio is of the summed throughputs.
   */
  private static void row(String name, HttpClient http, Callable<HttpRequest> request, int clients, Duration warmUp,
      Duration run, Callable<?> baseline) throws Exception {
    measure(http, request, clients, warmUp);
    String base = "";
    String ratio = "";
    Result r;
    String cpu = "";
    String baseCpu = "";
    if (baseline == null) {
      long cpu0 = processCpuNanos();
      r = measure(http, request, clients, run);
      cpu = String.format(Locale.ROOT, "%.2f", (processCpuNanos() - cpu0) / 1e6 / Math.max(1, r.ok() + r.other()));
    } else {
      runFor(baseline, clients, warmUp);
      Duration third = run.dividedBy(3);
      List<Result> rounds = new ArrayList<>();
      double ops = 0;
      long httpCpu = 0;
      long baseCpuNanos = 0;
      long baseOps = 0;
      for (int round = 0; round < 3; round++) {
        long cpu0 = processCpuNanos();
        rounds.add(measure(http, request, clients, third));
        long cpu1 = processCpuNanos();
        double[] opsAndCount = runFor(baseline, clients, third);
        httpCpu += cpu1 - cpu0;
        baseCpuNanos += processCpuNanos() - cpu1;
        ops += opsAndCount[0];
        baseOps += (long) opsAndCount[1];
      }
      r = Result.merge(rounds);
      double httpCpuPerRequest = httpCpu / 1e6 / Math.max(1, r.ok() + r.other());
      double baseCpuPerOp = baseCpuNanos / 1e6 / Math.max(1, baseOps);
      base = String.format(Locale.ROOT, "%.1f", ops / 3);
      cpu = String.format(Locale.ROOT, "%.2f", httpCpuPerRequest);
      baseCpu = String.format(Locale.ROOT, "%.2f", baseCpuPerOp);
      ratio = String.format(Locale.ROOT, "%.2f", httpCpuPerRequest / baseCpuPerOp);
    }
    System.out.printf(Locale.ROOT, "| %s | %d%s | %.1f | %.2f | %.2f | %s | %s | %s | %s |%n", name, r.ok(),
        r.other() > 0 ? " (+" + r.other() + " not 200)" : "", r.throughput(), r.p50Millis(), r.p95Millis(), cpu, base,
        baseCpu, ratio);
  }

  private record Result(long ok, long other, double throughput, double p50Millis, double p95Millis, long[] latencies,
      double seconds) {
    static Result of(long[] sorted, long other, double seconds) {
      if (sorted.length == 0) {
        return new Result(0, other, 0, Double.NaN, Double.NaN, sorted, seconds);
      }
      return new Result(sorted.length, other, sorted.length / seconds, percentile(sorted, 0.50) / 1e6,
          percentile(sorted, 0.95) / 1e6, sorted, seconds);
    }

    static Result merge(List<Result> parts) {
      long[] all = parts.stream().flatMapToLong(p -> Arrays.stream(p.latencies())).sorted().toArray();
      return of(all, parts.stream().mapToLong(Result::other).sum(), parts.stream().mapToDouble(Result::seconds).sum());
    }
  }

  private static Result measure(HttpClient http, Callable<HttpRequest> request, int clients, Duration length) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    long end = System.nanoTime() + length.toNanos();
    AtomicLong other = new AtomicLong();
    List<Future<long[]>> futures = new ArrayList<>();
    long t0 = System.nanoTime();
    for (int c = 0; c < clients; c++) {
      futures.add(pool.submit(() -> {
        long[] latencies = new long[1024];
        int n = 0;
        while (System.nanoTime() < end) {
          long start = System.nanoTime();
          HttpResponse<byte[]> response = http.send(request.call(), HttpResponse.BodyHandlers.ofByteArray());
          long took = System.nanoTime() - start;
          if (response.statusCode() != 200) {
            other.incrementAndGet();
            continue;
          }
          if (n == latencies.length) {
            latencies = Arrays.copyOf(latencies, n * 2);
          }
          latencies[n++] = took;
        }
        return Arrays.copyOf(latencies, n);
      }));
    }
    List<long[]> parts = new ArrayList<>();
    for (Future<long[]> f : futures) {
      parts.add(f.get());
    }
    double elapsedSeconds = (System.nanoTime() - t0) / 1e9;
    pool.shutdown();
    long[] all = parts.stream().flatMapToLong(Arrays::stream).sorted().toArray();
    return Result.of(all, other.get(), elapsedSeconds);
  }

  /** The CPU time of this process (service, clients and baseline alike): a cost that other load does not inflate. */
  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** Ops per second and the op count. */
  private static double[] runFor(Callable<?> work, int threads, Duration length) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    long end = System.nanoTime() + length.toNanos();
    AtomicLong done = new AtomicLong();
    AtomicLong sink = new AtomicLong();
    long t0 = System.nanoTime();
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      futures.add(pool.submit(() -> {
        while (System.nanoTime() < end) {
          sink.addAndGet(work.call().hashCode());
          done.incrementAndGet();
        }
        return null;
      }));
    }
    for (Future<?> f : futures) {
      f.get();
    }
    pool.shutdown();
    return new double[] {done.get() / ((System.nanoTime() - t0) / 1e9), done.get()};
  }

  private static long percentile(long[] sorted, double q) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
  }
}
