"""Category conventions and missing trigger verbs (issue 5, ninth round).

Families, from the ontology's definitions: a boycott, staying away from a meeting included, is PROTEST
(boycott), not a refusal; tariffs and surcharges, and entry bans on a state's officials, are sanctions;
freezing one's part in a body of states or ceasing to pay into it cuts cooperation (SANCTION
discontinue); envoys evacuated are withdrawn; an audit investigates; declining to rule out force
threatens it; asylum or refugee status offered is aid; a measure challenged is an allegation. Every
sentence is our own.
"""

import pytest

from coded import codes, only

pytestmark = pytest.mark.slow


def categories(events):
    return sorted(e.category for e in events)


@pytest.mark.parametrize(
    "text,language,actor",
    [
        ("Kenya boycotted the summit in Kampala.", "en", "KEN"),
        ("The Moroccan foreign minister stayed away from the meeting in Algiers.", "en", "MAR"),
        ("Le Ghana a boycotté la réunion d'Abuja.", "fr", "GHA"),
        ("Le Kenya a boudé le sommet de Kampala.", "fr", "KEN"),
    ],
)
def test_coder_boycotting_a_meeting_is_a_protest(code, text, language, actor):
    """PLOVER lists boycotts under PROTEST (mode boycott): staying away from a meeting is one, not a REJECT."""
    events = code(text, language=language)
    event = only(events, "PROTEST")
    assert event.mode == "boycott" and codes(event.actor) == [actor]
    assert "REJECT" not in categories(events)


@pytest.mark.parametrize(
    "text,language,actor,recipient",
    [
        ("Brazil put a 40% surcharge on American ethanol on Monday.", "en", "BRA", "USA"),
        ("Hungary barred two Serbian officials from entering the country.", "en", "HUN", "SRB"),
        ("Pékin a frappé d'une surtaxe de 50 % le vin australien.", "fr", "CHN", "AUS"),
        ("L'Inde a imposé des droits de 30 % sur l'acier chinois.", "fr", "IND", "CHN"),
    ],
)
def test_coder_tariffs_and_entry_bans_are_sanctions(code, text, language, actor, recipient):
    """A surcharge or duty on another state's goods, or an entry ban on its officials, is SANCTION:
    not an assault (« frapper ») and not a restriction on one's own people (COERCE)."""
    events = code(text, language=language)
    event = only(events, "SANCTION")
    assert codes(event.actor) == [actor] and recipient in codes(event.recipient)
    assert "ASSAULT" not in categories(events) and "COERCE" not in categories(events)


@pytest.mark.parametrize(
    "text,language",
    [
        ("Serbia froze its membership of the alliance.", "en"),
        ("Kenya stopped paying its contributions to the East African Community.", "en"),
        ("La Serbie a gelé sa participation à l'alliance.", "fr"),
        ("Alger a cessé de verser sa contribution à l'Union africaine.", "fr"),
    ],
)
def test_coder_freezing_membership_or_payments_cuts_cooperation(code, text, language):
    event = only(code(text, language=language), "SANCTION")
    assert event.mode == "discontinue"


@pytest.mark.parametrize(
    "text,language,category,mode",
    [
        ("Egypt evacuated its diplomats from Khartoum.", "en", "SANCTION", "withdraw"),
        ("L'Égypte a évacué ses diplomates de Khartoum.", "fr", "SANCTION", "withdraw"),
        ("The auditor general opened an audit of a Chinese-owned port operator.", "en", "ACCUSE", "investigate"),
        ("La Cour des comptes a ouvert un audit sur une société chinoise.", "fr", "ACCUSE", "investigate"),
        ("Germany offered asylum to twenty Afghan judges.", "en", "AID", None),
        ("L'Allemagne a accordé le statut de réfugié à vingt juges afghans.", "fr", "AID", None),
        ("Mexico challenged the American tariffs at the World Trade Organization.", "en", "ACCUSE", "allege"),
        ("Le Mexique a contesté la surtaxe américaine devant l'OMC.", "fr", "ACCUSE", "allege"),
        ("Washington has declined to rule out force against Cuba.", "en", "THREATEN", None),
        ("Washington a refusé d'exclure une action militaire contre Cuba.", "fr", "THREATEN", None),
    ],
)
def test_coder_missing_trigger_verbs_are_coded(code, text, language, category, mode):
    event = only(code(text, language=language), category)
    assert event.mode == mode


@pytest.mark.parametrize(
    "text,language,category",
    [
        ("The police barred protesters from entering the square.", "en", "SANCTION"),
        ("The navy evacuated civilians from the flooded islands.", "en", "SANCTION"),
        ("The accounting firm began its annual audit of the bank.", "en", "ACCUSE"),
        ("Le cabinet comptable a lancé l'audit annuel de la banque.", "fr", "ACCUSE"),
        ("La marine a évacué des civils des îles inondées.", "fr", "SANCTION"),
        ("Le Kenya a rejoint le sommet de Kampala.", "fr", "PROTEST"),
    ],
)
def test_coder_new_patterns_keep_to_their_sense(code, text, language, category):
    """People kept out of a square are restricted, civilians evacuated are not envoys withdrawn, a
    firm's yearly audit of accounts investigates no one, and joining a summit boycotts nothing."""
    assert category not in categories(code(text, language=language))


