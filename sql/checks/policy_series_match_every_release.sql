-- Every month of ofo_sw_total and usbp_sw_total equals the southwest total of EVERY release
-- that has that month (its region row, or the sum of its offices/sectors), within rounding
-- plus revisions: 5 per rounded cell on either side, plus, when the two releases differ, 10
-- encounters or 0.1% of the larger figure, whichever is more (later releases revise earlier
-- months; in the files held the largest revisions are 10 encounters for USBP Oct 2024, KHSM
-- vs CBP, and 5 (0.15%) for OFO Aug 2025, CBP Aug 2025 vs Jul 2026). A series that summed
-- two detail levels or two releases would be about twice the release's total and fail here.
with sw as (
    select * from marts.encounters_monthly
    where land_border_region = 'Southwest Land Border' and component in ('OFO', 'USBP')
),

-- each office or sector (or the region row) of a release first, then the release: a plain count
-- of those cells instead of count(distinct ...), which DuckDB runs several times slower
per_cell as (
    select month, component, release, detail_level, coalesce(area_of_responsibility, '') as cell,
        sum(encounters) as total, bool_or(is_rounded) as rounded
    from sw where not is_rollup
    group by all
),

per_release as (
    select month, component, release, detail_level, sum(total) as total,
        count(*) as n_cells,
        bool_or(rounded) as rounded
    from per_cell
    group by all
),

series as (
    select case series_id when 'ofo_sw_total' then 'OFO' else 'USBP' end as component,
        series_id, month, value, release, is_rounded
    from marts.policy_series where series_id in ('ofo_sw_total', 'usbp_sw_total')
),

compared as (
    select s.series_id, s.month, s.value, s.release as series_release,
        p.release, p.detail_level, p.total,
        5 * (case when s.is_rounded then 1 else 0 end
            + case when p.rounded then p.n_cells else 0 end)
        + case when p.release <> s.release then greatest(10, 0.001 * greatest(s.value, p.total))
            else 0 end
            as tolerance
    from series as s
    inner join per_release as p on s.component = p.component and s.month = p.month
)

select * from compared where abs(value - total) > tolerance
