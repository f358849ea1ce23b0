"""Category decisions that follow the ontology's definitions, not one file (issue 5, seventh round).

Families: claims told through a reporting verb, court findings and rulings, judgements given by
naming an act, pledges, the date of an agreement about a future act, reactions to an act referred
back to, and hosting a visitor named by name. Every sentence is our own.
"""

import pytest

from coded import codes, only

pytestmark = pytest.mark.slow


def categories(events):
    return sorted(e.category for e in events)


@pytest.mark.parametrize(
    "text,language,actor,recipient",
    [
        ("A tribunal in The Hague ruled that Colombia had violated the maritime rights of Nicaragua.", "en", None, "COL"),
        ("The International Court of Justice ruled that the occupation by Israel was unlawful.", "en", "UNO", "ISR"),
        ("The arbitration court found that Venezuela had breached its investment treaty with Canada.", "en", None, "VEN"),
        ("A regional court ruled that Moldova was responsible for the death of a Russian activist.", "en", None, "MDA"),
        ("La Cour de justice de l'UE a jugé que la Hongrie avait enfreint le droit européen.", "fr", "EUR", "HUN"),
        ("La CEDH a constaté une violation de la Convention par la Turquie.", "fr", None, "TUR"),
    ],
)
def test_coder_court_finding_of_a_breach_is_an_accusation(code, text, language, actor, recipient):
    """A court or an inquiry that finds a party broke a rule or is to blame accuses it (ACCUSE,
    mode allege: CAMEO 112). A conviction of a person is SANCTION (convict), and an order to a
    state to act is a demand (REQUEST), as the ontology's boundaries say; see the next tests."""
    events = code(text, language=language)
    event = only(events, "ACCUSE")
    assert event.mode == "allege"
    if actor:
        # the party found in breach is the recipient (with an unnamed court, see the parties rules)
        assert codes(event.actor) == [actor] and codes(event.recipient) == [recipient]
    assert "REJECT" not in categories(events)  # the breach found is the finding's content, not a defiance of its own


@pytest.mark.parametrize(
    "text,language,actor,recipient",
    [
        ("A court in Baku sentenced two French citizens to six years in prison.", "en", "AZE", "FRA"),
        ("An appeals court in Tehran upheld the death sentence of a Swedish-Iranian doctor.", "en", "IRN", "SWE"),
        ("La cour d'appel d'Alger a condamné le chercheur français à trois ans de prison.", "fr", "DZA", "FRA"),
    ],
)
def test_coder_court_conviction_is_a_sanction(code, text, language, actor, recipient):
    event = only(code(text, language=language), "SANCTION")
    assert event.mode == "convict"
    assert codes(event.actor) == [actor] and recipient in codes(event.recipient)


@pytest.mark.parametrize(
    "text,language,recipient",
    [
        ("The International Court of Justice ordered Azerbaijan to reopen the Lachin corridor.", "en", "AZE"),
        ("La Cour internationale de justice a ordonné à la Birmanie de protéger les Rohingya.", "fr", "MMR"),
    ],
)
def test_coder_court_order_to_a_state_is_a_demand(code, text, language, recipient):
    """An order is a demand (REQUEST covers "orders"); a court cannot coerce a state by saying so."""
    events = code(text, language=language)
    assert codes(only(events, "REQUEST").recipient) == [recipient]
    assert "COERCE" not in categories(events)


@pytest.mark.parametrize(
    "text,language",
    [
        ("Investigators found that the fire was caused by a faulty cable.", "en"),
        ("Le ministre a jugé que la proposition était intéressante.", "fr"),
        ("The court ruled in favour of the fishermen in their dispute with the port authority.", "en"),
    ],
)
def test_coder_finding_without_a_breach_accuses_no_one(code, text, language):
    assert "ACCUSE" not in categories(code(text, language=language))


@pytest.mark.parametrize(
    "text,language,actor",
    [
        ("Ankara labelled the seizure of its cargo ship an act of piracy.", "en", "TUR"),
        ("The Kenyan foreign minister termed the deportations a gross violation of human rights.", "en", "KEN"),
        ("Vietnam described the Chinese survey mission as a serious violation of its sovereignty.", "en", "VNM"),
        ("Alger a qualifié l'expulsion de ses diplomates d'acte inamical.", "fr", "DZA"),
        ("Rabat a considéré cette visite comme une provocation.", "fr", "MAR"),
        # what a reported clause says an act is: the speaker judges it, and the act is its object, not a new event
        ("Iran's foreign ministry said the American sanctions were illegal.", "en", "IRN"),
        ("Le ministère iranien a estimé que les sanctions américaines étaient illégales.", "fr", "IRN"),
    ],
)
def test_coder_act_judged_by_its_name_is_an_accusation(code, text, language, actor):
    """Naming another side's act a provocation or a violation is disapproval (ACCUSE, CAMEO 111)."""
    events = code(text, language=language)
    event = only(events, "ACCUSE")
    assert event.mode == "disapprove" and codes(event.actor) == [actor]
    assert "SANCTION" not in categories(events)


