"""Speed round nine: the party rules that now read the parse lists give what their Token reading gave.

Each rule below walked spaCy Token objects (``.children``, ``.head``, ``.dep_``, ``.lemma_``), building a
Token per child; it now reads ``nlp.lists.ParseLists`` and builds a Token only for what it returns. The
Token readings are kept here as references and compared on every word of real sentences of both models:
``arguments.subject_of`` / ``subject_at``, ``dyad_subject``, ``pair_subject``, ``_author``,
``mentions.climb_subject``, ``mentions.participle_subject``, ``parties._main_subject``, ``_circumstantial`` and
``_anaphoric``, ``coder._acts_on_thing``, ``repeats._finite`` (given the Tokens the Context holds), and
``unnamed._agentless`` and ``_unnamed_agent``.
"""

from __future__ import annotations

from typing import Any

import pytest

from dyadwatch.actors.clauses import pair_nouns
from dyadwatch.actors.gazetteer import build_gazetteer
from dyadwatch.actors.resolve import ArticleActors
from dyadwatch.config import load_config
from dyadwatch.events.arguments import (
    PASS_SUBJ,
    SUBJ,
    _author,
    _last_pair,
    _participle_agent,
    cue_words,
    dyad_subject,
    mediation_words,
    pair_subject,
    pronominal,
    subject_at,
    subject_of,
)
from dyadwatch.events.lexicon import load_lexicon
from dyadwatch.events.coder import _acts_on_thing
from dyadwatch.events.mentions import _MAIN_CLAUSES, CLIMB, climb_subject, participle_subject
from dyadwatch.events.parties import _anaphoric, _circumstantial, _main_subject
from dyadwatch.events.repeats import _finite
from dyadwatch.events.unnamed import _agentless, _unnamed_agent
from dyadwatch.nlp.models import load_pipeline
from dyadwatch.nlp.stages import index_sentences

TEXTS = {
    "en": [
        "The two sides agreed to resume talks on Monday, and both countries signed a trade deal.",
        "The two leaders said cooperation would resume, after Macron met Tebboune and Putin met Xi in Moscow.",
        "China condemned the detention of a citizen by Indian police and the law passed by parliament.",
        "Turkey agreed to allow Swedish membership, while rebels refused to disarm, the mission said.",
        "Journalist Christophe Gleizes, serving a sentence confirmed on appeal, faces arrest in Algeria.",
        "Hungary rejected a request from Kyiv and Algeria granted a request made by Berlin.",
        "Two diplomats were declared persona non grata by Paris and expelled, the ministry said.",
        "Algeria rejected a list of nationals that France wants to deport, denouncing the method as blackmail.",
        "At Sayoud's invitation and at the request of Paris, the minister condemned the visit and announced the closure.",
        "Pakistan recognised the plan, and India said the talks would resume, calling it a step forward.",
    ],
    "fr": [
        "Les deux pays ont convenu de reprendre les négociations, et les deux dirigeants ont signé un accord.",
        "Les deux présidents ont annoncé la reprise de la coopération après la rencontre entre Macron et Tebboune.",
        "L'Algérie a condamné la loi votée par le Parlement français et la détention d'un citoyen par la police.",
        "La Turquie a accepté de lever son veto, tandis que les rebelles ont refusé de désarmer, a indiqué la mission.",
        "Le journaliste Christophe Gleizes, condamné en appel, s'est engagé à faire appel contre l'Algérie.",
        "La Hongrie a rejeté une demande de Kiev et l'Algérie a accordé la demande formulée par Berlin.",
        "Deux diplomates ont été déclarés persona non grata par Paris et expulsés, a indiqué le ministère.",
        "L'Algérie a rejeté la liste que la France veut expulser, dénonçant la méthode comme un chantage.",
        "À l'invitation de Sayoud et à la demande de Paris, le ministre a condamné la visite et annoncé la fermeture.",
        "Le Maroc a reconnu un plan d'autonomie, et l'Inde a dit que les pourparlers reprendraient, saluant une avancée.",
    ],
}


@pytest.fixture(scope="module", params=["en", "fr"])
def coded(request):
    """(language, lexicon, the ArticleActors of each text) for one model."""
    language = request.param
    config = load_config(environ={})
    nlp = load_pipeline(language, config.models)
    gaz = build_gazetteer(language, config.models[language])
    return language, load_lexicon(language), [ArticleActors(index_sentences(nlp(text)), gaz, text=text) for text in TEXTS[language]]


# --- the Token readings, as they were before this round ---


def _subject_of_tokens(t: Any) -> Any | None:
    cur = t
    for _ in range(4):
        subj = [c for c in cur.children if c.dep_ in SUBJ or c.dep_ in PASS_SUBJ]
        if subj:
            return subj[0]
        if cur.dep_ not in ("xcomp", "conj") or cur.head.i == cur.i:
            return None
        cur = cur.head
    return None


