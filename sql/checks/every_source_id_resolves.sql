-- Every fact row's source_id must be in meta.sources.
with facts as (
    select 'waitlist_snapshots' as tbl, source_id from marts.waitlist_snapshots
    union all select 'waitlist_totals', source_id from marts.waitlist_totals
    union all select 'processing_pace', source_id from marts.processing_pace
    union all select 'policy_events', source_id from marts.policy_events
    union all select 'turnbacks', source_id from marts.turnbacks
    union all select 'ports', source_id from marts.ports
),

final as (
    select facts.* from facts
    left join meta.sources using (source_id)
    where meta.sources.source_id is null
)

select * from final
