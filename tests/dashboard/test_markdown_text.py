"""Data text in markdown stays text and reads as written in the page: Dash's Markdown shows a
backslash before & and < as typed ("Metering \\& Turnback Record" on /exhibits), so those are
written as entities. Expected strings are written out by hand."""

from __future__ import annotations

from dashboard.markup import md_text


def test_ampersand_and_angle_brackets_become_entities():
    assert md_text("Metering & Turnback Record") == "Metering &amp; Turnback Record"
    assert md_text("<script>x</script>") == "&lt;script&gt;x&lt;/script&gt;"


def test_link_and_code_marks_stay_backslash_escaped():
    assert md_text("[click](https://example.com) `x`") == r"\[click\](https://example.com) \`x\`"


def test_an_entity_in_the_data_stays_as_typed():
    assert md_text("&amp;") == "&amp;amp;"
