with source as (
    select * from raw.curated__processing_pace
),

final as (
    select
        city,
        us_port,
        as_of_date,
        period_start,
        period_end,
        metric,
        value_text,
        value_low,
        value_high,
        unit,
        count_qualifier,
        note,
        source_id,
        evidence,
        ref_line
    from source
)

select * from final
