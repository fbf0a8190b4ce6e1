-- One row per city x as-of date x source. Modeled wait (Little's law): people on the list
-- divided by people taken per day, in whole days rounded half up, as a range (the fastest
-- pace gives the short wait, the slowest the long one).
-- Only for an open metering list counted in people, with a pace of people whose period is
-- stated and above zero; otherwise modeled_wait_flag says why there is no number.
-- The bound travels: a count of "more than" N (or a pace of "up to" N) gives "at least" so
-- many days, a count of "fewer than" N (or a pace of "over" N) "at most", "about" stays
-- "about"; when the count and the pace pull opposite ways nothing can be said (bounds_conflict).
with snapshots as (
    select * from staging.stg_curated__waitlist_snapshots
),

bounded as (
    select
        *,
        case
            when count_qualifier in ('more_than', 'at_least') then 'at_least'
            when count_qualifier in ('fewer_than', 'up_to') then 'at_most'
            when count_qualifier = 'about' then 'about'
        end as count_bound,
        case
            when processed_qualifier in ('fewer_than', 'up_to')
                or (processed_per_day_low is null and processed_per_day_high is not null)
                then 'at_least'
            when processed_qualifier in ('more_than', 'at_least')
                or (processed_per_day_high is null and processed_per_day_low is not null)
                then 'at_most'
            when processed_qualifier = 'about' then 'about'
        end as pace_bound
    from snapshots
),

flagged as (
    select
        *,
        case
            when people_waiting is null then 'no_count'
            when list_kind <> 'metering_list' then 'not_metering_list'
            when list_status = 'closed' then 'list_closed'
            when list_status <> 'open' then 'list_not_open'
            when count_unit <> 'people' then 'count_not_people'
            when processed_per_day_low is null and processed_per_day_high is null then 'no_pace'
            when processed_per_day_low = 0 or processed_per_day_high = 0 then 'zero_pace'
            when processed_counts is null then 'pace_unit_unknown'
            when processed_counts <> count_unit then 'units_differ'
            when count_bound in ('at_least', 'at_most') and pace_bound in ('at_least', 'at_most')
                and count_bound <> pace_bound then 'bounds_conflict'
        end as modeled_wait_flag,
        case
            when count_bound in ('at_least', 'at_most') then count_bound
            when pace_bound in ('at_least', 'at_most') then pace_bound
            when 'about' in (count_bound, pace_bound) then 'about'
        end as wait_bound
    from bounded
),

final as (
    select
        * exclude (modeled_wait_flag, count_bound, pace_bound, wait_bound, note, source_id,
            evidence, ref_line),
        (processed_per_day_low + processed_per_day_high) / 2 as processed_per_day,
        case when modeled_wait_flag is null
            then round(people_waiting / processed_per_day_high) end as modeled_wait_days_low,
        case when modeled_wait_flag is null
            then round(coalesce(people_waiting_high, people_waiting) / processed_per_day_low)
            end as modeled_wait_days_high,
        case when modeled_wait_flag is null
            then round(people_waiting / ((processed_per_day_low + processed_per_day_high) / 2))
            end as modeled_wait_days,
        case when modeled_wait_flag is null then wait_bound end as modeled_wait_qualifier,
        case when modeled_wait_flag is null
            then 'Assumes a steady state: the list neither grows nor shrinks, the pace stays as '
                || 'stated, and nobody leaves the list or skips ahead.'
            end as modeled_wait_assumptions,
        modeled_wait_flag,
        note,
        source_id,
        evidence,
        ref_line
    from flagged
    order by city, as_of_date, source_id
)

select * from final
