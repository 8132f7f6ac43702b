-- One row per weather observation.
-- key: reading_id
-- incremental: append_new
-- partition_by: observed_date
SELECT
  trim(reading_id)                                     AS reading_id,
  trim(city)                                           AS city,
  upper(trim(country))                                 AS country,
  CAST(trim(observed_ts) AS TIMESTAMP)                 AS observed_ts,
  CAST(CAST(trim(observed_ts) AS TIMESTAMP) AS DATE)   AS observed_date,
  CAST(temperature_c AS DOUBLE)                        AS temperature_c,
  humidity_pct,
  pressure_hpa,
  CAST(wind_speed_ms AS DOUBLE)                        AS wind_speed_ms,
  trim(condition)                                      AS condition,
  trim(source)                                         AS source,
  _source_partition,
  _source_offset,
  _kafka_timestamp,
  _ingested_at
FROM bronze_weather
