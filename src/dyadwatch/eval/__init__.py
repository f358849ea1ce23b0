"""Score the coder against gold files: events, categories and actor countries.

Three gold formats are read:

* **sentence gold** (the PLOVER GSR file): one sentence per line with one
  ``event`` category and ``actor``/``recipient`` lists of CAMEO-coded
  countries. Scored by the top-1 event (highest confidence) of each sentence.
* **article gold** (ours, ``examples/demo/gold.jsonl``): one article per line,
  ``{"id", "published", "language", "events": [...], "actors": [...]}``, with
  the text in the record or in ``articles.jsonl`` next to the gold file.
* **seed gold** (``seed-article.gold.json``): one JSON document with
  ``article.file``, ``events`` (required and optional) and ``actors``.

An article-level event counts as found when a coded event has its category
(or a listed alternative) and shares an actor country and, when the gold has
a recipient, a recipient country.
"""

from __future__ import annotations

from dyadwatch.eval.gold import GoldArticle, GoldEvent, load_gold
from dyadwatch.eval.score import evaluate

__all__ = ["GoldArticle", "GoldEvent", "evaluate", "load_gold"]
