-- One row per payment attempt.
-- key: payment_id
-- incremental: append_new
-- partition_by: payment_date
SELECT
  trim(payment_id)                                    AS payment_id,
  trim(order_id)                                      AS order_id,
  trim(customer_id)                                   AS customer_id,
  CAST(trim(payment_ts) AS TIMESTAMP)                 AS payment_ts,
  CAST(CAST(trim(payment_ts) AS TIMESTAMP) AS DATE)   AS payment_date,
  lower(trim(method))                                 AS method,
  upper(trim(status))                                 AS status,
  CAST(amount AS DECIMAL(12,2))                       AS amount,
  upper(trim(currency))                               AS currency,
  nullif(trim(failure_reason), '')                    AS failure_reason,
  _source_partition,
  _source_offset,
  _kafka_timestamp,
  _ingested_at
FROM bronze_payments
