-- Payment attempts and successes per payment day and method. The rate is computed in decimal
-- (never double) and rounded half-up to four places.
-- key: payment_date, method
-- incremental: replace_days(payment_date)
-- partition_by: payment_date
-- days_from: silver_payments: payment_date
SELECT
  payment_date,
  method,
  COUNT(*)                               AS attempts,
  COUNT_IF(status = 'SUCCEEDED')         AS successes,
  CAST(ROUND(CAST(COUNT_IF(status = 'SUCCEEDED') AS DECIMAL(20,0)) / COUNT(*), 4) AS DECIMAL(7,4)) AS success_rate
FROM silver_payments
GROUP BY payment_date, method
