package io.assay.stack.registry;

import org.apache.avro.Schema;

/** Versions of one record type, each named for how it differs from the first. */
final class OrderSchemas {

  static final String V1_JSON = """
      {"type": "record", "name": "Order", "namespace": "io.assay.test", "fields": [
        {"name": "id", "type": "string"},
        {"name": "amount", "type": "double"}]}""";

  static final Schema V1 = parse(V1_JSON);

  static final Schema WITH_OPTIONAL_CURRENCY = parse("""
      {"type": "record", "name": "Order", "namespace": "io.assay.test", "fields": [
        {"name": "id", "type": "string"},
        {"name": "amount", "type": "double"},
        {"name": "currency", "type": ["null", "string"], "default": null}]}""");

  static final Schema WITH_REQUIRED_CURRENCY = parse("""
      {"type": "record", "name": "Order", "namespace": "io.assay.test", "fields": [
        {"name": "id", "type": "string"},
        {"name": "amount", "type": "double"},
        {"name": "currency", "type": "string"}]}""");

  static final Schema WITHOUT_AMOUNT = parse("""
      {"type": "record", "name": "Order", "namespace": "io.assay.test", "fields": [
        {"name": "id", "type": "string"}]}""");

  /** Compatible with {@link #WITHOUT_AMOUNT} but not with {@link #V1}: double cannot be read as string. */
  static final Schema WITH_TEXT_AMOUNT = parse("""
      {"type": "record", "name": "Order", "namespace": "io.assay.test", "fields": [
        {"name": "id", "type": "string"},
        {"name": "amount", "type": "string", "default": ""}]}""");

  static Schema withCurrencyDefault(String currency) {
    return parse("""
        {"type": "record", "name": "Order", "namespace": "io.assay.test", "fields": [
          {"name": "id", "type": "string"},
          {"name": "amount", "type": "double"},
          {"name": "currency", "type": "string", "default": "%s"}]}""".formatted(currency));
  }

  private static Schema parse(String json) {
    return new Schema.Parser().parse(json);
  }

  private OrderSchemas() {}
}
