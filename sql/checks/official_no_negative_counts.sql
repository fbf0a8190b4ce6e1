-- Official counts are never negative or missing (CBP One "X" months are null by design).
with counts as (
    select 'encounters_monthly' as tbl, release, month, encounters as n
    from marts.encounters_monthly
    union all
    select 'cbp_one_monthly', release, month, appointments
    from marts.cbp_one_monthly
    where value_flag is distinct from 'not_applicable'
    union all
    select 'cbp_one_release_figures', release, period_end, value
    from marts.cbp_one_release_figures
),

final as (
    select * from counts where n is null or n < 0
)

select * from final
