-- A fiscal-year figure with fewer than 12 months is labelled FYTD; a whole year is not.
select series_id, fiscal_year, months, label
from marts.policy_series_fiscal_years
where (months < 12) <> contains(label, 'FYTD')
