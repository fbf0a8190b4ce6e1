"""/policy in one place: `view` ties the marts to the page (URL parameters and their defaults,
the rows each chart draws, the facts it prints), `text` writes the verdicts, estimates and the
effects table in words. The figures are in dashboard/figures/policy.py and
dashboard/figures/timeline.py, the page in dashboard/pages/policy.py."""
