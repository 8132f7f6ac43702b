-- Revenue per order day and currency. Every status counts. An order's total is counted once,
-- however many lines it has; the average is rounded half-up to the cent.
-- key: order_date, currency
-- incremental: replace_days(order_date)
-- partition_by: order_date
-- days_from: silver_orders: order_date
WITH per_order AS (
  SELECT order_date, currency, order_id,
         MAX(order_total)  AS order_total,
         SUM(quantity)     AS items
  FROM silver_orders
  GROUP BY order_date, currency, order_id
)
SELECT
  order_date,
  currency,
  COUNT(*)                                              AS orders,
  CAST(SUM(items) AS BIGINT)                            AS items,
  CAST(SUM(order_total) AS DECIMAL(18,2))               AS gross_revenue,
  CAST(ROUND(SUM(order_total) / COUNT(*), 2) AS DECIMAL(18,2)) AS avg_order_value
FROM per_order
GROUP BY order_date, currency
