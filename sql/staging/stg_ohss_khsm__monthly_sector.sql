-- OHSS KHSM, sheet "Monthly Rgn and Sector": USBP encounters per month, region and sector
-- (rounded). "San Diego, CA" is recoded to CBP's AOR name "San Diego Sector".
with source as (
    select * from raw.ohss_khsm__monthly_sector
),

final as (
    select
        cast(month as date) as month,
        cast(fiscal_year as integer) as fiscal_year,
        'USBP' as component,
        land_border_region,
        sector as sector_label,
        regexp_replace(sector, ',\s*[A-Z]{2}$', '') || ' Sector' as area_of_responsibility,
        cast(encounters as bigint) as encounters,
        release,
        cast(release_date as date) as release_date,
        cast(is_rounded as boolean) as is_rounded,
        source_id,
        cast(sheet_row as integer) as sheet_row
    from source
)

select * from final
