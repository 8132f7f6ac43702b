package io.assay.ingestion.bronze;

import io.assay.schemas.registry.RegistrySettings;
import java.io.Serializable;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** Registry settings in a form Spark can ship to executors. The password is never printed. */
public record RegistryEndpoint(String url, String user, String password, long timeoutMillis, long retryBudgetMillis)
    implements Serializable {

  public static RegistryEndpoint of(RegistrySettings settings, Duration retryBudget) {
    return new RegistryEndpoint(settings.url().toString(), settings.basicAuthUser().orElse(null),
        settings.basicAuthPassword().orElse(null), settings.timeout().toMillis(), retryBudget.toMillis());
  }

  public RegistrySettings settings() {
    return new RegistrySettings(URI.create(url), Optional.ofNullable(user), Optional.ofNullable(password), Duration.ofMillis(timeoutMillis));
  }

  @Override
  public String toString() {
    return "RegistryEndpoint[" + url + (user == null ? "" : ", user=" + user + ", password=****") + "]";
  }
}
