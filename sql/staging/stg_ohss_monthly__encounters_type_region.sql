-- OHSS monthly tables, sheet "CBP Encounter by Type + Region": all CBP (USBP + OFO together),
-- by encounter category (Total CBP / Enforcement / Administrative) and region, rounded to 10.
with source as (
    select * from raw.ohss_monthly__encounters_type_region
),

final as (
    select
        row_kind,
        cast(month as date) as month,
        cast(fiscal_year as integer) as fiscal_year,
        series_group as encounter_category,
        case series
            when 'Total' then 'All regions'
            when 'SW Land Border' then 'Southwest Land Border'
            else series
        end as land_border_region,
        cast(value as bigint) as encounters,
        value_flag,
        release,
        cast(release_date as date) as release_date,
        cast(is_rounded as boolean) as is_rounded,
        source_id,
        sheet,
        cast(sheet_row as integer) as sheet_row
    from source
)

select * from final
