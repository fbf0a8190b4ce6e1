-- A modeled wait only for an open metering list counted in people, with a pace of people per
-- stated period above zero, and always with its assumptions beside it.
with snapshots as (
    select * from marts.waitlist_snapshots
),

final as (
    select city, as_of_date, source_id from snapshots
    where coalesce(modeled_wait_days_low, modeled_wait_days_high) is not null
      and (list_kind <> 'metering_list'
        or list_status <> 'open'
        or count_unit <> 'people'
        or processed_counts is distinct from 'people'
        or processed_unit not in ('per_day', 'per_week', 'per_month')
        or processed_unit is null
        or processed_per_day_low = 0
        or modeled_wait_assumptions is null)
)

select * from final
