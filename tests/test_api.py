"""The REST API: paging, filters, dyad series and shifts, auth, the one error shape, jobs, OpenAPI."""

from __future__ import annotations

import time

import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

from dyadwatch.config import Config  # noqa: E402
from dyadwatch.records import Article, CodedArticle, Entity, Event, Evidence, article_id  # noqa: E402

FRA = Entity("FRA", "GOV", "France", "France")
DZA = Entity("DZA", "GOV", "Algeria", "Algeria")
MACRON = Entity("FRA", "GOV", "Macron", "Emmanuel Macron", role="President", kind="person")
MAR = Entity("MAR", "GOV", "Morocco", "Morocco")

# (date, category, quad, score, actor, recipient, sentence, trigger, negated)
ROWS = [
    ("2024-01-10", "CONSULT", "VC", 4.0, (FRA,), (DZA,), "France hosted talks with Algeria.", "hosted", False),
    ("2024-02-11", "AGREE", "VC", 4.0, (DZA,), (FRA,), "Algeria agreed to resume visits.", "agreed", False),
    ("2024-03-12", "CONSULT", "VC", 4.0, (MACRON,), (DZA,), "Macron met Algerian envoys.", "met", False),
    ("2024-04-13", "SANCTION", "MF", -6.0, (DZA,), (FRA,), "Algeria recalled its ambassador from Paris.", "recalled", False),
    ("2024-04-14", "ACCUSE", "VF", -3.0, (DZA,), (FRA,), "Algeria accused France of bad faith.", "accused", False),
    ("2024-04-15", "AGREE", "VC", 4.0, (DZA,), (FRA,), "Algeria did not agree to talks.", "agree", True),
    ("2024-05-01", "SUPPORT", "VC", 3.5, (FRA,), (MAR,), "France backed Morocco <script>window.__xss=1</script>.", "backed", False),
]


def coded_store(path: str) -> None:
    from dyadwatch.store import open_store

    arts = []
    for n, (date, cat, quad, score, actor, recip, sentence, trigger, negated) in enumerate(ROWS):
        text = f"Lead paragraph {n}. {sentence}"
        aid = article_id(text, f"https://example.test/{n}")
        start = text.index(sentence)
        t0 = text.index(trigger, start)
        ev = Event(
            id=f"ev{n}", article_id=aid, doc_id=f"doc-{n}", category=cat, mode=None, contexts=(), actor=actor,
            recipient=recip, date=date, date_precision="day", location=None, negated=negated, future=False,
            hypothetical=False, historical=False, score=score, quad=quad,
            evidence=Evidence(sentence, 1, start, start + len(sentence), trigger, t0, t0 + len(trigger)),
            confidence=0.9, coder="test/1",
        )
        art = Article(aid, f"doc-{n}", text, f"Title {n}", date, f"https://example.test/{n}", "en", "test", f"doc-{n}")
        arts.append(CodedArticle(art, "en", "coded", events=(ev,), coder="test/1"))
    with open_store(path) as store:
        store.write(arts, [])


def fake_coder(paths, store, config):
    return {"read": 1, "coded": 1, "events": 0, "errors": 0, "paths": len(paths)}


@pytest.fixture()
def client(tmp_path):
    from dyadwatch.api import create_app

    db = str(tmp_path / "api.duckdb")
    coded_store(db)
    app = create_app(db, Config(api_token="s3cret"), coder=fake_coder)
    with TestClient(app) as c:
        yield c


def test_api_lists_are_paged_with_total(client):
    first = client.get("/api/events", params={"limit": 2, "offset": 0, "include_flagged": True}).json()
    rest = client.get("/api/events", params={"limit": 50, "offset": 2, "include_flagged": True}).json()
    assert (first["total"], first["limit"], first["offset"], len(first["items"])) == (7, 2, 0, 2)
    assert len(rest["items"]) == 5
    articles = client.get("/api/articles", params={"limit": 3}).json()
    assert articles["total"] == 7 and len(articles["items"]) == 3


