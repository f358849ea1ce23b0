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

