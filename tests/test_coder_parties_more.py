"""Whose phrase is it: the words of a subject or object that say which country it stands for, and
those that do not (a clause about it, a stance, a place's same-name town, the one who reports)."""

import pytest

from dyadwatch.actors.entities import STANCE_KEYS, stance_words
from dyadwatch.actors.gazetteer import read_data

from coded import codes, only

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("language", ["en", "fr"])
def test_parties_stance_lists_load_with_known_keys(language):
    words = stance_words(language)
    assert words.prefixes and words.locative
    assert set(read_data("dyadwatch.actors", f"stances.{language}.yaml")) == {"version", "language", *STANCE_KEYS}


@pytest.mark.parametrize(
    "text, category, actor",
    [
        # a nationality joined to "pro-" or "-backed" says whom a group supports, not whose it is
        ("Pro-Russian separatists in Moldova declared a ceasefire on Friday.", "CONCEDE", "MDA"),
        ("Anti-American protesters marched through central Caracas on Sunday.", "PROTEST", "VEN"),
    ],
)
def test_parties_a_stance_adjective_names_no_country(code, text, category, actor):
    event = only(code(text, language="en"), category)
    assert actor in codes(event.actor)
    assert "RUS" not in codes(event.actor) and "USA" not in codes(event.actor)


def test_parties_a_backed_militia_is_not_its_backer(code):
    event = only(code("Government troops attacked the Iranian-backed militia near Basra on Monday.", language="en"), "ASSAULT")
    assert "IRN" not in codes(event.recipient)


def test_parties_ethnic_kin_are_coded_where_they_live(code):
    event = only(code("Hundreds of ethnic Hungarians demonstrated in Romania on Saturday, local radio said.", language="en"), "PROTEST")
    assert codes(event.actor) == ["ROU"]


def test_parties_a_people_named_by_the_head_is_its_country(code):
    event = only(code("Kurds of the Turkish-occupied enclave staged a strike on Monday.", language="en"), "PROTEST")
    assert "TUR" not in codes(event.actor)


@pytest.mark.parametrize(
    "text, language, actor",
    [
        # an apposition whose head names no party does not say whose the crowd is
        ("Hundreds of students, some carrying NATO flags, blocked the main square in Chisinau.", "en", "MDA"),
        # nor does a clause about it
        ("Protesters who had crossed from Ukraine blocked a road in Warsaw on Monday.", "en", "POL"),
    ],
)
def test_parties_words_of_a_clause_or_flag_do_not_name_the_crowd(code, text, language, actor):
    event = only(code(text, language=language), "PROTEST")
    assert codes(event.actor) == [actor]


def test_parties_a_clause_that_places_its_noun_gives_the_country(code):
    event = only(code("A militia based in northern Syria abducted two aid workers on Monday.", language="en"), "ASSAULT")
    assert "SYR" in codes(event.actor)


def test_parties_the_one_who_reports_is_not_the_actor_of_a_subject_we_cannot_place(code):
    text = "Masked settlers burned a mosque near the village overnight, Palestinian officials said on Sunday."
    event = only(code(text, language="en"), "ASSAULT")
    assert "PSE" not in codes(event.actor)


def test_parties_a_host_of_a_meeting_hosts_no_visitor(code):
    text = "The Norwegian government offered to host talks between Colombian rebels and the government."
    event = only(code(text, language="en"), "AGREE")
    assert codes(event.actor) == ["NOR"]


@pytest.mark.parametrize("name, country", [("Lebanon", "LBN"), ("Mali", "MLI"), ("Armenia", "ARM"), ("Djibouti", "DJI")])
def test_places_a_country_name_is_the_country_not_a_town_abroad(config, name, country):
    from dyadwatch.actors.gazetteer import build_gazetteer
    from dyadwatch.events.places import geocode

    assert geocode(name, build_gazetteer("en", config.models["en"])).country == country


def test_parties_an_arrest_in_a_country_whose_name_a_foreign_town_shares_is_that_state_s(code):
    event = only(code("A Canadian nurse was arrested in Jordan on Friday for spying.", language="en"), "COERCE")
    assert codes(event.actor) == ["JOR"]


@pytest.mark.parametrize(
    "text, language, country",
    [
        # a settlement named by its country's adjective places the attack in that country
        ("Gunmen killed nine villagers in a Nigerien village on Sunday.", "en", "NER"),
        ("Des hommes armés ont tué neuf villageois dans un village nigérien dimanche.", "fr", "NER"),
        # and so does the name after "the town of", whatever entity type the parser gives it
        ("A car bomb near the town of Kunduz killed four police officers on Monday.", "en", "AFG"),
    ],
)
def test_parties_a_settlement_noun_places_unnamed_attackers(code, text, language, country):
    event = only(code(text, language=language), "ASSAULT")
    assert [(e.code, e.sector) for e in event.actor] == [(country, "UAF")]


