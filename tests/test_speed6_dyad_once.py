"""Speed round six: the article's main dyad is counted once per article and answers as a fresh count does."""

from __future__ import annotations

import pytest

from dyadwatch.config import load_config
from dyadwatch.events.stage import coder_context
from dyadwatch.events.unnamed import _main_dyad, _partner
from dyadwatch.pipeline import Work, default_pipeline
from dyadwatch.records import Article

TEXTS = {
    "en": (
        "Algeria recalled its ambassador to France on Monday. The Algerian foreign ministry said France had "
        "insulted Algeria. French officials said Paris regretted the decision. Morocco made no comment.",
        ("DZA", "FRA"),
        "MAR",
    ),
    "fr": (
        "L'Algérie a rappelé lundi son ambassadeur en France. Le ministère algérien a accusé la France "
        "d'ingérence. Paris a regretté la décision algérienne. Le Maroc ne s'est pas exprimé.",
        ("DZA", "FRA"),
        "MAR",
    ),
}


def _context(language: str, text: str):
    config = load_config(environ={})
    work = Work(article=Article(id="a1", doc_id="d1", text=text, published="2026-03-02", language=language), config=config)
    for stage in default_pipeline(config).stages:
        if stage.name in ("language", "parse", "actors"):
            work = stage(work)
    return coder_context(work)


@pytest.mark.parametrize("language", ["en", "fr"])
def test_speed6_partner_is_each_side_of_the_counted_dyad(language):
    text, (a, b), other = TEXTS[language]
    ctx = _context(language, text)
    assert ctx._dyad is None  # nothing counted before a rule asks
    assert _partner(a, ctx) == b
    assert ctx._dyad is not None and sorted(ctx._dyad) == sorted([a, b])
    assert _partner(b, ctx) == a
    assert _partner(other, ctx) is None  # a country named once is no side of the dyad
    assert ctx._dyad == _main_dyad(ctx)  # the kept count is the one a fresh count gives


@pytest.mark.parametrize("language", ["en", "fr"])
def test_speed6_partner_of_a_one_country_story_is_none(language):
    text = {"en": "Algeria recalled its ambassador. Algeria said talks were over.", "fr": "L'Algérie a rappelé son ambassadeur. L'Algérie a mis fin aux pourparlers."}[language]
    ctx = _context(language, text)
    assert _partner("DZA", ctx) is None
    assert ctx._dyad == _main_dyad(ctx)
