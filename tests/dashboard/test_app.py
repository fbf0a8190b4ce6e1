"""The app over HTTP (Flask test client): health, pages, downloads, filters from URLs."""

from __future__ import annotations

import csv
import io


def test_healthz_reports_build_and_row_counts(dash_app):
    response = dash_app.server.test_client().get("/healthz")
    assert response.status_code == 200
    body = response.get_json()
    assert body["status"] == "ok" and body["built_at"]
    assert body["row_counts"]["marts.waitlist_snapshots"] > 100


def test_csv_download_has_exactly_the_filtered_rows(dash_app, marts_con):
    client = dash_app.server.test_client()
    response = client.get("/download/waitlist-by-city.csv?city=Tijuana")
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.data.decode())))
    expected = marts_con.execute(
        "select count(*) from marts.waitlist_snapshots where city = 'Tijuana'"
    ).fetchone()[0]
    assert len(rows) == expected and {r["city"] for r in rows} == {"Tijuana"}
    assert 'filename="waitlist-by-city-tijuana.csv"' in response.headers["Content-Disposition"]


def test_bad_filter_in_a_download_url_is_a_clear_400(dash_app):
    client = dash_app.server.test_client()
    response = client.get("/download/waitlist-by-city.csv?city=Atlantis")
    assert response.status_code == 400
    assert response.data.decode().startswith("unknown city 'Atlantis'")
    assert client.get("/download/no-such-chart.csv").status_code == 404
    response = client.get("/download/waitlist-by-city.csv?start=';drop table x;--")
    assert response.status_code == 400
