"""Speed round nine: the actor table and the records read the parse lists, and keep their answers.

- the name-word flags of ``NameFinder._name_tokens`` read the words, not Token objects, and flag
  the same words as the Token reading (``Token.is_punct``, ``Token.is_alpha``);
- ``GazMatch`` is a frozen, slotted record with the records' quick constructor;
- ``offices.fold`` remembers its answers, which are those of the function itself;
- ``Work.result`` takes each sentence's offsets from the parse lists: those of spaCy's sentence Spans.
"""

from __future__ import annotations

import dataclasses
import pickle

import pytest

from dyadwatch.actors.gazetteer import GazEntry, GazMatch, build_gazetteer
from dyadwatch.actors.names import _NOT_NAMES
from dyadwatch.actors.offices import fold
from dyadwatch.actors.resolve import ArticleActors
from dyadwatch.config import load_config
from dyadwatch.nlp.models import load_pipeline
from dyadwatch.nlp.stages import index_sentences
from dyadwatch.pipeline import Work, default_pipeline
from dyadwatch.records import Article, article_id

_TEXTS = [
    ("en", "Algerian President Abdelmadjid Tebboune met U.S. envoy Jean-Yves Le Drian in Algiers on Monday. "
     "\"We agreed,\" Tebboune said, as the UN's Security Council (UNSC) met; 3-2 was the vote. Franco-Algerian talks resume."),
    ("fr", "Le président algérien Abdelmadjid Tebboune a reçu lundi à Alger l'envoyé spécial Jean-Yves Le Drian. "
     "« Nous sommes d'accord », a déclaré M. Tebboune, alors que le Conseil de sécurité de l'ONU se réunissait. "
     "Les relations franco-algériennes, dit-il, s'améliorent."),
]


def _actors(language: str, text: str) -> ArticleActors:
    config = load_config(environ={})
    doc = index_sentences(load_pipeline(language, config.models)(text))
    return ArticleActors(doc, build_gazetteer(language, config.models[language]), text=text)


@pytest.mark.parametrize("language,text", _TEXTS)
def test_speed9_name_words_are_those_of_the_token_reading(language, text):
    actors = _actors(language, text)
    by_tokens = []
    for t in actors.toks:  # the reading of speed round eight: Token.is_punct and Token.is_alpha
        if not t.text[:1].isupper() or t.is_punct or not t.is_alpha and "-" not in t.text:
            by_tokens.append(False)
        else:
            entry = actors.tok_entry.get(t.i)
            by_tokens.append(entry is None or entry.kind not in _NOT_NAMES)
    assert actors._name_tokens == by_tokens
    assert any(by_tokens)  # the texts do name people


def test_speed9_gaz_match_stays_a_frozen_record():
    entry = GazEntry("country", "DZA", None, "Algeria")
    match = GazMatch(2, 3, entry)
    assert match == GazMatch(start=2, end=3, entry=entry) and hash(match) == hash(GazMatch(2, 3, entry))
    assert (match.start, match.end, match.entry) == (2, 3, entry)
    assert match != GazMatch(2, 4, entry)
    with pytest.raises(dataclasses.FrozenInstanceError):
        match.start = 1  # type: ignore[misc]
    with pytest.raises(TypeError):
        GazMatch(2, 3)  # type: ignore[call-arg]
    assert not hasattr(match, "__dict__")
    assert pickle.loads(pickle.dumps(match)) == match
    assert dataclasses.replace(match, end=4) == GazMatch(2, 4, entry)


@pytest.mark.parametrize(
    "name", ["Jean-Yves Le Drian", "Abdelmadjid Tebboune", "Éric  Zemmour", "O’Neill", "Saïd Chanegriha", "J.D. Vance", ""]
)
def test_speed9_fold_remembers_its_own_answers(name):
    assert fold(name) == fold.__wrapped__(name)
    assert fold(name) == fold(name)


@pytest.mark.parametrize("language,text", _TEXTS)
def test_speed9_sentences_of_the_records_are_those_of_spacy(language, text):
    config = load_config(environ={})
    pipeline = default_pipeline(config)
    work = Work(article=Article(id=article_id(text, None), doc_id="d1", text=text, language=language), config=config)
    for stage in pipeline.stages:
        work = stage(work)
    expected = [(s.start_char, s.end_char, s.text) for s in work.doc.sents]
    coded = work.result()
    assert [(s.start, s.end, s.text) for s in coded.sentences] == expected
    assert [s.index for s in coded.sentences] == list(range(len(expected)))



_ADJECTIVE_ROLES = [
    ("fr", "Le ministre français de l'Intérieur, Laurent Nuñez, a rencontré le président algérien Abdelmadjid Tebboune."),
    ("fr", "Le ministre algérien des Affaires étrangères Ahmed Attaf a reçu l'ambassadeur français à Alger."),
    ("en", "The Algerian Foreign Minister Ahmed Attaf met French Interior Minister Laurent Nuñez in Algiers."),
    ("en", "Kenya's trade minister met the Tanzanian envoy."),
]


