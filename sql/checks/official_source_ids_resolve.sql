-- Every official mart row cites a source listed in meta.sources.
with facts as (
    select distinct 'encounters_monthly' as tbl, source_id from marts.encounters_monthly
    union all
    select distinct 'cbp_one_monthly', source_id from marts.cbp_one_monthly
    union all
    select distinct 'cbp_one_release_figures', source_id from marts.cbp_one_release_figures
),

final as (
    select facts.*
    from facts
    left join meta.sources as sources on facts.source_id = sources.source_id
    where sources.source_id is null
)

select * from final
