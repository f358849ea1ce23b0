"""The actor registry: learning people across articles, user corrections, no false merges."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from dyadwatch.actors.registry import apply, learn, learnt_rows, lookup, read_import, resolutions
from dyadwatch.errors import ActorError
from dyadwatch.records import Entity, Event, Evidence

BIN = Path(sys.executable).with_name("dyadwatch")


def person(name, code="UNK", role=None, guessed=False):
    return Entity(code, "GOV" if role else None, name, name, role, "person", guessed=guessed)


def test_registry_fills_unknown_country_from_another_article():
    registry = learn([person("Bruno Retailleau", "FRA", "Interior Minister")])
    event = Event("e", "a", "a", "ACCUSE", None, (), (person("Bruno Retailleau"),), (), None, None, None,
                  False, False, False, False, -3.0, "VF", Evidence("s", 0, 0, 1, "t", 0, 1), 0.5, "test")
    (resolved,) = apply([event], registry)
    assert resolved.actor[0].code == "FRA" and resolved.actor[0].role == "Interior Minister"


def test_registry_does_not_merge_people_who_share_a_surname():
    registry = learn([person("Emmanuel Macron", "FRA", "President"), person("Brigitte Macron", "FRA")])
    assert lookup(registry, "Emmanuel Macron").canonical == "Emmanuel Macron"
    assert lookup(registry, "Macron") is None  # ambiguous: two known Macrons
    assert lookup(registry, "Pierre Macron") is None  # a third person, not either of them


def test_registry_unique_surname_resolves():
    registry = learn([person("Laurent Nuñez", "FRA", "Interior Minister")])
    assert lookup(registry, "Nuñez").canonical == "Laurent Nuñez"


def test_registry_guessed_countries_are_not_learnt_and_can_be_corrected():
    registry = learn([person("Keir Starmer", "FRA", guessed=True)])
    assert registry == {}
    fixed = learn([person("Keir Starmer", "GBR", "Prime Minister")])
    (event,) = apply([Event("e", "a", "a", "CONSULT", None, (), (person("Keir Starmer", "FRA", guessed=True),), (), None, None,
                            None, False, False, False, False, 2.5, "VC", Evidence("s", 0, 0, 1, "t", 0, 1), 0.5, "t")], fixed)
    assert event.actor[0].code == "GBR"


def test_registry_offices_keep_the_dates_they_were_seen():
    rows = learnt_rows([
        {"canonical": "Jean-Noël Barrot", "text": "Barrot", "code": "FRA", "sector": "GOV", "role": "Foreign Minister", "published": "2025-04-07"},
        {"canonical": "Jean-Noël Barrot", "text": "Jean-Noël Barrot", "code": "FRA", "sector": "GOV", "role": "Foreign Minister", "published": "2025-01-10"},
    ])
    assert rows == [{"canonical": "Jean-Noël Barrot", "alias": "Barrot; Jean-Noël Barrot", "code": "FRA", "sector": "GOV",
                     "role": "Foreign Minister", "since": "2025-01-10", "until": "2025-04-07", "mentions": 2, "source": "learnt"}]


def test_registry_user_corrections_take_precedence():
    links = [{"event_id": "e1", "side": "recipient", "position": 0, "code": "DZA", "sector": "SOC", "role": "Writer",
              "canonical": "Boualem Sansal", "name": "Sansal", "guessed": False}]
    user = [{"canonical": "Boualem Sansal", "alias": "Sansal", "code": "FRA", "sector": "SOC", "role": "Writer"}]
    assert resolutions(links, [], user)[0]["code"] == "FRA"
    assert resolutions(links, [], []) == []


def test_registry_import_rejects_bad_records(tmp_path):
    good = tmp_path / "a.yaml"
    good.write_text("- name: Boualem Sansal\n  aliases: [Sansal]\n  code: fra\n  role: Writer\n", encoding="utf-8")
    assert read_import(str(good))[0]["code"] == "FRA"
    bad = tmp_path / "b.csv"
    bad.write_text("name,code\nSansal,France\n", encoding="utf-8")
    with pytest.raises(ActorError) as info:
        read_import(str(bad))
    assert info.value.code == "E302" and "record 1" in str(info.value)


@pytest.mark.slow
def test_registry_cli_learns_lists_and_imports(tmp_path, db_path):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text("\n".join(json.dumps(a) for a in [
        {"id": "x1", "published": "2025-01-10", "language": "en",
         "text": "French Interior Minister Bruno Retailleau accused Algeria of seeking to humiliate France."},
        {"id": "x2", "published": "2025-03-01", "language": "en",
         "text": "Interior Minister Bruno Retailleau threatened Algeria with sanctions on Saturday."},
    ]) + "\n", encoding="utf-8")
    subprocess.run([str(BIN), "code", str(corpus), "--db", db_path, "--no-progress"], check=True, capture_output=True)
    listing = subprocess.run([str(BIN), "actors", "--db", db_path, "--format", "jsonl"], check=True, capture_output=True, text=True)
    rows = [json.loads(x) for x in listing.stdout.splitlines()]
    assert any(r["canonical"] == "Bruno Retailleau" and r["code"] == "FRA" for r in rows)
    events = subprocess.run([str(BIN), "events", "--db", db_path, "--format", "jsonl"], check=True, capture_output=True, text=True)
    x2 = [json.loads(x) for x in events.stdout.splitlines() if json.loads(x)["doc_id"] == "x2"]
    assert x2 and all(a["code"] == "FRA" for e in x2 for a in e["actor"] if a["canonical"] == "Bruno Retailleau")
    fix = tmp_path / "fix.yaml"
    fix.write_text("- name: Bruno Retailleau\n  code: FRA\n  sector: GOV\n  role: Minister of the Interior\n", encoding="utf-8")
    out = subprocess.run([str(BIN), "actors", "import", str(fix), "--db", db_path], check=True, capture_output=True, text=True)
    assert "1 corrections loaded" in out.stdout
    events = subprocess.run([str(BIN), "events", "--db", db_path, "--format", "jsonl"], check=True, capture_output=True, text=True)
    roles = {a["role"] for x in events.stdout.splitlines() for a in json.loads(x)["actor"] if a["canonical"] == "Bruno Retailleau"}
    assert roles == {"Minister of the Interior"}