def test_api_events_cursor_pages_follow_the_offset_pages(client):
    by_offset = client.get("/api/events", params={"limit": 50, "include_flagged": True}).json()["items"]
    seen, params = [], {"limit": 2, "include_flagged": True}
    while True:
        body = client.get("/api/events", params=params).json()
        assert body["total"] == 7
        seen += [e["id"] for e in body["items"]]
        if body["next_cursor"] is None:
            break
        params["cursor"] = body["next_cursor"]
    assert seen == [e["id"] for e in by_offset]


def test_api_events_last_page_has_no_next_cursor(client):
    body = client.get("/api/events", params={"limit": 7, "include_flagged": True}).json()
    assert len(body["items"]) == 7 and body["next_cursor"] is None


@pytest.mark.parametrize(
    "params",
    [
        {"cursor": "not-a-cursor"},
        {"cursor": "WyIyMDI0Il0"},  # valid base64 of JSON, but not a page key
        {"cursor": "WyIyMDI0LTAxLTAxIiwiZCIsMSwiZXYxIl0", "offset": 2},  # a good cursor beside an offset
    ],
)
def test_api_events_bad_cursor_is_a_coded_422(client, params):
    response = client.get("/api/events", params=params)
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "E602" and body["where"] == "cursor" and "next_cursor" in body["hint"]


@pytest.mark.parametrize(
    ("params", "ids"),
    [
        ({"dyad": "FRA-DZA"}, ["ev0", "ev1", "ev2", "ev3", "ev4"]),
        ({"dyad": "DZA-FRA", "directed": True}, ["ev1", "ev3", "ev4"]),
        ({"dyad": "FRA-DZA", "include_flagged": True, "period": "2024-04"}, ["ev3", "ev4", "ev5"]),
        ({"category": "sanction"}, ["ev3"]),
        ({"since": "2024-03-01", "until": "2024-04"}, ["ev2", "ev3", "ev4"]),
        ({"actor": "Emmanuel Macron"}, ["ev2"]),
        ({"q": "ambassador"}, ["ev3"]),
    ],
)
def test_api_events_filters(client, params, ids):
    body = client.get("/api/events", params=params).json()
    assert [e["id"] for e in body["items"]] == ids


def test_api_dyad_series_excludes_negated_and_flags_the_shift(client):
    body = client.get("/api/dyads/FRA/DZA", params={"by": "month"}).json()
    assert [p["period"] for p in body["points"]] == ["2024-01", "2024-02", "2024-03", "2024-04"]
    april = body["points"][-1]
    assert (april["events"], april["index"]) == (2, -4.5)
    assert [(s["period"], s["direction"], sorted(s["event_ids"])) for s in body["shifts"]] == [
        ("2024-04", "conflict", ["ev3", "ev4"])
    ]
    assert client.get("/api/shifts").json()["items"][0]["dyad"] == "DZA-FRA"


def test_api_actors_and_dyads_rankings(client):
    actors = client.get("/api/actors").json()
    assert actors["items"][0]["canonical"] == "Algeria"
    assert any(a["canonical"] == "Emmanuel Macron" and a["roles"] == ["President"] for a in actors["items"])
    volume = client.get("/api/dyads").json()["items"]
    assert volume[0] == {"dyad": "DZA-FRA", "a": "DZA", "b": "FRA", "events": 5}
    change = client.get("/api/dyads", params={"sort": "change"}).json()["items"]
    assert change[0]["dyad"] == "DZA-FRA" and change[0]["change"] == -8.5


def test_api_article_has_text_and_events(client):
    art = client.get("/api/articles/doc-3").json()
    assert "recalled its ambassador" in art["text"] and [e["id"] for e in art["events"]] == ["ev3"]


@pytest.mark.parametrize(
    ("method", "url", "status", "code"),
    [
        ("get", "/api/articles/nope", 404, "E601"),
        ("get", "/api/no-such-route", 404, "E606"),
        ("get", "/api/events?limit=0", 422, "E602"),
        ("get", "/api/dyads/FRANCE/DZA", 422, "E602"),
        ("get", "/api/events?category=NOPE", 422, "E401"),
        ("get", "/api/jobs/unknown", 404, "E601"),
        ("delete", "/api/events", 405, "E606"),
        ("post", "/api/articles", 401, "E603"),
    ],
)
def test_api_every_error_has_the_one_shape(client, method, url, status, code):
    response = getattr(client, method)(url, **({"json": {"articles": [{"text": "x"}]}} if method == "post" else {}))
    assert response.status_code == status
    body = response.json()
    assert set(body) == {"code", "message", "where", "hint"} and body["code"] == code


