-- CBP One figures transcribed from prose (CBP/DHS releases and reports quoting them). Mixed
-- units: count_unit (people, appointments, appointments_per_day, requests_per_day) and
-- is_cumulative keep them apart; never sum across rows.
with source as (
    select * from raw.cbp_one_releases__figures
),

final as (
    select
        cast(period_start as date) as period_start,
        cast(period_end as date) as period_end,
        cast(value as bigint) as value,
        qualifier,
        count_qualifier,
        unit,
        count_unit,
        cast(is_cumulative as boolean) as is_cumulative,
        measure,
        source_publisher,
        source_type,
        cast(is_official_text as boolean) as is_official_text,
        source_url,
        evidence,
        release,
        cast(is_rounded as boolean) as is_rounded,
        source_id,
        cast(line as integer) as source_line
    from source
)

select * from final
