-- NPS by month by segment for the last 12 months, as plain SQL over Voxloop's schema (SQLite).
-- Parameters (set by bench/parts/metrics.sh): :ws the workspace, :from_ms and :to_ms the range
-- (local midnight of the first day of the month 11 months ago, of the next month). The local
-- month uses a fixed +07:00 offset, exact for Asia/Ho_Chi_Minh (no daylight saving time).
-- Counted as the query API counts: feedback items outside survey responses whose rating is a
-- whole number 0–10. NPS = 100 · (promoters(9–10) − detractors(0–6)) / answers.
-- Plan: the (workspace_id, received_at, id) index for the range, the customer by primary key.
SELECT strftime('%Y-%m', (f.received_at + 25200000) / 1000, 'unixepoch') AS month,
       json_extract(c.attributes, '$.segment') AS segment,
       count(*) AS n,
       100.0 * (sum(f.rating >= 9) - sum(f.rating <= 6)) / count(*) AS nps
FROM feedback f
JOIN customers c ON c.id = f.customer_id
WHERE f.workspace_id = :ws
  AND f.received_at >= :from_ms AND f.received_at < :to_ms
  AND f.response_id IS NULL
  AND f.rating IN (0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10)
GROUP BY month, segment
ORDER BY month, segment;
