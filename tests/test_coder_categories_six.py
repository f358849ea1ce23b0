"""Category decisions that follow the ontology's definitions, not one file (issue 5, sixth round).

Families: event nouns that name a topic or a state of affairs, verbal acts whose subject is an
event, an enacting verb whose content is an act, a vow to use force, and material acts whose
verbs had no lexicon entry (handing over a place, entering another state's airspace or waters).
"""

import pytest

pytestmark = pytest.mark.slow


def categories(events):
    return sorted(e.category for e in events)


@pytest.mark.parametrize(
    "text,language,category",
    [
        # a bare event noun judged by a verb of being is a topic, not an event
        ("Diplomats in Cairo say dialogue remains the best option for both sides.", "en", "CONSULT"),
        ("The Italian finance minister said sanctions remain a blunt instrument.", "en", "SANCTION"),
        ("Selon le ministre italien, le dialogue demeure la meilleure option.", "fr", "CONSULT"),
        # an event noun as the object of a verb of describing is what is talked about
        ("A Norwegian report described mediation and dialogue as the best tools for Sudan.", "en", "CONSULT"),
        ("Le rapport norvégien a évoqué le dialogue comme meilleure solution pour le Soudan.", "fr", "CONSULT"),
    ],
)
def test_coder_unanchored_event_noun_is_no_event(code, text, language, category):
    assert category not in categories(code(text, language=language))


@pytest.mark.parametrize(
    "text,language,category",
    [
        # anchored by the verb that reports it, by its participants, its time and place
        ("Serbia and Kosovo held talks in Brussels on Thursday.", "en", "CONSULT"),
        ("La Serbie et le Kosovo ont tenu des pourparlers jeudi à Bruxelles.", "fr", "CONSULT"),
        ("Chilean and Peruvian negotiators travelled to Lima this week for talks on the border.", "en", "CONSULT"),
        # "on alert" after a verb of being still tells a posture
        ("Greek forces remained on alert along the border with Turkey on Sunday.", "en", "MOBILIZE"),
    ],
)
def test_coder_anchored_event_noun_is_kept(code, text, language, category):
    assert category in categories(code(text, language=language))


@pytest.mark.parametrize(
    "text,language",
    [
        ("The Colombian minister said the fighting in Venezuela threatens the whole region.", "en"),
        ("Le ministre colombien a estimé que les combats au Venezuela menacent toute la région.", "fr"),
    ],
)
def test_coder_event_subject_makes_no_threat(code, text, language):
    assert "THREATEN" not in categories(code(text, language=language))


@pytest.mark.parametrize(
    "text,language,category",
    [
        # what the law or decree does is the event, done by whoever signs it
        ("The Ghanaian president signed into law a bill suspending military cooperation with Togo.", "en", "SANCTION"),
        ("Le président ghanéen a promulgué une loi suspendant la coopération militaire avec le Togo.", "fr", "SANCTION"),
        ("The interior minister of Peru signed a decree imposing a curfew on Lima.", "en", "COERCE"),
    ],
)
def test_coder_enacted_act_is_the_event(code, text, language, category):
    found = categories(code(text, language=language))
    assert category in found and "SUPPORT" not in found


def test_coder_signing_an_agreement_stays_cooperative(code):
    found = categories(code("Chile and Argentina signed a border agreement in Santiago on Monday.", language="en"))
    assert found and set(found) <= {"SUPPORT", "AGREE"}


@pytest.mark.parametrize(
    "text,language",
    [
        ("The rebel leader vowed to recapture the town from Congolese troops.", "en"),
        ("The junta pledged to crush the insurgents in the north of Burkina Faso.", "en"),
        ("Le chef rebelle a juré de reconquérir la ville tenue par l'armée congolaise.", "fr"),
        ("La junte a promis d'anéantir les djihadistes dans le nord du pays.", "fr"),
    ],
)
def test_coder_vow_to_use_force_is_a_threat(code, text, language):
    found = categories(code(text, language=language))
    assert "THREATEN" in found and "AGREE" not in found


def test_coder_vow_to_cooperate_stays_agree(code):
    assert "AGREE" in categories(code("Japan vowed to help the Philippines rebuild its ports.", language="en"))


@pytest.mark.parametrize(
    "text,language,category",
    [
        # handing a held place over gives it up: RETREAT (withdraw)
        ("Belgian troops handed over the Kindu base to the Congolese army on Friday.", "en", "RETREAT"),
        ("Les soldats belges ont remis la base de Kindu à l'armée congolaise vendredi.", "fr", "RETREAT"),
        # aircraft or ships entering another state's airspace or waters: a show of force
        ("Two Russian fighter jets entered Finnish airspace on Thursday.", "en", "MOBILIZE"),
        ("Chinese coast guard vessels entered Philippine territorial waters near Scarborough Shoal.", "en", "MOBILIZE"),
        ("Deux avions de chasse russes ont pénétré dans l'espace aérien finlandais jeudi.", "fr", "MOBILIZE"),
        ("Des navires chinois sont entrés dans les eaux territoriales philippines mardi.", "fr", "MOBILIZE"),
        # taking a place back is taking it by force
        ("Ethiopian troops recaptured the town of Dessie from Tigrayan fighters.", "en", "ASSAULT"),
        # arrests told in the passive
        ("Dozens of students were detained in Dhaka on Tuesday.", "en", "COERCE"),
        ("Une trentaine d'étudiants ont été interpellés mardi à Dacca.", "fr", "COERCE"),
        ("Egyptian police held three Sudanese students for questioning in Aswan.", "en", "COERCE"),
        # duties slapped on another state's goods cut economic relations
        ("Washington slapped tariffs on Brazilian steel on Thursday.", "en", "SANCTION"),
        # warships moved near another state: a show of force
        ("Russian warships sailed through the strait near Norway on Monday.", "en", "MOBILIZE"),
        ("Des navires de guerre russes ont navigué près de la Norvège lundi.", "fr", "MOBILIZE"),
        # walking off the job is a strike
        ("Port workers walked off the job in Antwerp on Wednesday.", "en", "PROTEST"),
    ],
)
def test_coder_material_acts_have_triggers(code, text, language, category):
    assert category in categories(code(text, language=language))