@pytest.mark.parametrize(
    "text,language",
    [
        ("The minister described the plan as a first step toward peace.", "en"),
        ("Le ministre a qualifié l'accord d'étape importante vers la paix.", "fr"),
        ("The report described the fighting in Darfur as intense.", "en"),
        ("The spokesman said the talks were useful.", "en"),
        ("Officials called the earthquake the worst disaster in the region for decades.", "en"),
        ("Le Premier ministre a qualifié la visite de succès.", "fr"),
    ],
)
def test_coder_naming_without_disapproval_accuses_no_one(code, text, language):
    assert "ACCUSE" not in categories(code(text, language=language))


@pytest.mark.parametrize(
    "text,language,visitor,host",
    [
        ("Abdelmadjid Tebboune a reçu Jean-Noël Barrot à Alger dimanche.", "fr", "FRA", "DZA"),
        ("Emmanuel Macron a reçu jeudi Giorgia Meloni à l'Elysée.", "fr", "ITA", "FRA"),
        ("Benjamin Netanyahu was received at the White House by President Trump on Monday.", "en", "ISR", "USA"),
        ("Vladimir Putin hosted Kim Jong Un in Vladivostok.", "en", "PRK", "RUS"),
    ],
)
def test_coder_visitor_received_by_name_is_a_visit(code, text, language, visitor, host):
    """Receiving a visitor is a visit (CONSULT, mode visit): the visitor is the actor, the host the recipient."""
    event = only(code(text, language=language), "CONSULT")
    assert event.mode == "visit"
    assert codes(event.actor) == [visitor] and codes(event.recipient) == [host]


@pytest.mark.parametrize(
    "text,language",
    [
        ("Narendra Modi received a letter from Vladimir Putin.", "en"),
        ("Le ministre a reçu une lettre de Vladimir Poutine.", "fr"),
        ("Kim Jong Un received a warm welcome from the crowds.", "en"),
    ],
)
def test_coder_thing_received_is_no_visit(code, text, language):
    """A pattern's other words are the verb's complement, never its subject ("the minister received")."""
    assert "CONSULT" not in categories(code(text, language=language))


@pytest.mark.parametrize(
    "text,language,category,actor",
    [
        ("Officials in Nairobi said that Somali militants had attacked a police post in Garissa.", "en", "ASSAULT", "SOM"),
        ("The ministry confirmed that Turkey had closed its airspace to Armenian flights.", "en", "SANCTION", "TUR"),
        ("According to Colombian officials, Venezuela expelled three Colombian diplomats on Monday.", "en", "SANCTION", "VEN"),
        ("The army reported that Houthi rebels fired a missile at a Saudi oil terminal.", "en", "ASSAULT", "YEM"),
        ("Le gouvernement nigérien a affirmé que le Bénin avait fermé sa frontière avec le Niger.", "fr", "SANCTION", "BEN"),
        ("Selon Bamako, l'armée algérienne a abattu un drone malien près de Tinzaouaten.", "fr", "ASSAULT", "DZA"),
        ("Le ministère a déclaré que la Russie avait expulsé deux diplomates moldaves.", "fr", "SANCTION", "RUS"),
    ],
)
def test_coder_claim_told_by_a_reporting_verb_is_the_claimed_act(code, text, language, category, actor):
    """"X said that Y did Z" codes Y doing Z; the saying itself is a quote, not a second event."""
    events = code(text, language=language)
    assert categories(events) == [category]
    assert codes(only(events, category).actor) == [actor]


