-- Failed logins by error code over the last ${window_hours} complete hours; the ${login_top_n} commonest
-- codes keep their number, the rest are summed under 'other'.
WITH BY_CODE AS (
    SELECT COALESCE(TO_VARCHAR(ERROR_CODE), 'none') AS CODE, COUNT(*) AS FAILED
    FROM SNOWFLAKE.ACCOUNT_USAGE.LOGIN_HISTORY
    WHERE EVENT_TIMESTAMP >= DATEADD(HOUR, -${window_hours}, DATE_TRUNC(HOUR, CURRENT_TIMESTAMP()))
      AND EVENT_TIMESTAMP < DATE_TRUNC(HOUR, CURRENT_TIMESTAMP())
      AND IS_SUCCESS = 'NO'
    GROUP BY 1
),
RANKED AS (
    SELECT CODE, FAILED, ROW_NUMBER() OVER (ORDER BY FAILED DESC) AS RN FROM BY_CODE
)
SELECT IFF(RN <= ${login_top_n}, CODE, 'other') AS ERROR_CODE_LABEL, SUM(FAILED) AS FAILED
FROM RANKED
GROUP BY 1
LIMIT ${login_limit}
