with source as (
    select * from raw.curated__waitlist_snapshots
),

final as (
    select
        city,
        mx_state,
        us_port,
        crossing,
        as_of_date,
        date_precision,
        people_waiting,
        people_waiting_high,
        count_unit,
        count_qualifier,
        list_kind,
        list_status,
        list_manager,
        list_manager_es,
        processed_low,
        processed_high,
        processed_unit,
        processed_counts,
        processed_qualifier,
        -- a pace per day, week (7 days) or month (30 days, the compiled reference's own
        -- convention); a figure with no stated period, or a count on one day (on_day), is
        -- never turned into a rate
        processed_low / case processed_unit
            when 'per_day' then 1.0 when 'per_week' then 7.0 when 'per_month' then 30.0 end
            as processed_per_day_low,
        processed_high / case processed_unit
            when 'per_day' then 1.0 when 'per_week' then 7.0 when 'per_month' then 30.0 end
            as processed_per_day_high,
        reported_wait_text,
        reported_wait_text_es,
        reported_wait_days_low,
        reported_wait_days_high,
        note,
        source_id,
        evidence,
        ref_line
    from source
)

select * from final
