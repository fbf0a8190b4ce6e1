-- OHSS monthly tables, sheet "SWB Enc by Sector+Field Ofc" in long form (rounded to 10).
-- Column labels like "San Diego, CA" are recoded to CBP's AOR names ("San Diego Field Office"
-- for OFO, "San Diego Sector" for USBP) so that they line up with the CBP AOR files.
-- row_kind: 'month' or 'fy_total' (the sheet's own fiscal-year Total row).
with source as (
    select * from raw.ohss_monthly__swb_sector_field_office
),

final as (
    select
        row_kind,
        cast(month as date) as month,
        cast(fiscal_year as integer) as fiscal_year,
        coalesce(series_group, 'CBP') as component,
        'Southwest Land Border' as land_border_region,
        series as column_label,
        series like 'Total %' as is_component_total,
        case
            when series like 'Total %' then null
            when series_group = 'OFO'
                then regexp_replace(series, ',\s*[A-Z]{2}$', '') || ' Field Office'
            else regexp_replace(series, ',\s*[A-Z]{2}$', '') || ' Sector'
        end as area_of_responsibility,
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
