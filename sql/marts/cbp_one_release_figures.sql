-- CBP One figures quoted in prose by CBP/DHS releases or reports, one row per figure, unit kept.
-- Units differ (count_unit: people, appointments, appointments_per_day, requests_per_day;
-- is_cumulative for running totals since launch): never sum or chart them as one series.
-- count_qualifier keeps "more than / nearly / about"; is_official_text is false for secondary
-- reposts and summaries. source_id names the cited page (see meta.sources).
with figures as (
    select * from staging.stg_cbp_one_releases__figures
),

final as (
    select
        period_start,
        period_end,
        value,
        count_unit,
        unit as unit_as_printed,
        is_cumulative,
        count_qualifier,
        qualifier as qualifier_as_printed,
        measure,
        source_publisher,
        source_type,
        is_official_text,
        source_url,
        evidence,
        is_rounded,
        release,
        source_id
    from figures
    order by count_unit, period_end, period_start, value
)

select * from final
