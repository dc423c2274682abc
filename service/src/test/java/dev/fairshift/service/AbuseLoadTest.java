package dev.fairshift.service;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Many clients at once, on loopback, bounded in count and time: concurrent solves beyond the limit,
 * half-open and trickling connections, oversized and malformed bodies (seeded mutations), clients
 * that disconnect from synchronous solves, jobs created and deleted. Every answer must be one the
 * service documents (a result or the error JSON with a request id), and afterwards health answers
 * within 100 ms, no solve is left running, and the heap and thread count are back near the start.
 * Timings are not asserted beyond that; throughput and latency are measured in the benchmarks module.
 */
class AbuseLoadTest {
  private static final String WEEK = TestProblems.weekJson(11, 120, 4);
  private RunningService service;
  private ServiceClient client;
  private final List<Socket> held = Collections.synchronizedList(new ArrayList<>());
  private final ConcurrentHashMap<String, Integer> outcomes = new ConcurrentHashMap<>();

  @AfterEach
  void stop() throws IOException {
    for (Socket s : held) {
      s.close();
    }
    if (service != null) {
      service.close();
    }
  }

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void hostileAndCarelessClientsLeaveTheServiceHealthy() throws Exception {
    service = FairshiftService.start(ServiceConfig.builder().port(0).maxConcurrentSolves(2).maxConnections(96)
        .maxBodyBytes(1 << 20).readTimeout(Duration.ofSeconds(2))
        .maxTimeLimit(Duration.ofSeconds(20)).build());
    client = new ServiceClient(service);
    // Warm up (class loading, JIT, Jetty buffers), then take the baseline.
    for (int i = 0; i < 5; i++) {
      assertThat(client.post("/v1/schedule?solver=optaplanner&timeLimit=200ms", TestProblems.SMALL).statusCode()).isEqualTo(200);
      client.post("/v1/evaluate", "{}");
    }
    long heapBefore = usedHeapAfterGc();
    int threadsBefore = Thread.activeCount();

    ExecutorService clients = Executors.newFixedThreadPool(24);
    List<Future<?>> tasks = new ArrayList<>();
    Random random = new Random(20261204L);
    for (int i = 0; i < 40; i++) {
      String solver = i % 4 == 0 ? "optaplanner&timeLimit=300ms" : "greedy";
      String body = i2s(i);
      tasks.add(clients.submit(call(() -> expect(client.post("/v1/schedule?solver=" + solver, body), 200, 503))));
    }
    for (int i = 0; i < 20; i++) {
      tasks.add(clients.submit(call(this::halfOpen)));
    }
    for (int i = 0; i < 8; i++) {
      tasks.add(clients.submit(call(this::trickle)));
    }
    for (int i = 0; i < 16; i++) {
      tasks.add(clients.submit(call(this::oversized)));
    }
    for (int i = 0; i < 60; i++) {
      byte[] mutant = Mutations.mutate(TestProblems.SMALL.getBytes(UTF_8), random);
      tasks.add(clients.submit(call(() -> expect(client.send(client.request("/v1/schedule")
          .POST(HttpRequest.BodyPublishers.ofByteArray(mutant))), 200, 400, 413, 503))));
    }
    for (int i = 0; i < 8; i++) {
      tasks.add(clients.submit(call(this::disconnectDuringSolve)));
    }
    for (int i = 0; i < 8; i++) {
      tasks.add(clients.submit(call(this::jobThenDelete)));
    }
    // Health keeps answering during the storm (no timing asserted here: the machine is shared).
    for (int i = 0; i < 20; i++) {
      tasks.add(clients.submit(call(() -> expect(client.get("/v1/health"), 200))));
    }
    for (Future<?> f : tasks) {
      f.get(150, TimeUnit.SECONDS);
    }
    clients.shutdown();
    assertThat(clients.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    for (Socket s : held) {
      s.close();
    }

    // Afterwards: no solve left running, health within 100 ms, memory and threads back near the start.
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (ServiceClient.json(client.get("/v1/ready")).get("solvesRunning").asInt() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(ServiceClient.json(client.get("/v1/ready")).get("solvesRunning").asInt()).isZero();
    long[] healthNanos = new long[5];
    for (int i = 0; i < healthNanos.length; i++) {
      long t0 = System.nanoTime();
      assertThat(client.get("/v1/health").statusCode()).isEqualTo(200);
      healthNanos[i] = System.nanoTime() - t0;
    }
    Arrays.sort(healthNanos);
    assertThat(Duration.ofNanos(healthNanos[2])).as("median health latency").isLessThan(Duration.ofMillis(100));
    long heapAfter = usedHeapAfterGc();
    System.out.printf("abuse: outcomes %s; heap %d -> %d MiB; threads %d -> %d (service %d); health median %.1f ms%n", outcomes,
        heapBefore >> 20, heapAfter >> 20, threadsBefore, Thread.activeCount(),
        threadsNamed("fairshift"), healthNanos[2] / 1e6);
    assertThat(heapAfter).as("heap after the storm").isLessThan(heapBefore + (48L << 20));
    // The service's threads stay within their bounds (the JDK client's own pool lingers, so count only ours).
    assertThat(threadsNamed("fairshift-http")).isLessThanOrEqualTo(32);
    assertThat(threadsNamed("fairshift-solve")).isLessThanOrEqualTo(2);
    assertThat(threadsNamed("fairshift-timer")).isLessThanOrEqualTo(1);
    assertThat(outcomes).containsKeys("200", "400", "408", "413");
    assertThat(outcomes.keySet()).allMatch(k -> !k.startsWith("5") || k.equals("503"));
  }

  private static String i2s(int i) {
    return i % 2 == 0 ? TestProblems.SMALL : WEEK;
  }

  private static Callable<Void> call(Callable<?> c) {
    return () -> {
      c.call();
      return null;
    };
  }

  private Object expect(HttpResponse<String> response, int... allowed) throws IOException {
    int status = response.statusCode();
    outcomes.merge(Integer.toString(status), 1, Integer::sum);
    assertThat(Arrays.stream(allowed).anyMatch(a -> a == status)).as("status %d: %s", status, response.body()).isTrue();
    if (status >= 400) {
      JsonNode body = ServiceClient.json(response);
      assertThat(body.get("errors")).isNotEmpty();
      assertThat(body.get("requestId").asText()).isEqualTo(response.headers().firstValue("X-Request-Id").orElseThrow());
      assertThat(response.body()).doesNotContain("Exception", "jetty", "at dev.", "at org.", "at java.");
      if (status == 503) {
        assertThat(response.headers().firstValue("Retry-After")).isPresent();
      }
    }
    return null;
  }

  /** Half a request line, then nothing: answered 408 within the read timeout and closed. */
  private Object halfOpen() throws IOException {
    String answer = client.raw("POST /v1/sche".getBytes(US_ASCII), Duration.ofSeconds(20));
    record("408", answer.startsWith("HTTP/1.1 408"));
    return null;
  }

  /** A request line sent a byte at a time, never idle, never complete. */
  private Object trickle() throws Exception {
    Socket socket = new Socket("127.0.0.1", service.port());
    held.add(socket);
    socket.setSoTimeout(20_000);
    OutputStream out = socket.getOutputStream();
    try {
      for (char c : "GET /v1/health HTTP/1.1\r\nHost: x\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaaaa".toCharArray()) {
        out.write(c);
        out.flush();
        Thread.sleep(150);
      }
    } catch (IOException closedByTheService) {
      // expected once the read timeout has passed
    }
    String answer = new String(socket.getInputStream().readAllBytes(), US_ASCII);
    record("408", answer.startsWith("HTTP/1.1 408"));
    return null;
  }

  /**
   * 2 MiB against a 1 MiB limit: 413 once the service has read and discarded it, or, when the upload
   * takes longer than the read timeout on this loaded machine, the connection is cut (the client may
   * then see a reset rather than the 413 sent before the close).
   */
  private Object oversized() throws IOException, InterruptedException {
    byte[] big = new byte[2 << 20];
    Arrays.fill(big, (byte) ' ');
    big[0] = '{';
    big[big.length - 1] = '}';
    try {
      expect(client.send(client.request("/v1/schedule").POST(HttpRequest.BodyPublishers.ofByteArray(big))), 413);
    } catch (IOException cut) {
      outcomes.merge("cut", 1, Integer::sum);
    }
    return null;
  }

  /** A long synchronous solve whose client leaves after 300 ms. */
  private Object disconnectDuringSolve() throws Exception {
    byte[] body = WEEK.getBytes(UTF_8);
    try (Socket socket = new Socket("127.0.0.1", service.port())) {
      OutputStream out = socket.getOutputStream();
      out.write(("POST /v1/schedule?solver=optaplanner&timeLimit=20s HTTP/1.1\r\nHost: x\r\nContent-Length: " + body.length
          + "\r\n\r\n").getBytes(US_ASCII));
      out.write(body);
      out.flush();
      Thread.sleep(300);
    }
    outcomes.merge("disconnected", 1, Integer::sum);
    return null;
  }

  private Object jobThenDelete() throws Exception {
    HttpResponse<String> created = client.post("/v1/solves?solver=optaplanner&timeLimit=20s", WEEK);
    expect(created, 202, 503);
    if (created.statusCode() == 202) {
      String location = created.headers().firstValue("Location").orElseThrow();
      Thread.sleep(200);
      expect(client.get(location), 200);
      expect(client.delete(location), 200);
    }
    return null;
  }

  private void record(String status, boolean ok) {
    outcomes.merge(ok ? status : "unexpected-" + status, 1, Integer::sum);
    assertThat(ok).as("expected %s", status).isTrue();
  }

  private static long threadsNamed(String prefix) {
    return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith(prefix)).count();
  }

  private static long usedHeapAfterGc() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(100);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
