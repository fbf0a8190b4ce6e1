-- One row per city x as-of date x source. Modeled wait (Little's law): people on the list
-- divided by people taken per day, as a range (the fastest pace gives the short wait, the
-- slowest the long one; a pace stated only as "up to" gives only a lower bound on the wait).
-- Only where the list and the pace count the same unit, the list is open and the pace is
-- above zero; otherwise modeled_wait_flag says why there is no number.
with snapshots as (
    select * from staging.stg_curated__waitlist_snapshots
),

flagged as (
    select
        *,
        case
            when people_waiting is null then 'no_count'
            when processed_per_day_low is null and processed_per_day_high is null then 'no_pace'
            when list_status = 'closed' then 'list_closed'
            when processed_per_day_low = 0 or processed_per_day_high = 0 then 'zero_pace'
            when processed_counts is null then 'pace_unit_unknown'
            when processed_counts <> count_unit then 'units_differ'
        end as modeled_wait_flag
    from snapshots
),

final as (
    select
        * exclude (modeled_wait_flag, note, source_id, evidence, ref_line),
        (processed_per_day_low + processed_per_day_high) / 2 as processed_per_day,
        case when modeled_wait_flag is null
            then round(people_waiting / processed_per_day_high, 1) end as modeled_wait_days_low,
        case when modeled_wait_flag is null
            then round(coalesce(people_waiting_high, people_waiting) / processed_per_day_low, 1)
            end as modeled_wait_days_high,
        case when modeled_wait_flag is null
            then round(people_waiting / ((processed_per_day_low + processed_per_day_high) / 2), 1)
            end as modeled_wait_days,
        modeled_wait_flag,
        note,
        source_id,
        evidence,
        ref_line
    from flagged
    order by city, as_of_date, source_id
)

select * from final
