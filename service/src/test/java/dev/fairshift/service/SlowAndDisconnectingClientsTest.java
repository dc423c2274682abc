package dev.fairshift.service;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SlowAndDisconnectingClientsTest extends ServiceTestBase {

  @Test
  void halfARequestLineIsAnswered408WithinTheReadTimeout() throws Exception {
    start(ServiceConfig.builder().readTimeout(Duration.ofMillis(600)).idleTimeout(Duration.ofSeconds(30)));

    long t0 = System.nanoTime();
    String answer = client.raw("POST /v1/sched".getBytes(US_ASCII), Duration.ofSeconds(10));

    assertThat(answer).startsWith("HTTP/1.1 408");
    assertThat(ServiceClient.body(answer)).contains("\"errors\"", "\"requestId\"");
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void headersTrickledSlowerThanTheReadTimeoutAre408() throws Exception {
    start(ServiceConfig.builder().readTimeout(Duration.ofMillis(800)).idleTimeout(Duration.ofSeconds(30)));

    try (Socket socket = new Socket("127.0.0.1", service.port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      String head = "GET /v1/health HTTP/1.1\r\nHost: x\r\nX-Slow: ";
      out.write(head.getBytes(US_ASCII));
      // One byte every 200 ms never idles the connection, yet the head never completes in time.
      long t0 = System.nanoTime();
      try {
        for (int i = 0; i < 30; i++) {
          out.write('a');
          out.flush();
          Thread.sleep(200);
        }
      } catch (java.io.IOException closed) {
        // the service closed the connection
      }
      String answer = new String(socket.getInputStream().readAllBytes(), US_ASCII);
      assertThat(answer).startsWith("HTTP/1.1 408");
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
    }
  }

  @Test
  void aBodyThatDoesNotArriveIs408() throws Exception {
    start(ServiceConfig.builder().readTimeout(Duration.ofMillis(700)));

    String answer = client.raw(("POST /v1/schedule HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n{\"vers")
        .getBytes(US_ASCII), Duration.ofSeconds(10));

    assertThat(answer).startsWith("HTTP/1.1 408");
    assertThat(answer).containsIgnoringCase("Connection: close");
    assertThat(ServiceClient.body(answer)).contains("did not arrive within 700ms", "\"requestId\"");
  }

  @Test
  void aClientThatDisconnectsFromASynchronousSolveStopsIt() throws Exception {
    start(ServiceConfig.builder().maxConcurrentSolves(1));
    byte[] body = TestProblems.weekJson(5, 150, 4).getBytes(US_ASCII);

    try (Socket socket = new Socket("127.0.0.1", service.port())) {
      OutputStream out = socket.getOutputStream();
      out.write(("POST /v1/schedule?solver=optaplanner&timeLimit=3m HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
          + "Content-Length: " + body.length + "\r\n\r\n").getBytes(US_ASCII));
      out.write(body);
      out.flush();
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (ServiceClient.json(client.get("/v1/ready")).get("solvesRunning").asInt() == 0 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(ServiceClient.json(client.get("/v1/ready")).get("solvesRunning").asInt()).isEqualTo(1);
    }
    // The client is gone: within seconds, not three minutes, the slot is free again.
    long t0 = System.nanoTime();
    while (ServiceClient.json(client.get("/v1/ready")).get("solvesRunning").asInt() != 0
        && System.nanoTime() - t0 < Duration.ofSeconds(30).toNanos()) {
      Thread.sleep(50);
    }
    assertThat(ServiceClient.json(client.get("/v1/ready")).get("solvesRunning").asInt()).isZero();
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
    assertThat(client.post("/v1/schedule", TestProblems.SMALL).statusCode()).isEqualTo(200);
  }

  @Test
  void connectionsBeyondTheLimitWaitUntilOneCloses() throws Exception {
    start(ServiceConfig.builder().maxConnections(3));
    java.util.List<Socket> idle = new java.util.ArrayList<>();
    try {
      for (int i = 0; i < 3; i++) {
        idle.add(new Socket("127.0.0.1", service.port()));
      }
      Thread.sleep(300);
      java.util.concurrent.CompletableFuture<String> fourth = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
        try {
          return client.raw("GET /v1/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".getBytes(US_ASCII),
              Duration.ofSeconds(20));
        } catch (java.io.IOException e) {
          return "FAILED " + e;
        }
      });
      Thread.sleep(1000);
      assertThat(fourth).as("not served while 3 connections are open").isNotDone();

      idle.remove(0).close();

      assertThat(fourth.get(10, java.util.concurrent.TimeUnit.SECONDS)).startsWith("HTTP/1.1 200");
    } finally {
      for (Socket s : idle) {
        s.close();
      }
    }
  }

  @Test
  void healthAnswersWhileEverySolveSlotIsBusy() throws Exception {
    start(ServiceConfig.builder().maxConcurrentSolves(2));
    String week = TestProblems.weekJson(9, 150, 4);
    String a = client.post("/v1/solves?solver=optaplanner&timeLimit=1m", week).headers().firstValue("Location").orElseThrow();
    String b = client.post("/v1/solves?solver=optaplanner&timeLimit=1m", week).headers().firstValue("Location").orElseThrow();

    for (int i = 0; i < 20; i++) {
      long t0 = System.nanoTime();
      assertThat(client.get("/v1/health").statusCode()).isEqualTo(200);
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(1));
    }
    client.delete(a);
    client.delete(b);
  }
}
