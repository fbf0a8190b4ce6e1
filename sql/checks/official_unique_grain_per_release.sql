-- Within one release, each grain appears once: encounters_monthly by month x component x
-- region x detail level x AOR x demographic x citizenship x title x encounter type;
-- cbp_one_monthly by month x citizenship.
with encounter_keys as (
    select
        'encounters_monthly' as tbl, release, month, count(*) as n
    from marts.encounters_monthly
    group by
        release, month, component, land_border_region, detail_level, area_of_responsibility,
        demographic, citizenship, title_of_authority, encounter_type
),

appointment_keys as (
    select 'cbp_one_monthly' as tbl, release, month, count(*) as n
    from marts.cbp_one_monthly
    group by release, month, citizenship
),

final as (
    select * from encounter_keys where n > 1
    union all
    select * from appointment_keys where n > 1
)

select * from final
