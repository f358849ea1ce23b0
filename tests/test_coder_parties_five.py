"""Who acts and who undergoes, where the clause of the trigger does not say it plainly: a participle
adjunct, a "by" inside a passive's subject, a small clause, a territory, an apposition, the pair
named before."""

import pytest

from coded import codes, only

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    "text, language, category, actor",
    [
        # the participle adjunct belongs to the main clause, not to the relative clause before it
        (
            "Le Mali a rejeté mardi le rapport que la France avait publié, dénonçant les accusations portées par Paris.",
            "fr",
            "ACCUSE",
            "MLI",
        ),
        (
            "Hungary rejected on Monday the plan that Austria had drafted, condemning the pressure applied by Vienna.",
            "en",
            "ACCUSE",
            "HUN",
        ),
    ],
)
def test_parties_participle_adjunct_takes_the_main_subject(code, text, language, category, actor):
    event = only(code(text, language=language), category)
    assert codes(event.actor) == [actor]


def test_parties_participle_in_a_reported_clause_takes_that_clause_subject(code):
    text = "The army of Chad declared a curfew in N'Djamena on Sunday, banning rallies in the capital, a spokesman for the French embassy said."
    for event in code(text, language="en"):
        assert "FRA" not in codes(event.actor)


def test_parties_a_by_phrase_inside_the_passive_subject_is_not_the_agent(code):
    text = "Egypt said on Monday that any move by Ethiopia to fill the dam without a deal would be treated as an act of war."
    event = only(code(text, language="en"), "THREATEN")
    assert codes(event.actor) == ["EGY"]
    assert codes(event.recipient) == ["ETH"]


def test_parties_a_declared_small_clause_is_done_by_the_declarer(code):
    # the parser reads "the military advisers" as the subject of "persona non grata"
    text = "Canberra also declared the military advisers at China’s High Commission persona non grata and gave them a week to leave."
    event = only(code(text, language="en"), "SANCTION")
    assert codes(event.actor) == ["AUS"]
    assert codes(event.recipient) == ["CHN"]


@pytest.mark.parametrize(
    "text, language",
    [
        ("Le gouvernement a décrété jeudi l’état d’urgence en Guadeloupe, secouée depuis dimanche par de violentes émeutes.", "fr"),
        ("Thousands of people marched through San Juan, Puerto Rico on Saturday. Police detained dozens of protesters in San Juan.", "en"),
    ],
)
def test_parties_the_state_of_a_territory_is_the_one_that_governs_it(code, text, language):
    events = code(text, language=language)
    state = {"fr": "FRA", "en": "USA"}[language]
    coerce = only(events, "COERCE")
    assert codes(coerce.actor) == [state]
    assert state not in codes(coerce.recipient)
    protest = only(events, "PROTEST")
    assert codes(protest.recipient) == [state]
    assert state not in codes(protest.actor)


def test_parties_territories_name_known_codes():
    from dyadwatch.events.places import sovereign

    assert sovereign("NCL") == "FRA" and sovereign("HKG") == "CHN"
    assert sovereign("FRA") == "FRA"


@pytest.mark.parametrize(
    "text, category, actor, not_actor",
    [
        ("Moscou, principal allié du régime syrien, a rappelé son ambassadeur à Ankara.", "SANCTION", "RUS", "TUR"),
        ("Téhéran, principal soutien du Hezbollah, a suspendu ses vols vers Beyrouth.", "SANCTION", "IRN", "LBN"),
    ],
)
def test_parties_a_description_between_commas_names_no_second_actor(code, text, category, actor, not_actor):
    events = code(text, language="fr")
    event = only(events, category)
    assert actor in codes(event.actor) and not_actor not in codes(event.actor)
    # a standing role told in passing (« principal soutien ») is no event of its own
    assert all(e.category != "SUPPORT" for e in events)


def test_parties_a_listed_country_is_still_a_second_actor(code):
    event = only(code("La France, l’Allemagne et l’Italie ont condamné l’attaque.", language="fr"), "ACCUSE")
    assert codes(event.actor) == ["DEU", "FRA", "ITA"]


@pytest.mark.parametrize(
    "text, language",
    [
        (
            "Russian President Vladimir Putin and Turkish President Recep Tayyip Erdogan met in Sochi on Friday. "
            "The two leaders said trade talks would resume next month.",
            "en",
        ),
        (
            "Le président russe Vladimir Poutine a reçu vendredi à Sotchi le président turc Recep Tayyip Erdogan. "
            "Les deux dirigeants ont dit que les négociations commerciales reprendraient le mois prochain.",
            "fr",
        ),
    ],
)
def test_parties_the_two_leaders_are_the_two_people_named_before(code, text, language):
    event = only(code(text, language=language), "AGREE")
    assert codes(event.actor) == ["RUS", "TUR"]


def test_parties_two_people_counted_without_an_office_noun_stay_unknown(code):
    events = code("Two soldiers said talks with Russia would resume next month, Ukraine's army said.", language="en")
    for event in events:
        assert codes(event.actor) != ["RUS", "UKR"]


@pytest.mark.parametrize(
    "text, language",
    [
        (
            "Italy wants Tunisia to take back more migrants. Italian Interior Minister Matteo Piantedosi arrived in Tunis "
            "on Monday for talks on Tunisian migration. On Tuesday the minister held talks with his counterpart Khaled Nouri.",
            "en",
        ),
        (
            "L’Italie veut que la Tunisie reprenne davantage de migrants. Le ministre italien de l’Intérieur, Matteo "
            "Piantedosi, est arrivé lundi à Tunis. Mardi, le ministre s’est entretenu avec son homologue Khaled Nouri.",
            "fr",
        ),
    ],
)
def test_parties_the_minister_is_the_minister_named_before_and_his_counterpart_the_other_side(code, text, language):
    events = [e for e in code(text, language=language) if e.category == "CONSULT"]
    last = events[-1]
    assert codes(last.actor) == ["ITA"]
    assert codes(last.recipient) == ["TUN"]


def test_parties_a_prisoner_is_released_by_the_state_that_held_him_not_where_he_went(code):
    text = (
        "Egypt on Monday pardoned the Italian researcher Marco Bellini, granting a request made by German Chancellor "
        "Friedrich Merz. The presidency said the decision had been taken on humanitarian grounds. Bellini, who had been "
        "serving a five-year sentence, was released and flown to Germany. Italy thanked the German chancellor."
    )
    event = only(code(text, language="en"), "RETREAT")
    assert codes(event.actor) == ["EGY"]
    assert codes(event.recipient) == ["ITA"]


@pytest.mark.parametrize(
    "text, language",
    [
        ("Japan announced new sanctions on Russia on Friday. Ukrainian President Volodymyr Zelensky welcomed these measures.", "en"),
        ("Le Canada a annoncé vendredi de nouvelles sanctions contre la Russie. Le président ukrainien a salué ces mesures.", "fr"),
    ],
)
def test_parties_a_reaction_to_these_measures_answers_who_took_them(code, text, language):
    event = only(code(text, language=language), "SUPPORT")
    assert codes(event.actor) == ["UKR"]
    assert codes(event.recipient) == [{"en": "JPN", "fr": "CAN"}[language]]


def test_parties_a_bare_plural_repeats_the_group_named_before(code):
    text = (
        "European Union leaders agreed on Friday to lend Moldova two billion euros. "
        "Ukrainian President Volodymyr Zelensky, who attended the summit, had urged leaders to do more."
    )
    event = only(code(text, language="en"), "REQUEST")
    assert codes(event.actor) == ["UKR"]
    assert codes(event.recipient) == ["EUR"]
