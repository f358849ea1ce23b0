"""Direct and reported speech found by the quotes stage, on the real English and French models."""

from __future__ import annotations

import pytest

from dyadwatch.config import load_config
from dyadwatch.pipeline import default_pipeline
from dyadwatch.records import Article

CONFIG = load_config(environ={})


@pytest.fixture(scope="module")
def pipeline():
    return default_pipeline(CONFIG)


def quotes_of(pipeline, text: str, language: str):
    article = Article("q-1", "q-1", text, published="2025-03-04", language=language)
    (coded,) = pipeline.code([article])
    return coded.quotes


def test_every_quoted_sentence_keeps_its_quote_and_offsets(pipeline) -> None:
    text = (
        'Kenya\'s foreign minister said on Monday: "We will not accept new tariffs on our tea." '
        "The talks in Nairobi lasted three hours. "
        'Tanzania\'s trade minister replied that "every border post will stay open to Kenyan trucks."'
    )
    quotes = [q for q in quotes_of(pipeline, text, "en") if q.direct]
    assert [q.text for q in quotes] == [
        "We will not accept new tariffs on our tea.",
        "every border post will stay open to Kenyan trucks.",
    ]
    for q in quotes:
        assert text[q.start : q.end] == q.text  # offsets point into the article, not into an earlier quote


def test_french_guillemets_in_two_sentences(pipeline) -> None:
    text = (
        "Le ministre sénégalais a déclaré : « Nous voulons des relations apaisées avec Paris. » "
        "Son homologue français a répondu : « La France respectera le calendrier convenu. »"
    )
    quotes = [q for q in quotes_of(pipeline, text, "fr") if q.direct]
    assert len(quotes) == 2
    assert [text[q.start : q.end] for q in quotes] == [q.text for q in quotes]
    assert quotes[1].text.startswith("La France respectera")
