-- marts.policy_series: one row per series and month, so no month of a series mixes detail
-- levels or releases (a sum across them would count the same encounters twice).
select series_id, month, count(*) as n_rows,
    count(distinct detail_level) as detail_levels, count(distinct release) as releases
from marts.policy_series
group by series_id, month
having count(*) > 1
