with source as (
    select * from raw.curated__ports
),

final as (
    select
        port_name,
        cbp_port_code,
        field_office,
        bp_sector,
        us_state,
        mx_city,
        mx_state,
        cast(lat as double) as lat,
        cast(lon as double) as lon,
        source_id
    from source
)

select * from final
