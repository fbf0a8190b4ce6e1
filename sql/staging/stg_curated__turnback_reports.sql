with source as (
    select * from raw.curated__turnback_reports
),

final as (
    select
        record_id,
        record_type,
        incident_date,
        incident_date_text,
        period_start,
        period_start_text,
        period_end,
        period_end_text,
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
    from source
)

select * from final
