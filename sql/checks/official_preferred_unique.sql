-- Exactly one preferred release per grain (month x component x region x detail level x AOR),
-- so that summing preferred rows at one detail level never double counts.
with per_grain as (
    select
        month, component, land_border_region, detail_level, area_of_responsibility,
        count(distinct release) filter (where is_preferred) as preferred_releases
    from marts.encounters_monthly
    group by all
),

appointments as (
    select month, citizenship, count(*) filter (where is_preferred) as preferred_rows
    from marts.cbp_one_monthly
    group by all
),

final as (
    select month, component as what, preferred_releases as n
    from per_grain
    where preferred_releases <> 1
    union all
    select month, citizenship, preferred_rows
    from appointments
    where preferred_rows <> 1
)

select * from final
