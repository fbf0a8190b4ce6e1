-- CBP encounters (OFO, USBP and Title 42 together) per month, land border region and U.S. state,
-- one row per release. Grain: month x land_border_region x state x release. Within a release
-- the other dimensions (demographic, citizenship, title of authority) partition the state's
-- count, so their sum is the state's total; releases are never added together, and this CBP
-- total is never added to the per-component rows of marts.encounters_monthly.
with state_rows as (
    select * from staging.stg_cbp_encounters_state__encounters
),

final as (
    select
        month,
        fiscal_year,
        land_border_region,
        state,
        cast(sum(encounters) as bigint) as encounters,
        release,
        release_date,
        is_rounded,
        source_id
    from state_rows
    group by all
)

select * from final
order by month, land_border_region, state, release
