"""Sentence boundaries before the parse: a line break starts a sentence; no sentence starts without a closing mark."""

from __future__ import annotations

import pytest

from dyadwatch.config import load_config
from dyadwatch.nlp.models import load_pipeline


def _sentences(text: str, language: str) -> list[str]:
    nlp = load_pipeline(language, load_config(environ={}, overrides={}).models)
    return [s.text.strip() for s in nlp(text).sents if s.text.strip()]


@pytest.mark.parametrize(
    "text",
    [
        "Pékin a condamné mardi la décision de Washington de relever ses droits de douane.",
        "Séoul et Tokyo sont parvenus à un accord sur le partage des renseignements militaires.",
        "Varsovie et Vilnius ont fermé plusieurs points de passage à la frontière biélorusse.",
        "Le Caire a rappelé son ambassadeur après les frappes sur Rafah.",
    ],
)
def test_a_french_sentence_opening_with_a_capital_stays_one_sentence(text: str) -> None:
    assert _sentences(text, "fr") == [text]


def test_full_stops_and_line_breaks_still_end_sentences() -> None:
    text = "Rabat rappelle son ambassadeur\nLe Maroc a rappelé son ambassadeur lundi. Alger n'a pas réagi."
    assert _sentences(text, "fr") == [
        "Rabat rappelle son ambassadeur",
        "Le Maroc a rappelé son ambassadeur lundi.",
        "Alger n'a pas réagi.",
    ]


def test_an_english_headline_without_a_full_stop_is_its_own_sentence() -> None:
    text = "Canada expels six Indian diplomats\nOttawa said on Monday that it had expelled six diplomats. Delhi denied it."
    assert _sentences(text, "en")[0] == "Canada expels six Indian diplomats"
    assert len(_sentences(text, "en")) == 3


def test_a_dateline_is_cut_from_the_first_sentence() -> None:
    text = "WARSAW, May 3 — Poland closed its last open crossing with Belarus on Friday."
    assert _sentences(text, "en")[-1].startswith("Poland closed")


def test_the_coder_finds_the_actor_of_a_french_sentence_opening_with_a_capital(code) -> None:
    events = code("Pékin a condamné mardi la décision de Washington.", published="2025-04-09", language="fr")
    assert [(e.category, [a.code for a in e.actor]) for e in events] == [("ACCUSE", ["CHN"])]
