-- One row per documented turnback record. period_start/period_end always hold dates: an
-- incident's own date fills both; a YYYY or YYYY-MM end is widened to the end of that period.
with reports as (
    select * from staging.stg_curated__turnback_reports
),

final as (
    select
        record_id,
        record_type,
        incident_date,
        incident_date_text,
        coalesce(period_start, incident_date) as period_start,
        case length(coalesce(period_end_text, incident_date_text))
            when 4 then cast(coalesce(period_end, incident_date) + interval 1 year - interval 1 day as date)
            when 7 then cast(coalesce(period_end, incident_date) + interval 1 month - interval 1 day as date)
            else coalesce(period_end, incident_date)
        end as period_end,
        coalesce(period_start_text, incident_date_text) as period_start_text,
        coalesce(period_end_text, incident_date_text) as period_end_text,
        date_precision,
        port_of_entry,
        us_ports,
        city,
        people_count,
        people_count_high,
        count_unit,
        count_qualifier,
        tactics,
        description,
        description_es,
        source_id,
        evidence,
        ref_line
    from reports
    order by record_id
)

select * from final
