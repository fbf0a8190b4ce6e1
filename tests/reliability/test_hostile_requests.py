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


def layout_components(client) -> list[tuple]:
    """(id, props) of every component with an id on every page, as the router sends them."""
    from tests.reliability.test_marts_verify import page_content

    found = []

    def walk(node):
        if isinstance(node, dict):
            props = node.get("props")
            if isinstance(props, dict) and "id" in props:
                found.append((props["id"], props))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for path in PAGE_PATHS:
        walk(json.loads(page_content(client, path, "")))
    return found


def _spec(text: str):
    return json.loads(text) if text.startswith("{") else text


def _matches(pattern, concrete, bound: dict) -> bool:
    if not isinstance(pattern, dict):
        return pattern == concrete
    if not isinstance(concrete, dict) or concrete.keys() != pattern.keys():
        return False
    for key, want in pattern.items():
        if want == ["MATCH"] and key in bound and concrete[key] != bound[key]:
            return False
        if not isinstance(want, list) and concrete[key] != want:
            return False
    return True


def _resolve(item: dict, components: list[tuple], bound: dict, with_value: bool):
    """The concrete item(s) the renderer would send for a dependency's id (None if absent)."""
    pattern, prop = item["id"], item["property"]
    if isinstance(pattern, str) and pattern.startswith("{"):
        pattern = json.loads(pattern)
    found = [(i, props) for i, props in components if _matches(pattern, i, bound)]
    is_all = isinstance(pattern, dict) and ["ALL"] in pattern.values()
    if not found and not is_all:  # ALL matching nothing is an empty list, as Dash sends it
        return None if isinstance(pattern, dict) else {"id": pattern, "property": prop}
    if is_all:
        return [
            {"id": i, "property": prop, **({"value": p.get(prop)} if with_value else {})}
            for i, p in found
        ]
    concrete, props = found[0]
    if isinstance(pattern, dict):
        bound.update({k: concrete[k] for k, v in pattern.items() if v == ["MATCH"]})
    return {"id": concrete, "property": prop, **({"value": props.get(prop)} if with_value else {})}


def normal_body(dependency: dict, components: list[tuple]) -> dict | None:
    """The body the renderer sends for this callback, from the components on the pages."""
    bound: dict = {}
    output = dependency["output"]
    parts = output[2:-2].split("...") if output.startswith("..") else [output]
    # outputs first: the renderer resolves a MATCH callback from the outputs in the layout (a
    # card's map callback exists only for the cards that have a map)
    outputs = [
        _resolve(
            dict(zip(("id", "property"), p.rsplit(".", 1), strict=True)), components, bound, False
        )
        for p in parts
    ]
    inputs = [_resolve(i, components, bound, True) for i in dependency["inputs"]]
    state = [_resolve(i, components, bound, True) for i in dependency["state"]]
    if None in inputs or None in state or None in outputs:
        return None
    first = inputs[0][0] if isinstance(inputs[0], list) and inputs[0] else inputs[0]
    changed = (
        first["id"]
        if isinstance(first, dict) and isinstance(first.get("id"), str)
        else (
            json.dumps(first["id"], separators=(",", ":"), sort_keys=True)
            if isinstance(first, dict)
            else ""
        )
    )
    return {
        "output": output,
        "outputs": outputs if output.startswith("..") else outputs[0],
        "inputs": inputs,
        "state": state,
        "changedPropIds": [f"{changed}.{dependency['inputs'][0]['property']}"],
    }


# values also sent to every input of a callback at once
ALL_AT_ONCE = (None, "xx", 123, [1, 2], {}, "x" * 5000)


def callback_bodies(base: dict) -> list[dict]:
    """The callback's normal body; each hostile value in one input or state in turn (cycling
    through them, so every value and every input is tried); a few values in all of them."""
    slots = [(key, i) for key in ("inputs", "state") for i in range(len(base[key]))]
    if not slots:
        return [base]
    bodies = [base]

    def put(body, key, index, value):
        target = body[key][index]
        for item in target if isinstance(target, list) else [target]:
            item["value"] = value

    for n, value in enumerate(HOSTILE_VALUES * max(1, -(-len(slots) // len(HOSTILE_VALUES)))):
        body = json.loads(json.dumps(base))
        put(body, *slots[n % len(slots)], value)
        bodies.append(body)
    for value in ALL_AT_ONCE:
        body = json.loads(json.dumps(base))
        for key, index in slots:
            put(body, key, index, value)
        bodies.append(body)
    return bodies


@pytest.fixture(scope="module")
def client(dash_app):
    return dash_app.server.test_client()


def test_hostile_requests_get_no_5xx_and_carry_security_headers(client):
    dependencies = client.get("/_dash-dependencies").get_json()
    components = layout_components(client)
    sent, server_errors, missing_headers, tried = 0, [], [], 0

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
        base = normal_body(dependency, components)
        if base is None:  # its components are not on any page as first served
            continue
        tried += 1
        for body in callback_bodies(base):
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
    report(
        "hostile requests",
        f"{sent} sent ({tried} of {len(dependencies)} callbacks), "
        f"{len(server_errors)} answered 5xx",
    )
    assert server_errors == []
    assert tried == len(dependencies), "a callback's components were not found on any page"
    assert sent > 300
    assert missing_headers == []


def test_an_unknown_language_falls_back_to_english(client):
    dependency = next(
        d for d in client.get("/_dash-dependencies").get_json() if "turnbacks-url" in d["output"]
    )
    base = normal_body(dependency, layout_components(client))
    answers = {}
    for lang in ("en", "xx", "es"):
        body = json.loads(json.dumps(base))
        body["state"][0]["value"] = lang
        response = client.post("/_dash-update-component", json=body)
        assert response.status_code == 200
        answers[lang] = response.get_json()
    assert answers["xx"] == answers["en"] != answers["es"]


def test_pages_may_frame_themselves_and_embeds_may_be_framed_anywhere(client):
    page = client.get("/").headers["Content-Security-Policy"]
    assert "frame-ancestors 'self'" in page
    embed = client.get("/embed/waitlist-by-city").headers
    assert "frame-ancestors" not in embed["Content-Security-Policy"]
    assert "X-Frame-Options" not in embed
    assert client.get("/").headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
