package io.assay.schemas.registry;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Where the schema registry is and how to authenticate: none for the embedded one, HTTP basic auth
 * (API key and secret) for Confluent Cloud. The password never appears in {@link #toString()}.
 */
public record RegistrySettings(URI url, Optional<String> basicAuthUser, Optional<String> basicAuthPassword, Duration timeout) {
  public static RegistrySettings of(String url) {
    return new RegistrySettings(URI.create(url), Optional.empty(), Optional.empty(), Duration.ofSeconds(10));
  }

  @Override
  public String toString() {
    return "RegistrySettings[" + url + basicAuthUser.map(u -> ", user=" + u + ", password=****").orElse("") + "]";
  }
}