def test_parties_a_coordinated_verb_shares_the_unnamed_attacker(code):
    events = code("A car bomb outside the Afghan town of Khost killed two soldiers and wounded five others.", language="en")
    assault = [e for e in events if e.category == "ASSAULT"]
    assert assault and all(codes(e.actor) == ["AFG"] for e in assault)


@pytest.mark.parametrize("name, country", [("Arbil", "IRQ"), ("Kiev", "UKR"), ("Sanaa", "YEM")])
def test_places_a_city_is_found_by_its_other_spellings(config, name, country):
    from dyadwatch.actors.gazetteer import build_gazetteer
    from dyadwatch.events.places import geocode

    assert geocode(name, build_gazetteer("en", config.models["en"])).country == country


@pytest.mark.parametrize("language", ["en", "fr"])
def test_places_settlement_lists_load(language):
    from dyadwatch.events.places import settlement_nouns

    assert settlement_nouns(language)
    assert set(read_data("dyadwatch.actors", f"settlements.{language}.yaml")) == {"version", "language", "nouns"}


def test_parties_a_country_named_once_is_a_side_when_its_leader_is_named_too(code):
    text = (
        "Venezuela on Monday expelled all diplomats of the embassy in Caracas. President Javier Milei of "
        "Argentina condemned the expulsion. Milei said Venezuela had broken international law. "
        "Venezuela also suspended all flights on Tuesday."
    )
    sanctions = [e for e in code(text, language="en") if e.category == "SANCTION"]
    assert sanctions and all(codes(e.recipient) == ["ARG"] for e in sanctions)


def test_parties_an_untargeted_show_of_force_faces_the_other_side_of_the_dyad(code):
    text = (
        "China launched large military drills near Japan on Monday. Japan condemned the Chinese drills. "
        "Japan put its air force on high alert on Tuesday."
    )
    mobilize = [e for e in code(text, language="en") if e.category == "MOBILIZE" and codes(e.actor) == ["JPN"]]
    assert mobilize and codes(mobilize[0].recipient) == ["CHN"]


def test_parties_a_release_with_no_agent_is_done_by_the_state_that_held_the_prisoner(code):
    text = (
        "Iran detained the French teacher Lucie Marchand in Tehran in 2022. Iran accused Marchand of spying "
        "for France. Marchand was released on Friday and flown to Paris."
    )
    event = only(code(text, language="en"), "RETREAT")
    assert codes(event.actor) == ["IRN"] and codes(event.recipient) == ["FRA"]


@pytest.mark.parametrize(
    "text, proxy",
    [
        ("The case of French aid worker Paul Marin worried diplomats.", True),
        ("The trial of the Algerian writer angered Paris.", True),
        ("Thousands of Algerian protesters marched in Paris.", False),
        ("A group of Moroccan diplomats met the minister.", False),
        ("French mediation angered Israel.", False),
        ("Members of the Kenyan parliament walked out.", False),
    ],
)
def test_arguments_a_noun_that_names_no_party_is_not_the_party_of_its_of_phrase(config, text, proxy):
    from dyadwatch.actors.gazetteer import build_gazetteer
    from dyadwatch.actors.resolve import ArticleActors
    from dyadwatch.events.arguments import _proxy
    from dyadwatch.nlp.models import load_pipeline

    doc = load_pipeline("en", config.models)(text)
    subject = next(t for t in doc if t.dep_ == "nsubj")
    assert _proxy(subject, ArticleActors(doc, build_gazetteer("en", config.models["en"]))) is proxy


@pytest.mark.parametrize("language", ["en", "fr"])
def test_arguments_partitive_lists_load(language):
    from dyadwatch.events.arguments import partitive_nouns

    assert partitive_nouns(language)
    assert set(read_data("dyadwatch.actors", f"partitives.{language}.yaml")) == {"version", "language", "nouns"}


def test_parties_a_country_before_today_is_not_an_outlet(code):
    event = only(code("Kenya's foreign minister visited Russia today for talks on grain.", language="en"), "CONSULT")
    assert codes(event.recipient) == ["RUS"]


def test_parties_a_gerund_clause_does_not_name_the_people_it_follows(code):
    text = "Kenyan police deported dozens of Ethiopians for working without permits at a Chinese factory, officials said."
    event = only(code(text, language="en"), "COERCE")
    assert codes(event.recipient) == ["ETH"]
    assert event.recipient[0].sector != "GOV"  # people named by their nationality, not their state


def test_parties_liberians_are_liberia_s(code):
    event = only(code("Guinean police arrested 30 Liberians near the border on Monday.", language="en"), "COERCE")
    assert codes(event.recipient) == ["LBR"]


def test_parties_an_ethnic_kin_state_is_not_a_side_of_the_story(code):
    text = (
        "Serbia's government sent more police to the south on Monday after ethnic Albanians clashed with "
        "officers. Ethnic Albanian leaders met on Tuesday. Serbia also suspended local elections."
    )
    for event in code(text, language="en"):
        assert "ALB" not in codes(event.recipient), event
