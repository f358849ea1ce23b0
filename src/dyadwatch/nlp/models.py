"""spaCy pipelines behind one small interface, registered by name and version.

``load_pipeline('en', config)`` returns a spaCy ``Language`` with our
paragraph-boundary component added before the parser. Pipelines are cached
per process: a worker loads each model once, however many batches it codes.
"""

from __future__ import annotations

import gc
from functools import lru_cache
from typing import Any, Callable

from dyadwatch.errors import make

NLP_BACKENDS: dict[str, Callable[[str], Any]] = {}


def register_backend(name: str) -> Callable[[Callable[[str], Any]], Callable[[str], Any]]:
    """Register a model loader under a versioned name, as a plug-in would."""

    def wrap(fn: Callable[[str], Any]) -> Callable[[str], Any]:
        NLP_BACKENDS[name] = fn
        return fn

    return wrap


def registered_backends() -> list[str]:
    return sorted(NLP_BACKENDS)


# marks after which a new sentence may start; anywhere else the parser may not start one
SENTENCE_ENDS = frozenset({".", "!", "?", "…", "...", "”", '"', "»", "’", "'", ")", "]", ":", ";"})
_NEW_LINE, _MAY_END, _INSIDE = 2, 1, 0
# per token text hash: a line break, a mark a sentence may end on, or neither (the vocabulary's strings
# never change their hash, so the table only grows)
_KINDS: dict[int, int] = {}


def _kind(text: str) -> int:
    if "\n" in text:
        return _NEW_LINE
    return _MAY_END if text in SENTENCE_ENDS or text.endswith(".") else _INSIDE


def _paragraph_boundaries(doc: Any) -> Any:
    """Start a sentence after every line break, and nowhere else without a closing mark before it.

    Why: titles and paragraphs in news text rarely end in a full stop, and the
    parser otherwise glues a headline onto the first sentence. The French parser
    also cuts a sentence after its opening name (« Pékin | a condamné … »,
    « Séoul et Tokyo | sont parvenus … »), which leaves the verb without its subject.
    Read from the token array at once: a loop over Token objects costs a tenth of the parse.
    """
    import numpy as np
    from spacy.attrs import ORTH, SENT_START

    if len(doc) < 2:
        return doc
    orths = doc.to_array(ORTH)
    kinds, strings = _KINDS, doc.vocab.strings
    for h in set(orths.tolist()) - kinds.keys():
        kinds[h] = _kind(strings[h])
    before = np.fromiter((kinds[h] for h in orths[:-1].tolist()), dtype=np.int64, count=len(doc) - 1)
    starts = np.zeros(len(doc), dtype=np.int64)
    starts[1:] = np.where(before == _NEW_LINE, 1, np.where(before == _INSIDE, -1, 0))
    starts[0] = 1
    doc.from_array([SENT_START], starts.astype(np.uint64).reshape(-1, 1))
    # a dateline ("ALGIERS, Feb 17 —") is not part of the first sentence's grammar
    for token in doc[:12]:
        if token.text in ("—", "–", "--") and token.i + 1 < len(doc) and doc[0].text.isupper():
            doc[token.i + 1].is_sent_start = True
            break
    return doc


@register_backend("spacy.v1")
def _load_spacy(model: str) -> Any:
    try:
        import spacy
        from spacy.language import Language
    except ImportError as exc:  # pragma: no cover - spaCy is a core dependency
        raise make("E901", extra="spacy") from exc
    if "dyadwatch_paragraphs" not in Language.factories:
        Language.component("dyadwatch_paragraphs", func=_paragraph_boundaries)
    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise make("E201", where=model, model=model) from exc
    if "parser" in nlp.pipe_names and "dyadwatch_paragraphs" not in nlp.pipe_names:
        nlp.add_pipe("dyadwatch_paragraphs", before="parser")
    return nlp


@lru_cache(maxsize=8)
def _cached(backend: str, model: str) -> Any:
    if backend not in NLP_BACKENDS:
        raise make("E202", where=backend, name=backend, options=", ".join(registered_backends()))
    return NLP_BACKENDS[backend](model)


def load_pipeline(language: str, models: dict[str, str] | Any, backend: str = "spacy.v1") -> Any:
    """Return the pipeline for ``language`` from the configured model names."""
    if language not in models:
        raise make("E203", where=language, language=language, options=", ".join(sorted(models)))
    return _cached(backend, models[language])


# process state beside the model cache: how many pipelines were loaded when the heap was last settled
_SETTLED = [0]
# new objects between two collections of the youngest generation, once the heap is settled (Python's is 700)
YOUNG_THRESHOLD = 50_000


def settle_heap() -> bool:
    """Hide what was loaded once (models, vocabularies, lexicons) from the garbage collector.

    The pipeline calls this after each batch; it acts only when a model was loaded since the last
    time (the first batch also loads the data files). Without it, each full collection walks those
    millions of long-lived objects again (measured: 0.3 s in a 150-article run, about 6% of it);
    frozen, they are never scanned. The batch's garbage is collected first, so none of it is kept.

    The youngest generation is then collected every ``YOUNG_THRESHOLD`` new objects instead of
    Python's 700: the stages after the parse make and drop many small objects per event (lists,
    dicts, records), nearly all freed at once by their reference counts, and at 700 the collector
    ran about 230 times per 300 articles, each time scanning what was still alive (measured:
    0.22-0.27 ms of collections per French article, 0.12-0.18 ms at 10,000). What still reaches
    the threshold is mostly the coded records waiting for the store write; each collection also
    scanned the batch's working objects (tokens, parse lists) that die at the end of the batch.
    At 50,000 (speed round five) a 300-article French run collects once or not at all, 0.0-0.09 ms
    per article, for at most some 50,000 more objects alive between two collections. The older
    generations keep their own thresholds: cycles are still collected, after more allocations.
    """
    loaded = int(_cached.cache_info().currsize)
    if loaded <= _SETTLED[0]:
        return False
    _SETTLED[0] = loaded
    gc.collect()
    gc.freeze()
    young, *older = gc.get_threshold()
    if young and young < YOUNG_THRESHOLD:
        gc.set_threshold(YOUNG_THRESHOLD, *older)
    return True
