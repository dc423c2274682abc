package dev.fairshift.service;

import org.junit.jupiter.api.AfterEach;

/** For tests of one service per test: started on a free port with a client, closed after the test. */
abstract class ServiceTestBase {
  /** The service the test started, or null. */
  RunningService service;
  /** A client of {@link #service}. */
  ServiceClient client;

  /** Starts the service with {@code config} on a free port (loopback unless the config says otherwise). */
  ServiceClient start(ServiceConfig.Builder config) {
    service = FairshiftService.start(config.port(0).build());
    client = new ServiceClient(service);
    return client;
  }

  @AfterEach
  void stop() {
    if (service != null) {
      service.close();
    }
  }
}
