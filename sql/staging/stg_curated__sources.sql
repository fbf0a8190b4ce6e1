with source as (
    select * from raw.curated__sources
),

final as (
    select
        source_id,
        title,
        publisher,
        published,
        url,
        accessed,
        language,
        via
    from source
)

select * from final
