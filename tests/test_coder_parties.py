"""Who did it to whom when the sentence leaves a party out: domestic dyads and unnamed attackers."""

import pytest

from dyadwatch.actors.gazetteer import read_data
from dyadwatch.events.unnamed import perpetrator_words

from coded import codes, only

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    "text, language, category, actor",
    [
        ("President Kagame threatened to ban opposition rallies in Rwanda.", "en", "THREATEN", "RWA"),
        ("Police in Nairobi arrested dozens of opposition activists on Friday.", "en", "COERCE", "KEN"),
        ("Le président Kagame a menacé d'interdire les rassemblements de l'opposition au Rwanda.", "fr", "THREATEN", "RWA"),
    ],
)
def test_parties_directed_act_in_a_one_country_story_is_domestic(code, text, language, category, actor):
    event = only(code(text, language=language), category)
    assert codes(event.actor) == [actor] and codes(event.recipient) == [actor]


def test_parties_no_domestic_recipient_when_the_place_is_unknown(code):
    event = only(code("Israeli tanks fired shells at targets in Qalqilya on Monday.", language="en"), "ASSAULT")
    assert "ISR" not in codes(event.recipient)


def test_parties_society_may_target_its_own_state_named_later(code):
    event = only(code("The Venezuelan opposition accused President Maduro of rigging the vote.", language="en"), "ACCUSE")
    assert codes(event.actor) == ["VEN"] and codes(event.recipient) == ["VEN"]


@pytest.mark.parametrize(
    "text, language, country",
    [
        ("Unidentified gunmen abducted a priest in Kaduna, Nigeria, on Sunday.", "en", "NGA"),
        ("Gunmen killed nine villagers in Mali on Sunday.", "en", "MLI"),
        ("Des hommes armés ont tué neuf villageois au Mali dimanche.", "fr", "MLI"),
    ],
)
def test_parties_unnamed_attackers_are_an_armed_group_of_the_place(code, text, language, country):
    event = only(code(text, language=language), "ASSAULT")
    assert [(e.code, e.sector) for e in event.actor] == [(country, "UAF")]


def test_parties_an_airstrike_is_not_put_on_the_place_it_hit(code):
    event = only(code("Airstrikes killed twenty people in Gaza on Tuesday.", language="en"), "ASSAULT")
    assert all(e.sector != "UAF" for e in event.actor)


@pytest.mark.parametrize("language", ["en", "fr"])
def test_parties_perpetrator_lists_load_and_do_not_overlap(language):
    unnamed, standoff = perpetrator_words(language)
    assert unnamed and standoff and not unnamed & standoff
    assert read_data("dyadwatch.actors", f"perpetrators.{language}.yaml").keys() == {"unnamed", "standoff"}


def test_parties_the_eu_predecessor_and_the_twenty_seven_are_the_eu(code):
    agree = only(code("The European Community agreed on Monday to provide aid to Albania.", language="en"), "AGREE")
    assert codes(agree.actor) == ["EUR"]
    sanction = only(code("Les Vingt-Sept ont adopté jeudi de nouvelles sanctions contre l'Iran.", language="fr"), "SANCTION")
    assert codes(sanction.actor) == ["EUR"]


@pytest.mark.parametrize(
    "text, language, actor, recipient",
    [
        ("Algeria granted a request made last week by the German president to pardon the writer.", "en", "DEU", "DZA"),
        ("Alger a accédé à une demande formulée par le président allemand.", "fr", "DEU", "DZA"),
    ],
)
def test_parties_a_request_made_by_someone_is_addressed_to_who_answers_it(code, text, language, actor, recipient):
    event = only(code(text, language=language), "REQUEST")
    assert codes(event.actor) == [actor] and codes(event.recipient) == [recipient]


def test_parties_from_is_the_source_of_a_request_not_its_target(code):
    events = code("Ukraine's request was rejected. Russia sent a request to Turkey for access to the straits.", language="en")
    request = [e for e in events if e.category == "REQUEST" and "RUS" in codes(e.actor)]
    assert request and codes(request[0].recipient) == ["TUR"]


def test_parties_unnamed_victims_are_people_of_the_place_not_the_next_party_named(code):
    text = "Georgian police fired tear gas at protesters outside parliament in Tbilisi, days after the European Union froze talks."
    event = only(code(text, language="en"), "ASSAULT")
    assert codes(event.actor) == ["GEO"] and codes(event.recipient) == ["GEO"]


