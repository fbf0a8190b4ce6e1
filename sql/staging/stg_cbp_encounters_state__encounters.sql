-- CBP "Nationwide Encounters by State" (etl/sources/cbp_encounters_state.py): one row per
-- month x land border region x state x demographic x citizenship x title of authority.
-- Unrounded. All of CBP together (no component, no encounter type): OFO inadmissibles, USBP
-- apprehensions and Title 42 expulsions in one count.
with source as (
    select * from raw.cbp_encounters_state__encounters
),

final as (
    select
        cast(month as date) as month,
        cast(fiscal_year as integer) as fiscal_year,
        month_grouping,
        land_border_region,
        state,
        demographic,
        citizenship,
        title_of_authority,
        cast(encounters as bigint) as encounters,
        release,
        cast(release_date as date) as release_date,
        cast(is_rounded as boolean) as is_rounded,
        source_id,
        cast(line as integer) as source_line
    from source
)

select * from final
