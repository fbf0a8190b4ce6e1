"""Hostile requests get a 4xx (or a page that falls back), never a 5xx, and carry the headers.

Every callback the app registers is sent its normal body with each input and state replaced in
turn by hostile values (wrong types, unknown languages, injected text, huge lists), then a set of
malformed bodies; page URLs, downloads, declarations and component-suite paths get tampered
queries and traversal attempts. The suite prints requests sent and 5xx seen.
"""

from __future__ import annotations

import json

import pytest

from tests.reliability.figures import report

HOSTILE_VALUES = [
    None,
    "",
    "xx",
    "EN",
    "es\x00",
    "../../etc/passwd",
    "<script>alert(1)</script>",
    "'; drop table marts.turnbacks; --",
    "=cmd|' /C calc'!A0",
    "x" * 5000,
    123,
    -1,
    1.5e308,
    True,
    [],
    [None],
    [1, 2],
    ["Tijuana", {"$ne": 1}],
    ["Tijuana"] * 200,
    {},
    {"lang": "es"},
    "2019-13-45",
    "0001-01-01",
    "9999-12-31",
]

MALFORMED_BODIES = [
    b"",
    b"not json",
    b"[]",
    b'"a string"',
    b"null",
    b"{}",
    b'{"output": 1, "outputs": [], "inputs": []}',
    b'{"output": "x.children", "outputs": {"id": "x", "property": "children"}}',
    b'{"output": "x.children", "outputs": [], "inputs": "nope"}',
    b'{"output": "x.children", "outputs": [], "inputs": [1, 2]}',
    b'{"output": "x.children", "outputs": [], "inputs": [{"id": "a"}]}',
    b'{"output": "x.children", "outputs": [], "inputs": [], "changedPropIds": [1]}',
    b'{"output": "nope.children", "outputs": {"id": "nope", "property": "children"}, '
    b'"inputs": [], "changedPropIds": []}',
    b"[" * 5000,
]

PAGE_PATHS = ["/", "/waitlists", "/ports", "/policy", "/turnbacks", "/sources", "/exhibits"]
PAGE_QUERIES = [
    "?lang=xx",
    "?lang=es&lang=en",
    "?lang[]=es",
    "?city=%3Cscript%3E",
    "?city=Tijuana|Nogales|" + "x" * 3000,
    "?start=2019-13-45&end=banana",
    "?start=9999-12-31",
    "?event=nope&series=%27%3B--&window=-1",
    "?window=99999999999999999999",
    "?port=..%2F..%2Fetc%2Fpasswd",
    "?release=%00",
]
GET_PATHS = [
    "/_dash-component-suites/dash/../../../../etc/passwd",
    "/_dash-component-suites/dash/..%2f..%2f..%2fetc%2fpasswd",
    "/_dash-component-suites/dash/%2e%2e/%2e%2e/etc/passwd",
    "/_dash-component-suites/../dash.py",
    "/_dash-component-suites/os/path.py",
    "/_dash-component-suites/dash/dcc/nope.js",
    "/_dash-component-suites/dash/deps/..%5c..%5cetc%5cpasswd",
    "/_dash-layout?x=%00",
    "/download/waitlist-by-city.csv?city=%3Cscript%3E",
    "/download/waitlist-by-city.csv?start=banana",
    "/download/waitlist-by-city.exe",
    "/download/..%2F..%2Fetc%2Fpasswd",
    "/declaration.md?city=%27%3B--&start=2019-01-01&end=2019-02-01",
    "/declaration.md?city=Tijuana&start=banana&end=2019-02-01",
    "/declaration.docx?lang=xx",
    "/declaration.exe",
    "/healthz?%00",
    "/nope",
]


# values also sent to every input of a callback at once
ALL_AT_ONCE = (None, "xx", 123, [1, 2], {}, "x" * 5000)


def callback_bodies(dependency: dict) -> list[dict]:
    """The callback's normal body; each hostile value in one input or state in turn (cycling
    through them, so every value and every input is tried); a few values in all of them."""
    output = dependency["output"]
    parts = output.strip(".").split("...") if output.startswith("..") else [output]
    outputs = [dict(zip(("id", "property"), p.rsplit(".", 1), strict=True)) for p in parts]
    base = {
        "output": output,
        "outputs": outputs if output.startswith("..") else outputs[0],
        "inputs": [{**i, "value": None} for i in dependency["inputs"]],
        "state": [{**s, "value": "en"} for s in dependency["state"]],
        "changedPropIds": [f"{i['id']}.{i['property']}" for i in dependency["inputs"][:1]],
    }
    slots = [(key, i) for key in ("inputs", "state") for i in range(len(base[key]))]
    bodies = [base]
    for n, value in enumerate(HOSTILE_VALUES * max(1, -(-len(slots) // len(HOSTILE_VALUES)))):
        body = json.loads(json.dumps(base))
        key, index = slots[n % len(slots)]
        body[key][index]["value"] = value
        bodies.append(body)
    for value in ALL_AT_ONCE:
        body = json.loads(json.dumps(base))
        for key, index in slots:
            body[key][index]["value"] = value
        bodies.append(body)
    return bodies


@pytest.fixture(scope="module")
def client(dash_app):
    return dash_app.server.test_client()


def test_hostile_requests_get_no_5xx_and_carry_security_headers(client):
    dependencies = client.get("/_dash-dependencies").get_json()
    sent, server_errors, missing_headers = 0, [], []

    def record(label: str, response) -> None:
        nonlocal sent
        sent += 1
        if response.status_code >= 500:
            server_errors.append(f"{response.status_code} {label}")
        headers = response.headers
        if not (
            headers.get("X-Content-Type-Options") == "nosniff"
            and "frame-ancestors" in headers.get("Content-Security-Policy", "")
            and headers.get("Referrer-Policy")
        ):
            missing_headers.append(label)

    for dependency in dependencies:
        for body in callback_bodies(dependency):
            response = client.post("/_dash-update-component", json=body)
            record(f"callback {dependency['output'][:40]} {json.dumps(body)[-120:]}", response)
    for raw in MALFORMED_BODIES:
        response = client.post("/_dash-update-component", data=raw, content_type="application/json")
        record(f"malformed {raw[:40]!r}", response)
        assert response.status_code == 400, raw[:60]
    for path in PAGE_PATHS:
        for query in PAGE_QUERIES:
            record(f"GET {path}{query[:60]}", client.get(path + query))
    for path in GET_PATHS:
        response = client.get(path)
        record(f"GET {path}", response)
        assert b"root:" not in response.data
    report("hostile requests", f"{sent} sent, {len(server_errors)} answered 5xx")
    assert server_errors == []
    assert sent > 300
    assert missing_headers == []


def test_an_unknown_language_falls_back_to_english(client):
    dependency = next(
        d for d in client.get("/_dash-dependencies").get_json() if "turnbacks-url" in d["output"]
    )
    answers = {}
    for lang in ("en", "xx", "es"):
        body = callback_bodies(dependency)[0]
        body["state"][0]["value"] = lang
        response = client.post("/_dash-update-component", json=body)
        assert response.status_code == 200
        answers[lang] = response.get_json()
    assert answers["xx"] == answers["en"] != answers["es"]


def test_pages_may_frame_themselves_and_embeds_may_be_framed_anywhere(client):
    page = client.get("/").headers["Content-Security-Policy"]
    assert "frame-ancestors 'self'" in page
    embed = client.get("/embed/waitlist-by-city").headers["Content-Security-Policy"]
    assert "frame-ancestors *" in embed
    assert client.get("/").headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
