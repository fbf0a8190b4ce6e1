-- Within one release, the southwest field offices (OFO) or sectors (USBP) add up to the
-- release's region total, within rounding: OHSS rounds every cell to the nearest 10, so each
-- rounded cell (every office and the total) may be off by 5; unrounded releases must match
-- exactly. Sums the marts make themselves (is_rollup) are left out: they match by construction.
-- `sw` is a filter over one table: read where used (not materialized), not copied first.
with sw as not materialized (
    select * from marts.encounters_monthly
    where land_border_region = 'Southwest Land Border' and component in ('OFO', 'USBP')
),

region as (
    select month, component, release, sum(encounters) as total, bool_or(is_rounded) as rounded
    from sw where detail_level = 'region' and not is_rollup
    group by all
),

-- each office or sector first, then the release: a plain count of offices instead of
-- count(distinct ...), which DuckDB runs several times slower
per_office as (
    select month, component, release, area_of_responsibility,
        sum(encounters) as total, bool_or(is_rounded) as rounded
    from sw where detail_level = 'area_of_responsibility'
    group by all
),

offices as (
    select month, component, release, sum(total) as total,
        count(area_of_responsibility) as n_cells, bool_or(rounded) as rounded
    from per_office
    group by all
)

select r.month, r.component, r.release, r.total as region_total, o.total as offices_total,
    5 * (case when r.rounded then 1 else 0 end + case when o.rounded then o.n_cells else 0 end)
        as tolerance
from region as r
inner join offices as o using (month, component, release)
where abs(r.total - o.total)
    > 5 * (case when r.rounded then 1 else 0 end + case when o.rounded then o.n_cells else 0 end)
