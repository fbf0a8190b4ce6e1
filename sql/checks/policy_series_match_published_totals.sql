-- ofo_sw_total and usbp_sw_total match CBP's and OHSS's published fiscal-year totals
-- (data/raw/official/published_totals.csv, each figure naming the file it was read from):
-- every month of the period is present, and the sum is within rounding (5 per rounded cell:
-- the published figure and each rounded month), plus 10 encounters or 0.1% of the figure,
-- whichever is more, when the series takes a month from another release than the one that
-- published it (revisions; see policy_series_match_every_release.sql).
with summed as (
    select
        p.line, p.series_id, p.period, p.value as published, p.is_rounded, p.release,
        date_diff('month', p.first_month, p.last_month) + 1 as months_expected,
        count(s.month) as months_found,
        coalesce(sum(s.value), 0) as series_total,
        count(*) filter (where s.is_rounded) as rounded_months,
        coalesce(bool_or(s.release <> p.release), false) as other_release
    from raw.published_totals__figures as p
    left join marts.policy_series as s
        on s.series_id = p.series_id and s.month between p.first_month and p.last_month
    group by all
)

select line, series_id, period, published, series_total, months_found, months_expected
from summed
where months_found <> months_expected
    or abs(series_total - published)
        > 5 * (case when is_rounded then 1 else 0 end + rounded_months)
        + case when other_release then greatest(10, 0.001 * published) else 0 end
