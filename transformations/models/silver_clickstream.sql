-- One row per site interaction. Optional strings that arrive blank become null.
-- key: event_id
-- incremental: append_new
-- partition_by: event_date
SELECT
  trim(event_id)                                    AS event_id,
  trim(session_id)                                  AS session_id,
  nullif(trim(user_id), '')                         AS user_id,
  CAST(trim(event_ts) AS TIMESTAMP)                 AS event_ts,
  CAST(CAST(trim(event_ts) AS TIMESTAMP) AS DATE)   AS event_date,
  lower(trim(event_type))                           AS event_type,
  nullif(trim(page_url), '')                        AS page_url,
  nullif(trim(referrer), '')                        AS referrer,
  lower(trim(device))                               AS device,
  duration_ms,
  _source_partition,
  _source_offset,
  _kafka_timestamp,
  _ingested_at
FROM bronze_clickstream
