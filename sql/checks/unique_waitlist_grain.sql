-- The declared grain of marts.waitlist_snapshots: city x as-of date x source x what is counted.
with grain as (
    select city, as_of_date, source_id, count_unit, list_kind, people_waiting, count(*) as n
    from marts.waitlist_snapshots
    group by all
),

final as (
    select * from grain where n > 1
)

select * from final
