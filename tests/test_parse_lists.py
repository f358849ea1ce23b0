"""The parse lists (nlp.lists) answer what spaCy's Token objects answer, read once from the Doc's arrays."""

from __future__ import annotations

import pytest

from dyadwatch.config import load_config
from dyadwatch.nlp.lists import parse_lists
from dyadwatch.nlp.models import load_pipeline
from dyadwatch.nlp.stages import index_sentences, release_sentences

TEXTS = {
    "en": "ORAN, March 3 — The Peruvian envoy’s talks ended.\nBoth leaders will meet again; they were not invited by Chile!",
    "fr": "LIMA, 3 mars — Les pourparlers de l’envoyé chilien ont échoué.\nLes deux dirigeants se reverront ; ils n'étaient pas invités.",
}
FIELDS = ("Number", "Tense", "VerbForm", "Mood", "Poss", "PronType")


@pytest.fixture(scope="module", params=["en", "fr"])
def doc(request):
    return load_pipeline(request.param, load_config(environ={}).models)(TEXTS[request.param])


def test_parse_lists_answer_as_tokens_do(doc):
    parse = parse_lists(doc)
    tokens = list(doc)
    assert parse.texts == [t.text for t in tokens]
    assert parse.lower == [t.lower_ for t in tokens]
    assert parse.lemmas == [t.lemma_.lower() for t in tokens]
    assert parse.lemma_ids == [t.lemma for t in tokens]
    assert parse.pos == [t.pos_ for t in tokens]
    assert parse.deps == [t.dep_ for t in tokens]
    assert parse.heads == [t.head.i for t in tokens]
    assert parse.kids == [[c.i for c in t.children] for t in tokens]
    assert parse.sents == [(s.start, s.end) for s in doc.sents]
    assert [parse.sents[parse.sent_of[t.i]] for t in tokens] == [(t.sent.start, t.sent.end) for t in tokens]
    assert all(list(parse.feature(t.i, f)) == t.morph.get(f) for t in tokens for f in FIELDS)


def test_parse_lists_subtree_has_what_the_subtree_holds(doc):
    parse = parse_lists(doc)
    for t in doc:
        inside = {x.i for x in t.subtree}
        assert [parse.subtree_has(t.i, j) for j in range(len(doc))] == [j in inside for j in range(len(doc))]


def test_parse_lists_are_built_once_per_doc(doc):
    assert parse_lists(doc) is parse_lists(doc)


def test_sentence_index_gives_one_span_per_sentence_until_released(doc):
    index_sentences(doc)
    first = doc[0].sent
    last = doc[first.end - 1]
    assert last.sent is first and list(doc.sents)[0] is first
    release_sentences(doc)
    again = doc[0].sent
    assert again is not first and (again.start, again.end) == (first.start, first.end)
