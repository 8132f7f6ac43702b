-- Dead letters made queryable: one row per rejected Kafka record, identified by where it sat in Kafka.
-- A record re-delivered after a crash has the same id; the first ingested copy is kept.
-- key: dead_letter_id
-- incremental: append_new
-- partition_by: dead_letter_date
-- keep_first_by: ingested_at
SELECT
  concat(source_topic, ':', CAST(source_partition AS STRING), ':', CAST(source_offset AS STRING)) AS dead_letter_id,
  upper(trim(category))          AS category,
  source_topic,
  source_partition,
  source_offset,
  trim(field)                    AS field,
  observed_value,
  trim(rule)                     AS rule,
  trim(detail)                   AS detail,
  schema_id,
  kafka_timestamp,
  CAST(kafka_timestamp AS DATE)  AS dead_letter_date,
  ingested_at
FROM bronze_dlq_audit
