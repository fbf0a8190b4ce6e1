with totals as (
    select * from staging.stg_curated__waitlist_totals
),

final as (
    select
        as_of_date,
        date_precision,
        report,
        series,
        people_waiting_total,
        count_qualifier,
        cities_reporting,
        is_comparable,
        note,
        source_id,
        evidence,
        ref_line
    from totals
    order by as_of_date, series, source_id
)

select * from final
