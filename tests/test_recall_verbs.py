"""Trigger verbs that coded nothing (recall, twelfth round).

Families, from the ontology's definitions: a warning that states what will happen (« a prévenu que »,
"warned that") threatens, while « prévenir une crise » (to avert it) does not; a place conquered by arms is an
assault whatever its name, a market or an audience conquered is not; a court that rules for a party (« donner
raison à », "rule in favour of") supports it, while giving a reason does not. Every sentence is our own.
"""

import pytest

from coded import codes, only

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    "text,language,category,actor,recipient",
    [
        ("Le ministre ghanéen a prévenu que le Togo paierait cher toute incursion.", "fr", "THREATEN", "GHA", "TGO"),
        ("Le plateau avait été conquis par la Syrie lors de la guerre de 1973.", "fr", "ASSAULT", "SYR", None),
        ("Syrian troops conquered the plateau in 1973.", "en", "ASSAULT", "SYR", None),
        ("La Cour internationale de justice a donné raison au Gabon dans son différend avec le Cameroun.", "fr", "SUPPORT", "UNO", "GAB"),
        ("The International Court of Justice ruled in favour of Gabon in its dispute with Cameroon.", "en", "SUPPORT", "UNO", "GAB"),
    ],
)
def test_recall_verb_codes_its_category(code, text, language, category, actor, recipient):
    event = only(code(text, language=language), category)
    assert codes(event.actor) == [actor]
    if recipient:
        assert recipient in codes(event.recipient)


@pytest.mark.parametrize(
    "text,language,category",
    [
        ("Le Ghana a prévenu une nouvelle crise avec le Togo.", "fr", "THREATEN"),
        ("Le groupe français a conquis le marché marocain.", "fr", "ASSAULT"),
        ("The French chef conquered the hearts of Moroccan diners.", "en", "ASSAULT"),
        ("Alger a reporté la visite sans donner de raison.", "fr", "SUPPORT"),
    ],
)
def test_recall_verb_in_another_sense_codes_no_such_event(code, text, language, category):
    assert category not in [e.category for e in code(text, language=language)]
