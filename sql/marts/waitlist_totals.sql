-- One row per border-wide total x source, as staged (research-series editions and press tallies).
with totals as (
    select * from staging.stg_curated__waitlist_totals
),

final as (
    select * from totals order by as_of_date, series, source_id
)

select * from final
