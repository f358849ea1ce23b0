import pytest

from dyadwatch.config import load_config
from dyadwatch.errors import EngineError
from dyadwatch.pipeline import BaseStage, Pipeline, Work, default_pipeline
from dyadwatch.records import Article


class Needs(BaseStage):
    name = "needs-doc"
    requires = ("doc",)
    assigns = ("events",)

    def __call__(self, work):
        return work


class Boom(BaseStage):
    name = "boom"
    requires = ("article",)
    assigns = ("doc",)

    def __call__(self, work: Work) -> Work:
        if "bad" in work.article.text:
            raise RuntimeError("cannot parse this one")
        work.doc = None
        return work

    def pipe(self, works, batch_size):
        return [self(w) for w in works]


CONFIG = load_config(environ={})


def art(text: str) -> Article:
    return Article(text, text, text)


def test_pipeline_refuses_stage_whose_requirement_is_not_assigned():
    with pytest.raises(EngineError) as info:
        Pipeline([Needs()], CONFIG)
    assert info.value.code == "E701" and "doc" in str(info.value)


def test_pipeline_default_order_is_valid():
    assert default_pipeline(CONFIG).names == ["language", "parse", "actors", "events", "quotes"]


def test_pipeline_one_failing_article_becomes_an_error_and_the_batch_goes_on():
    results = Pipeline([Boom()], CONFIG).code([art("good one"), art("bad one"), art("good two")])
    assert [getattr(r, "status", None) for r in results] == ["coded", None, "coded"]
    assert results[1].code == "E420" and "cannot parse" in str(results[1])


def test_pipeline_settles_the_heap_only_when_a_model_was_loaded():
    import gc

    from dyadwatch.config import Config
    from dyadwatch.nlp import models

    models.load_pipeline("en", Config().models)
    before = models._SETTLED[0]
    models._SETTLED[0] = 0  # as in a fresh process that has just loaded its model
    try:
        assert models.settle_heap() is True
        assert gc.get_freeze_count() > 0
        assert models.settle_heap() is False  # nothing new loaded since: no second full collection
    finally:
        models._SETTLED[0] = max(before, models._SETTLED[0])


@pytest.mark.parametrize("language", ["en", "fr"])
def test_sentence_index_answers_as_spacy_does(language):
    from dyadwatch.nlp.models import load_pipeline
    from dyadwatch.nlp.stages import index_sentences

    text = {
        "en": "ALGIERS, Feb 17 — Talks resumed.\nThe minister met his counterpart. They agreed to meet again in March!",
        "fr": "ALGER, 17 fév — Les discussions ont repris.\nLe ministre a reçu son homologue. Ils se reverront en mars.",
    }[language]
    doc = load_pipeline(language, load_config(environ={}).models)(text)
    scanned = [(t.sent.start, t.sent.end) for t in doc]
    sents = [(s.start, s.end) for s in doc.sents]
    ents = [(e.sent.start, e.sent.end) for e in doc.ents]
    assert len(sents) >= 3
    index_sentences(doc)
    assert [(t.sent.start, t.sent.end) for t in doc] == scanned
    assert [(s.start, s.end) for s in doc.sents] == sents
    assert [(e.sent.start, e.sent.end) for e in doc.ents] == ents
