"""Speed round seven: what the stages after the parse read from the parse lists equals what spaCy gives.

- token offsets, trailing spaces, entity labels and IOB codes, ``Doc.ents``, ``Span.text``, a sentence's
  offsets and ``Token.subtree`` (``nlp.lists.ParseLists``), read in the same array call as the other columns;
- the rules that now read them: a place name holding a country name (``arguments.in_place_name``), the
  sides of a meeting (``collectives.between_parties``), the object a reaction refers back to
  (``parties._refers_back``).
"""

from __future__ import annotations

import pytest
from spacy.tokens import Doc
from spacy.vocab import Vocab

from dyadwatch.actors.gazetteer import build_gazetteer
from dyadwatch.actors.resolve import ArticleActors
from dyadwatch.config import load_config
from dyadwatch.events.arguments import in_place_name
from dyadwatch.events.collectives import between_parties
from dyadwatch.events.lexicon import load_lexicon
from dyadwatch.events.parties import _refers_back
from dyadwatch.nlp.lists import parse_lists
from dyadwatch.nlp.models import load_pipeline
from dyadwatch.nlp.stages import index_sentences

# hand-built parses: words, spaces, heads (absolute), labels, entity tags, sentence starts
HAND_BUILT = {
    "en": (
        ["Rabat", "hosted", "talks", "between", "Kenya", "and", "Peru", ".", "New", "York", "  ", "said", "no", "."],
        [True, True, True, True, True, True, False, True, True, False, False, True, False, False],
        [1, 1, 1, 2, 3, 4, 4, 1, 9, 11, 9, 11, 11, 11],
        ["nsubj", "ROOT", "dobj", "prep", "pobj", "cc", "conj", "punct", "compound", "nsubj", "dep", "ROOT", "dobj", "punct"],
        ["B-GPE", "O", "O", "O", "B-GPE", "O", "B-GPE", "O", "B-GPE", "I-GPE", "O", "O", "O", "O"],
        [True, False, False, False, False, False, False, False, True, False, False, False, False, False],
    ),
    "fr": (
        ["Le", "Mali", "et", "le", "Niger", "ont", "signé", "un", "accord", "à", "Niamey", "."],
        [True, True, True, True, True, True, True, True, True, True, False, False],
        [1, 6, 4, 4, 1, 6, 6, 8, 6, 10, 6, 6],
        ["det", "nsubj", "cc", "det", "conj", "aux:tense", "ROOT", "det", "obj", "case", "obl:mod", "punct"],
        ["O", "B-LOC", "O", "O", "B-LOC", "O", "O", "O", "O", "O", "B-LOC", "O"],
        [True] + [False] * 11,
    ),
}


def _hand_built(language: str) -> Doc:
    words, spaces, heads, deps, ents, starts = HAND_BUILT[language]
    return Doc(Vocab(), words=words, spaces=spaces, heads=heads, deps=deps, ents=ents, sent_starts=starts)


@pytest.mark.parametrize("language", ["en", "fr"])
def test_speed7_lists_hold_offsets_spaces_and_entities_as_spacy_does(language):
    doc = _hand_built(language)
    lists = parse_lists(doc)
    assert lists.starts == [t.idx for t in doc]
    assert lists.spaces == [bool(t.whitespace_) for t in doc]
    assert lists.ent_types == [t.ent_type_ for t in doc]
    assert lists.ent_iob == [t.ent_iob for t in doc]
    assert lists.ents == [(e.start, e.end, e.label_) for e in doc.ents]


@pytest.mark.parametrize("language", ["en", "fr"])
def test_speed7_lists_text_is_the_span_text(language):
    doc = _hand_built(language)
    lists = parse_lists(doc)
    for start in range(len(doc)):
        for end in range(start + 1, len(doc) + 1):
            assert lists.text(start, end) == doc[start:end].text


@pytest.mark.parametrize("language", ["en", "fr"])
def test_speed7_sentence_bounds_are_the_span_offsets(language):
    doc = _hand_built(language)
    lists = parse_lists(doc)
    assert [tuple(lists.bounds(n)) for n in range(len(lists.sents))] == [(s.start, s.end, s.start_char, s.end_char) for s in doc.sents]


