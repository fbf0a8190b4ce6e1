-- OHSS KHSM, sheet "Monthly Count": nationwide USBP encounters per month, rounded to 10.
with source as (
    select * from raw.ohss_khsm__monthly_count
),

final as (
    select
        cast(month as date) as month,
        cast(fiscal_year as integer) as fiscal_year,
        'USBP' as component,
        cast(encounters as bigint) as encounters,
        release,
        cast(release_date as date) as release_date,
        cast(is_rounded as boolean) as is_rounded,
        source_id,
        cast(sheet_row as integer) as sheet_row
    from source
)

select * from final
