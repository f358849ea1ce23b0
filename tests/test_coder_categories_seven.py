"""Category decisions that follow the ontology's definitions, not one file (issue 5, seventh round).

Families: claims told through a reporting verb, court findings and rulings, judgements given by
naming an act, pledges, the date of an agreement about a future act, reactions to an act referred
back to, and hosting a visitor named by name. Every sentence is our own.
"""

import pytest

from coded import codes, only

pytestmark = pytest.mark.slow


def categories(events):
    return sorted(e.category for e in events)


@pytest.mark.parametrize(
    "text,language,actor,recipient",
    [
        ("A tribunal in The Hague ruled that Colombia had violated the maritime rights of Nicaragua.", "en", None, "COL"),
        ("The International Court of Justice ruled that the occupation by Israel was unlawful.", "en", "UNO", "ISR"),
        ("The arbitration court found that Venezuela had breached its investment treaty with Canada.", "en", None, "VEN"),
        ("A regional court ruled that Moldova was responsible for the death of a Russian activist.", "en", None, "MDA"),
        ("La Cour de justice de l'UE a jugé que la Hongrie avait enfreint le droit européen.", "fr", "EUR", "HUN"),
        ("La CEDH a constaté une violation de la Convention par la Turquie.", "fr", None, "TUR"),
    ],
)
def test_coder_court_finding_of_a_breach_is_an_accusation(code, text, language, actor, recipient):
    """A court or an inquiry that finds a party broke a rule or is to blame accuses it (ACCUSE,
    mode allege: CAMEO 112). A conviction of a person is SANCTION (convict), and an order to a
    state to act is a demand (REQUEST), as the ontology's boundaries say; see the next tests."""
    events = code(text, language=language)
    event = only(events, "ACCUSE")
    assert event.mode == "allege"
    if actor:
        # the party found in breach is the recipient (with an unnamed court, see the parties rules)
        assert codes(event.actor) == [actor] and codes(event.recipient) == [recipient]
    assert "REJECT" not in categories(events)  # the breach found is the finding's content, not a defiance of its own


@pytest.mark.parametrize(
    "text,language,actor,recipient",
    [
        ("A court in Baku sentenced two French citizens to six years in prison.", "en", "AZE", "FRA"),
        ("An appeals court in Tehran upheld the death sentence of a Swedish-Iranian doctor.", "en", "IRN", "SWE"),
        ("La cour d'appel d'Alger a condamné le chercheur français à trois ans de prison.", "fr", "DZA", "FRA"),
    ],
)
def test_coder_court_conviction_is_a_sanction(code, text, language, actor, recipient):
    event = only(code(text, language=language), "SANCTION")
    assert event.mode == "convict"
    assert codes(event.actor) == [actor] and recipient in codes(event.recipient)


@pytest.mark.parametrize(
    "text,language,recipient",
    [
        ("The International Court of Justice ordered Azerbaijan to reopen the Lachin corridor.", "en", "AZE"),
        ("La Cour internationale de justice a ordonné à la Birmanie de protéger les Rohingya.", "fr", "MMR"),
    ],
)
def test_coder_court_order_to_a_state_is_a_demand(code, text, language, recipient):
    """An order is a demand (REQUEST covers "orders"); a court cannot coerce a state by saying so."""
    events = code(text, language=language)
    assert codes(only(events, "REQUEST").recipient) == [recipient]
    assert "COERCE" not in categories(events)


@pytest.mark.parametrize(
    "text,language",
    [
        ("Investigators found that the fire was caused by a faulty cable.", "en"),
        ("Le ministre a jugé que la proposition était intéressante.", "fr"),
        ("The court ruled in favour of the fishermen in their dispute with the port authority.", "en"),
    ],
)
def test_coder_finding_without_a_breach_accuses_no_one(code, text, language):
    assert "ACCUSE" not in categories(code(text, language=language))
