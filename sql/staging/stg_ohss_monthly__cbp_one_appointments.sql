-- OHSS monthly tables, sheet "CBP One Appointments": appointments processed at SW land ports
-- (not people), by citizenship, rounded to 10. "X" (Oct-Dec 2022, before the app) -> null
-- appointments with value_flag 'not_applicable'. row_kind: 'month' or 'fy_total'.
with source as (
    select * from raw.ohss_monthly__cbp_one_appointments
),

final as (
    select
        row_kind,
        cast(month as date) as month,
        cast(fiscal_year as integer) as fiscal_year,
        series as citizenship,
        series = 'Total' as is_total,
        cast(value as bigint) as appointments,
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
