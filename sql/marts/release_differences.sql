-- Where two releases give the same figure: month x component x region x detail level (x area
-- of responsibility where both have it), one row per pair of releases, older on the left.
-- difference = newer - older (e.g. OHSS rounded vs CBP unrounded Southwest OFO totals,
-- FY2022 - Aug 2024; or CBP's August 2025 vs July 2026 releases for FY2025 revisions).
-- Each side is that release's total for the grain (its other dimensions summed).
-- source_id is the newer release's source; older_source_id the older one's.
with totals as (
    select
        month, fiscal_year, component, land_border_region, detail_level, area_of_responsibility,
        release, release_date, is_rounded, source_id,
        cast(sum(encounters) as bigint) as encounters
    from marts.encounters_monthly
    group by all
),

pairs as (
    select
        older.month,
        older.fiscal_year,
        older.component,
        older.land_border_region,
        older.detail_level,
        older.area_of_responsibility,
        older.release as older_release,
        older.encounters as older_encounters,
        older.is_rounded as older_is_rounded,
        older.source_id as older_source_id,
        newer.release as newer_release,
        newer.encounters as newer_encounters,
        newer.is_rounded as newer_is_rounded,
        newer.source_id
    from totals as older
    inner join totals as newer
        on older.month = newer.month
        and older.component = newer.component
        and older.land_border_region is not distinct from newer.land_border_region
        and older.detail_level = newer.detail_level
        and older.area_of_responsibility is not distinct from newer.area_of_responsibility
        and (
            older.release_date < newer.release_date
            or (older.release_date = newer.release_date and older.release < newer.release)
        )
),

final as (
    select
        *,
        cast(newer_encounters - older_encounters as bigint) as difference,
        round(100.0 * (newer_encounters - older_encounters) / nullif(older_encounters, 0), 2)
            as difference_pct
    from pairs
    order by month, component, land_border_region, detail_level, area_of_responsibility,
        older_release, newer_release
)

select * from final
