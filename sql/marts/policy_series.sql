-- The monthly series that policy statistics, charts and exhibits read: one row per
-- series x month, taken at ONE detail level from ONE release (never a sum across detail
-- levels or across releases). Irregular series (waitlists, pace, turnback reports) stay in
-- their own marts; etl/series.py reads those.
--
-- ofo_sw_total / usbp_sw_total, for each month:
--   1. 'region': a release's own southwest total (OHSS "Total OFO"/"Total USBP", KHSM
--      "Monthly Region", CBP's southwest CSV), its other dimensions summed within that one
--      release. Sums that marts.encounters_monthly makes itself (is_rollup) are not region
--      rows. Among releases: unrounded before rounded, then the latest release_date, then
--      the release id (the rule of encounters_monthly.is_preferred).
--   2. 'area_of_responsibility_sum': only in a month where no release has a region row, the
--      sum of ONE release's field offices (OFO) or sectors (USBP), and only when that release
--      has every office or sector seen for the component (e.g. CBP's AOR extracts).
-- ofo_field_office:<office>: the preferred release's rows for that field office.
-- cbp_one_appointments: the latest release per month; its 'Total' row when it has one
--   ('total'), else the sum of its citizenship rows ('citizenship_sum').
-- source_id lists a value's sources once each, sorted, joined by ',' (list_sort(list_distinct(
-- list(...))): the text string_agg(distinct ... order by) gives, without its slower ordered,
-- distinct aggregate).
-- Checks: sql/checks/policy_series_*.sql (one grain per month; offices add up to the region;
-- published totals in data/raw/official/published_totals.csv).
-- `sw` is a filter over one table: read where used (not materialized), not copied first.
with sw as not materialized (
    select * from marts.encounters_monthly
    where land_border_region = 'Southwest Land Border' and component in ('OFO', 'USBP')
),

region_by_release as (
    select
        month, component, release,
        'region' as detail_level,
        0 as level_rank,
        cast(sum(encounters) as bigint) as value,
        bool_or(is_rounded) as is_rounded,
        max(release_date) as release_date,
        array_to_string(list_sort(list_distinct(list(source_id))), ',') as source_id
    from sw
    where detail_level = 'region' and not is_rollup
    group by month, component, release
),

offices_seen as (
    select component, count(distinct area_of_responsibility) as n_offices
    from sw
    where detail_level = 'area_of_responsibility'
    group by component
),

office_sum_by_release as (
    select
        s.month, s.component, s.release,
        'area_of_responsibility_sum' as detail_level,
        1 as level_rank,
        cast(sum(s.encounters) as bigint) as value,
        bool_or(s.is_rounded) as is_rounded,
        max(s.release_date) as release_date,
        array_to_string(list_sort(list_distinct(list(s.source_id))), ',') as source_id
    from sw as s
    where s.detail_level = 'area_of_responsibility'
    group by s.month, s.component, s.release
    having count(distinct s.area_of_responsibility)
        = (select n_offices from offices_seen as o where o.component = s.component)
),

totals as (
    select * from region_by_release
    union all
    select * from office_sum_by_release
),

total_picked as (
    select
        case component when 'OFO' then 'ofo_sw_total' else 'usbp_sw_total' end as series_id,
        month, value, release, source_id, detail_level, is_rounded
    from totals
    qualify row_number() over (
        partition by month, component
        order by level_rank, is_rounded, release_date desc nulls last, release desc
    ) = 1
),

field_offices as (
    select
        'ofo_field_office:' || replace(area_of_responsibility, ' Field Office', '') as series_id,
        month,
        cast(sum(encounters) as bigint) as value,
        any_value(release) as release,
        array_to_string(list_sort(list_distinct(list(source_id))), ',') as source_id,
        'area_of_responsibility' as detail_level,
        bool_or(is_rounded) as is_rounded
    from sw
    where component = 'OFO' and detail_level = 'area_of_responsibility' and is_preferred
    group by area_of_responsibility, month
),

cbp_one_latest as (
    select * from marts.cbp_one_monthly
    qualify release = max(release) over (partition by month)
),

cbp_one as (
    select
        'cbp_one_appointments' as series_id,
        month,
        cast(coalesce(
            sum(appointments) filter (where citizenship = 'Total'), sum(appointments)
        ) as bigint) as value,
        any_value(release) as release,
        array_to_string(list_sort(list_distinct(list(source_id))), ',') as source_id,
        case when bool_or(citizenship = 'Total') then 'total' else 'citizenship_sum' end
            as detail_level,
        bool_or(is_rounded) as is_rounded
    from cbp_one_latest
    group by month
),

final as (
    select * from total_picked
    union all
    select * from field_offices
    union all
    select * from cbp_one
)

select
    series_id,
    cast(month as date) as month,
    value,
    release,
    source_id,
    detail_level,
    is_rounded
from final
order by series_id, month
