-- The source card of each curated dataset, for the /sources page and exhibit methods notes.
with cards as (
    select * from staging.stg_curated__datasets
),

final as (
    select * from cards order by dataset
)

select * from final
