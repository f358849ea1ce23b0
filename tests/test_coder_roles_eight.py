"""Sides read from the clause around the trigger, round eight: the visitor named by "of" / « de »
under a visit noun, a reaction told in a relative clause ("which Mogadishu denies", « ce que Cotonou a
démenti ») that answers whoever did what the clause before it tells, the party a finding says broke
a rule, and a mediator that brokered a deal, who is no party to it."""

import pytest

from coded import codes, only

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    "text, language, actor, recipient",
    [
        ("The accord was signed during the first visit of the Kenyan president to Ethiopia in a decade.", "en", ["KEN"], ["ETH"]),
        ("The state visit of the Ghanaian president to Nigeria ended on Friday with a trade pact.", "en", ["GHA"], ["NGA"]),
        ("L'accord a été signé lors de la visite du Premier ministre portugais au Brésil.", "fr", ["PRT"], ["BRA"]),
        ("La visite de la présidente péruvienne en Bolivie a duré deux jours.", "fr", ["PER"], ["BOL"]),
    ],
)
def test_roles_the_of_phrase_of_a_visit_names_the_visitor(code, text, language, actor, recipient):
    # a visit belongs to whoever makes it: "of" / « de » names the visitor, the destination the host
    event = only(code(text, language=language), "CONSULT")
    assert codes(event.actor) == actor
    assert codes(event.recipient) == recipient


def test_roles_a_visit_to_a_country_named_after_of_stays_hosted_by_it(code):
    # the host named after "to" keeps its side when the visitor is the subject
    event = only(code("The Chilean foreign minister paid a visit of three days to Argentina.", language="en"), "CONSULT")
    assert codes(event.actor) == ["CHL"]
    assert codes(event.recipient) == ["ARG"]


@pytest.mark.parametrize(
    "text, language, category, actor, recipient",
    [
        ("Kenya accuses Somalia of harbouring the militants, which Mogadishu denies.", "en", "ACCUSE", ["SOM"], ["KEN"]),
        ("Sudan freed thirty prisoners on Monday, which Chad welcomed.", "en", "SUPPORT", ["TCD"], ["SDN"]),
        ("Le Niger accuse le Bénin d'abriter des bases étrangères, ce que Cotonou a démenti.", "fr", "ACCUSE", ["BEN"], ["NER"]),
        ("Le Mali a libéré vingt prisonniers, ce que le Niger a salué.", "fr", "SUPPORT", ["NER"], ["MLI"]),
    ],
)
def test_roles_a_reaction_in_a_relative_clause_answers_the_clause_before(code, text, language, category, actor, recipient):
    # "which" / « ce que » stands for what the clause before tells: the reaction answers its subject
    events = code(text, language=language)
    reaction = [e for e in events if e.category == category and codes(e.actor) == actor]
    assert reaction, [(e.category, codes(e.actor), codes(e.recipient)) for e in events]
    assert codes(reaction[0].recipient) == recipient


def test_roles_a_relative_clause_on_a_party_answers_that_party(code):
    # "Poland, which Russia accuses ...": the relative pronoun stands for the party itself
    text = "Moscow summoned the ambassador of Poland, which Russia accuses of spying, on Monday."
    accusation = [e for e in code(text, language="en") if e.category == "ACCUSE" and codes(e.actor) == ["RUS"]]
    assert accusation and codes(accusation[0].recipient) == ["POL"]


@pytest.mark.parametrize(
    "text, language, recipient",
    [
        ("An arbitration panel ruled on Monday that Ecuador had breached its contract with an oil company.", "en", ["ECU"]),
        ("The panel of judges ruled that Belize's seizure of the fishing boats was unlawful.", "en", ["BLZ"]),
        ("Un tribunal arbitral a jugé que le Venezuela avait violé le traité d'investissement.", "fr", ["VEN"]),
    ],
)
def test_roles_a_finding_accuses_the_party_its_clause_says_broke_a_rule(code, text, language, recipient):
    # the court's finding is the accusation; the party the finding names as at fault is its target
    event = only(code(text, language=language), "ACCUSE")
    assert codes(event.recipient) == recipient
    assert recipient[0] not in codes(event.actor)


def test_roles_a_denial_of_ones_own_acts_has_no_self_target(code):
    # "denied that its forces ...": the denier's own forces are not whom the denial answers
    text = "Rwanda denied on Tuesday that its troops had crossed into Congo."
    for event in code(text, language="en"):
        if event.category == "ACCUSE":
            assert "RWA" not in codes(event.recipient)


