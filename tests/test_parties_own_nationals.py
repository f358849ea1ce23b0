"""A state arresting or releasing its own nationals: the people named by a plural group of the actor's
country are the recipient ("several Kenyan officers were arrested", « dix opposants togolais »), not
dropped as the state acting on itself (which left the other side of the article's dyad as the target)."""

import pytest

from coded import codes, only

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    "text, language, category, names",
    [
        ("Kenya accused Uganda of harbouring rebels. Several Kenyan officers were arrested in Nairobi on Tuesday.", "en", "COERCE", "officers"),
        ("Police in Harare arrested twelve Zimbabwean activists on Monday.", "en", "COERCE", "activists"),
        ("Le Kenya a accusé l'Ouganda d'abriter des rebelles. Plusieurs officiers kényans ont été arrêtés mardi à Nairobi.", "fr", "COERCE", "officiers"),
        ("La société ghanéenne conteste la décision. Quatre employés togolais de la société sont détenus depuis mars à Lomé.", "fr", "COERCE", "employés"),
        ("Les autorités togolaises ont libéré lundi dix opposants togolais.", "fr", "RETREAT", "opposants"),
    ],
)
def test_parties_own_nationals_held_by_their_state_are_the_recipient(code, text, language, category, names):
    event = only(code(text, language=language), category)
    assert codes(event.recipient) == codes(event.actor)
    assert any(names in e.name for e in event.recipient)


@pytest.mark.parametrize(
    "text, language",
    [
        ("Kenya criticised Uganda. The Kenyan government arrested the Kenyan government.", "en"),
        ("Le Kenya a critiqué l'Ouganda. Le gouvernement kényan a arrêté le gouvernement kényan.", "fr"),
    ],
)
def test_parties_the_acting_state_itself_is_not_its_own_recipient(code, text, language):
    # the same words for both sides name one body: it does not act on itself
    event = only(code(text, language=language), "COERCE")
    assert not any(e.name.lower() == a.name.lower() for e in event.recipient for a in event.actor)

