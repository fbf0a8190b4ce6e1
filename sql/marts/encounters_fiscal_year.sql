-- Encounters per field office (OFO) or sector (USBP) and U.S. fiscal year (October to
-- September), one row per release: a total is summed only within one release and one level
-- of detail (the area of responsibility), never across releases or with the region rows.
-- Within a release the other dimensions (demographic, citizenship, ...) partition the total,
-- so their sum is the office's total.
--
-- months_covered counts the months the release gives for that year; is_partial_year when it
-- is fewer than 12 (a year still running, or a release that stops or starts inside it: the
-- page labels it FYTD and names its first and last month).
-- is_preferred marks the one release per office and year to show: the one whose months are
-- most often the preferred months of marts.encounters_monthly, then unrounded, then latest.
with monthly as (
    select * from marts.encounters_monthly
    where detail_level = 'area_of_responsibility'
),

-- months first, then releases: plain counts of months instead of count(distinct month), which
-- DuckDB runs several times slower here when a window follows (same values)
by_month as (
    select
        component,
        land_border_region,
        area_of_responsibility,
        fiscal_year,
        release,
        month,
        sum(encounters) as encounters,
        bool_or(is_preferred) as has_preferred,
        bool_or(is_rounded) as is_rounded,
        max(release_date) as release_date,
        list(source_id) as source_ids
    from monthly
    group by all
),

per_release as (
    select
        component,
        land_border_region,
        area_of_responsibility,
        fiscal_year,
        release,
        cast(sum(encounters) as bigint) as encounters,
        cast(count(month) as integer) as months_covered,
        cast(count(month) filter (where has_preferred) as integer) as preferred_months,
        min(month) as first_month,
        max(month) as last_month,
        bool_or(is_rounded) as is_rounded,
        max(release_date) as release_date,
        array_to_string(list_sort(list_distinct(flatten(list(source_ids)))), ',') as source_id
    from by_month
    group by all
),

ranked as (
    select
        *,
        row_number() over (
            partition by component, land_border_region, area_of_responsibility, fiscal_year
            order by preferred_months desc, is_rounded, release_date desc nulls last, release desc
        ) = 1 as is_preferred
    from per_release
),

final as (
    select
        component,
        land_border_region,
        area_of_responsibility,
        fiscal_year,
        release,
        encounters,
        months_covered,
        months_covered < 12 as is_partial_year,
        first_month,
        last_month,
        is_rounded,
        is_preferred,
        source_id
    from ranked
    order by component, land_border_region, area_of_responsibility, fiscal_year, release
)

select * from final
