"""The trigger gate: the patterns of a head word that the words near a trigger leave open, in order."""

from __future__ import annotations

import pytest

from dyadwatch.events.lexicon import Lexicon, Trigger, load_lexicon


def _trig(pattern: str, pos: str | None = None) -> Trigger:
    return Trigger(tuple(pattern.split()), "AGREE", None, pos, frozenset(), 0)


def _lexicon(*patterns: Trigger) -> Lexicon:
    empty: frozenset[str] = frozenset()
    return Lexicon("en", {"sign": patterns}, empty, empty, empty, empty, empty, empty, empty, empty, empty, {})


def _kept(lexicon: Lexicon, head: str, word_class: str, near: dict[str, int]) -> list[int]:
    """The gate's positions whose other words are all near (what find_candidates goes on to test)."""
    options = lexicon.triggers[head]
    return [n for n in lexicon.gate(head, word_class).open(near) if options[n].rest <= near.keys()]


def _tried(options: tuple[Trigger, ...], word_class: str, near: dict[str, int]) -> list[int]:
    """What trying every pattern finds: the positions whose class fits and whose other words are near."""
    return [n for n, t in enumerate(options) if (not t.pos or t.pos == word_class) and t.rest <= near.keys()]


@pytest.mark.parametrize(
    "near",
    [{}, {"deal": 3}, {"accord": 4, "peace": 5}, {"peace": 5}, {"deal": 3, "trade": 2, "accord": 4}],
)
def test_gate_leaves_the_patterns_trying_all_would_keep(near: dict[str, int]) -> None:
    options = (_trig("sign peace accord"), _trig("sign trade deal"), _trig("sign deal", "VERB"), _trig("sign accord", "NOUN"), _trig("sign"))
    lexicon = _lexicon(*options)
    for word_class in ("VERB", "NOUN"):
        assert _kept(lexicon, "sign", word_class, near) == _tried(options, word_class, near)


def test_gate_with_no_words_read_leaves_the_one_word_patterns() -> None:
    lexicon = _lexicon(_trig("sign deal"), _trig("sign", "NOUN"), _trig("sign"))
    assert lexicon.gate("sign", "VERB").open(None) == [2]
    assert lexicon.gate("sign", "NOUN").open(None) == [1, 2]


@pytest.mark.parametrize("language", ["en", "fr"])
def test_gate_of_every_real_head_word_matches_trying_all(language: str) -> None:
    lexicon = load_lexicon(language)
    for head, options in list(lexicon.triggers.items())[::7]:
        words = sorted({w for t in options for w in t.rest})
        near = {w: n for n, w in enumerate(words[::2])}
        assert _kept(lexicon, head, "VERB", near) == _tried(options, "VERB", near)