@pytest.mark.parametrize(
    "text, language",
    [
        ("Egypt's cabinet approved the truce, brokered by Qatar and Turkey, on Tuesday.", "en"),
        ("Le gouvernement égyptien a approuvé la trêve négociée grâce à la médiation du Qatar.", "fr"),
    ],
)
def test_roles_a_mediator_of_a_deal_is_not_whom_its_approval_answers(code, text, language):
    # the deal's mediator brokered it for others: approving the deal does not answer the mediator
    for event in code(text, language=language):
        if codes(event.actor) == ["EGY"]:
            assert "QAT" not in codes(event.recipient)
            assert "TUR" not in codes(event.recipient)


@pytest.mark.parametrize(
    "text, language, actor, recipient",
    [
        ("The border row led Chile to expel two Bolivian diplomats on Monday.", "en", ["CHL"], ["BOL"]),
        ("Washington forced Serbia to withdraw its troops from the border with Kosovo.", "en", ["SRB"], ["XKX"]),
        ("Les pressions américaines ont poussé le Chili à expulser deux diplomates boliviens.", "fr", ["CHL"], ["BOL"]),
    ],
)
def test_roles_the_object_told_to_act_is_the_actor_of_the_act(code, text, language, actor, recipient):
    # "led Chile to expel", « poussé le Chili à expulser »: the object of the governing verb acts
    events = [e for e in code(text, language=language) if e.category in ("SANCTION", "RETREAT", "CONCEDE")]
    assert events, "no act coded"
    assert codes(events[0].actor) == actor
    assert codes(events[0].recipient) == recipient


def test_roles_a_verb_with_no_object_keeps_its_governors_subject(code):
    # « a décidé d'expulser »: no object names a party, the subject of the governing verb acts
    events = [e for e in code("La Turquie a décidé vendredi d'expulser deux diplomates suédois.", language="fr") if "SWE" in codes(e.recipient)]
    assert events and codes(events[0].actor) == ["TUR"]


@pytest.mark.parametrize(
    "text, language, guests, host",
    [
        ("Armenia and Azerbaijan signed a border accord on Friday at a ceremony hosted by the Turkish president.", "en", ["ARM", "AZE"], ["TUR"]),
        ("Ghana and Togo agreed to reopen the border after talks in Abuja hosted by the Nigerian president.", "en", ["GHA", "TGO"], ["NGA"]),
        ("Le Ghana et le Togo ont signé un accord lors d'un sommet accueilli par le Nigeria.", "fr", ["GHA", "TGO"], ["NGA"]),
    ],
)
def test_roles_those_who_meet_at_a_hosted_event_visit_its_host(code, text, language, guests, host):
    # a participle says who hosted the event; the clause over it says who met there
    event = only(code(text, language=language), "CONSULT")
    assert codes(event.actor) == guests
    assert codes(event.recipient) == host


def test_roles_a_hosted_event_with_no_one_named_keeps_its_host_as_actor(code):
    events = [e for e in code("The summit hosted by Kenya ended on Friday without a deal.", language="en") if e.category == "CONSULT"]
    assert all(codes(e.actor) in ([], ["KEN"]) for e in events)


@pytest.mark.parametrize(
    "text, language, code_",
    [
        (
            "La France a salué mardi le scrutin au Gabon, Paris se disant prête à aider Libreville. "
            "L'opposition gabonaise a critiqué vendredi une élection jouée d'avance.",
            "fr",
            "GAB",
        ),
        (
            "Britain praised the vote in Zambia, and London said it would help Lusaka. "
            "The Zambian opposition condemned the count on Monday.",
            "en",
            "ZMB",
        ),
    ],
)
def test_roles_an_opposition_with_no_named_target_faces_its_own_state(code, text, language, code_):
    # in a story of two countries, the opposition's criticism answers its own state, not the other one
    events = [e for e in code(text, language=language) if e.evidence.start > text.index(". ")]
    event = only(events, "ACCUSE")
    assert codes(event.actor) == [code_]
    assert codes(event.recipient) == [code_]


@pytest.mark.parametrize(
    "text, language, category, actor, recipient",
    [
        ("The European Commission presented a new migration plan on Tuesday. Hungary rejected the plan on Wednesday.", "en", "REJECT", ["HUN"], ["EUR"]),
        ("Kenya drafted a peace plan for the region last month. Uganda welcomed the plan on Friday, officials said.", "en", "SUPPORT", ["UGA"], ["KEN"]),
        ("La Commission européenne a présenté mardi un plan sur les migrations. Mercredi, la Hongrie a rejeté ce plan.", "fr", "REJECT", ["HUN"], ["EUR"]),
    ],
)
def test_roles_a_reaction_to_a_text_told_before_answers_whoever_made_it(code, text, language, category, actor, recipient):
    # no event was coded for presenting the plan: the article still says who made it
    events = [e for e in code(text, language=language) if e.evidence.start > text.index(". ")]
    event = only(events, category)
    assert codes(event.actor) == actor
    assert codes(event.recipient) == recipient
