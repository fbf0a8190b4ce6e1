"""Statistics for policy events: interrupted time series and before/after windows.

Every estimator here is written out in numpy (the t distribution in `student_t`, with math
only) so that its formula can be read next to the code; `docs/methods.md` states the same
formulas and assumptions in plain words.
"""

from etl.stats.before_after import BootstrapResult, diff_bootstrap
from etl.stats.its import ItsResult, NotEstimable, fit_segmented, hac_lag_rule

__all__ = [
    "BootstrapResult",
    "ItsResult",
    "NotEstimable",
    "diff_bootstrap",
    "fit_segmented",
    "hac_lag_rule",
]
