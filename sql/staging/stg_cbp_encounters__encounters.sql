-- CBP encounter CSVs, every layout (etl/sources/cbp_encounters.py): one row per month x
-- component x region x AOR x demographic x citizenship x title of authority x encounter type.
-- Unrounded. `layout` 'aor' rows name an OFO field office or USBP sector (detail_level
-- 'area_of_responsibility'); 'southwest' rows are Southwest totals (detail_level 'region',
-- area_of_responsibility null).
with source as (
    select * from raw.cbp_encounters__encounters
),

final as (
    select
        cast(month as date) as month,
        cast(fiscal_year as integer) as fiscal_year,
        month_grouping,
        case component
            when 'Office of Field Operations' then 'OFO'
            when 'U.S. Border Patrol' then 'USBP'
        end as component,
        land_border_region,
        cast(area_of_responsibility as varchar) as area_of_responsibility,
        cast(aor_abbv as varchar) as aor_abbv,
        demographic,
        citizenship,
        title_of_authority,
        encounter_type,
        cast(encounters as bigint) as encounters,
        layout,
        detail_level,
        release,
        cast(release_date as date) as release_date,
        cast(is_rounded as boolean) as is_rounded,
        source_id,
        cast(line as integer) as source_line
    from source
)

select * from final
