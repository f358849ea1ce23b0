"""Known office holders: the table's data, the date rules, and what the actor finder makes of them."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

import pycountry
import pytest

from dyadwatch.actors.gazetteer import read_data
from dyadwatch.actors.offices import Holding, OfficeHolders, fold, office_holders

SECTORS = set("COP GOV JUD LEG MIL SPY PTY OPP REB UAF AGR BUS CRM CVL EDU ELI JRN LAB MED REF REL SOC".split())
CODES = {c.alpha_3 for c in pycountry.countries} | {"XKX", "IGO", "UNO", "EUR"}
G20 = "ARG AUS BRA CAN CHN FRA DEU IND IDN ITA JPN KOR MEX RUS SAU ZAF TUR GBR USA".split()
EU = "AUT BEL BGR HRV CYP CZE DNK EST FIN FRA DEU GRC HUN IRL ITA LVA LTU LUX MLT NLD POL PRT ROU SVK SVN ESP SWE".split()
REGION = "DZA MAR TUN LBY MRT EGY ISR PSE LBN SYR JOR IRQ IRN SAU ARE QAT MLI BFA NER TCD".split()
HEAD_OFFICES = {"President", "Prime Minister", "Chancellor", "King", "Emir", "Head of State", "Head of Government",
                "Transitional President", "Grand Duke", "Supreme Leader"}


def rows() -> list[dict]:
    return read_data("dyadwatch.actors", "office_holders.yaml")["holders"]


# --- the data file ---------------------------------------------------------------------------


def test_office_table_rows_have_valid_codes_sectors_and_dates():
    for row in rows():
        assert set(row) <= {"name", "aliases", "short", "code", "office", "sector", "since", "until", "needs_title"}, row
        assert row["code"] in CODES, row
        assert row.get("sector", "GOV") in SECTORS, row
        since, until = str(row["since"]), row.get("until")
        assert len(since) in (7, 10), row
        assert until is None or str(until) >= since, row


def test_office_table_is_broad_not_only_the_demo_countries():
    heads = {row["code"] for row in rows() if row["office"] in HEAD_OFFICES}
    missing = [c for c in {*G20, *EU, *REGION} if c not in heads]
    assert not missing, missing


def test_office_table_one_office_has_one_holder_at_a_time():
    spans: dict[tuple[str, str], list[tuple[str, str, str]]] = defaultdict(list)
    for row in rows():
        spans[(row["code"], row["office"])].append((str(row["since"]), str(row.get("until") or "9999"), row["name"]))
    for key, held in spans.items():
        if key[1] in ("Foreign Minister", "Interior Minister", "Prime Minister", "President", "Chancellor", "King"):
            held.sort()
            for (s1, u1, n1), (s2, _u2, n2) in zip(held, held[1:]):
                assert u1[: len(s2)] <= s2 or n1 == n2, (key, n1, n2)


# --- dates and lookups ------------------------------------------------------------------------

FRENCH_PMS = OfficeHolders([
    (Holding("Gabriel Attal", "FRA", "Prime Minister", "GOV", "2024-01-09", "2024-09-05"), [], None),
    (Holding("Michel Barnier", "FRA", "Prime Minister", "GOV", "2024-09-05", "2024-12-13"), [], None),
    (Holding("Kaja Kallas", "EST", "Prime Minister", "GOV", "2021-01-26", "2024-07-23"), [], None),
    (Holding("Kaja Kallas", "EUR", "High Representative", "GOV", "2024-12-01", None), [], None),
    (Holding("Kamala Harris", "USA", "Vice President", "GOV", "2021-01-20", "2025-01-20"), [], None),
    (Holding("Simon Harris", "IRL", "Prime Minister", "GOV", "2024-04-09", "2025-01-23"), [], None),
    (Holding("Philippe", "BEL", "King", "GOV", "2013-07-21", None, needs_title=True), [], None),
    (Holding("Xi Jinping", "CHN", "President", "GOV", "2013-03", None), [], "Xi"),
])


@pytest.mark.parametrize(
    "when,held",
    [("2024-05-16", True), ("2024-01-09", True), ("2024-09-05", True), ("2025-03-18", False), ("2023-12-31", False)],
)
def test_offices_date_decides_whether_an_office_is_held(when, held):
    (attal,) = FRENCH_PMS.candidates("Gabriel Attal")
    assert attal.held_on(dt.date.fromisoformat(when)) is held


def test_offices_month_precision_dates_compare_by_month():
    (xi,) = FRENCH_PMS.candidates("Xi")
    assert xi.held_on(dt.date(2013, 3, 1)) and not xi.held_on(dt.date(2013, 2, 28))


def test_offices_the_holding_nearest_the_date_gives_the_country():
    kallas = "Kaja Kallas"
    assert FRENCH_PMS.find(kallas, dt.date(2023, 5, 1), None, set()).code == "EST"
    assert FRENCH_PMS.find(kallas, dt.date(2025, 5, 1), None, set()).code == "EUR"
    # between the two offices, the full name still says who she is: the nearer holding wins
    assert FRENCH_PMS.find(kallas, dt.date(2024, 8, 1), None, {"EST"}).code == "EST"


def test_offices_former_holder_needs_evidence_from_the_article():
    # in 2026 Attal holds no office in the table: a namesake is not made French unless the article says so
    assert FRENCH_PMS.find("Gabriel Attal", dt.date(2026, 1, 5), None, set()) is None
    assert FRENCH_PMS.find("Gabriel Attal", dt.date(2026, 1, 5), None, {"FRA"}).code == "FRA"
    assert FRENCH_PMS.find("Gabriel Attal", dt.date(2026, 1, 5), "Prime Minister", set()).code == "FRA"


def test_offices_one_word_name_never_counts_on_the_date_alone():
    assert FRENCH_PMS.find("Barnier", dt.date(2024, 10, 1), None, set()) is None
    assert FRENCH_PMS.find("Barnier", dt.date(2024, 10, 1), None, {"FRA"}).code == "FRA"
    assert FRENCH_PMS.find("Xi", dt.date(2024, 10, 1), "President", set()).code == "CHN"


def test_offices_shared_surname_is_never_resolved():
    assert FRENCH_PMS.candidates("Harris") == []
    assert FRENCH_PMS.find("Harris", dt.date(2024, 10, 1), "Prime Minister", {"IRL", "USA"}) is None


def test_offices_given_name_monarch_needs_the_title():
    assert FRENCH_PMS.find("Philippe", dt.date(2025, 1, 1), None, {"BEL"}) is None
    assert FRENCH_PMS.find("Philippe", dt.date(2025, 1, 1), "King", set()).code == "BEL"


def test_offices_names_match_without_accents_case_or_hyphens():
    assert fold("Lai Ching-te") == fold("lai ching te")
    assert fold("Élisabeth Borne") == "elisabeth borne"
    assert office_holders().find("Recep Tayyip Erdogan", dt.date(2025, 1, 1), None, set()).code == "TUR"
    assert office_holders().find("Benyamin Nétanyahou", dt.date(2025, 1, 1), None, set()).code == "ISR"


def test_offices_the_french_prime_minister_changes_with_the_date():
    table = office_holders()
    may_2024, march_2025 = dt.date(2024, 5, 16), dt.date(2025, 3, 18)
    assert table.find("Gabriel Attal", may_2024, None, set()).held_on(may_2024)
    assert not table.find("Gabriel Attal", march_2025, None, {"FRA"}).held_on(march_2025)
    assert table.find("François Bayrou", march_2025, None, set()).office == "Prime Minister"