@pytest.mark.parametrize("language,text", _ADJECTIVE_ROLES)
def test_speed9_roles_around_adjectives_match_again_only_where_a_role_spans_one(language, text, monkeypatch):
    actors = _actors(language, text)
    # the table as it was built by matching the words again whenever the article has an adjective
    monkeypatch.setattr(ArticleActors, "_role_across", lambda self, adjectives: True)
    again = _actors(language, text)
    assert actors.tok_entry == again.tok_entry and actors.tok_span == again.tok_span
    assert [(p.name, p.role, p.country) for p in actors.people] == [(p.name, p.role, p.country) for p in again.people]


def test_speed9_a_french_role_spans_its_adjective():
    actors = _actors(*_ADJECTIVE_ROLES[0])
    adjectives = {i for i, e in actors.tok_entry.items() if e.kind == "adjective"}
    assert actors._role_across(adjectives)
    minister = actors.texts.index("ministre")
    assert actors.tok_entry[minister].kind == "role" and actors.tok_span[minister][1] - actors.tok_span[minister][0] > 2


def test_speed9_inner_pairs_are_the_words_that_follow_each_other_in_a_phrase_of_a_kind():
    from dyadwatch.actors.gazetteer import Gazetteer

    gaz = Gazetteer("en", str.split)
    gaz.add("foreign minister", GazEntry("role", None, "GOV", "foreign minister"))
    gaz.add("minister of state", GazEntry("role", None, "GOV", "minister of state"))
    gaz.add("United Nations", GazEntry("institution", "IGO", "GOV", "United Nations"))
    assert gaz.inner_pairs("role") == {("foreign", "minister"), ("minister", "of"), ("of", "state")}
    assert gaz.inner_pairs("institution") == {("united", "nations")}
    gaz.add("prime minister", GazEntry("role", None, "GOV", "prime minister"))  # a new phrase: listed again
    assert ("prime", "minister") in gaz.inner_pairs("role")


def _compounds_by_every_word(words, spaced, adjective, rules):
    """compound_codes as it looked into every word (speed round eight)."""
    from dyadwatch.actors.nationality import _HYPHENS, _pick, _plain, _split

    out = {}
    last = len(words) - 2
    for i, word in enumerate(words):
        if "-" not in word and "‑" not in word and "–" not in word and not (i < last and words[i + 1] in _HYPHENS):
            continue
        parts = _split(word)
        if len(parts) == 2:
            one, two = rules.prefixes.get(_plain(parts[0])) or adjective(parts[0]), adjective(parts[1])
            if one and two and one != two:
                out[i] = _pick(one, two, parts[1], rules)
            continue
        if i + 2 < len(words) and words[i + 1] in _HYPHENS and not spaced[i] and not spaced[i + 1]:
            one, two = rules.prefixes.get(_plain(word)) or adjective(word), adjective(words[i + 2])
            if one and two and one != two:
                code = _pick(one, two, words[i + 2], rules)
                out.update({i: code, i + 1: code, i + 2: code})
    return out


@pytest.mark.parametrize(
    "language,text",
    [
        ("en", "The Franco-Algerian writer and the Iranian-American scholar met a Franco - Algerian group; Moroccan–Algerian ties, 2-1."),
        ("fr", "L'écrivain franco-algérien et l'universitaire irano-américain, dit-il, ont rencontré des chercheurs algéro-marocains."),
        ("en", "-"),
        ("en", "No hyphen at all in this one."),
        ("fr", "Le week-end - du 3-4 mai - Jean-Yves Le Drian, franco-algérien -"),
    ],
)
def test_speed9_compound_nationalities_looked_for_near_hyphens_only(language, text):
    from dyadwatch.actors.nationality import _near_hyphens, compound_codes, compound_rules

    actors = _actors(language, text)
    words, spaced, rules = actors.texts, actors.lists.spaces, compound_rules(language)
    assert compound_codes(words, spaced, actors._adjective_code, rules) == _compounds_by_every_word(
        words, spaced, actors._adjective_code, rules
    )
    marked = {i for i, w in enumerate(words) if "-" in w or "‑" in w or "–" in w}
    assert set(_near_hyphens(words)) == marked | {i - 1 for i in marked if i > 0}


def test_speed9_compound_nationalities_of_hand_made_words():
    from dyadwatch.actors.nationality import compound_codes, compound_rules

    adjective = {"Algerian": "DZA", "algérien": "DZA", "American": "USA", "Moroccan": "MAR"}.get
    for words, spaced in [
        (["Franco", "-", "Algerian", "writer"], [False, False, True, False]),
        (["Iranian-American", "scholar"], [True, False]),
        (["franco-algérien", "-", "x", "–"], [True] * 4),
        (["-", "-", "-"], [False] * 3),
        ([], []),
        (["Moroccan", "–", "Algerian"], [False, False, False]),
    ]:
        for language in ("en", "fr"):
            rules = compound_rules(language)
            assert compound_codes(words, spaced, adjective, rules) == _compounds_by_every_word(words, spaced, adjective, rules)
