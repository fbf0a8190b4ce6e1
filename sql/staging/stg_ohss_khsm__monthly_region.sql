-- OHSS KHSM, sheet "Monthly Region": USBP encounters per month and land border region (rounded).
with source as (
    select * from raw.ohss_khsm__monthly_region
),

final as (
    select
        cast(month as date) as month,
        cast(fiscal_year as integer) as fiscal_year,
        'USBP' as component,
        land_border_region,
        cast(encounters as bigint) as encounters,
        release,
        cast(release_date as date) as release_date,
        cast(is_rounded as boolean) as is_rounded,
        source_id,
        cast(sheet_row as integer) as sheet_row
    from source
)

select * from final
