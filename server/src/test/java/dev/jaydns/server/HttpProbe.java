package dev.jaydns.server;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Real HTTP on loopback for the metrics, health and ready tests, and free ports to bind. */
final class HttpProbe {

  private HttpProbe() {}

  /** A status and a body. */
  record Reply(int status, String body) {}

  /** GET http://127.0.0.1:PORT/PATH. */
  static Reply get(int port, String path) throws IOException, InterruptedException {
    HttpRequest r =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(5))
            .GET()
            .build();
    // A fresh client per request: a pooled connection to a port an earlier test's Jay listened on
    // would be reused after that Jay closed, and read EOF.
    // HTTP/1.1 as Prometheus and kubelet probes speak it (no h2c upgrade attempt).
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3))
            .build();
    HttpResponse<String> response = client.send(r, HttpResponse.BodyHandlers.ofString());
    return new Reply(response.statusCode(), response.body());
  }

  /** A port on 127.0.0.1 nobody listened on a moment ago. */
  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return s.getLocalPort();
    }
  }
}
