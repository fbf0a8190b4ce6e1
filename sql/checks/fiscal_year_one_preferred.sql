-- Exactly one preferred release per area of responsibility and fiscal year, so the fiscal-year
-- chart shows one bar per office and year, never two releases side by side or summed.
with per_year as (
    select
        component, land_border_region, area_of_responsibility, fiscal_year,
        count(*) filter (where is_preferred) as preferred_rows
    from marts.encounters_fiscal_year
    group by all
),

final as (
    select * from per_year where preferred_rows <> 1
)

select * from final
