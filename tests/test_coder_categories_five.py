"""Which readings are events and which category they get (issue 5): conditions, hopes, a protest's demand."""

import pytest

pytestmark = pytest.mark.slow


def categories(events):
    return sorted(e.category for e in events)


@pytest.mark.parametrize(
    "text,language",
    [
        ("The president threatened on Friday to cut all aid to Chad unless its government released the opposition leader.", "en"),
        ("La France a menacé de rappeler son ambassadeur si Bamako expulsait des diplomates français.", "fr"),
    ],
)
def test_coder_condition_of_a_threat_is_no_event(code, text, language):
    assert categories(code(text, language=language)) == ["THREATEN"]


def test_coder_even_if_keeps_its_own_reading(code):
    events = code("Even if Serbia withdrew its troops, the talks would not resume.", language="en")
    assert "RETREAT" in categories(events) or "CONCEDE" in categories(events)


@pytest.mark.parametrize(
    "text,language",
    [
        ("The court confirmed the verdict, dashing hopes in Madrid of an early release of the two sailors.", "en"),
        ("Le jugement a douché l'espoir d'une libération rapide des deux marins espagnols.", "fr"),
    ],
)
def test_coder_hoped_for_event_is_no_event(code, text, language):
    assert not [e for e in code(text, language=language) if e.category == "RETREAT"]


@pytest.mark.parametrize(
    "text,language",
    [
        ("Tens of thousands of people marched through Yerevan on Sunday, demanding the resignation of the cabinet.", "en"),
        ("Des milliers de personnes ont manifesté dimanche à Erevan pour réclamer la démission du gouvernement.", "fr"),
    ],
)
def test_coder_demand_of_a_protest_folds_into_it(code, text, language):
    assert categories(code(text, language=language)) == ["PROTEST"]


@pytest.mark.parametrize(
    "text,language,category",
    [
        # a government approving a deal commits to its terms: AGREE, not SUPPORT
        ("Egypt's cabinet approved the ceasefire agreement with Hamas on Sunday.", "en", "AGREE"),
        ("Le gouvernement israélien a approuvé dimanche l'accord de cessez-le-feu avec le Hamas.", "fr", "AGREE"),
        # a border or crossing ordered closed to the other state cuts relations
        ("Pakistan on Monday ordered the closure of the main border crossing with Afghanistan.", "en", "SANCTION"),
        # weighing measures against another party announces them
        ("The minister said Rome would have to consider measures against Tunis.", "en", "THREATEN"),
        ("Le ministre a dit que Rome devrait envisager des mesures contre Tunis.", "fr", "THREATEN"),
    ],
)
def test_coder_category_of_a_pattern(code, text, language, category):
    assert category in categories(code(text, language=language))


def test_coder_who_says_a_state_dishonours_itself_accuses_it(code):
    events = code("Le président français a estimé que la Tunisie se déshonorait en emprisonnant des opposants.", language="fr")
    (accuse,) = [e for e in events if e.category == "ACCUSE"]
    assert [e.code for e in accuse.actor] == ["FRA"] and [e.code for e in accuse.recipient] == ["TUN"]


@pytest.mark.parametrize(
    "form,lemma,conditional",
    [
        ("recevrait", "recevoir", True),
        ("pourraient", "pouvoir", True),
        ("signerait", "signer", True),
        ("déshonorait", "déshonorer", False),
        ("tiraient", "tirer", False),
        ("ignorait", "ignorer", False),
    ],
)
def test_coder_french_imperfect_of_an_r_stem_is_no_conditional(form, lemma, conditional):
    from dyadwatch.events.coder import _french_conditional

    assert _french_conditional(form, lemma) is conditional
