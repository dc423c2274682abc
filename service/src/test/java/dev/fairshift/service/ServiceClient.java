package dev.fairshift.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A JDK HttpClient and raw sockets against a running service, for tests. */
final class ServiceClient {
  static final ObjectMapper MAPPER = new ObjectMapper();
  final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  final RunningService service;
  String token;

  ServiceClient(RunningService service) {
    this.service = service;
  }

  HttpRequest.Builder request(String path) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + path))
        .timeout(Duration.ofSeconds(60));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return b;
  }

  HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return send(request(path).GET());
  }

  HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
    return send(request(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  HttpResponse<String> delete(String path) throws IOException, InterruptedException {
    return send(request(path).DELETE());
  }

  static JsonNode json(HttpResponse<String> response) throws IOException {
    return MAPPER.readTree(response.body());
  }

  /** Sends {@code bytes} on a fresh socket and reads everything until the server closes (or {@code wait} passes). */
  String raw(byte[] bytes, Duration wait) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", service.port())) {
      socket.setSoTimeout((int) wait.toMillis());
      OutputStream out = socket.getOutputStream();
      out.write(bytes);
      out.flush();
      InputStream in = socket.getInputStream();
      java.io.ByteArrayOutputStream read = new java.io.ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      try {
        for (int n; (n = in.read(buffer)) >= 0; ) {
          read.write(buffer, 0, n);
          if (complete(read.toString(StandardCharsets.ISO_8859_1))) {
            break;
          }
        }
        return read.toString(StandardCharsets.ISO_8859_1);
      } catch (java.net.SocketTimeoutException e) {
        // Still open: what arrived (a complete answer on a kept-alive connection), or TIMEOUT if nothing did.
        return read.size() == 0 ? "TIMEOUT" : read.toString(StandardCharsets.ISO_8859_1);
      } catch (java.net.SocketException e) {
        return read.size() == 0 ? "RESET" : read.toString(StandardCharsets.ISO_8859_1);
      }
    }
  }

  /** Whether {@code text} holds a whole response with a Content-Length (the connection may stay open). */
  private static boolean complete(String text) {
    int end = text.indexOf("\r\n\r\n");
    if (end < 0) {
      return false;
    }
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?i)\r\ncontent-length: *([0-9]+)").matcher(text.substring(0, end));
    return m.find() && text.length() - end - 4 >= Long.parseLong(m.group(1));
  }

  /** The body of a raw HTTP response. */
  static String body(String rawResponse) {
    int i = rawResponse.indexOf("\r\n\r\n");
    return i < 0 ? "" : rawResponse.substring(i + 4);
  }
}
