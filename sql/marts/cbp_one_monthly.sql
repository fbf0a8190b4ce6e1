-- CBP One appointments processed at Southwest land ports per month, by citizenship (OHSS,
-- rounded to 10). Unit: appointments, not people. citizenship = 'Total' is the all-citizenship
-- row (is_total): never add it to the others. Months OHSS marks "X" (Oct-Dec 2022, before the
-- app opened in January 2023) have null appointments and value_flag 'not_applicable'.
-- is_preferred: per month x citizenship, unrounded before rounded, then the latest release
-- (same rule as marts.encounters_monthly); query `where is_preferred`.
with appointments as (
    select * from staging.stg_ohss_monthly__cbp_one_appointments
    where row_kind = 'month'
),

ranked as (
    select
        *,
        row_number() over (
            partition by month, citizenship
            order by is_rounded, release_date desc nulls last, release desc
        ) as preference_rank
    from appointments
),

final as (
    select
        month,
        fiscal_year,
        citizenship,
        is_total,
        cast(appointments as bigint) as appointments,
        value_flag,
        release,
        source_id,
        is_rounded,
        preference_rank = 1 as is_preferred,
        release_date
    from ranked
    order by month, is_total desc, citizenship, release
)

select * from final
