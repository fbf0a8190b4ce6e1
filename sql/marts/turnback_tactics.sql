-- One row per turnback record x tactic, for counting records by tactic (a record with two
-- tactics counts once under each; records are never people).
with reports as (
    select * from marts.turnbacks
),

final as (
    select
        record_id,
        record_type,
        unnest(string_split(tactics, '|')) as tactic,
        period_start,
        period_end,
        city,
        us_ports,
        source_id
    from reports
)

select * from final