def test_coder_handed_over_base_is_a_withdrawal(code):
    events = code("Belgian troops handed over the Kindu base to the Congolese army on Friday.", language="en")
    assert [e.mode for e in events if e.category == "RETREAT"] == ["withdraw"]


@pytest.mark.parametrize(
    "text,language",
    [
        ("The Iranian minister said his country had learned to live under sanctions.", "en"),
        ("Le ministre iranien a dit que son pays avait appris à vivre sous les sanctions.", "fr"),
    ],
)
def test_coder_living_under_an_event_is_a_state(code, text, language):
    assert "SANCTION" not in categories(code(text, language=language))


@pytest.mark.parametrize(
    "text,language,category",
    [
        # the date of a background event named in an adjunct is that event's, not the trigger's
        ("Two years after the invasion of March 2024, Ethiopia launched new strikes on Eritrea.", "en", "ASSAULT"),
        ("Deux ans après l'invasion de mars 2024, l'Éthiopie a lancé de nouvelles frappes contre l'Érythrée.", "fr", "ASSAULT"),
        ("Since the coup in August 2023, Gabon has expelled the French ambassador.", "en", "SANCTION"),
        ("Depuis le coup d'État d'août 2023, le Gabon a expulsé l'ambassadeur de France.", "fr", "SANCTION"),
    ],
)
def test_coder_background_date_is_not_the_event_date(code, text, language, category):
    events = [e for e in code(text, language=language, published="2026-02-18") if e.category == category]
    assert events and all(not e.date.startswith(("2023", "2024")) for e in events)


def test_coder_own_date_of_a_clause_is_kept(code):
    events = code("Gabon, which expelled two French diplomats in April, recalled its ambassador on Monday.", language="en")
    dates = sorted(e.date for e in events if e.category == "SANCTION")
    assert dates[0].startswith("2025-04") and dates[-1] == "2026-02-16"


@pytest.mark.parametrize(
    "text,language",
    [
        # readying forces for an attack is a show of force: MOBILIZE, not yet ASSAULT nor a spoken threat
        ("The Sudanese army is preparing an offensive against the rebels in Darfur.", "en"),
        ("The Ugandan army prepared to resume shelling rebel positions near the border.", "en"),
        ("L'armée soudanaise prépare une offensive contre les rebelles au Darfour.", "fr"),
        ("L'armée malienne s'apprête à attaquer les rebelles près de Kidal.", "fr"),
    ],
)
def test_coder_prepared_attack_is_a_mobilisation(code, text, language):
    found = categories(code(text, language=language))
    assert "MOBILIZE" in found and "ASSAULT" not in found and "THREATEN" not in found


def test_coder_launched_offensive_stays_an_assault(code):
    assert "ASSAULT" in categories(code("The Sudanese army launched an offensive against the rebels in Darfur.", language="en"))


@pytest.mark.parametrize(
    "text,language",
    [
        # stopping material cooperation cuts it (ontology: SANCTION, reduce or cut cooperation)
        ("Germany no longer delivers weapons to Chad.", "en"),
        ("L'Allemagne ne livre plus d'armes au Tchad.", "fr"),
    ],
)
def test_coder_cooperation_no_longer_given_is_cut(code, text, language):
    events = [e for e in code(text, language=language) if e.category == "SANCTION"]
    assert events and events[0].mode == "discontinue" and not events[0].negated


def test_coder_aid_not_given_once_stays_negated_aid(code):
    events = code("Germany did not deliver weapons to Chad.", language="en")
    assert [e.negated for e in events if e.category == "AID"] == [True]


def test_coder_no_longer_negates_the_verb(code):
    found = [e for e in code("Japan no longer meets Chinese officials in Beijing.", language="en") if e.category == "CONSULT"]
    assert found and all(e.negated for e in found)


@pytest.mark.parametrize(
    "text,language",
    [
        # money handed to another state is material aid (ontology: AID, money)
        ("Norway gave 30 million dollars to Somalia on Monday.", "en"),
        ("La Norvège a versé 30 millions de dollars à la Somalie lundi.", "fr"),
    ],
)
def test_coder_money_given_to_a_state_is_aid(code, text, language):
    assert "AID" in categories(code(text, language=language))


def test_coder_money_spent_on_a_purpose_is_no_aid(code):
    assert "AID" not in categories(code("The Norwegian government allocated 2 billion dollars for schools.", language="en"))


@pytest.mark.parametrize(
    "text,language,category",
    [
        # a text adopted with an act as its content: the act is the enactor's
        ("The African Union adopted a resolution condemning the coup in Niamey.", "en", "ACCUSE"),
        ("L'Union africaine a adopté une résolution condamnant le coup d'État à Niamey.", "fr", "ACCUSE"),
        ("The Ugandan parliament passed a law banning foreign funding of charities.", "en", "COERCE"),
        ("Le Parlement ougandais a voté une loi interdisant le financement étranger des associations.", "fr", "COERCE"),
    ],
)
def test_coder_act_of_an_adopted_text_is_coded(code, text, language, category):
    assert category in categories(code(text, language=language))
