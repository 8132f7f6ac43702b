-- One row per order line: the Bronze order's items exploded in the order the producer listed them.
-- Order-level values (order_total, item_count, address) repeat on every line of the order.
-- key: order_id, line_number
-- incremental: append_new
-- partition_by: order_date
SELECT
  trim(o.order_id)                                        AS order_id,
  CAST(item_position + 1 AS INT)                          AS line_number,
  trim(o.customer_id)                                     AS customer_id,
  CAST(trim(o.order_ts) AS TIMESTAMP)                     AS order_ts,
  CAST(CAST(trim(o.order_ts) AS TIMESTAMP) AS DATE)       AS order_date,
  upper(trim(o.status))                                   AS status,
  upper(trim(o.currency))                                 AS currency,
  trim(item.product_id)                                   AS product_id,
  trim(item.product_name)                                 AS product_name,
  lower(trim(item.category))                              AS category,
  item.quantity                                           AS quantity,
  CAST(item.unit_price AS DECIMAL(12,2))                  AS unit_price,
  CAST(item.quantity * item.unit_price AS DECIMAL(18,2))  AS line_amount,
  CAST(o.total_amount AS DECIMAL(12,2))                   AS order_total,
  CAST(size(o.items) AS INT)                              AS item_count,
  trim(o.shipping_address.city)                           AS ship_city,
  trim(o.shipping_address.postal_code)                    AS ship_postal_code,
  upper(trim(o.shipping_address.country))                 AS ship_country,
  o._source_partition,
  o._source_offset,
  o._kafka_timestamp,
  o._ingested_at
FROM bronze_orders o
LATERAL VIEW posexplode(o.items) lines AS item_position, item
