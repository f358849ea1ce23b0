"""Pipeline stage that codes events from the parse and the actor table."""

from __future__ import annotations

from typing import Any

from dyadwatch.events.coder import code_events
from dyadwatch.events.context import Context
from dyadwatch.events.dates import find_dates
from dyadwatch.events.lexicon import load_lexicon, match_contexts
from dyadwatch.events.places import dateline_place
from dyadwatch.events.pruning import prune_events
from dyadwatch.learn.actor import load_actor_model
from dyadwatch.learn.category import correct_categories
from dyadwatch.learn.keep import keep_events
from dyadwatch.learn.recall import load_recall_model
from dyadwatch.learn.roles import load_roles_model
from dyadwatch.ontology import load_ontology
from dyadwatch.pipeline import BaseStage, Work, coder_version


def coder_context(work: Work, onto: Any = None) -> Context:
    """The lexicon coder's context for one parsed article (``onto``: the ontology, PLOVER by default)."""
    language = work.language or "en"
    lexicon = load_lexicon(language)
    toks = work.actors.toks  # the actors stage's one Token object per position
    lists = work.actors.lists  # and its plain lists of the parse: the Context reads these, not the Doc
    lemmas = lists.lemmas
    return Context(
        doc=work.doc,
        article=work.article,
        actors=work.actors,
        lexicon=lexicon,
        onto=onto if onto is not None else load_ontology(),
        published=work.published,
        dates=find_dates(work.article.text, work.published, language) if work.published else [],
        default_place=dateline_place(work.article.text, work.actors.gaz),
        coder=coder_version(work.config),
        article_contexts=match_contexts(lemmas, lexicon)[:3],
        lemmas=lemmas,
        toks=toks,
        pos=lists.pos,
        lower=lists.lower,
        heads=lists.heads,
        deps=lists.deps,
        kids=lists.kids,
        roles_model=load_roles_model(work.config.roles_model),
        recall_model=load_recall_model(work.config.recall_model),
        actor_model=load_actor_model(work.config.actor_model),
    )


class EventStage(BaseStage):
    name = "events"
    requires = ("actors", "published")
    assigns = ("events",)

    def __call__(self, work: Work) -> Work:
        # readings that name no relation the ontology counts go before the events leave the stage
        ctx = coder_context(work)
        # the learned category correction (learn/category.py) moves an event across an ontology boundary first
        coded = correct_categories(code_events(ctx), ctx, work.language or "en", work.config.category_model)
        events = prune_events(coded, work.language or "en")
        work.events = keep_events(events, ctx, work.language or "en", work.config.keep_model)
        return work