@pytest.mark.parametrize("language", ["en", "fr"])
def test_speed7_subtree_follows_token_subtree(language):
    doc = _hand_built(language)
    lists = parse_lists(doc)
    assert [lists.subtree(i) for i in range(len(doc))] == [[w.i for w in t.subtree] for t in doc]


def test_speed7_subtree_follows_token_subtree_when_the_parse_crosses():
    # a non-projective parse: "wrote" governs "yesterday" across "a letter that Rome sent"
    words = ["Paris", "wrote", "a", "letter", "yesterday", "that", "Rome", "sent"]
    heads = [1, 1, 3, 1, 1, 7, 7, 3]
    deps = ["nsubj", "ROOT", "det", "dobj", "npadvmod", "mark", "nsubj", "relcl"]
    doc = Doc(Vocab(), words=words, heads=heads, deps=deps)
    lists = parse_lists(doc)
    assert [lists.subtree(i) for i in range(len(doc))] == [[w.i for w in t.subtree] for t in doc]


def test_speed7_entities_close_at_an_outside_word_and_at_the_end():
    doc = Doc(Vocab(), words=["Accra", "Ghana", "Lomé", "Togo"], ents=["B-GPE", "O", "B-GPE", "I-GPE"], sent_starts=[True, False, False, False])
    assert parse_lists(doc).ents == [(0, 1, "GPE"), (2, 4, "GPE")] == [(e.start, e.end, e.label_) for e in doc.ents]
    assert parse_lists(Doc(Vocab(), words=[])).ents == []


def _actors(language: str, text: str) -> ArticleActors:
    config = load_config(environ={})
    doc = index_sentences(load_pipeline(language, config.models)(text))
    return ArticleActors(doc, build_gazetteer(language, config.models[language]), text=text)


@pytest.mark.parametrize(
    "language,text,word,inside",
    [
        # a place whose name holds a country's, beginning with a word that names no party
        ("en", "The ship sailed into the Sea of Japan on Monday.", "Japan", True),
        ("fr", "Le navire est entré dans la mer de Chine méridionale lundi.", "Chine", True),
        # the country itself
        ("en", "Japan protested to Beijing on Monday.", "Japan", False),
        ("fr", "La Chine a protesté auprès de Tokyo lundi.", "Chine", False),
    ],
)
def test_speed7_place_name_holding_a_country_is_no_party(language, text, word, inside):
    actors = _actors(language, text)
    tok = actors.toks[actors.lists.texts.index(word)]
    assert in_place_name(tok, actors) is inside


@pytest.mark.parametrize(
    "language,text,trigger,codes",
    [
        ("en", "Qatar hosted talks between Kenya and Peru in Doha.", "hosted", {"KEN", "PER"}),
        ("fr", "Le Qatar a accueilli des pourparlers entre le Kenya et le Pérou à Doha.", "accueilli", {"KEN", "PER"}),
        # no "between": no sides
        ("en", "Qatar hosted talks with Kenya in Doha.", "hosted", set()),
        ("fr", "Le Qatar a accueilli des pourparlers avec le Kenya à Doha.", "accueilli", set()),
    ],
)
def test_speed7_meeting_sides_follow_between(language, text, trigger, codes):
    actors = _actors(language, text)
    lexicon = load_lexicon(language)
    t = actors.toks[actors.lists.texts.index(trigger)]

    def meeting(w):
        return w.pos_ == "NOUN" and any(tr.category == "CONSULT" for tr in lexicon.candidates(w.lemma_.lower()))

    assert {e.code for e in between_parties(t, actors, meeting)} == codes


@pytest.mark.parametrize(
    "language,text,trigger,noun",
    [
        ("en", "Hungary rejected the sanctions.", "rejected", "sanctions"),
        ("fr", "La Hongrie a rejeté ces sanctions.", "rejeté", "sanctions"),
        # an object with a party of its own names a new event, not one told before
        ("en", "Hungary rejected the Polish sanctions on Monday.", "rejected", None),
        ("fr", "La Hongrie a rejeté les propositions de la Pologne lundi.", "rejeté", None),
    ],
)
def test_speed7_reaction_refers_back_to_a_determined_event_noun(language, text, trigger, noun):
    actors = _actors(language, text)
    t = actors.toks[actors.lists.texts.index(trigger)]
    found = _refers_back(t, load_lexicon(language))
    assert (found.text if found is not None else None) == noun
