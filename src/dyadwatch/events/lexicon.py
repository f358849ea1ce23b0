"""Load the per-language trigger lexicons and cue lists used by the event coder.

A trigger entry is a pattern of lemmas whose first word is the trigger token
itself; the other words must occur near it in the parse (its object, its
particle, its prepositional object). The longest matching pattern wins, so
"strike deal" beats "strike" and "order investigation" beats "order".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from dyadwatch.actors.gazetteer import read_data
from dyadwatch.errors import make


@dataclass(frozen=True)
class Trigger:
    words: tuple[str, ...]
    category: str
    mode: str | None
    pos: str | None
    not_words: frozenset[str]
    priority: int
    # host verbs ("received", "hosted", "welcomed"): the subject is the host, so the recipient
    invert: bool = False
    # the pattern's words after the trigger, as a set: the coder tests them against the words near a trigger at once
    rest: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "rest", frozenset(self.words[1:]))

    @property
    def specificity(self) -> tuple[int, int]:
        return (len(self.words), self.priority)


@dataclass(frozen=True)
class TriggerGate:
    """The patterns of one head word, indexed by their other words.

    Why: the patterns are tried longest first, and a common verb heads a hundred of them
    ("agree", « accepter »), nearly all of two or more words; one set operation on the words near
    the trigger leaves the few whose other words are all there, so the rest are never tried.
    """

    singles: tuple[int, ...]  # positions (in the head word's patterns) of the one-word patterns
    by_word: dict[str, tuple[int, ...]]  # each other word -> positions of the patterns that need it

    def open(self, near: dict[str, int] | None) -> list[int]:
        """Positions, in order, of the patterns that may match: the one-word ones, and those whose
        other words are all among ``near`` (the words near the trigger; None: no pattern of several
        words can match, its sentence having none of their other words)."""
        if near is None or not self.by_word:
            return list(self.singles)
        found = set(self.singles)
        by_word = self.by_word
        for word in by_word.keys() & near.keys():
            found.update(by_word[word])
        return sorted(found)


def _gate(options: tuple[Trigger, ...], word_class: str) -> TriggerGate:
    """The gate of a head word's patterns that a word of ``word_class`` (NOUN, VERB, ...) may take."""
    by_word: dict[str, list[int]] = {}
    singles: list[int] = []
    for n, trig in enumerate(options):
        if trig.pos and trig.pos != word_class:
            continue
        if len(trig.words) == 1:
            singles.append(n)
        for word in trig.rest:
            by_word.setdefault(word, []).append(n)
    return TriggerGate(tuple(singles), {w: tuple(ns) for w, ns in by_word.items()})


@dataclass(frozen=True)
class Lexicon:
    language: str
    triggers: dict[str, tuple[Trigger, ...]]
    negation: frozenset[str]
    future_aux: frozenset[str]
    intent: frozenset[str]
    hypothetical: frozenset[str]
    reporting: frozenset[str]
    patient: frozenset[str]
    anaphoric: frozenset[str]
    etre_verbs: frozenset[str]
    obligation: frozenset[str]
    contexts: dict[str, tuple[tuple[str, ...], ...]]
    # the context cue phrases by their first word, built once: (context name, the phrase's other words)
    context_index: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = field(default_factory=dict)
    # subordinators of a condition ("unless", « si »): the clause they open states no act
    condition: frozenset[str] = frozenset()
    # nouns of a hope or prospect ("hopes of an early release"): the event they name has not happened
    wishes: frozenset[str] = frozenset()
    # per head word and word class, its patterns indexed by their other words (``gate``), built on first use
    gates: dict[tuple[str, str], TriggerGate] = field(default_factory=dict)

    def __post_init__(self) -> None:
        index: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
        for name, phrases in self.contexts.items():
            for phrase in phrases:
                if phrase:
                    index.setdefault(phrase[0], []).append((name, phrase[1:]))
        self.context_index.update({k: tuple(v) for k, v in index.items()})

    def candidates(self, lemma: str) -> tuple[Trigger, ...]:
        return self.triggers.get(lemma, ())

    def gate(self, head: str, word_class: str) -> TriggerGate:
        """The ``TriggerGate`` of the patterns of ``head`` (a key of ``triggers``) for a word of ``word_class``."""
        found = self.gates.get((head, word_class))
        if found is None:
            found = self.gates[head, word_class] = _gate(self.triggers.get(head, ()), word_class)
        return found


@lru_cache(maxsize=4)
def load_lexicon(language: str) -> Lexicon:
    """Read and check the lexicon files of a language (cached per process)."""
    from dyadwatch.ontology import load_ontology

    onto = load_ontology()
    data = read_data("dyadwatch.events", f"triggers.{language}.yaml")
    if data is None:
        raise make("E410", where=f"triggers.{language}.yaml", language=language)
    by_head: dict[str, list[Trigger]] = {}
    for n, item in enumerate(data.get("entries") or []):
        words = tuple(str(item["pattern"]).lower().split())
        category, mode = item["category"], item.get("mode")
        if not words or not onto.is_valid(category, mode):
            raise make("E411", where=f"triggers.{language}.yaml entry {n + 1}", pattern=item.get("pattern"), category=category, mode=mode)
        trig = Trigger(
            words, category, mode, item.get("pos"), frozenset(item.get("not") or ()), int(item.get("priority", 0)),
            bool(item.get("invert", False)),
        )
        by_head.setdefault(words[0], []).append(trig)
    modality = read_data("dyadwatch.events", f"modality.{language}.yaml") or {}
    ctx = read_data("dyadwatch.events", f"contexts.{language}.yaml") or {}
    contexts = {
        name: tuple(tuple(w.lower().split()) for w in words or ())
        for name, words in (ctx.get("contexts") or {}).items()
        if name in onto.contexts
    }

    def cues(key: str) -> frozenset[str]:
        return frozenset(str(w).lower() for w in modality.get(key) or ())

    return Lexicon(
        language=language,
        triggers={k: tuple(sorted(v, key=lambda t: t.specificity, reverse=True)) for k, v in by_head.items()},
        negation=cues("negation"),
        future_aux=cues("future_aux"),
        intent=cues("intent"),
        hypothetical=cues("hypothetical"),
        reporting=cues("reporting"),
        patient=cues("patient"),
        anaphoric=cues("anaphoric"),
        etre_verbs=cues("etre_verbs"),
        obligation=cues("obligation"),
        contexts=contexts,
        condition=cues("condition"),
        wishes=cues("wishes"),
    )


def match_contexts(lemmas: list[str], lexicon: Lexicon) -> list[str]:
    """Contexts whose cue phrases occur, word for word, in a sequence of lowercase lemmas/words.

    One pass over the words with the phrases indexed by their first word (it runs for every
    sentence; testing each of ~200 phrases against the sentence was a measurable share of the
    coding time in bench/throughput.py). A lemma with a space in it counts as its words.
    """
    words = " ".join(lemmas).split(" ")
    index = lexicon.context_index
    if index.keys().isdisjoint(words):
        return []  # most sentences name no context: one set operation, no loop over their words
    found: set[str] = set()
    # only the positions of words that begin some cue phrase (a few of the article's words)
    for i in [i for i, word in enumerate(words) if word in index]:
        for name, rest in index[words[i]]:
            if name not in found and tuple(words[i + 1 : i + 1 + len(rest)]) == rest:
                found.add(name)
    return [name for name in lexicon.contexts if name in found]
