import datetime as dt

import pytest

from dyadwatch.events.dates import find_dates

PUB = dt.date(2026, 2, 18)  # a Wednesday


@pytest.mark.parametrize(
    "language,text,date,precision",
    [
        ("en", "announced on February 17, following", "2026-02-17", "day"),
        ("en", "the ruling was confirmed in December", "2025-12", "month"),
        ("en", "they met on Tuesday", "2026-02-17", "day"),
        ("en", "talks were held last week", "2026-02-09", "week"),
        ("en", "in the summer of 2024", "2024-06", "season"),
        ("en", "which Algeria has suspended in recent months", "2025-11", "period"),
        ("en", "ALGIERS, Feb 17 —", "2026-02-17", "day"),
        ("en", "on March 3, 2025", "2025-03-03", "day"),
        ("en", "relations broke down in 2024", "2024", "year"),
        ("fr", "a annoncé le 17 février", "2026-02-17", "day"),
        ("fr", "confirmée en appel en décembre", "2025-12", "month"),
        ("fr", "à l'été 2024", "2024-06", "season"),
        ("fr", "la semaine dernière", "2026-02-09", "week"),
        ("fr", "le 6 avril 2025", "2025-04-06", "day"),
        ("fr", "mardi", "2026-02-17", "day"),
        # a month after a hyphenated lead word ("mid-", « mi- ») and « fin » / « début » with no article
        ("en", "detained in mid-November", "2025-11", "month"),
        ("en", "he was arrested mid-January 2026", "2026-01", "month"),
        ("fr", "il avait été arrêté à la mi-novembre", "2025-11", "month"),
        ("fr", "l'ambassadeur avait été rappelé fin juillet", "2025-07", "month"),
        ("fr", "les ministres se verront début mars 2025", "2025-03", "month"),
        # the current week, in part, or named with « cette »
        ("en", "the ministers spoke earlier this week", "2026-02-16", "week"),
        ("en", "troops moved at the start of the week", "2026-02-16", "week"),
        ("fr", "Alger a rejeté en début de semaine la liste", "2026-02-16", "week"),
        ("fr", "les deux ministres se sont parlé cette semaine", "2026-02-16", "week"),
    ],
)
def test_dates_resolve_against_publication_date(language, text, date, precision):
    found = find_dates(text, PUB, language)
    assert [(d.date, d.precision) for d in found] == [(date, precision)]


@pytest.mark.parametrize("text", ["la fin de semaine dernière", "à la mi-temps du match", "un accord à mi-parcours"])
def test_dates_french_week_parts_and_mi_words_claim_no_wrong_date(text):
    # a part of last week is not this week; « mi- » before a word that is no month is no date
    assert [d.date for d in find_dates(text, PUB, "fr")] in ([], ["2026-02-09"])


def test_dates_month_after_publication_is_last_year():
    assert find_dates("signed on March 3", PUB, "en")[0].date == "2025-03-03"


@pytest.mark.parametrize("text", ["a seven-year prison sentence", "some 2,000 troops", "for 12 diplomats", "a 2024-style deal"])
def test_dates_ignore_numbers_that_are_not_dates(text):
    assert find_dates(text, PUB, "en") == []


def test_dates_next_week_is_future():
    (span,) = find_dates("they will meet next week", PUB, "en")
    assert span.future and span.precision == "week"


@pytest.mark.parametrize(
    "language,text,forward",
    [
        ("en", "they will meet on Friday", "2026-02-20"),
        ("en", "they will meet on Wednesday", "2026-02-18"),
        ("fr", "ils se rencontreront vendredi", "2026-02-20"),
        ("en", "they met last Friday", "2026-02-13"),
        ("fr", "ils se sont vus vendredi dernier", "2026-02-13"),
    ],
)
def test_dates_bare_weekday_read_forwards_only_without_direction(language, text, forward):
    from dyadwatch.events.dates import ahead

    (span,) = find_dates(text, PUB, language)
    assert ahead(span, PUB).date == forward


@pytest.mark.parametrize(
    "language,parts",
    [
        ("en", ["They met on Tuesday.", "Over the past several months, talks stalled.", "ALGIERS, Feb 17 —", "in the summer of 2024"]),
        ("fr", ["Depuis plusieurs derniers mois, rien.", "Il est arrivé avant-hier.", "le mercredi 17 février 2026", "aujourd'hui"]),
    ],
)
def test_dates_are_found_wherever_they_sit_in_a_long_text(language, parts):
    # the patterns run only near anchor words (months, weekdays, units...): a date far into a long
    # text, or with a long lead before its anchor, is found exactly as in a short one
    filler = "Le texte continue sans aucune indication de temps. " * 40
    text, expected = "", []
    for part in parts:
        text += filler
        offset = len(text)
        expected += [(s.start + offset, s.text, s.date, s.precision) for s in find_dates(part, PUB, language)]
        text += part + " "
    assert len(expected) >= len(parts)
    found = [(s.start, s.text, s.date, s.precision) for s in find_dates(text, PUB, language)]
    assert found == expected
