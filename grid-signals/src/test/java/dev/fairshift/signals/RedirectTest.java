package dev.fairshift.signals;

import static dev.fairshift.signals.ProviderTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Headers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Credentials never leave the configured origin: a redirect to another host, port or scheme is
 * not followed (nothing reaches the other server) and ends in a typed error; a redirect within
 * the origin is followed. Two MockWebServers: {@code home} (configured) and {@code elsewhere}.
 */
class RedirectTest {
  private final MockWebServer home = new MockWebServer();
  private final MockWebServer elsewhere = new MockWebServer();
  private final List<RecordedRequest> elsewhereRequests = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    home.start();
    elsewhere.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        synchronized (elsewhereRequests) {
          elsewhereRequests.add(request);
        }
        return json("{}");
      }
    });
    elsewhere.start();
  }

  @AfterEach
  void stop() {
    home.close();
    elsewhere.close();
  }

  static List<ProviderCase> providers() {
    return ProviderCase.all();
  }

  static List<ProviderCase> withCredentials() {
    return ProviderCase.withCredentials();
  }

  private static MockResponse redirect(int code, String location) {
    return new MockResponse(code, Headers.of("Location", location), "");
  }

  /** Answers the login (if any) normally and every data request with {@code data}. */
  private void serve(ProviderCase provider, Function<RecordedRequest, MockResponse> data) {
    home.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        if (provider.login() && request.getUrl().encodedPath().equals("/login")) {
          return json(ProviderCase.loginAnswer());
        }
        return data.apply(request);
      }
    });
  }

  private void assertRefused(Throwable thrown, ProviderCase provider, int code) {
    assertThat(thrown).as(provider.name()).isInstanceOfSatisfying(RequestRejectedException.class, e -> {
      assertThat(e.statusCode()).isEqualTo(code);
      assertThat(e.provider()).isEqualTo(provider.name());
      assertThat(e.zone()).isEqualTo(provider.zone());
      assertThat(e.from()).isEqualTo(provider.from());
      assertThat(e.getMessage()).contains("redirect").contains("not followed").contains("Maybe set the base URL");
    });
    for (String secret : provider.secrets()) {
      assertThat(thrown.getMessage()).doesNotContain(secret);
    }
  }

  @ParameterizedTest
  @MethodSource("providers")
  void dataRedirect_toAnotherPort_isNotFollowed(ProviderCase provider) {
    for (int code : new int[] {301, 302, 303, 307, 308}) {
      String target = elsewhere.url(provider.dataPath()).toString() + "?steal=1";
      serve(provider, request -> redirect(code, target));

      Throwable thrown = catchThrowable(() -> provider.source(home).history(provider.zone(), provider.from(), provider.to()));

      assertRefused(thrown, provider, code);
      assertThat(thrown.getMessage()).contains(":" + elsewhere.getPort());
    }
    assertThat(elsewhereRequests).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("providers")
  void dataRedirect_toAnotherScheme_isNotFollowed(ProviderCase provider) {
    String https = home.url(provider.dataPath()).newBuilder().scheme("https").port(home.getPort()).build().toString();
    AtomicInteger dataRequests = new AtomicInteger();
    serve(provider, request -> {
      dataRequests.incrementAndGet();
      return redirect(302, https);
    });

    Throwable thrown = catchThrowable(() -> provider.source(home).history(provider.zone(), provider.from(), provider.to()));

    assertRefused(thrown, provider, 302);
    assertThat(thrown.getMessage()).contains("https://");
    assertThat(dataRequests).hasValue(1);
  }

  @ParameterizedTest
  @MethodSource("providers")
  void dataRedirect_withinTheOrigin_isFollowedWithCredentials(ProviderCase provider) throws Exception {
    List<RecordedRequest> data = new ArrayList<>();
    serve(provider, request -> {
      synchronized (data) {
        data.add(request);
      }
      String path = request.getUrl().encodedPath();
      return path.startsWith("/moved") ? json(provider.fixture())
          : redirect(307, "/moved" + path + "?" + request.getUrl().encodedQuery());
    });

    IntensitySeries series = provider.source(home).history(provider.zone(), provider.from(), provider.to());

    assertThat(series.points()).isNotEmpty();
    assertThat(data).hasSize(2);
    if (provider.credentialHeader() != null) {
      assertThat(data.get(1).getHeaders().get(provider.credentialHeader()))
          .isEqualTo(data.get(0).getHeaders().get(provider.credentialHeader())).isNotNull();
    }
    assertThat(elsewhereRequests).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("providers")
  void redirectLoop_orNoLocation_isATypedError(ProviderCase provider) {
    serve(provider, request -> redirect(302, request.getUrl().encodedPath() + "?again"));
    assertRefused(catchThrowable(() -> provider.source(home).history(provider.zone(), provider.from(), provider.to())),
        provider, 302);

    serve(provider, request -> new MockResponse(302, Headers.of(), ""));
    Throwable thrown = catchThrowable(() -> provider.source(home).history(provider.zone(), provider.from(), provider.to()));
    assertRefused(thrown, provider, 302);
    assertThat(thrown.getMessage()).contains("without a usable Location");
  }

  @ParameterizedTest
  @MethodSource("withCredentials")
  void redirect_echoingTheCredentialInTheLocation_neverShowsIt(ProviderCase provider) {
    String secret = provider.secrets().get(0);
    serve(provider, request -> redirect(302, "http://" + secret.toLowerCase() + ".example:81/?key=" + secret));

    Throwable thrown = catchThrowable(() -> provider.source(home).history(provider.zone(), provider.from(), provider.to()));

    assertRefused(thrown, provider, 302);
    assertThat(thrown.getMessage()).contains(".example:81");
  }

  @org.junit.jupiter.api.Test
  void wattTime_loginRedirect_sendsNoPasswordElsewhere() {
    home.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return redirect(302, elsewhere.url("/login").toString());
      }
    });
    ProviderCase wt = ProviderCase.WATTTIME;

    Throwable thrown = catchThrowable(() -> wt.source(home).history(wt.zone(), wt.from(), wt.to()));

    assertRefused(thrown, wt, 302);
    assertThat(thrown.getMessage()).contains("login HTTP 302");
    assertThat(elsewhereRequests).isEmpty();
    assertThat(home.getRequestCount()).isEqualTo(1);
  }

  @org.junit.jupiter.api.Test
  void wattTime_tokenRefreshRedirect_sendsNoPasswordElsewhere() throws Exception {
    AtomicInteger logins = new AtomicInteger();
    home.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        if (request.getUrl().encodedPath().equals("/login")) {
          return logins.incrementAndGet() == 1 ? json(ProviderCase.loginAnswer())
              : redirect(307, elsewhere.url("/login").toString());
        }
        return json(401, "{\"error\":\"token expired\"}");
      }
    });
    ProviderCase wt = ProviderCase.WATTTIME;

    Throwable thrown = catchThrowable(() -> wt.source(home).history(wt.zone(), wt.from(), wt.to()));

    assertRefused(thrown, wt, 307);
    assertThat(logins).hasValue(2);
    assertThat(elsewhereRequests).isEmpty();
    RecordedRequest first = home.takeRequest();
    assertThat(first.getHeaders().get("Authorization")).isEqualTo("Basic " + ProviderCase.WT_BASIC);
  }
}
