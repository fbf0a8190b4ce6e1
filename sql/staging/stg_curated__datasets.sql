with source as (
    select * from raw.curated__datasets
),

final as (
    select
        dataset,
        file,
        title,
        title_es,
        description,
        description_es,
        compiled_from,
        compiled_from_es,
        caveats,
        caveats_es,
        quality_check,
        quality_check_es,
        licence,
        licence_es,
        updated
    from source
)

select * from final
