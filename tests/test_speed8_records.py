"""Speed round eight: the per-event records and the per-sentence lists keep their behaviour.

- the records (``records.py``) are frozen, slotted dataclasses whose constructor fills the slots
  directly: equality, hashing, defaults, keywords, ``replace``, ``asdict``, pickling and the refusal
  to assign are the dataclass's own;
- a sentence's places after a set of prepositions (``places.place_near``) and its dates
  (``timing.pick_date``) are listed once and give every trigger of the sentence the answer it had.
"""

from __future__ import annotations

import dataclasses
import pickle

import pytest

from dyadwatch.actors.gazetteer import build_gazetteer
from dyadwatch.actors.resolve import ArticleActors
from dyadwatch.config import load_config
from dyadwatch.events.places import LOCATIVE_PREPS, PLACE_PREPS, _geocode_at, _place_spans, _settlement_noun, place_near
from dyadwatch.nlp.lists import parse_lists
from dyadwatch.nlp.models import load_pipeline
from dyadwatch.nlp.stages import index_sentences
from dyadwatch.records import Entity, Event, Evidence, Place


def _entity(**changes):
    fields = {"code": "MAR", "sector": "GOV", "name": "Rabat", "canonical": "Morocco", "role": None, "kind": "country"}
    return Entity(**{**fields, **changes})


def _event(**changes):
    evidence = Evidence("Morocco met Peru.", 0, 0, 17, "met", 8, 11)
    fields = dict(
        id="e1", article_id="a1", doc_id="d1", category="CONSULT", mode=None, contexts=(), actor=(_entity(),),
        recipient=(_entity(code="PER", name="Peru", canonical="Peru"),), date="2024-03-01", date_precision="day",
        location=Place("Rabat", "MAR", 34.0, -6.8), negated=False, future=False, hypothetical=False,
        historical=False, score=1.0, quad="verbal cooperation", evidence=evidence, confidence=0.7, coder="x/1",
    )
    return Event(**{**fields, **changes})


@pytest.mark.parametrize("make", [_entity, _event])
def test_speed8_records_compare_and_hash_by_their_fields(make):
    assert make() == make() and hash(make()) == hash(make())
    assert make() != make(code="DZA") if make is _entity else make() != make(category="MEET")


def test_speed8_records_keep_their_defaults_and_take_keywords_or_positions():
    positional = Entity("MAR", "GOV", "Rabat", "Morocco")
    assert positional == Entity(code="MAR", sector="GOV", name="Rabat", canonical="Morocco")
    assert (positional.role, positional.kind, positional.start, positional.end, positional.guessed) == (None, "country", -1, -1, False)
    with pytest.raises(TypeError):
        Entity("MAR")  # the required fields stay required


@pytest.mark.parametrize("make", [_entity, _event])
def test_speed8_records_stay_frozen(make):
    record = make()
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(record, "code" if make is _entity else "confidence", "x")
    assert not hasattr(record, "__dict__")  # slotted: no per-record dictionary


@pytest.mark.parametrize("make", [_entity, _event])
def test_speed8_records_survive_pickling_replace_and_asdict(make):
    record = make()
    assert pickle.loads(pickle.dumps(record)) == record  # what the Dask engine and the process pool ship
    changed = dataclasses.replace(record, id="e2") if make is _event else dataclasses.replace(record, code="TUN")
    assert changed != record and type(changed) is type(record)
    assert dataclasses.asdict(record)["evidence" if make is _event else "code"]


def _actors(language: str, text: str) -> ArticleActors:
    config = load_config(environ={})
    doc = index_sentences(load_pipeline(language, config.models)(text))
    return ArticleActors(doc, build_gazetteer(language, config.models[language]), text=text)


def _place_near_by_hand(t, gaz, preps):
    """place_near as it read every place of the Doc for each trigger (speed round seven)."""
    parse = parse_lists(t.doc)
    start_s, end_s = parse.sents[parse.sent_of[t.i]]
    best = None
    for start, end, known in _place_spans(t.doc, gaz):
        if not start_s <= start < end_s:
            continue
        heads, deps = parse.heads, parse.deps
        named = _settlement_noun(start, heads, deps) if known is not None else start
        head = heads[named] if known is not None else heads[heads[start]] if deps[start] == "compound" else heads[start]
        if parse.lower[head] not in preps and not any(parse.deps[c] == "case" and parse.lower[c] in preps for c in parse.kids[named]):
            continue
        place = known or _geocode_at(t.doc, start, min(end, end_s), gaz)
        if place is not None:
            distance = abs(start - t.i) - (100 if parse.subtree_has(t.i, start) else 0)
            if best is None or distance < best[0]:
                best = (distance, place)
    return best[1] if best else None


@pytest.mark.parametrize(
    "language,text",
    [
        ("en", "Kenya signed a deal in Nairobi and met Peru at Lima. Chile protested in Santiago."),
        ("fr", "Le Kenya a signé un accord à Nairobi et a rencontré le Pérou à Lima. Le Chili a protesté à Santiago."),
        # no place after a preposition: none for any trigger
        ("en", "Kenya signed a deal with Peru. Chile protested."),
        ("fr", "Le Kenya a signé un accord avec le Pérou. Le Chili a protesté."),
    ],
)
def test_speed8_place_near_gives_every_trigger_of_a_sentence_its_own_nearest_place(language, text):
    actors = _actors(language, text)
    verbs = [t for t in actors.toks if t.pos_ == "VERB"]
    assert verbs
    for preps in (PLACE_PREPS, LOCATIVE_PREPS, set(LOCATIVE_PREPS)):
        for t in verbs:
            assert place_near(t, actors.gaz, preps) == _place_near_by_hand(t, actors.gaz, preps)