def _dyad_subject_tokens(t: Any, actors: ArticleActors, language: str) -> list:
    subj = _subject_of_tokens(t)
    if subj is None or subj.lemma_.lower() not in cue_words(language, "dyad_nouns"):
        return []
    numbers = cue_words(language, "dyad_numbers")
    if not any(c.lemma_.lower() in numbers or c.lower_ in numbers for c in subj.children):
        return []
    top = [code for code, n in actors.country_counts()[:2] if n >= 2]
    return top if len(top) == 2 else []


def _pair_subject_tokens(t: Any, actors: ArticleActors, language: str, reporting: frozenset[str]) -> list:
    heads = [c for c in t.children if c.dep_ in SUBJ]
    cur = t
    while cur.dep_ in ("ccomp", "conj", "xcomp", "parataxis") and cur.head.i != cur.i:
        cur = cur.head
        if cur.lemma_.lower() in reporting or cur.dep_ not in ("conj", "xcomp"):
            heads += [c for c in cur.children if c.dep_ in SUBJ]
            break
    numbers = cue_words(language, "dyad_numbers")
    for subj in heads:
        if subj.lemma_.lower() not in pair_nouns(language) or "Plur" not in subj.morph.get("Number"):
            continue
        if not any(c.lemma_.lower() in numbers or c.lower_ in numbers for c in subj.children):
            continue
        return _last_pair(subj.i, actors)
    return []


def _author_tokens(obj: Any, actors: ArticleActors) -> list:
    if actors.lists.pos[obj.i] != "NOUN" or obj.i in actors.tok_entry or obj.i in actors.tok_person:
        return []
    for c in obj.children:
        if c.dep_ == "prep" and c.lower_ == "by":
            agent = next((g for g in c.children if g.dep_ == "pobj"), None)
        elif c.dep_ in ("nmod", "obl:agent") and any(g.dep_ == "case" and g.lower_ == "par" for g in c.children):
            agent = c
        elif c.dep_ == "acl" and (c.tag_ == "VBN" or "Part" in c.morph.get("VerbForm")):
            if c.lemma_.lower() in mediation_words(actors.gaz.language):
                continue
            found = _participle_agent(c, actors)  # unchanged by the round: the Token reading itself
            if found:
                return found
            continue
        else:
            continue
        found = actors.entities_for(agent) if agent is not None else []
        if found:
            return found
    return []


def _climb_subject_tokens(t: Any, actors: ArticleActors, patient: frozenset[str], etre_verbs: frozenset[str]) -> tuple:
    cur = t
    for _ in range(5):
        if cur.dep_ not in CLIMB or cur.head.i == cur.i or cur.dep_ == "relcl":
            return [], []
        first = cur.i == t.i
        cur = cur.head
        undergoes = first and t.pos_ in ("NOUN", "PROPN") and cur.lemma_.lower() in patient
        active = cur.lemma_.lower() in etre_verbs or pronominal(cur.i, actors.lists)
        subj = [c for c in cur.children if c.dep_ in SUBJ or c.dep_ in PASS_SUBJ and active]
        if subj:
            found = actors.entities_for(subj[0])
            return ([], found) if undergoes else (found, [])
        if cur.dep_ in ("acl", "relcl") and cur.head.pos_ in ("NOUN", "PROPN"):
            return ([], actors.entities_for(cur.head)) if undergoes else ([], [])
    return [], []


def _main_subject_tokens(t: Any, reporting: frozenset[str]) -> Any | None:
    cur = t
    while cur.dep_ == "xcomp" and cur.head.i != cur.i:
        cur = cur.head
    if cur.pos_ not in ("VERB", "AUX"):
        return None
    if cur.dep_ != "ROOT" and not (cur.dep_ in ("ccomp", "parataxis") and cur.head.lemma_.lower() in reporting):
        return None
    subj = [c for c in cur.children if c.dep_ in ("nsubj", "nsubj:pass", "nsubjpass")]
    return subj[0] if subj and subj[0].pos_ in ("NOUN", "PROPN") else None


def _participle_subject_tokens(t: Any, actors: ArticleActors) -> list | None:
    present = t.pos_ == "VERB" and t.i > 0 and t.doc[t.left_edge.i - 1].text == ","
    present = present and (t.tag_ == "VBG" or "Part" in t.morph.get("VerbForm") and "Pres" in t.morph.get("Tense"))
    if not present or any(c.dep_ in SUBJ or c.dep_ in PASS_SUBJ for c in t.children):
        return None
    main = t.head
    while main.dep_ not in _MAIN_CLAUSES and main.head.i != main.i:
        main = main.head
    if main.i == t.i or main.pos_ not in ("VERB", "AUX"):
        return None
    subj = [c for c in main.children if c.dep_ in SUBJ]
    return actors.entities_for(subj[0]) if subj else None


def _circumstantial_tokens(t: Any, lexicon: Any) -> bool:
    if t.pos_ != "NOUN":
        return False
    prep = t.head.lower_ if t.dep_ == "pobj" and t.head.dep_ == "prep" else next((c.lower_ for c in t.children if c.dep_ == "case"), None)
    if prep in cue_words(lexicon.language, "circumstance_preps"):
        return True
    owned = any(c.dep_ in ("poss", "nmod:poss") or c.dep_ == "prep" and c.lower_ == "of" for c in t.children)
    return owned and prep in cue_words(lexicon.language, "framing_preps")


