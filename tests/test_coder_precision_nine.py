"""Pruning (events/pruning.py): readings that name no relation leave, events with their parties stay."""

import pytest

from dyadwatch.errors import DyadwatchError
from dyadwatch.events.pruning import PruningWords, load_pruning_words, prune_events
from dyadwatch.records import Entity, Event, Evidence


def party(code):
    return Entity(code, "GOV", code, code)


def event(sentence, trigger, actor=(), recipient=(), category="CONCEDE", negated=False):
    at = sentence.index(trigger)
    return Event(
        "e1", "a1", "d1", category, None, (), tuple(party(c) for c in actor), tuple(party(c) for c in recipient),
        None, None, None, negated, False, False, False, 0.0, "VC",
        Evidence(sentence, 0, 0, len(sentence), trigger, at, at + len(trigger)), 0.7, "test",
    )


@pytest.mark.parametrize(
    "language,sentence,trigger,actor",
    [
        ("en", "The quotas were lifted in March.", "lifted", ()),
        ("en", "The embargo was later lifted.", "lifted", ("UNK",)),
        ("fr", "Les quotas ont été levés en mars.", "levés", ()),
        ("fr", "La vidéo a ensuite été retirée.", "retirée", ("UNK",)),
    ],
)
def test_pruning_agentless_passive_with_no_party_is_dropped(language, sentence, trigger, actor):
    assert prune_events([event(sentence, trigger, actor)], language) == []


@pytest.mark.parametrize(
    "language,sentence,trigger,actor,recipient",
    [
        ("en", "The quotas were lifted by Chile in March.", "lifted", ("CHL",), ()),  # the agent is named
        ("en", "The Peruvian reporter was arrested on Monday.", "arrested", (), ("PER",)),  # the one it was done to
        ("en", "Officials lifted the quotas in March.", "lifted", ("UNK",), ()),  # active: a subject, unresolved
        ("fr", "Les quotas ont été levés par le Chili en mars.", "levés", ("CHL",), ()),
        ("fr", "Le reporter péruvien a été arrêté lundi.", "arrêté", (), ("PER",)),
        ("fr", "Des responsables ont levé les quotas en mars.", "levé", ("UNK",), ()),
    ],
)
def test_pruning_passive_or_active_that_names_a_party_stays(language, sentence, trigger, actor, recipient):
    ev = event(sentence, trigger, actor, recipient)
    assert prune_events([ev], language) == [ev]


@pytest.mark.parametrize(
    "language,sentence,trigger",
    [
        ("en", "Peru has not consulted its neighbours.", "consulted"),
        ("en", "Peru made no commitment on the islands.", "made no commitment"),
        ("fr", "Le Pérou n'a pas consulté ses voisins.", "consulté"),
        ("fr", "Le Pérou n'a pris aucun engagement sur les îles.", "pris aucun engagement"),
    ],
)
def test_pruning_negated_act_of_one_party_with_no_other_side_is_dropped(language, sentence, trigger):
    assert prune_events([event(sentence, trigger, ("PER",), negated=True)], language) == []


@pytest.mark.parametrize(
    "language,sentence,trigger,actor,recipient,negated",
    [
        ("en", "Norway did not pardon the Swedish reporter.", "pardon", ("NOR",), ("SWE",), True),  # a dyad's non-act
        ("en", "Chile and Peru did not agree on the border.", "agree", ("CHL", "PER"), (), True),  # a joint act that failed
        ("en", "Peru consulted its neighbours.", "consulted", ("PER",), (), False),  # not negated
        ("fr", "La Norvège n'a pas gracié le reporter suédois.", "gracié", ("NOR",), ("SWE",), True),
        ("fr", "Le Chili et le Pérou ne se sont pas entendus.", "entendus", ("CHL", "PER"), (), True),
        ("fr", "Le Pérou a consulté ses voisins.", "consulté", ("PER",), (), False),
    ],
)
def test_pruning_negated_act_with_two_sides_or_plain_act_stays(language, sentence, trigger, actor, recipient, negated):
    ev = event(sentence, trigger, actor, recipient, negated=negated)
    assert prune_events([ev], language) == [ev]


def test_pruning_language_without_words_keeps_passives():
    ev = event("The quotas were lifted in March.", "lifted")
    assert prune_events([ev], "ar") == [ev]
    assert load_pruning_words("ar") == PruningWords()


def test_pruning_unknown_key_in_data_file_is_a_coded_error(monkeypatch):
    import dyadwatch.events.pruning as pruning

    monkeypatch.setattr(pruning, "read_data", lambda package, name: {"version": 1, "passives": ["were"]})
    load_pruning_words.cache_clear()
    try:
        with pytest.raises(DyadwatchError, match="unknown keys") as raised:
            load_pruning_words("en")
        assert raised.value.code == "E412"
    finally:
        monkeypatch.undo()
        load_pruning_words.cache_clear()


@pytest.mark.slow
@pytest.mark.parametrize(
    "text,language,category",
    [
        ("The Dutch farmers said they had not been consulted.", "en", "CONSULT"),
        ("Les agriculteurs néerlandais ont dit qu'ils n'avaient pas été consultés.", "fr", "CONSULT"),
        ("The quotas were lifted in March.", "en", "CONCEDE"),
        ("Les restrictions ont été levées en mars.", "fr", "CONCEDE"),
    ],
)
def test_coder_reading_with_no_relation_is_not_coded(code, text, language, category):
    assert not [e for e in code(text, language=language) if e.category == category]


@pytest.mark.slow
@pytest.mark.parametrize(
    "text,language,category",
    [
        ("Norway did not pardon the Swedish journalist.", "en", "CONCEDE"),
        ("Le journaliste péruvien a été arrêté lundi.", "fr", "COERCE"),
        ("The restrictions were lifted by Mexico in March.", "en", "CONCEDE"),
        ("La Norvège n'a pas gracié le journaliste suédois.", "fr", "CONCEDE"),
    ],
)
def test_coder_reading_with_its_parties_is_still_coded(code, text, language, category):
    assert [e for e in code(text, language=language) if e.category == category]
