with events as (
    select * from staging.stg_curated__policy_events
),

final as (
    select * from events order by event_date, event_id
)

select * from final