def test_api_wrong_token_and_disabled_writes(client, tmp_path):
    from dyadwatch.api import create_app

    bad = client.post("/api/articles", json={"articles": [{"text": "x"}]}, headers={"Authorization": "Bearer nope"})
    assert (bad.status_code, bad.json()["code"]) == (401, "E604")
    db = str(tmp_path / "open.duckdb")
    with TestClient(create_app(db, Config())) as open_client:
        refused = open_client.post("/api/articles", json={"articles": [{"text": "x"}]}, headers={"Authorization": "Bearer x"})
        assert (refused.status_code, refused.json()["code"]) == (403, "E605")


def test_api_read_token_required_protects_reads(tmp_path):
    from dyadwatch.api import create_app

    with TestClient(create_app(str(tmp_path / "r.duckdb"), Config(api_token="t", read_token_required=True))) as c:
        assert c.get("/api/events").status_code == 401
        assert c.get("/api/events", headers={"Authorization": "Bearer t"}).status_code == 200


def test_api_submit_articles_runs_a_background_job(client):
    auth = {"Authorization": "Bearer s3cret"}
    job = client.post("/api/articles", json={"articles": [{"text": "Algeria recalled its ambassador."}]}, headers=auth)
    assert job.status_code == 202
    job_id = job.json()["id"]
    for _ in range(100):
        state = client.get(f"/api/jobs/{job_id}").json()
        if state["status"] in ("done", "failed"):
            break
        time.sleep(0.05)
    assert state["status"] == "done" and state["result"]["coded"] == 1


@pytest.mark.parametrize(
    ("fmt", "content"),
    [("csv", "alias,code,role\nle Quai d'Orsay,FRA,\nTebboune,dza,President\n"), ("yaml", "Quai d'Orsay: FRA\nTebboune: DZA\n")],
)
def test_api_actor_import_stores_alias_rows(client, fmt, content):
    auth = {"Authorization": "Bearer s3cret"}
    body = client.post("/api/actors/import", json={"format": fmt, "content": content}, headers=auth).json()
    assert (body["imported"], body["table"]) == (2, "actor_registry")


def test_api_actor_import_names_the_bad_row(client):
    auth = {"Authorization": "Bearer s3cret"}
    r = client.post("/api/actors/import", json={"format": "csv", "content": "alias,code\nParis,France\n"}, headers=auth)
    assert (r.status_code, r.json()["code"], r.json()["where"]) == (422, "E607", "row 1")


@pytest.mark.parametrize(
    "content",
    ["0pq\u0092\r\u00c1\u001f\u001a", "alias,code\nParis,FRA\rLyon,FRA\n", "alias,code\n" + "x" * 200_000 + ",FRA\n"],
)
def test_api_actor_import_of_unreadable_csv_is_a_coded_error_not_a_crash(client, content):
    # stray carriage returns (found by the schemathesis run) and a field past the csv module's size limit
    auth = {"Authorization": "Bearer s3cret"}
    r = client.post("/api/actors/import", json={"format": "csv", "content": content}, headers=auth)
    assert r.status_code in (200, 422), r.text
    if r.status_code == 422:
        assert r.json()["code"] == "E607"


def test_api_openapi_documents_every_endpoint_and_the_error_shape(client):
    doc = client.get("/openapi.json").json()
    paths = set(doc["paths"])
    assert {"/api/articles", "/api/articles/{article_id}", "/api/events", "/api/actors", "/api/dyads",
            "/api/dyads/{a}/{b}", "/api/shifts", "/api/jobs/{job_id}", "/api/actors/import"} <= paths
    assert not any(p.startswith(("/dyad", "/article", "/static")) for p in paths)
    assert set(doc["components"]["schemas"]["ErrorBody"]["properties"]) == {"code", "message", "where", "hint"}
    assert doc["paths"]["/api/events"]["get"]["responses"]["422"]["content"]["application/json"]["schema"]["$ref"].endswith("ErrorBody")