@pytest.mark.parametrize(
    "text,language,actor,recipient",
    [
        ("Norway pledged 40 million dollars to Sudan for food aid.", "en", "NOR", "SDN"),
        ("Spain promised to train Ukrainian pilots.", "en", "ESP", "UKR"),
        ("La Norvège a promis une aide de 40 millions de dollars au Soudan.", "fr", "NOR", "SDN"),
        ("Le Qatar s'est engagé à financer la reconstruction du Liban.", "fr", "QAT", "LBN"),
    ],
)
def test_coder_pledge_of_aid_is_an_agreement(code, text, language, actor, recipient):
    """A promise of future aid or cooperation is AGREE (ontology: future cooperation is AGREE)."""
    events = code(text, language=language)
    event = only(events, "AGREE")
    assert codes(event.actor) == [actor] and codes(event.recipient) == [recipient]
    assert "AID" not in categories(events)


@pytest.mark.parametrize(
    "text,language,category",
    [
        ("Nigeria condemned the move.", "en", "ACCUSE"),
        ("Egypt welcomed the decision.", "en", "SUPPORT"),
        ("Le Sénégal a salué cette décision.", "fr", "SUPPORT"),
        ("Bamako a dénoncé la mesure.", "fr", "ACCUSE"),
    ],
)
def test_coder_reaction_to_an_act_referred_back_to(code, text, language, category):
    """A reaction to "the move", « la mesure » is the reaction's category; the act is not coded again."""
    assert categories(code(text, language=language)) == [category]


@pytest.mark.parametrize(
    "text,language,date",
    [
        ("On Monday, Ghana and Togo agreed to hold a summit in April.", "en", "2026-02-16"),
        ("Ghana and Togo agreed to meet again on March 3 in Lomé.", "en", "2026-02-18"),
        ("Paris et Alger sont convenus de se retrouver le 12 mars.", "fr", "2026-02-18"),
        ("Le Maroc et l'Espagne ont accepté de tenir un sommet en avril.", "fr", "2026-02-18"),
        ("Ghana and Togo will hold talks on March 3 in Lomé.", "en", "2026-02-18"),
    ],
)
def test_coder_agreement_is_dated_when_it_was_made(code, text, language, date):
    """An agreement to act later is made when it is reported (or on the day the report gives for it),
    not on the date of the meeting agreed on; the same holds for concessions and threats announced."""
    assert only(code(text, language=language), "AGREE").date == date


def test_coder_meeting_held_keeps_its_own_date(code):
    assert only(code("Ghana and Togo held talks in Accra on February 3.", language="en"), "CONSULT").date == "2026-02-03"


@pytest.mark.parametrize(
    "text,language,category",
    [
        ("China condemned the move, saying it violated international law.", "en", "ACCUSE"),
        ("Alger a dénoncé cette mesure, estimant qu'elle violait les accords bilatéraux.", "fr", "ACCUSE"),
        ("Ukraine accused Russia of attacking its energy grid, saying the strikes violated the truce.", "en", "ACCUSE"),
        ("Egypt welcomed the decision, saying it would help end the blockade.", "en", "SUPPORT"),
    ],
)
def test_coder_reason_given_for_a_judgement_is_no_event(code, text, language, category):
    """What a judgement's speaker says the judged act did is the judgement's reason, not a second event."""
    assert categories(code(text, language=language)) == [category]


def test_coder_new_act_named_in_a_judgement_is_kept(code_rules):
    # the rules keep the act; whether the filter keeps an attack with no named target is its own call
    events = code_rules("Kenya condemned the raid, saying Somali militants had killed three police officers.", language="en")
    assert codes(only(events, "ASSAULT").actor) == ["SOM"]


def test_coder_statement_joined_to_a_judgement_keeps_its_act(code):
    events = code("Greece condemned the incursion and said it had sent two frigates to the area.", language="en")
    assert "ACCUSE" in categories(events) and len(categories(events)) >= 2


@pytest.mark.parametrize(
    "text,language,category,recipient",
    [
        # an order to another state to pull back is a demand that it yield (REQUEST covers orders)
        ("Niger ordered France to withdraw its troops within a month.", "en", "REQUEST", "FRA"),
        ("Le Mali a ordonné à la France de retirer ses troupes sans délai.", "fr", "REQUEST", "FRA"),
        # ordering one's own forces back is an announced withdrawal (CONCEDE)
        ("Armenia ordered its troops to withdraw from the border villages.", "en", "CONCEDE", None),
    ],
)
def test_coder_order_to_withdraw_is_a_demand_when_addressed_to_another_state(code, text, language, category, recipient):
    events = code(text, language=language)
    event = only(events, category)
    if recipient:
        assert codes(event.recipient) == [recipient] and "CONCEDE" not in categories(events)
