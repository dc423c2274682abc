package dev.fairshift.signals.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import okhttp3.Credentials;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * WattTime's token dance: logs in on {@code /login} with HTTP basic auth, sends the token as
 * {@code Authorization: Bearer ...}, logs in again when the token is older than its lifetime
 * (by the injected clock), and when the API answers 401 logs in again and retries once.
 *
 * <p>Logins are serialised (one at a time per client), so a burst of calls with an expired token
 * logs in once. Thread-safe.
 */
public final class WattTimeAuthInterceptor implements Interceptor {
  private final OkHttpClient loginClient;
  private final HttpUrl loginUrl;
  private final String basicCredentials;
  private final String password;
  private final Clock clock;
  private final Duration lifetime;
  private final ObjectMapper mapper;
  private final Duration callTimeout;
  private final Redactor redactor;
  private Token token;
  /** The last few tokens, still masked in messages after they were replaced. */
  private final java.util.ArrayDeque<String> previousTokens = new java.util.ArrayDeque<>();

  private record Token(String value, Instant obtainedAt) {
  }

  /**
   * An interceptor logging in at {@code loginUrl} through {@code loginClient} (which should retry,
   * follow no redirects to other origins and carry no other authentication), each login limited to
   * {@code callTimeout}; error excerpts are cleaned by {@code redactor}.
   */
  public WattTimeAuthInterceptor(OkHttpClient loginClient, HttpUrl loginUrl, String username,
      String password, Clock clock, Duration lifetime, ObjectMapper mapper, Duration callTimeout,
      Redactor redactor) {
    this.callTimeout = Objects.requireNonNull(callTimeout, "callTimeout");
    this.redactor = Objects.requireNonNull(redactor, "redactor");
    this.loginClient = Objects.requireNonNull(loginClient, "loginClient");
    this.loginUrl = Objects.requireNonNull(loginUrl, "loginUrl");
    this.basicCredentials = Credentials.basic(username, password);
    this.password = password;
    this.clock = Objects.requireNonNull(clock, "clock");
    this.lifetime = Objects.requireNonNull(lifetime, "lifetime");
    this.mapper = Objects.requireNonNull(mapper, "mapper");
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Token used = validToken();
    Response response = chain.proceed(withBearer(chain.request(), used));
    if (response.code() != 401) {
      return response;
    }
    response.close();
    Token fresh = replace(used);
    return chain.proceed(withBearer(chain.request(), fresh));
  }

  /** The secrets to blank out of messages: password, basic credentials and the current token. */
  public synchronized Collection<String> secrets() {
    List<String> secrets = new ArrayList<>(List.of(password, basicCredentials, basicCredentials.substring(6)));
    if (token != null) {
      secrets.add(token.value());
    }
    secrets.addAll(previousTokens);
    return secrets;
  }

  private synchronized Token validToken() throws IOException {
    if (token == null || !clock.instant().isBefore(token.obtainedAt().plus(lifetime))) {
      setToken(login());
    }
    return token;
  }

  private void setToken(Token fresh) {
    if (token != null) {
      previousTokens.addFirst(token.value());
      while (previousTokens.size() > 4) {
        previousTokens.removeLast();
      }
    }
    token = fresh;
  }

  /** A new token after {@code rejected} was refused, unless another call already replaced it. */
  private synchronized Token replace(Token rejected) throws IOException {
    if (token == rejected) {
      setToken(login());
    }
    return token;
  }

  private static Request withBearer(Request request, Token token) {
    return request.newBuilder().header("Authorization", "Bearer " + token.value()).build();
  }

  private Token login() throws IOException {
    CallContext context = CallContext.startingNow(callTimeout);
    Request request = new Request.Builder().url(loginUrl).header("Authorization", basicCredentials)
        .header("Accept", "application/json").tag(CallContext.class, context).get().build();
    try (Response response = loginClient.newCall(request).execute()) {
      if (!response.isSuccessful()) {
        HttpUrl redirect = SameOriginRedirects.isRedirect(response.code()) ? SameOriginRedirects.target(response) : null;
        throw new LoginFailedException(response.code(), false, context,
            ProviderHttp.excerpt(response, redactor), null, redirect, false);
      }
      String body = response.body().string();
      JsonNode tokenNode;
      try {
        tokenNode = mapper.readTree(body).get("token");
      } catch (IOException e) {
        throw new LoginFailedException(response.code(), true, context, "", null);
      }
      if (tokenNode == null || !tokenNode.isTextual() || tokenNode.textValue().isBlank()) {
        throw new LoginFailedException(response.code(), true, context, "", null);
      }
      return new Token(tokenNode.textValue(), clock.instant());
    } catch (LoginFailedException e) {
      throw e;
    } catch (ResponseTooLargeException e) {
      throw new LoginFailedException(-1, false, context, "", null, null, true);
    } catch (IOException e) {
      throw new LoginFailedException(-1, false, context, "", e);
    }
  }
}
