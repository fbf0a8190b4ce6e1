-- CBP Nationwide Encounters by Area of Responsibility CSV: one row per month x component x
-- region x AOR (OFO field office / USBP sector) x demographic x citizenship x title x type.
-- Unrounded. Months are dated from fiscal year + month, so the file's alphabetical order is moot.
with source as (
    select * from raw.cbp_aor_encounters__encounters
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
        area_of_responsibility,
        aor_abbv,
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
