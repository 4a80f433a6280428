-- NPS by month by segment for the last 12 months, as plain SQL over Voxloop's schema
-- (PostgreSQL). psql variables (set by bench/parts/metrics.sh): ws, from_ms, to_ms, as in
-- nps_sqlite.sql; the month is taken in the workspace's time zone. Counted as the query API
-- counts: feedback items outside survey responses whose rating is a whole number 0–10.
-- NPS = 100 · (promoters(9–10) − detractors(0–6)) / answers.
-- Written for speed within the schema: float (not numeric) time arithmetic, grouping on the
-- truncated timestamp and formatting only the 240 result rows, and a rating filter the
-- planner can estimate (IN over its 11 values).
SELECT to_char(date_trunc('month', to_timestamp(f.received_at::float8 / 1000) AT TIME ZONE 'Asia/Ho_Chi_Minh'),
               'YYYY-MM') AS month,
       c.attributes::jsonb ->> 'segment' AS segment,
       count(*) AS n,
       100.0 * (count(*) FILTER (WHERE f.rating >= 9) - count(*) FILTER (WHERE f.rating <= 6))
         / count(*) AS nps
FROM feedback f
JOIN customers c ON c.id = f.customer_id
WHERE f.workspace_id = :ws
  AND f.received_at >= :from_ms AND f.received_at < :to_ms
  AND f.response_id IS NULL
  AND f.rating IN (0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10)
GROUP BY date_trunc('month', to_timestamp(f.received_at::float8 / 1000) AT TIME ZONE 'Asia/Ho_Chi_Minh'), 2
ORDER BY 1, 2;
