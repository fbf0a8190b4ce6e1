with source as (
    select * from raw.curated__waitlist_totals
),

final as (
    select
        as_of_date,
        date_precision,
        report,
        series,
        people_waiting_total,
        count_unit,
        count_qualifier,
        cities_reporting,
        is_comparable,
        note,
        source_id,
        evidence,
        ref_line
    from source
)

select * from final
