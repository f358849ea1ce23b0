"""Announced future sanctions (issue 5, ninth round): the lead engineer's ruling.

The ontology codes an announced decision as the act it announces, with the future flag: future
cooperation is AGREE, an announced retreat CONCEDE. So a sanction an actor announces as decided and
definite ("will", "is to", "is set to", "plans to", "has decided to", "announced it would", « va »,
the futur simple, « doit », « seront expulsés ») is SANCTION with ``future``. A sanction held out as
leverage stays a threat (THREATEN): the conditional in one's own voice ("would", « expulserait »), a
possibility ("could", « pourrait »), a condition ("if", "unless", « si », « à moins que »), an intention
only weighed ("is considering", « envisage »), a threat, a warning, a vow or an ultimatum. Every
sentence is our own.
"""

import pytest

pytestmark = pytest.mark.slow


def categories(events):
    return sorted(e.category for e in events)


@pytest.mark.parametrize(
    "text,language,mode",
    [
        ("Ghana will suspend its flights to Lagos from Monday.", "en", "discontinue"),
        ("Kenya is to recall its ambassador from Kampala.", "en", "withdraw"),
        ("Senegal is set to close its embassy in Bamako.", "en", "withdraw"),
        ("Peru plans to expel two Bolivian diplomats.", "en", "expel"),
        ("Chile has decided to cut diplomatic ties with Venezuela.", "en", "discontinue"),
        ("Norway announced it would close its consulate in Murmansk.", "en", "withdraw"),
        ("Le Ghana va suspendre ses vols vers Lagos.", "fr", "discontinue"),
        ("Le Kenya rappellera son ambassadeur à Kampala.", "fr", "withdraw"),
        ("Le Sénégal doit fermer son ambassade à Bamako.", "fr", "withdraw"),
        ("Le Chili a décidé de rompre ses relations diplomatiques avec le Venezuela.", "fr", "discontinue"),
        ("La Norvège a annoncé qu'elle fermerait son consulat à Mourmansk.", "fr", "withdraw"),
        ("Deux diplomates boliviens seront expulsés par le Pérou.", "fr", "expel"),
    ],
)
def test_coder_sanction_announced_as_decided_is_a_future_sanction(code, text, language, mode):
    """Announced as decided, the sanction is coded as itself (its mode kept) with the future flag."""
    events = code(text, language=language)
    assert categories(events) == ["SANCTION"]
    (event,) = events
    assert event.future and not event.hypothetical and event.mode == mode


@pytest.mark.parametrize(
    "text,language",
    [
        ("Brazil would expel the Paraguayan envoy.", "en"),
        ("If Quito insists, Mexico will sever relations with Ecuador.", "en"),
        ("Mexico will sever relations with Ecuador unless Quito frees the former vice-president.", "en"),
        ("Peru is considering expelling two Bolivian diplomats.", "en"),
        ("Algeria could expel French diplomats.", "en"),
        ("Le Brésil expulserait l'envoyé paraguayen.", "fr"),
        ("Le Mexique rompra ses relations avec l'Équateur si Quito persiste.", "fr"),
        ("Le Pérou envisage d'expulser deux diplomates boliviens.", "fr"),
        ("L'Algérie pourrait expulser des diplomates français.", "fr"),
        ("Norway said it could close its consulate in Murmansk.", "en"),
        ("La Norvège a annoncé qu'elle pourrait fermer son consulat à Mourmansk.", "fr"),
    ],
)
def test_coder_sanction_held_out_as_leverage_is_a_threat(code, text, language):
    """Conditional, possible or only weighed, the sanction is a threat made now, not a flagged hypothesis."""
    events = code(text, language=language)
    assert "THREATEN" in categories(events) and "SANCTION" not in categories(events)
    assert not any(e.hypothetical for e in events if e.category == "THREATEN")


@pytest.mark.parametrize(
    "text,language",
    [
        ("Peru threatened to expel two Bolivian diplomats.", "en"),
        ("Kenya warned it could recall its ambassador from Kampala.", "en"),
        ("Chile vowed to cut diplomatic ties with Venezuela.", "en"),
        ("Ghana issued an ultimatum to Nigeria: release the sailors within 48 hours or else it will close its embassy.", "en"),
        ("Le Pérou a menacé d'expulser deux diplomates boliviens.", "fr"),
        ("Le Kenya a averti qu'il pourrait rappeler son ambassadeur à Kampala.", "fr"),
        ("Le Chili a juré de rompre ses relations diplomatiques avec le Venezuela.", "fr"),
        ("Le Ghana a lancé un ultimatum au Nigeria : libérer les marins sous 48 heures ou voir son ambassade fermée.", "fr"),
    ],
)
def test_coder_sanction_threatened_warned_vowed_or_in_an_ultimatum_stays_a_threat(code, text, language):
    """A threat, a warning, a vow or an ultimatum is THREATEN, whatever sanction it names."""
    events = code(text, language=language)
    assert "THREATEN" in categories(events) and "SANCTION" not in categories(events)


@pytest.mark.parametrize(
    "text,language,category",
    [
        ("Israel will withdraw its troops from southern Lebanon.", "en", "CONCEDE"),
        ("Senegal will host talks with Gambia next week.", "en", "AGREE"),
        ("Israël retirera ses troupes du Liban-Sud.", "fr", "CONCEDE"),
        ("Le Sénégal accueillera des pourparlers avec la Gambie la semaine prochaine.", "fr", "AGREE"),
    ],
)
def test_coder_announced_retreat_and_cooperation_keep_their_categories(code, text, language, category):
    """The ruling touches sanctions only: an announced retreat stays CONCEDE, future cooperation AGREE."""
    events = code(text, language=language)
    assert categories(events) == [category] and events[0].future


@pytest.mark.parametrize(
    "text,language",
    [
        ("Kenya will not recall its ambassador from Kampala.", "en"),
        ("Algeria will not expel the French ambassador.", "en"),
        ("Le Kenya ne rappellera pas son ambassadeur.", "fr"),
    ],
)
def test_coder_sanction_announced_as_not_made_is_no_sanction_in_aggregates(code, text, language):
    """Announcing that one will not sanction is no sanction and no threat: if kept, it is negated."""
    assert all(e.negated for e in code(text, language=language) if e.category in ("SANCTION", "THREATEN"))
