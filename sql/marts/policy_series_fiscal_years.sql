-- Fiscal-year sums of the monthly policy series (marts.policy_series), one row per series and
-- U.S. fiscal year (October - September). A year with fewer than 12 months in the series is
-- labelled FYTD with the months it covers ("FY2025 FYTD (Oct 2024 - Aug 2025)"), so a part
-- year is never read as a whole one. Months from different releases can share a year:
-- `releases` lists them, once each, sorted, joined by ','
-- (list_sort(list_distinct(list(...))): the text of string_agg(distinct ... order by), without
-- its slower ordered, distinct aggregate).
with monthly as (
    select
        series_id,
        month,
        value,
        release,
        is_rounded,
        cast(year(month) + case when month(month) >= 10 then 1 else 0 end as integer)
            as fiscal_year
    from marts.policy_series
),

years as (
    select
        series_id,
        fiscal_year,
        cast(sum(value) as bigint) as value,
        cast(count(*) as integer) as months,
        min(month) as first_month,
        max(month) as last_month,
        array_to_string(list_sort(list_distinct(list(release))), ',') as releases,
        bool_or(is_rounded) as is_rounded
    from monthly
    group by series_id, fiscal_year
)

select
    series_id,
    fiscal_year,
    value,
    months,
    months < 12 as is_part_year,
    case
        when months = 12 then 'FY' || fiscal_year
        else 'FY' || fiscal_year || ' FYTD (' || strftime(first_month, '%b %Y') || ' – '
            || strftime(last_month, '%b %Y') || ')'
    end as label,
    first_month,
    last_month,
    releases,
    is_rounded
from years
order by series_id, fiscal_year
