with pace as (
    select * from staging.stg_curated__processing_pace
),

final as (
    select * from pace order by city, as_of_date, metric
)

select * from final
