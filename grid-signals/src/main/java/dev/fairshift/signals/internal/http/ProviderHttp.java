package dev.fairshift.signals.internal.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.fairshift.signals.AuthenticationException;
import dev.fairshift.signals.ProviderConfig;
import dev.fairshift.signals.ProviderException;
import dev.fairshift.signals.ProviderUnavailableException;
import dev.fairshift.signals.RateLimitedException;
import dev.fairshift.signals.RequestRejectedException;
import java.io.IOException;
import java.net.URI;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.function.Predicate;
import java.util.function.Supplier;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The HTTP plumbing every provider client shares: an {@link OkHttpClient} derived from the config
 * (timeouts, the provider's authentication interceptors, then the {@link RetryInterceptor}), GET
 * with JSON parsing, and the mapping of failures to typed exceptions whose messages never contain
 * a secret. Thread-safe.
 */
public final class ProviderHttp {
  private static final int EXCERPT_CHARS = 240;

  private final String provider;
  private final OkHttpClient client;
  private final ObjectMapper mapper;
  private final HttpUrl baseUrl;
  private final Supplier<Collection<String>> secrets;
  private final String credentialsHint;

  /**
   * Plumbing for {@code config}'s provider.
   *
   * @param authInterceptors interceptors that add credentials, outermost first
   * @param secrets every secret that must be blanked out of messages (may change, e.g. tokens)
   * @param credentialsHint the fix to suggest on 401/403, e.g. "Maybe check the API token."
   */
  public ProviderHttp(ProviderConfig config, List<Interceptor> authInterceptors,
      Supplier<Collection<String>> secrets, String credentialsHint) {
    this.provider = config.providerName();
    OkHttpClient.Builder builder = clientBuilder(config);
    authInterceptors.forEach(builder::addInterceptor);
    builder.addInterceptor(retryInterceptor(config));
    this.client = builder.build();
    this.mapper = config.objectMapper();
    this.baseUrl = toHttpUrl(config.baseUrl());
    this.secrets = Objects.requireNonNull(secrets, "secrets");
    this.credentialsHint = Objects.requireNonNull(credentialsHint, "credentialsHint");
  }

  /** A client builder with the config's timeouts, built on the caller's client if there is one. */
  static OkHttpClient.Builder clientBuilder(ProviderConfig config) {
    OkHttpClient.Builder builder = config.httpClient().map(OkHttpClient::newBuilder)
        .orElseGet(OkHttpClient.Builder::new);
    return builder.connectTimeout(config.connectTimeout())
        .readTimeout(config.readTimeout())
        .writeTimeout(config.readTimeout())
        .callTimeout(config.callTimeout());
  }

  /** The retry interceptor for {@code config}. */
  static RetryInterceptor retryInterceptor(ProviderConfig config) {
    return new RetryInterceptor(config.providerName(), config.retryPolicy(), config.sleeper(), config.clock());
  }

  /** A builder for a URL below the base URL, e.g. {@code url("v3/forecast")}. */
  public HttpUrl.Builder url(String pathSegments) {
    return baseUrl.newBuilder().addPathSegments(pathSegments);
  }

  static HttpUrl toHttpUrl(URI uri) {
    HttpUrl url = HttpUrl.parse(uri.toString());
    if (url == null) {
      throw new IllegalArgumentException("Base URL '" + uri + "' is not an http(s) URL.");
    }
    return url;
  }

  /**
   * GETs {@code url} and parses the JSON answer. An answer without content (HTTP 204) gives a
   * {@link MissingNode}.
   *
   * @param bodySaysUnknownZone tells, from a 400/422 error body, whether the provider does not know the zone
   * @throws ProviderException typed by what went wrong
   */
  public JsonNode getJson(HttpUrl url, Query query, Predicate<String> bodySaysUnknownZone) {
    CallContext context = new CallContext();
    Request request = new Request.Builder().url(url).header("Accept", "application/json")
        .tag(CallContext.class, context).get().build();
    try (Response response = client.newCall(request).execute()) {
      int code = response.code();
      if (code >= 200 && code < 300) {
        return parse(response, code, query);
      }
      throw failure(code, excerpt(response), context, query, bodySaysUnknownZone, "");
    } catch (LoginFailedException e) {
      CallContext loginContext = e.context == null ? context : e.context;
      if (e.malformed) {
        throw query.malformed("the login answered without a readable token" + excerptSuffix(e.excerpt)
            + ". Maybe check the base URL.");
      }
      if (e.statusCode < 0) {
        throw unavailable(OptionalInt.empty(), loginContext, query, "login got no answer", e.getCause());
      }
      throw failure(e.statusCode, e.excerpt, loginContext, query, body -> false, "login ");
    } catch (IOException e) {
      throw unavailable(OptionalInt.empty(), context, query, "no answer", e);
    }
  }

  private JsonNode parse(Response response, int code, Query query) throws IOException {
    String body = response.body().string();
    if (code == 204 || (body.isBlank() && code != 200)) {
      return MissingNode.getInstance();
    }
    if (body.isBlank()) {
      throw query.malformed("HTTP 200 with an empty body. Maybe the base URL points at the wrong service.");
    }
    try {
      JsonNode node = mapper.readTree(body);
      if (node == null || node.isMissingNode()) {
        throw query.malformed("HTTP 200 with no JSON value. Maybe the base URL points at the wrong service.");
      }
      return node;
    } catch (JsonProcessingException e) {
      // No cause attached: Jackson quotes the offending text, which could echo a credential.
      throw query.malformed("the answer is not valid JSON (" + redact(e.getOriginalMessage())
          + " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr()
          + "). Maybe the answer was cut off; try again, or check the base URL.");
    }
  }

  private ProviderException failure(int code, String excerpt, CallContext context, Query query,
      Predicate<String> bodySaysUnknownZone, String what) {
    String status = what + "HTTP " + code + excerptSuffix(redact(excerpt));
    if (code == 401 || code == 403) {
      return new AuthenticationException(provider, query.zone(), query.from(), query.to(), code,
          status + ". " + credentialsHint);
    }
    if (code == 404) {
      return query.unknownZone(status + ". Maybe check the spelling of the zone and that "
          + provider + " covers it.");
    }
    if (code == 429) {
      return new RateLimitedException(provider, query.zone(), query.from(), query.to(),
          context.suggestedWait(), context.attempts, status + " after " + attempts(context)
          + (context.retryAfter != null ? "; the provider asks to wait " + context.retryAfter
              : "; the next backoff would be " + context.nextWait)
          + ". Maybe ask less often, wrap the source in a CachingSource, or raise RetryPolicy.maxRetryAfter.");
    }
    if (code >= 500 && code != 501) {
      return unavailable(OptionalInt.of(code), context, query, status, null);
    }
    if ((code == 400 || code == 422) && bodySaysUnknownZone.test(excerpt.toLowerCase(Locale.ROOT))) {
      return query.unknownZone(status + ". Maybe check the spelling of the zone and that "
          + provider + " covers it.");
    }
    return new RequestRejectedException(provider, query.zone(), query.from(), query.to(), code,
        status + ". Maybe check that " + provider + " serves this "
            + (query.forecast() ? "forecast" : "history") + " interval for your plan.");
  }

  private ProviderUnavailableException unavailable(OptionalInt code, CallContext context, Query query,
      String what, Throwable cause) {
    String reason = cause == null ? "" : " (" + cause.getClass().getSimpleName()
        + (cause.getMessage() == null ? "" : ": " + redact(cause.getMessage())) + ")";
    return new ProviderUnavailableException(provider, query.zone(), query.from(), query.to(), code,
        context.attempts, what + reason + " after " + attempts(context)
        + ". Maybe try again later, raise the timeouts, or add a FallbackSource.", cause);
  }

  private static String attempts(CallContext context) {
    return context.attempts == 1 ? "1 attempt" : context.attempts + " attempts";
  }

  private static String excerptSuffix(String excerpt) {
    return excerpt.isEmpty() ? "" : " (" + excerpt + ")";
  }

  private String excerpt(Response response) {
    try {
      String text = response.peekBody(4096).string().replaceAll("\\s+", " ").trim();
      text = redact(text);
      return text.length() <= EXCERPT_CHARS ? text : text.substring(0, EXCERPT_CHARS) + "...";
    } catch (IOException e) {
      return "";
    }
  }

  /** {@code text} with every secret replaced by {@code ***}. */
  String redact(String text) {
    if (text == null) {
      return "";
    }
    String result = text;
    for (String secret : secrets.get()) {
      if (secret != null && !secret.isEmpty()) {
        result = result.replace(secret, "***");
      }
    }
    return result;
  }
}
