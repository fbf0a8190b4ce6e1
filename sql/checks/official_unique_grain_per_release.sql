-- Within one release, each grain appears once: encounters_monthly by month x component x
-- region x detail level x AOR x demographic x citizenship x title x encounter type;
-- cbp_one_monthly by month x citizenship.
--
-- encounters_monthly has ~all the rows: rows are first grouped by one hash of their key (one
-- 64-bit value instead of ten text columns, several times faster), and only the rows whose
-- hash repeats are grouped by the key itself. Equal keys always share a hash, so no repeat is
-- missed; two keys that merely share a hash are told apart in the second step. (The hash is
-- written twice, not shared through a CTE, which DuckDB would copy with every row.)
with repeated_hashes as (
    select
        hash(
            release, month, component, land_border_region, detail_level, area_of_responsibility,
            demographic, citizenship, title_of_authority, encounter_type
        ) as key_hash
    from marts.encounters_monthly
    group by key_hash
    having count(*) > 1
),

encounter_keys as (
    select
        'encounters_monthly' as tbl, release, month, count(*) as n
    from marts.encounters_monthly
    where hash(
            release, month, component, land_border_region, detail_level, area_of_responsibility,
            demographic, citizenship, title_of_authority, encounter_type
        ) in (select key_hash from repeated_hashes)
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
