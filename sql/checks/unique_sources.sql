with counted as (
    select source_id, count(*) as n from meta.sources group by source_id
),

final as (
    select * from counted where n > 1
)

select * from final