def test_coder_boycott_lexicon_entries_are_protests():
    from dyadwatch.events.lexicon import load_lexicon

    for language, head, other in (("en", "boycott", "summit"), ("fr", "boycotter", "sommet")):
        found = {(t.category, t.mode) for t in load_lexicon(language).candidates(head) if other in t.words}
        assert found == {("PROTEST", "boycott")}


@pytest.mark.parametrize(
    "text,language",
    [
        ("European Union ministers agreed on Monday to suspend visa-free travel for Georgian officials.", "en"),
        ("Ecuador decided to expel the Mexican ambassador.", "en"),
        ("Le Mexique avait proposé une suspension des relations avec l'Espagne.", "fr"),
        ("L'Équateur a décidé d'expulser l'ambassadeur du Mexique.", "fr"),
    ],
)
def test_coder_a_cut_agreed_or_decided_is_a_sanction(code, text, language):
    """A sanction that parties agree on, propose or decide is announced as made (SANCTION): not a
    promise to cooperate (AGREE) and not a threat (THREATEN)."""
    events = code(text, language=language)
    assert "SANCTION" in categories(events)
    assert "AGREE" not in categories(events) and "THREATEN" not in categories(events)


@pytest.mark.parametrize(
    "text,language",
    [
        ("Mexico vowed to cut ties with Ecuador.", "en"),
        ("Le Mali a juré d'expulser les diplomates français.", "fr"),
    ],
)
def test_coder_a_cut_vowed_stays_a_threat(code, text, language):
    """A vow to cut is a threat. A cut told as decided in the future (« seront expulsés ») is no
    longer one: the ruling on announced sanctions codes it SANCTION with the future flag
    (test_coder_future_sanctions_nine)."""
    assert "THREATEN" in categories(code(text, language=language))


@pytest.mark.parametrize(
    "text,language",
    [
        ("The pope compared Ortega's government to a tyranny.", "en"),
        ("Quito called the raid an authoritarian act.", "en"),
        ("Le ministre a qualifié l'expulsion du diplomate d'incompréhensible.", "fr"),
        ("Le pape a comparé le gouvernement d'Ortega à une tyrannie.", "fr"),
    ],
)
def test_coder_naming_an_act_with_a_word_of_condemnation_is_disapproval(code, text, language):
    assert only(code(text, language=language), "ACCUSE").mode == "disapprove"


@pytest.mark.parametrize(
    "text,language",
    [
        ("The minister compared the two budget proposals.", "en"),
        ("Le ministre a comparé les deux projets de budget.", "fr"),
    ],
)
def test_coder_comparing_without_condemnation_is_no_accusation(code, text, language):
    assert "ACCUSE" not in categories(code(text, language=language))


@pytest.mark.parametrize(
    "text,language,category,actor,recipient",
    [
        ("A mob broke into Chad's embassy in Tripoli on Sunday.", "en", "PROTEST", "LBY", "TCD"),
        ("Des manifestants ont envahi l'ambassade de France à Ouagadougou.", "fr", "PROTEST", "BFA", "FRA"),
        ("Nauru dropped its recognition of Taiwan.", "en", "SANCTION", "NRU", "TWN"),
        ("Le Honduras a retiré sa reconnaissance de Taïwan.", "fr", "SANCTION", "HND", "TWN"),
        ("Honduras broke with Taipei in 2023.", "en", "SANCTION", "HND", "TWN"),
        ("Washington removed Cuba from the list of state sponsors of terrorism.", "en", "CONCEDE", "USA", "CUB"),
        ("Washington a retiré Cuba de la liste des États soutenant le terrorisme.", "fr", "CONCEDE", "USA", "CUB"),
    ],
)
def test_coder_missions_broken_into_and_ties_or_listings_ended(code, text, language, category, actor, recipient):
    """A crowd breaking into a mission riots (PROTEST riot); recognition dropped or a break with a
    state cuts ties (SANCTION); a state taken off a blacklist is a concession done to it (CONCEDE),
    not a demand made of it as "ordered France to withdraw" is."""
    event = only(code(text, language=language), category)
    assert codes(event.actor) == [actor] and codes(event.recipient) == [recipient]


@pytest.mark.parametrize(
    "text,language,category",
    [
        ("The new leader broke with tradition and skipped the parade.", "en", "SANCTION"),
        ("Le parti a retiré le candidat de la liste électorale.", "fr", "CONCEDE"),
        ("The party removed the candidate from the electoral list.", "en", "CONCEDE"),
    ],
)
def test_coder_breaks_and_removals_of_other_kinds_are_no_event(code, text, language, category):
    assert category not in categories(code(text, language=language))
