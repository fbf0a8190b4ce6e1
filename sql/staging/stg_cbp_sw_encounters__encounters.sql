-- CBP Southwest Land Border Encounters CSV: one row per month x component x demographic x
-- citizenship group x title of authority x encounter type. Unrounded. No AOR column.
with source as (
    select * from raw.cbp_sw_encounters__encounters
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
        cast(null as varchar) as area_of_responsibility,
        demographic,
        citizenship,
        title_of_authority,
        encounter_type,
        cast(encounters as bigint) as encounters,
        release,
        cast(release_date as date) as release_date,
        cast(is_rounded as boolean) as is_rounded,
        source_id,
        cast(line as integer) as source_line
    from source
)

select * from final
