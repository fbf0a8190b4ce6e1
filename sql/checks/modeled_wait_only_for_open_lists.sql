-- A closed list or a zero pace never gets a modeled wait.
with snapshots as (
    select * from marts.waitlist_snapshots
),

final as (
    select city, as_of_date, source_id from snapshots
    where modeled_wait_days is not null
      and (list_status = 'closed' or processed_per_day_low = 0 or processed_counts is distinct from count_unit)
)

select * from final
