"""Pipeline stage that codes events from the parse and the actor table."""

from __future__ import annotations

from dyadwatch.events.coder import Context, code_events
from dyadwatch.events.dates import find_dates
from dyadwatch.events.lexicon import load_lexicon, match_contexts
from dyadwatch.events.places import dateline_place
from dyadwatch.ontology import load_ontology
from dyadwatch.pipeline import BaseStage, Work, coder_version


class EventStage(BaseStage):
    name = "events"
    requires = ("actors", "published")
    assigns = ("events",)

    def __call__(self, work: Work) -> Work:
        language = work.language or "en"
        lexicon = load_lexicon(language)
        doc = work.doc
        dates = find_dates(work.article.text, work.published, language) if work.published else []
        toks = work.actors.toks  # the actors stage's one Token object per position
        lemmas = [t.lemma_.lower() for t in toks]
        ctx = Context(
            doc=doc,
            article=work.article,
            actors=work.actors,
            lexicon=lexicon,
            onto=load_ontology(),
            published=work.published,
            dates=dates,
            default_place=dateline_place(work.article.text, work.actors.gaz),
            coder=coder_version(work.config),
            article_contexts=match_contexts(lemmas, lexicon)[:3],
            lemmas=lemmas,
            toks=toks,
        )
        work.events = code_events(ctx)
        return work

