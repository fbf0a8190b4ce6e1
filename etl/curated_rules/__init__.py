"""The written rules of the curated files, each with the check that enforces it.

FORMATS.md lists every rule under the file it applies to, with its name, so a reader can see
which check refuses a row. `metering check` runs every rule on every row in one pass,
cross-file rules included: a row with a bad cell is still checked against ports.csv and
sources.csv, so all its problems appear in the first run. Each problem ends with the rule's
name in brackets. A rule reads rows as written (text), so it never depends on another rule.
"""

from etl.curated_rules import places, rows, sources, translations  # noqa: F401  (register)
from etl.curated_rules.base import RULES, Context, Row, Rule, rules_for, run_all

__all__ = ["RULES", "Context", "Row", "Rule", "run_all", "rules_for"]
