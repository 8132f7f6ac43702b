-- Per Kafka-timestamp day and topic: valid events, dead letters (total and by category), the
-- violation rate, and the day's gate outcomes for the topic's Bronze and Silver tables.
-- Orders count once per order, not per line. quality_results is read as it is when Gold is
-- staged; a gate result recorded later reaches a day the next time that day is rebuilt.
-- key: day, topic
-- incremental: replace_days(day)
-- partition_by: day
-- days_from: silver_orders: CAST(_kafka_timestamp AS DATE)
-- days_from: silver_clickstream: CAST(_kafka_timestamp AS DATE)
-- days_from: silver_payments: CAST(_kafka_timestamp AS DATE)
-- days_from: silver_weather: CAST(_kafka_timestamp AS DATE)
-- days_from: silver_dlq_audit: dead_letter_date
-- optional: quality_results (table_name STRING, status STRING, checked_at TIMESTAMP)
WITH valid AS (
  SELECT CAST(_kafka_timestamp AS DATE) AS day, 'orders' AS topic, COUNT(DISTINCT order_id) AS valid_events
  FROM silver_orders GROUP BY CAST(_kafka_timestamp AS DATE)
  UNION ALL
  SELECT CAST(_kafka_timestamp AS DATE), 'clickstream', COUNT(*)
  FROM silver_clickstream GROUP BY CAST(_kafka_timestamp AS DATE)
  UNION ALL
  SELECT CAST(_kafka_timestamp AS DATE), 'payments', COUNT(*)
  FROM silver_payments GROUP BY CAST(_kafka_timestamp AS DATE)
  UNION ALL
  SELECT CAST(_kafka_timestamp AS DATE), 'weather', COUNT(*)
  FROM silver_weather GROUP BY CAST(_kafka_timestamp AS DATE)
),
dead_by_category AS (
  SELECT dead_letter_date AS day, source_topic AS topic, category, COUNT(*) AS dead_letters
  FROM silver_dlq_audit
  GROUP BY dead_letter_date, source_topic, category
),
dead AS (
  SELECT day, topic,
         SUM(dead_letters) AS dead_letters,
         map_from_entries(collect_list(struct(category, dead_letters))) AS dead_letters_by_category
  FROM dead_by_category
  GROUP BY day, topic
),
gates AS (
  SELECT CAST(checked_at AS DATE) AS day,
         regexp_extract(table_name, '^(bronze|silver)_(.+)$', 2) AS topic,
         COUNT_IF(status = 'PASSED') AS passed,
         COUNT_IF(status = 'WARNED') AS warned,
         COUNT_IF(status = 'FAILED') AS failed
  FROM quality_results
  WHERE table_name RLIKE '^(bronze|silver)_'
  GROUP BY CAST(checked_at AS DATE), regexp_extract(table_name, '^(bronze|silver)_(.+)$', 2)
),
day_topics AS (
  -- valid and dead each hold one row per (day, topic): one full join reads each source once,
  -- where a UNION of their keys joined back to both read every Silver table twice.
  SELECT COALESCE(v.day, d.day) AS day, COALESCE(v.topic, d.topic) AS topic,
         v.valid_events, d.dead_letters, d.dead_letters_by_category
  FROM valid v
  FULL OUTER JOIN dead d ON d.day = v.day AND d.topic = v.topic
)
SELECT
  k.day,
  k.topic,
  CAST(COALESCE(k.valid_events, 0) AS BIGINT)                                   AS valid_events,
  CAST(COALESCE(k.dead_letters, 0) AS BIGINT)                                   AS dead_letters,
  CAST(COALESCE(k.valid_events, 0) + COALESCE(k.dead_letters, 0) AS BIGINT)     AS events,
  CAST(ROUND(CAST(COALESCE(k.dead_letters, 0) AS DECIMAL(20,0))
             / (COALESCE(k.valid_events, 0) + COALESCE(k.dead_letters, 0)), 4) AS DECIMAL(7,4)) AS violation_rate,
  COALESCE(k.dead_letters_by_category, CAST(map() AS MAP<STRING, BIGINT>))      AS dead_letters_by_category,
  CAST(COALESCE(g.passed, 0) AS BIGINT)                                         AS gate_checks_passed,
  CAST(COALESCE(g.warned, 0) AS BIGINT)                                         AS gate_checks_warned,
  CAST(COALESCE(g.failed, 0) AS BIGINT)                                         AS gate_checks_failed
FROM day_topics k
LEFT JOIN gates g ON g.day = k.day AND g.topic = k.topic
