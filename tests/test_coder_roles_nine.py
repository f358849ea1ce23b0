"""Sides of an event, round nine: a French pronominal verb (« s'est retirée de ») whose subject the
parser labels passive still acts; a state that arrests, frees or sentences people nothing places acts
on its own people, not on the other country of the story; an agentless passive of a material act
("30 journalists were arrested", reported by a rights group) takes no actor from the clause above it."""

import pytest

from coded import codes, only

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    "text, language, category, actor, recipient",
    [
        ("La Russie s'est retirée de l'accord avec l'Ukraine.", "fr", "SANCTION", ["RUS"], ["UKR"]),
        ("En réponse, Varsovie s'est retirée des négociations avec la Biélorussie.", "fr", "SANCTION", ["POL"], ["BLR"]),
        ("La Guinée s'est engagée à rouvrir sa frontière avec le Mali.", "fr", "AGREE", ["GIN"], ["MLI"]),
        # the English active says the same: one reading for both languages
        ("In response, Warsaw withdrew from the trade agreement with Belarus.", "en", "SANCTION", ["POL"], ["BLR"]),
        ("Guinea pledged to reopen its border with Mali.", "en", "AGREE", ["GIN"], ["MLI"]),
    ],
)
def test_roles_a_pronominal_verb_keeps_its_subject_as_actor(code, text, language, category, actor, recipient):
    # « se » beside a subject labelled passive: a pronominal verb, whose subject acts
    event = only(code(text, language=language), category)
    assert codes(event.actor) == actor
    assert codes(event.recipient) == recipient


@pytest.mark.parametrize(
    "text, language",
    [
        ("Le diplomate tchèque a été expulsé par la Russie.", "fr"),
        ("The Czech diplomat was expelled by Russia.", "en"),
    ],
)
def test_roles_a_true_passive_still_makes_its_subject_the_target(code, text, language):
    # « a été expulsé »: a passive auxiliary, no « se »; the subject undergoes the expulsion
    event = only(code(text, language=language), "SANCTION")
    assert codes(event.actor) == ["RUS"]
    assert codes(event.recipient) == ["CZE"]


@pytest.mark.parametrize(
    "text, language, category, state",
    [
        ("Eritrea released three jailed pastors on Friday, a week after talks with Ethiopia.", "en", "RETREAT", "ERI"),
        ("Police in Nepal detained forty students after a visit by the Indian prime minister.", "en", "COERCE", "NPL"),
        ("Le Cameroun a libéré douze prisonniers après une médiation du Tchad.", "fr", "RETREAT", "CMR"),
        ("La police sénégalaise a interpellé trente étudiants après la visite du président français.", "fr", "COERCE", "SEN"),
    ],
)
def test_roles_people_nothing_places_are_the_acting_states_own(code, text, language, category, state):
    # people a state holds or frees, named with no country, are its own, not the other country named
    event = only(code(text, language=language), category)
    assert codes(event.actor) == [state]
    assert codes(event.recipient) == [state]


@pytest.mark.parametrize(
    "text, language, category, recipient",
    [
        ("Algeria arrested two French journalists on Monday.", "en", "COERCE", ["FRA"]),
        ("Le Burkina Faso a libéré les deux gendarmes ivoiriens.", "fr", "RETREAT", ["CIV"]),
    ],
)
def test_roles_people_placed_by_the_text_keep_their_country(code, text, language, category, recipient):
    # a nationality in the phrase places them: the rule for unplaced people does not fire
    event = only(code(text, language=language), category)
    assert codes(event.recipient) == recipient


@pytest.mark.parametrize(
    "text, language",
    [
        ("Rwanda protested the arrest of two Rwandan traders in Burundi. Burundi later released the two men.", "en"),
        ("Le Rwanda a protesté contre l'arrestation de deux commerçants rwandais au Burundi. Le Burundi a ensuite libéré les deux hommes.", "fr"),
    ],
)
def test_roles_people_told_before_are_not_taken_for_the_states_own(code, text, language):
    # "the two men", « les deux hommes »: people the story named before, whose country it said there
    event = only(code(text, language=language), "RETREAT")
    assert codes(event.recipient) == ["RWA"]


@pytest.mark.parametrize(
    "text, language, state",
    [
        ("Amnesty International said 30 journalists were arrested in Minsk.", "en", "BLR"),
        ("Amnesty International a affirmé que vingt militants avaient été arrêtés à Bakou.", "fr", "AZE"),
    ],
)
def test_roles_who_reports_an_agentless_arrest_did_not_make_it(code, text, language, state):
    # the rights group tells the arrest; the state of the place made it
    event = only(code(text, language=language), "COERCE")
    assert "NGO" not in codes(event.actor)
    assert codes(event.actor) == [state]


@pytest.mark.parametrize(
    "text, language, actor",
    [
        ("Two Russian diplomats were declared persona non grata by Estonia and expelled.", "en", ["EST"]),
        ("Trois militants ont été arrêtés par la police turque, selon Amnesty International.", "fr", ["TUR"]),
    ],
)
def test_roles_an_agent_named_by_the_passive_or_its_coordinate_is_kept(code, text, language, actor):
    # a "by" / « par » phrase of the passive, or of the passive it is coordinated with, names who acted
    events = [e for e in code(text, language=language) if e.category in ("SANCTION", "COERCE")]
    assert events and all(codes(e.actor) == actor for e in events)


@pytest.mark.parametrize(
    "text, language",
    [
        ("Pakistan said any attempt by India to divert the river would be treated as an act of war.", "en"),
        ("Le Pakistan a affirmé que toute tentative de l'Inde de détourner le fleuve serait considérée comme un acte de guerre.", "fr"),
    ],
)
def test_roles_a_verbal_act_in_the_passive_keeps_its_speaker(code, text, language):
    # threats and statements are their speaker's own: the agentless rule is for material acts only
    events = [e for e in code(text, language=language) if e.category == "THREATEN"]
    assert events and codes(events[0].actor) == ["PAK"]
