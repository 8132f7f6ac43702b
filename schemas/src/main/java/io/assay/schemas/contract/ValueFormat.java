package io.assay.schemas.contract;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Currency;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Well-known formats a contract can name with {@code format:}. */
public enum ValueFormat {
  ISO8601("an ISO-8601 timestamp with offset", ValueFormat::isIsoInstant),
  CURRENCY_CODE("an ISO-4217 currency code", Codes.CURRENCIES::contains),
  COUNTRY_CODE("an ISO-3166 alpha-2 country code", Codes.COUNTRIES::contains),
  UUID("a UUID", text -> Codes.UUID.matcher(text).matches());

  private final String description;
  private final Predicate<String> test;

  ValueFormat(String description, Predicate<String> test) {
    this.description = description;
    this.test = test;
  }

  public static ValueFormat parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown format '" + text + "': use one of iso8601, currency_code, country_code, uuid");
    }
  }

  public boolean accepts(String text) {
    return test.test(text);
  }

  public String description() {
    return description;
  }

  /** Parses an ISO-8601 instant ({@code 2026-11-24T10:15:30Z} or with an offset). */
  public static Instant parseInstant(String text) {
    return IsoInstants.parse(text);
  }

  private static boolean isIsoInstant(String text) {
    try {
      parseInstant(text);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  private static final class Codes {
    static final Set<String> CURRENCIES =
        Currency.getAvailableCurrencies().stream().map(Currency::getCurrencyCode).collect(Collectors.toUnmodifiableSet());
    static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
    static final Pattern UUID =
        Pattern.compile("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");
  }
}
