package io.assay.ingestion.weather;

/** OpenWeatherMap refused or failed a request; says whether trying again can help. */
public class WeatherApiException extends RuntimeException {
  private final int httpStatus;
  private final boolean retryable;
  private final java.time.Duration retryAfter;

  public WeatherApiException(String message, int httpStatus, boolean retryable, Throwable cause) {
    this(message, httpStatus, retryable, null, cause);
  }

  public WeatherApiException(String message, int httpStatus, boolean retryable, java.time.Duration retryAfter, Throwable cause) {
    super(message, cause);
    this.httpStatus = httpStatus;
    this.retryable = retryable;
    this.retryAfter = retryAfter;
  }

  /** How long the server asked us to wait (HTTP Retry-After), when it said. */
  public java.util.Optional<java.time.Duration> retryAfter() {
    return java.util.Optional.ofNullable(retryAfter);
  }

  /** 0 when no HTTP answer came (network error, timeout). */
  public int httpStatus() {
    return httpStatus;
  }

  public boolean retryable() {
    return retryable;
  }
}
