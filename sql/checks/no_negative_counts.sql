with counts as (
    select 'waitlist_snapshots' as tbl, people_waiting as n from marts.waitlist_snapshots
    union all select 'waitlist_snapshots', processed_per_day_low from marts.waitlist_snapshots
    union all select 'waitlist_totals', people_waiting_total from marts.waitlist_totals
    union all select 'turnbacks', people_count from marts.turnbacks
    union all select 'processing_pace', value_low from marts.processing_pace
),

final as (
    select * from counts where n < 0
)

select * from final
