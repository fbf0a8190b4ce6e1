-- How many rows of each mart cite each source (one row per source x mart).
with cited as (
    select source_id, 'waitlist_snapshots' as mart from marts.waitlist_snapshots
    union all select source_id, 'waitlist_totals' from marts.waitlist_totals
    union all select source_id, 'processing_pace' from marts.processing_pace
    union all select source_id, 'policy_events' from marts.policy_events
    union all select source_id, 'turnbacks' from marts.turnbacks
    union all select source_id, 'ports' from marts.ports
    union all select source_id, 'encounters_monthly' from marts.encounters_monthly
    union all select source_id, 'cbp_one_monthly' from marts.cbp_one_monthly
    union all select source_id, 'cbp_one_release_figures' from marts.cbp_one_release_figures
),

final as (
    select source_id, mart, cast(count(*) as bigint) as rows_cited
    from cited
    group by all
    order by source_id, mart
)

select * from final