def test_parties_a_device_on_the_spot_takes_the_place_named_around_the_attack(code):
    event = only(code("Two Nigerian soldiers were killed by a roadside bomb outside the Malian town of Gao.", language="en"), "ASSAULT")
    assert [(e.code, e.sector) for e in event.actor] == [("MLI", "UAF")] and codes(event.recipient) == ["NGA"]


def test_parties_unnamed_attackers_with_no_place_are_not_their_victims(code):
    event = only(code("A roadside bombing near the village of Tal Afar killed one British soldier, the army said.", language="en"), "ASSAULT")
    assert "GBR" not in codes(event.actor)


def test_parties_police_named_by_no_country_act_for_the_state_where_they_act(code):
    event = only(code("Police fired tear gas at protesters outside parliament in Tbilisi on Friday.", language="en"), "ASSAULT")
    assert [(e.code, e.sector) for e in event.actor] == [("GEO", "COP")]


@pytest.mark.parametrize(
    "text, language",
    [
        ("The Sudanese government accused Darfur rebels of violating the ceasefire, according to diplomatic sources in Chad.", "en"),
        ("Le gouvernement soudanais a accusé les rebelles du Darfour de violer le cessez-le-feu, selon des sources diplomatiques au Tchad.", "fr"),
    ],
)
def test_parties_the_source_of_a_report_is_not_the_recipient(code, text, language):
    event = only(code(text, language=language), "ACCUSE")
    assert codes(event.actor) == ["SDN"] and "TCD" not in codes(event.recipient)


@pytest.mark.parametrize("language, word", [("en", "according"), ("fr", "selon")])
def test_parties_attribution_markers_load(language, word):
    from dyadwatch.actors.clauses import attribution_markers

    assert word in attribution_markers(language)


@pytest.mark.parametrize(
    "text, language, country",
    [
        ("Lebanon's cabinet met in Beirut on Tuesday amid pressure from Israel and Israeli officials. "
         "The government endorsed a US proposal to consolidate the ceasefire.", "en", "LBN"),
        ("Le gouvernement libanais s'est réuni mardi à Beyrouth, sous la pression d'Israël. "
         "Le gouvernement a approuvé les objectifs de la proposition américaine.", "fr", "LBN"),
    ],
)
def test_parties_the_government_with_no_country_is_the_state_the_story_follows(code, text, language, country):
    event = only(code(text, language=language), "SUPPORT")
    assert codes(event.actor) == [country] and codes(event.recipient) == ["USA"]


@pytest.mark.parametrize(
    "text, language, category, actor, recipient",
    [
        ("Algeria released the French writer on Wednesday. French President Emmanuel Macron welcomed the release.", "en", "SUPPORT", "FRA", "DZA"),
        ("La Russie a expulsé lundi dix diplomates polonais. Varsovie a condamné ces expulsions.", "fr", "ACCUSE", "POL", "RUS"),
    ],
)
def test_parties_a_reaction_to_the_event_just_told_answers_its_actor(code, text, language, category, actor, recipient):
    event = only(code(text, language=language), category)
    assert codes(event.actor) == [actor] and codes(event.recipient) == [recipient]


def test_parties_a_state_does_not_act_on_its_own_body_but_parliament_may_accuse_the_government(code):
    events = code("The Algerian parliament accused the government of hiding the deal.", language="en")
    event = only(events, "ACCUSE")
    assert codes(event.actor) == ["DZA"] and codes(event.recipient) == ["DZA"]


def test_parties_unnamed_attackers_take_the_place_of_their_target(code):
    events = code("Militants attacked a checkpoint in North Waziristan, Pakistan, killing four soldiers.", language="en")
    event = only(events, "ASSAULT")
    assert [(e.code, e.sector) for e in event.actor] == [("PAK", "UAF")]


def test_parties_a_place_in_the_actors_own_name_does_not_block_a_domestic_reading(code):
    event = only(code("The Cankaya district administration in Ankara rejected a permit for the temple.", language="en"), "REJECT")
    assert codes(event.actor) == ["TUR"] and codes(event.recipient) == ["TUR"]
