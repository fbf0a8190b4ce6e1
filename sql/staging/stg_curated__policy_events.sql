with source as (
    select * from raw.curated__policy_events
),

final as (
    select
        event_id,
        event_date,
        event_date_text,
        date_precision,
        title,
        title_es,
        kind,
        actor,
        scope,
        is_key_event,
        event_id like '%\_alt' escape '\' as is_alternate_date,
        summary,
        source_id,
        evidence,
        ref_line
    from source
)

select * from final
