-- Each Mexican border city with the U.S. port(s) across from it, their CBP field office and
-- Border Patrol sector. Waitlists count names in a city; CBP encounters count events by field
-- office and have no port field: the note says why the two are not comparable.
with ports as (
    select * from staging.stg_curated__ports
),

by_city as (
    select
        mx_city as city,
        any_value(mx_state) as mx_state,
        string_agg(port_name, ' | ' order by port_name) as us_ports,
        string_agg(distinct field_office, ' | ') as field_office,
        string_agg(distinct bp_sector, ' | ') as bp_sector,
        count(*) as port_count
    from ports
    group by mx_city
),

final as (
    select
        *,
        false as is_comparable,
        'Waitlists count names on a list in this city; CBP encounters count inadmissibility '
        || 'events for the whole field office, have no port field and never record turnbacks.'
            as comparability_note
    from by_city
    order by city
)

select * from final
