"""Speed round six: loops rewritten without generators give the answers they gave.

- a country, capital or outlet matched in lowercase is a word, not a name (``Gazetteer._case_ok``);
- a description between commas opening the sentence is found only with a comma among the ten words
  before the word asked about (``arguments.apposition_anchor``).
"""

from __future__ import annotations

import pytest

from dyadwatch.actors.gazetteer import build_gazetteer
from dyadwatch.actors.resolve import ArticleActors
from dyadwatch.config import Config, load_config
from dyadwatch.events.arguments import apposition_anchor
from dyadwatch.nlp.models import load_pipeline
from dyadwatch.nlp.stages import index_sentences


@pytest.mark.parametrize(
    "language,text,kind,found",
    [
        ("en", "Chad recalled its envoy from Niger", "country", [["Chad"], ["Niger"]]),
        ("en", "the talks may chad the process", "country", []),
        ("en", "The Times said talks resumed", "media", [["The", "Times"]]),
        ("en", "in times of war", "media", []),
        ("fr", "Le Tchad a rappelé son ambassadeur au Niger", "country", [["Le", "Tchad"], ["Niger"]]),
        ("fr", "il aime la france et le niger écrits en minuscules", "country", []),
        ("fr", "selon Le Monde , les pourparlers ont repris", "media", [["Le", "Monde"]]),
        ("fr", "la crise inquiète le monde entier", "media", []),
    ],
)
def test_speed6_case_rule_names_only_capitalised_words(language, text, kind, found):
    gaz = build_gazetteer(language, Config().models[language])
    words = text.split()
    assert [words[m.start : m.end] for m in gaz.match(words) if m.entry.kind == kind] == found


def _actors(language: str, text: str) -> ArticleActors:
    config = load_config(environ={})
    doc = index_sentences(load_pipeline(language, config.models)(text))
    return ArticleActors(doc, build_gazetteer(language, config.models[language]), text=text)


@pytest.mark.parametrize(
    "language,text,word,anchor",
    [
        ("en", "Algiers, the main backer of the Polisario Front, recalled its ambassador.", "backer", "Algiers"),
        ("fr", "Moscou, principal allié du régime syrien, a rappelé son ambassadeur.", "allié", "Moscou"),
        # no comma among the ten words before: no description
        ("en", "Algiers recalled its ambassador to Madrid after the visit of the Moroccan envoy.", "envoy", None),
        ("fr", "Alger a rappelé son ambassadeur à Madrid après la visite du ministre marocain.", "ministre", None),
        # a description with a verb of its own is no description
        ("en", "Rabat, which hosts the talks, said the deal was near.", "talks", None),
    ],
)
def test_speed6_apposition_anchor_needs_a_comma_just_before(language, text, word, anchor):
    actors = _actors(language, text)
    i = actors.lists.texts.index(word)
    found = apposition_anchor(i, actors)
    assert (actors.lists.texts[found] if found is not None else None) == anchor