def _anaphoric_tokens(t: Any, lexicon: Any) -> bool:
    if t.dep_ in ("obj", "dobj") and t.head.lemma_.lower() in lexicon.reporting:
        return False
    return t.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ in lexicon.anaphoric for c in t.children)


def _acts_on_thing_tokens(t: Any) -> bool:
    clause = any(c.dep_ in ("ccomp", "xcomp", "parataxis") for c in t.children)
    return not clause and any(c.dep_ in ("obj", "dobj") and c.pos_ in ("NOUN", "PROPN") for c in t.children)


def _agentless_tokens(t: Any) -> bool:
    if t.pos_ in ("NOUN", "PROPN"):
        return True
    passive = any(c.dep_ in ("nsubjpass", "nsubj:pass", "auxpass", "aux:pass") for c in t.children)
    return passive or t.tag_ == "VBN" and not any(c.dep_ in ("nsubj", "aux") for c in t.children)


def _unnamed_agent_tokens(t: Any) -> bool:
    return any(c.dep_ in SUBJ and c.pos_ == "NOUN" for c in t.children)


def _index(tok: Any | None) -> int | None:
    return None if tok is None else tok.i


# --- the comparisons, on every word ---


def test_speed9_subject_from_the_lists_is_the_token_subject(coded):
    _, _, articles = coded
    found = 0
    for actors in articles:
        for t in actors.toks:
            expected = _index(_subject_of_tokens(t))
            assert subject_at(t.i, actors.lists) == expected
            assert _index(subject_of(t)) == expected
            found += expected is not None
    assert found > 10  # the sentences do have subjects to climb to


def test_speed9_dyad_and_pair_subjects_from_the_lists(coded):
    language, lexicon, articles = coded
    for actors in articles:
        for t in actors.toks:
            assert [e.code for e in dyad_subject(t, actors, language)] == _dyad_subject_tokens(t, actors, language)
            assert pair_subject(t, actors, language, lexicon.reporting) == _pair_subject_tokens(t, actors, language, lexicon.reporting)


def test_speed9_author_of_an_object_from_the_lists(coded):
    _, _, articles = coded
    authors = 0
    for actors in articles:
        for t in actors.toks:
            expected = _author_tokens(t, actors)
            assert _author(t, actors) == expected
            authors += bool(expected)
    assert authors >= 2  # "detention ... by Indian police", "the law passed by parliament", « votée par »


def test_speed9_climbed_subject_from_the_lists(coded):
    _, lexicon, articles = coded
    climbed = 0
    for actors in articles:
        for t in actors.toks:
            expected = _climb_subject_tokens(t, actors, lexicon.patient, lexicon.etre_verbs)
            assert climb_subject(t, actors, lexicon.patient, lexicon.etre_verbs) == expected
            climbed += bool(expected[0] or expected[1])
    assert climbed > 5


def test_speed9_main_subject_from_the_lists(coded):
    _, lexicon, articles = coded
    for actors in articles:
        for t in actors.toks:
            assert _index(_main_subject(t, lexicon.reporting)) == _index(_main_subject_tokens(t, lexicon.reporting))


def test_speed9_participle_subject_from_the_lists(coded):
    _, _, articles = coded
    found = 0
    for actors in articles:
        for t in actors.toks:
            expected = _participle_subject_tokens(t, actors)
            assert participle_subject(t, actors) == expected
            found += bool(expected)
    assert found >= 1  # "..., denouncing the method", « ..., dénonçant la méthode »: Algeria


def test_speed9_framing_and_anaphoric_nouns_and_acts_on_things_from_the_lists(coded):
    _, lexicon, articles = coded
    seen = {"circumstantial": 0, "anaphoric": 0, "acts": 0}
    for actors in articles:
        for t in actors.toks:
            expected = _circumstantial_tokens(t, lexicon), _anaphoric_tokens(t, lexicon), _acts_on_thing_tokens(t)
            assert (_circumstantial(t, lexicon), _anaphoric(t, lexicon), _acts_on_thing(t)) == expected
            for name, on in zip(seen, expected):
                seen[name] += on
    assert all(seen.values()), seen  # each reading is met at least once


def test_speed9_finite_verbs_and_agentless_forms_from_the_lists(coded):
    _, _, articles = coded
    finite = agentless = 0
    for actors in articles:
        for t in actors.toks:
            assert _finite(t, actors.toks) == _finite(t)  # the Context's Tokens or the Doc's: one answer
            assert (_agentless(t), _unnamed_agent(t)) == (_agentless_tokens(t), _unnamed_agent_tokens(t))
            finite += _finite(t)
            agentless += _agentless(t) and actors.lists.pos[t.i] == "VERB"
    assert finite > 10 and agentless >= 1  # "were declared ... and expelled", « ont été déclarés »
