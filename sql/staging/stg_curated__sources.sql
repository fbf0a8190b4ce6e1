with source as (
    select * from raw.curated__sources
),

final as (
    select
        source_id,
        title,
        untitled_description,
        untitled_description_es,
        publisher,
        published_text as published,
        published_precision,
        undated_reason,
        formal_citation,
        original_url,
        copy_url,
        copy_host,
        copy_note,
        accessed_text as accessed,
        language,
        inferred_fields,
        note
    from source
)

select * from final
