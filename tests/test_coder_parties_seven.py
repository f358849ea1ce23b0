"""Parties that the parse spreads over several words: groups of two countries ("delegations from
A and B"), a second party coordinated with a name (« le ministre X et son homologue libyen »), and
French subjects that the parser cuts off their verb (« Pékin | a condamné », « Séoul et Tokyo | sont
parvenus à un accord »)."""

import pytest

from coded import codes, only

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    "text, category",
    [
        ("Delegations from Peru and Bolivia met in Lima on Tuesday to discuss the lake's water levels.", "CONSULT"),
        ("Officials from Ghana and Togo signed a border demarcation accord in Accra.", "SUPPORT"),
        ("Negotiators from Sudan and South Sudan met in Juba to discuss oil transit fees.", "CONSULT"),
    ],
)
def test_parties_a_group_from_two_countries_is_both(code, text, category):
    event = only(code(text, language="en"), category)
    assert len(codes(event.actor)) == 2
    assert not event.recipient or set(codes(event.recipient)).isdisjoint(codes(event.actor))


def test_parties_a_group_from_one_country_stays_one(code):
    # "from Peru" alone: one side, and the country met stays the other party
    event = only(code("A delegation from Peru met Bolivian officials in La Paz on Tuesday.", language="en"), "CONSULT")
    assert codes(event.actor) == ["PER"]
    assert codes(event.recipient) == ["BOL"]


@pytest.mark.parametrize(
    "text, actor",
    [
        ("Le ministre sénégalais Ousmane Diallo et son homologue gambien ont signé un accord sur la pêche.", ["GMB", "SEN"]),
        ("La ministre belge Hadja Lahbib et son homologue marocain ont signé une déclaration commune.", ["BEL", "MAR"]),
    ],
)
def test_parties_a_counterpart_coordinated_with_a_name_is_a_second_party(code, text, actor):
    event = only(code(text, language="fr"), "SUPPORT")
    assert codes(event.actor) == actor


def test_parties_a_description_after_a_name_is_no_second_party(code):
    # the comma-bounded description of the minister names no party of its own
    text = "Le ministre sénégalais, Ousmane Diallo, a condamné l'attaque contre le poste frontière gambien."
    event = only(code(text, language="fr"), "ACCUSE")
    assert codes(event.actor) == ["SEN"]
