with ports as (
    select * from staging.stg_curated__ports
),

final as (
    select * from ports order by field_office, port_name
)

select * from final
