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
