-- Monthly CBP encounters (OFO and USBP) from every official release, all kept side by side.
--
-- Levels of detail (detail_level):
--   'region'                  one land border region as a whole (area_of_responsibility is null):
--                             OHSS "Total OFO"/"Total USBP" columns, KHSM "Monthly Region", the
--                             CBP Southwest CSV (layout 'southwest'), and the CBP AOR files summed
--                             over their AORs (is_rollup = true; exact because CBP counts are
--                             unrounded). The AOR release has no region-total row of its own.
--   'area_of_responsibility'  one OFO field office or USBP sector: OHSS field office / sector
--                             columns, KHSM "Monthly Rgn and Sector", the CBP AOR files (layout
--                             'aor'; the committed files are extracts: OFO, Southwest, FY2025
--                             and FY2026 to July 2026)
-- Files differ in their other dimensions (demographic, citizenship, title_of_authority,
-- encounter_type are null where a file has none); within one release they partition the total.
-- The sources are stacked with `union all by name`: each names its columns, none relies on order.
--
-- Part years: months_in_fy = how many months of the row's fiscal year its release gives for that
-- component, region and detail level; is_partial_year = months_in_fy < 12 (e.g. FY2026 "FYTD",
-- Oct 2025 - Jul 2026, has 10). Never compare a part year's sum with a full year's.
--
-- is_preferred rule. grain = month x component x land_border_region x detail_level
-- (x area_of_responsibility at the 'area_of_responsibility' level). Within a grain, the release
-- chosen is: unrounded before rounded, then the latest release_date, then the release id. All
-- rows of the chosen release in that grain are preferred; every other release stays in the
-- table (is_preferred = false) so any figure can be reproduced "as of" an older release.
--
-- How to query (never sum across detail levels or across releases):
--   Monthly Southwest OFO total, no double counting:
--     select month, cast(sum(encounters) as bigint) as encounters
--     from marts.encounters_monthly
--     where component = 'OFO' and land_border_region = 'Southwest Land Border'
--       and detail_level = 'region' and is_preferred
--     group by month order by month
--   By field office (OFO) or sector (USBP):
--     ... where component = 'OFO' and land_border_region = 'Southwest Land Border'
--       and detail_level = 'area_of_responsibility' and is_preferred
--     group by month, area_of_responsibility
--   "As of" one release: replace `is_preferred` by `release = '<release id>'`.
-- A preferred series may switch release (and rounding) from one month to the next: show
-- is_rounded / release per point. OFO by field office has a gap in September 2024 (the OHSS
-- August 2024 edition ends in August 2024, the CBP AOR extracts start in October 2024).
with ohss as (
    select
        month, fiscal_year, component, land_border_region, area_of_responsibility, encounters,
        release, release_date, is_rounded, source_id,
        case when is_component_total then 'region' else 'area_of_responsibility' end
            as detail_level
    from staging.stg_ohss_monthly__swb_sector_field_office
    where row_kind = 'month' and component in ('OFO', 'USBP') and encounters is not null
),

khsm_region as (
    select
        month, fiscal_year, component, land_border_region, encounters,
        release, release_date, is_rounded, source_id,
        'region' as detail_level
    from staging.stg_ohss_khsm__monthly_region
),

khsm_sector as (
    select
        month, fiscal_year, component, land_border_region, area_of_responsibility, encounters,
        release, release_date, is_rounded, source_id,
        'area_of_responsibility' as detail_level
    from staging.stg_ohss_khsm__monthly_sector
),

-- `cbp` is read twice (the rows, and their sum over AORs below): scanning the raw table again
-- costs less than copying its rows into a materialized CTE first.
cbp as not materialized (
    select
        month, fiscal_year, component, land_border_region, area_of_responsibility,
        demographic, citizenship, title_of_authority, encounter_type, encounters,
        release, release_date, is_rounded, source_id, detail_level
    from staging.stg_cbp_encounters__encounters
),

cbp_aor_rollup as (
    select
        month, fiscal_year, component, land_border_region,
        demographic, citizenship, title_of_authority, encounter_type,
        cast(sum(encounters) as bigint) as encounters,
        release, release_date, is_rounded, source_id,
        'region' as detail_level,
        true as is_rollup
    from cbp
    where detail_level = 'area_of_responsibility'
    group by all
),

unioned as (
    select * from ohss
    union all by name
    select * from khsm_region
    union all by name
    select * from khsm_sector
    union all by name
    select * from cbp
    union all by name
    select * from cbp_aor_rollup
),

candidates as (
    select
        month, component, land_border_region, detail_level, area_of_responsibility, release,
        bool_or(is_rounded) as is_rounded,
        max(release_date) as release_date
    from unioned
    group by all
),

ranked as (
    select
        *,
        row_number() over (
            partition by month, component, land_border_region, detail_level, area_of_responsibility
            order by is_rounded, release_date desc nulls last, release desc
        ) as preference_rank,
        -- the row order's first six keys as one number (see the order by in `final`)
        row_number() over (
            order by month, component, land_border_region, detail_level, area_of_responsibility,
                release
        ) as grain_order
    from candidates
),

fiscal_year_coverage as (
    select
        release, fiscal_year, component, land_border_region, detail_level,
        cast(count(distinct month) as integer) as months_in_fy
    from unioned
    group by all
),

-- Each combination of the other dimensions (null where a file has none), numbered in sort
-- order: the row order's last four keys as one number.
breakdowns as (
    select
        demographic, citizenship, title_of_authority, encounter_type,
        row_number() over (
            order by demographic, citizenship, title_of_authority, encounter_type
        ) as breakdown_order
    from (
        select distinct demographic, citizenship, title_of_authority, encounter_type
        from unioned
    )
),

final as (
    select
        u.month,
        u.fiscal_year,
        u.component,
        u.land_border_region,
        u.area_of_responsibility,
        cast(u.demographic as varchar) as demographic,
        cast(u.citizenship as varchar) as citizenship,
        cast(u.title_of_authority as varchar) as title_of_authority,
        cast(u.encounter_type as varchar) as encounter_type,
        cast(u.encounters as bigint) as encounters,
        u.release,
        u.source_id,
        u.is_rounded,
        r.preference_rank = 1 as is_preferred,
        u.detail_level,
        coalesce(u.is_rollup, false) as is_rollup,
        u.release_date,
        cast(r.preference_rank as integer) as preference_rank,
        c.months_in_fy,
        c.months_in_fy < 12 as is_partial_year
    from unioned as u
    inner join ranked as r
        on u.month = r.month
        and u.component = r.component
        and u.land_border_region is not distinct from r.land_border_region
        and u.detail_level = r.detail_level
        and u.area_of_responsibility is not distinct from r.area_of_responsibility
        and u.release = r.release
    inner join fiscal_year_coverage as c
        on u.release = c.release
        and u.fiscal_year = c.fiscal_year
        and u.component = c.component
        and u.land_border_region is not distinct from c.land_border_region
        and u.detail_level = c.detail_level
    inner join breakdowns as b
        on u.demographic is not distinct from b.demographic
        and u.citizenship is not distinct from b.citizenship
        and u.title_of_authority is not distinct from b.title_of_authority
        and u.encounter_type is not distinct from b.encounter_type
    -- Row order: month, component, land_border_region, detail_level, area_of_responsibility,
    -- release, demographic, citizenship, title_of_authority, encounter_type (ascending, nulls
    -- last; unique within a release, see official_unique_grain_per_release). Two integers
    -- numbered in that order sort the same, several times faster than ten text and date
    -- columns over every row.
    order by r.grain_order, b.breakdown_order
)

select * from final
