"""Pipeline stage that builds the article's actor table from the parse."""

from __future__ import annotations

from dyadwatch.actors.gazetteer import build_gazetteer
from dyadwatch.actors.resolve import ArticleActors
from dyadwatch.pipeline import BaseStage, Work


class ActorStage(BaseStage):
    """Find the people of the article and the words that name countries and bodies."""

    name = "actors"
    requires = ("doc",)
    assigns = ("actors",)

    def __call__(self, work: Work) -> Work:
        language = work.language or "en"
        gaz = build_gazetteer(language, work.config.models[language])
        work.actors = ArticleActors(work.doc, gaz, work.published, text=work.article.text)  # the text the Doc was parsed from
        work.mentions = work.actors.person_mentions()
        return work
