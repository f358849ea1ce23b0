"""Category boundaries of the lexicon coder, on sentences written for these tests.

Each case names the category the ontology (docs/ontology.md) gives the
sentence's main event, and often the category the same head word would give
in another sense. The sentences are made up for the tests, in English and
French, one family of predicate + object per group.
"""

from __future__ import annotations

import pytest


def _top(text: str, language: str):
    from dyadwatch import code_text

    events = code_text(text, published="2025-06-15", language=language)
    return max(events, key=lambda e: e.confidence) if events else None


CASES = [
    # AGREE: agreeing to or accepting a ceasefire commits to de-escalate; declaring one is CONCEDE
    ("en", "Armenia and Azerbaijan agreed to a ceasefire on Sunday.", "AGREE"),
    ("en", "Sudan accepted a truce proposed by Saudi Arabia.", "AGREE"),
    ("en", "Hamas declared a unilateral ceasefire on Friday.", "CONCEDE"),
    ("fr", "L'Arménie et l'Azerbaïdjan ont accepté un cessez-le-feu dimanche.", "AGREE"),
    ("fr", "Le Hezbollah a décrété un cessez-le-feu unilatéral.", "CONCEDE"),
    # COERCE deport: expelling a person; expelling diplomats stays SANCTION
    ("en", "France expelled an Algerian blogger to Algiers on Monday.", "COERCE"),
    ("en", "Britain expelled two Russian diplomats on Tuesday.", "SANCTION"),
    ("fr", "La France a expulsé un influenceur algérien vers Alger jeudi.", "COERCE"),
    ("fr", "Paris a expulsé douze diplomates algériens.", "SANCTION"),
    # SANCTION convict: an appeals court upholding a sentence
    ("en", "A Moroccan court upheld the ten-year prison sentence handed to a French journalist.", "SANCTION"),
    ("fr", "La cour d'appel de Tunis a confirmé la condamnation de l'opposant à cinq ans de prison.", "SANCTION"),
    # MOBILIZE: one side's exercises; COOPERATE: exercises held with another country
    ("en", "Russia's navy began three days of exercises in the Baltic Sea on Tuesday.", "MOBILIZE"),
    ("en", "Egypt held military drills with Greece in the Mediterranean.", "COOPERATE"),
    ("en", "Russia held drills with live ammunition near the Finnish border.", "MOBILIZE"),
    ("fr", "La Chine a lancé des manœuvres militaires autour de Taïwan.", "MOBILIZE"),
    ("fr", "L'Égypte a mené des manœuvres militaires avec la Grèce en Méditerranée.", "COOPERATE"),
    ("fr", "La Russie a mené des exercices avec des munitions réelles près de la frontière finlandaise.", "MOBILIZE"),
    # MOBILIZE: forces dispatched
    ("en", "Taiwan dispatched air and naval forces in response to the Chinese drills.", "MOBILIZE"),
    ("fr", "Taïwan a envoyé des avions de chasse en réponse aux manœuvres chinoises.", "MOBILIZE"),
    # CONCEDE: suspending a restriction eases it (suspending cooperation is SANCTION)
    ("en", "China suspended its export controls on gallium for a year.", "CONCEDE"),
    ("fr", "La Chine a suspendu ses contrôles à l'exportation de gallium pendant un an.", "CONCEDE"),
    # THREATEN: reserving the right to retaliate; an act to be treated as an act of war
    ("en", "Iran reserved the right to retaliate against Israel.", "THREATEN"),
    ("fr", "L'Iran s'est réservé le droit de riposter contre Israël.", "THREATEN"),
    ("en", "Pakistan said any attempt to divert the river would be treated as an act of war.", "THREATEN"),
    ("fr", "Le Pakistan a prévenu que toute tentative de détourner le fleuve serait considérée comme un acte de guerre.", "THREATEN"),
    # ACCUSE: "protested that ..." is a complaint; protesting in the street is PROTEST
    ("en", "Amnesty protested that Egypt was failing to protect refugees.", "ACCUSE"),
    ("fr", "Amnesty a protesté que l'Égypte ne protégeait pas les réfugiés.", "ACCUSE"),
    ("en", "Farmers protested in Paris against the fuel tax.", "PROTEST"),
    # REQUEST: the act demanded is part of the demand, not an event of its own
    ("en", "Russia demanded that Ukraine pull its troops out of four regions.", "REQUEST"),
    ("en", "The ILO reiterated its demand that Israel ease restrictions on Palestinian workers.", "REQUEST"),
    ("fr", "La Russie a exigé que l'Ukraine retire ses troupes de quatre régions.", "REQUEST"),
    ("fr", "L'OIT a réitéré son exigence qu'Israël assouplisse les restrictions imposées aux travailleurs palestiniens.", "REQUEST"),
    # SANCTION withdraw: monitors and inspectors pulled out of a country
    ("en", "The OSCE pulled its monitors out of eastern Ukraine.", "SANCTION"),
    ("fr", "L'OSCE a retiré ses observateurs de l'est de l'Ukraine.", "SANCTION"),
    # SANCTION discontinue: a treaty held in abeyance
    ("en", "India held the Indus Waters Treaty in abeyance.", "SANCTION"),
    ("fr", "L'Inde a mis en suspens le traité des eaux de l'Indus.", "SANCTION"),
    # SANCTION discontinue: a border or airspace closed with or to another country; one's own closure is COERCE
    ("en", "Pakistan closed its airspace to Indian airlines.", "SANCTION"),
    ("en", "Russia closed its border with Georgia on Friday.", "SANCTION"),
    ("en", "Peru closed its borders to stop the spread of the virus.", "COERCE"),
    ("fr", "Le Pakistan a fermé son espace aérien aux compagnies indiennes.", "SANCTION"),
    ("fr", "Le Pérou a fermé ses frontières pour freiner l'épidémie.", "COERCE"),
    # AID: peacekeepers deployed provide military protection (CAMEO 074); withdrawn, they are a cut (SANCTION)
    ("en", "Bangladesh deployed 800 peacekeepers to Sierra Leone.", "AID"),
    ("fr", "Le Bangladesh a déployé 800 casques bleus en Sierra Leone.", "AID"),
    ("en", "Nigeria withdrew its peacekeeping force from Chad.", "SANCTION"),
    # AGREE: accepting a proposed settlement
    ("en", "Denmark accepted a formula for ending its fisheries dispute with the EU.", "AGREE"),
    ("fr", "Le Danemark a accepté une formule pour mettre fin au différend sur la pêche avec l'UE.", "AGREE"),
    # MOBILIZE weapons: weapons systems moved into position
    ("en", "Iran moved air defence batteries to the Strait of Hormuz.", "MOBILIZE"),
    ("fr", "L'Iran a déplacé des batteries de défense aérienne vers le détroit d'Ormuz.", "MOBILIZE"),
    # SANCTION discontinue: a cooperation agreement revoked
    ("en", "Niger revoked its military cooperation agreement with the United States.", "SANCTION"),
    ("fr", "Le Tchad a rompu son accord de défense avec la France.", "SANCTION"),
    # RETREAT withdraw: territory handed back
    ("en", "Armenia handed back four villages to Azerbaijan.", "RETREAT"),
    ("fr", "L'Arménie a restitué quatre villages à l'Azerbaïdjan.", "RETREAT"),
    # PROTEST: « l'opposition a manifesté » is a demonstration; « manifester son opposition » a complaint
    ("fr", "Des partisans de l'opposition ont manifesté à Tbilissi contre le gouvernement.", "PROTEST"),
    ("fr", "La Turquie a manifesté son opposition au projet d'élargissement.", "ACCUSE"),
    # AID: deposits and loans to another state
    ("fr", "L'Arabie saoudite a déposé 3 milliards de dollars à la banque centrale du Pakistan.", "AID"),
    ("fr", "La Banque mondiale a approuvé un prêt de 500 millions de dollars au Kenya.", "AID"),
    # ASSAULT drone: drones launched in a war; a lone missile launch into the sea is a test (MOBILIZE)
    ("en", "Russia launched nearly 300 drones and 70 missiles overnight.", "ASSAULT"),
    ("en", "North Korea launched a ballistic missile into the sea on Monday.", "MOBILIZE"),
    ("fr", "La Corée du Nord a lancé un missile balistique sur la mer du Japon.", "MOBILIZE"),
    ("fr", "L'Iran a lancé des missiles sur Tel-Aviv.", "ASSAULT"),
    # AGREE: « accepter de » announces the act it governs (future cooperation is AGREE; a future retreat CONCEDE)
    ("fr", "La Turquie a accepté de ratifier l'adhésion de la Suède à l'OTAN.", "AGREE"),
    ("fr", "L'Iran a accepté de rencontrer les négociateurs américains.", "AGREE"),
    ("fr", "La Russie s'est engagée à retirer ses troupes.", "CONCEDE"),
    # REJECT: a proposal or package blocked or shot down; ASSAULT only for aircraft shot down
    ("en", "Hungary blocked the EU's new sanctions package.", "REJECT"),
    ("fr", "La Hongrie a bloqué le nouveau paquet de sanctions de l'UE.", "REJECT"),
    ("en", "Parliament shot down the government's budget proposal.", "REJECT"),
    ("en", "The United States shot down a Chinese balloon.", "ASSAULT"),
    # retaliation takes the category of its means
    ("en", "Beijing retaliated with tariffs on US soybeans.", "SANCTION"),
    ("en", "Israel retaliated with airstrikes on Beirut.", "ASSAULT"),
    ("fr", "Israël a riposté par des frappes sur Beyrouth.", "ASSAULT"),
    ("en", "Russia targeted Ukraine's power grid with missiles.", "ASSAULT"),
    ("fr", "La Russie a visé le réseau électrique ukrainien avec des missiles.", "ASSAULT"),
    # COERCE deport: pushbacks
    ("en", "Greece pushed back migrants to Turkey.", "COERCE"),
    ("fr", "La Grèce a refoulé des migrants vers la Turquie.", "COERCE"),
    # PROTEST strike: workers striking over pay (not a military strike)
    ("en", "Dockworkers struck over pay in Antwerp.", "PROTEST"),
    ("en", "Police fired on the crowd in Nairobi.", "ASSAULT"),
    # COERCE deport: a person sent or « reconduit » back; « reconduire les sanctions » renews them (SANCTION)
    ("en", "Britain sent back ten migrants to France on Thursday.", "COERCE"),
    ("fr", "Le Royaume-Uni a reconduit dix migrants en France.", "COERCE"),
    ("fr", "Le Conseil a reconduit les sanctions contre la Russie pour six mois.", "SANCTION"),
    # natural-force subjects are excluded, not threats of violence
    ("en", "Iran threatened to open fire on the tanker.", "THREATEN"),
    ("fr", "L'Iran a menacé d'ouvrir le feu sur le pétrolier.", "THREATEN"),
    ("en", "Russian missiles struck Kyiv overnight.", "ASSAULT"),
    # a labour union that demands is a REQUEST ("labour demand" in economics is no event)
    ("en", "Labour unions demanded higher wages from the government of Nigeria.", "REQUEST"),
    # CONCEDE: a commitment to de-escalate or to ease a restriction is an announced concession (the ontology's
    # "announced ceasefires or withdrawals", "easing restrictions"); the commitment verb does not make it AGREE
    ("en", "Thailand and Cambodia agreed to stop firing along the border.", "CONCEDE"),
    ("en", "The junta pledged to lift the curfew in Yangon.", "CONCEDE"),
    ("en", "Canada promised to cut its tariffs on Chinese electric cars.", "CONCEDE"),
    ("en", "The militia vowed to end attacks on aid convoys.", "CONCEDE"),
    ("fr", "La Thaïlande et le Cambodge sont convenus de cesser les combats à la frontière.", "CONCEDE"),
    ("fr", "Le Canada s'est engagé à lever l'embargo sur le bœuf argentin.", "CONCEDE"),
    ("fr", "Les deux gouvernements ont convenu d'abaisser leurs tarifs.", "CONCEDE"),
    # SUPPORT: recognising a government, an election result, a plan or a border, even inside a "since" clause
    ("en", "Talks stalled after Spain recognised the interim government in Caracas.", "SUPPORT"),
    ("en", "The African Union recognized the election results in Malawi.", "SUPPORT"),
    ("fr", "Les liens se sont tendus depuis que l'Espagne a reconnu, en mars, le plan de paix marocain.", "SUPPORT"),
    ("fr", "L'Union africaine a reconnu la victoire de l'opposition au Malawi.", "SUPPORT"),
    # AID: weapons shipped to another state
    ("en", "Germany shipped air defence missiles to Ukraine.", "AID"),
    # COOPERATE: people returned under an agreement between the two states, or readmitted by their own state;
    # a return with no agreement stays COERCE deport
    ("en", "Italy returned 40 migrants to Albania under the bilateral migration deal.", "COOPERATE"),
    ("en", "Morocco readmitted 60 nationals deported from Spain.", "COOPERATE"),
    ("en", "Italy deported 40 migrants to Libya on Sunday.", "COERCE"),
    ("fr", "L'Italie a renvoyé 40 migrants en Albanie en vertu de l'accord bilatéral.", "COOPERATE"),
    ("fr", "Le Maroc a réadmis 60 de ses ressortissants expulsés d'Espagne.", "COOPERATE"),
    # RETREAT disarm: weapons returned or given back; REJECT: « hors de question »
    ("en", "Armenian separatists in Karabakh returned the rifles they had seized from Azerbaijani troops.", "RETREAT"),
    ("fr", "Les séparatistes arméniens du Karabakh ont restitué les fusils saisis aux troupes azerbaïdjanaises.", "RETREAT"),
    ("fr", "Le Kremlin a affirmé qu'un retrait de ses troupes était hors de question.", "REJECT"),
    # RETREAT ceasefire: one's own attacks or strikes stopped
    ("en", "Russia ceased its attacks on Ukrainian energy sites for 30 days.", "RETREAT"),
    ("en", "Israel stopped its airstrikes on southern Lebanon on Sunday.", "RETREAT"),
    ("fr", "Le Hamas a cessé ses tirs de roquettes sur Israël dimanche.", "RETREAT"),
    ("fr", "La Turquie a stoppé ses frappes contre les Kurdes syriens.", "RETREAT"),
    # ... but a vow to fight on is a threat, and a commitment to cooperate stays AGREE
    ("en", "The rebels vowed to fight until the end.", "THREATEN"),
    ("en", "Kenya and Uganda agreed to share intelligence on smuggling.", "AGREE"),
]


@pytest.mark.parametrize("language,text,category", CASES)
def test_categories_follow_the_ontology(language: str, text: str, category: str) -> None:
    top = _top(text, language)
    assert top is not None, text
    assert top.category == category, (text, top.category, top.evidence.trigger)


# a demanded act no longer stands as its own event next to the demand
@pytest.mark.parametrize(
    "language,text",
    [
        ("en", "Moscow demanded that Kyiv withdraw its troops from Donbas."),
        ("fr", "La Russie a exigé que l'Ukraine retire ses troupes de quatre régions."),
    ],
)
def test_categories_demanded_act_is_not_coded_as_done(language: str, text: str) -> None:
    from dyadwatch import code_text

    assert {e.category for e in code_text(text, published="2025-06-15", language=language)} == {"REQUEST"}


# figurative or non-political senses give no event
@pytest.mark.parametrize(
    "language,text",
    [
        ("fr", "Le Maroc s'inquiète de la hausse des prix du blé."),
        ("fr", "La conférence a permis de rassembler un milliard d'euros pour le Liban."),
        ("fr", "La France reste pleinement mobilisée pour la libération des otages."),
        ("en", "China vowed to fight the US tariffs to the end."),
        ("en", "The president fired his defence minister on Friday."),
        ("en", "Hurricane Milton struck the coast of Florida."),
        ("en", "Inflation threatens to derail the recovery."),
        ("fr", "Le cyclone a frappé la côte du Mozambique."),
        ("fr", "L'inflation menace la reprise."),
        ("en", "The court released its ruling on Monday."),
        ("en", "Oil demand fell sharply in China."),
    ],
)
def test_categories_figurative_senses_give_no_event(language: str, text: str) -> None:
    from dyadwatch import code_text

    cats = {e.category for e in code_text(text, published="2025-06-15", language=language)}
    assert not cats & {"ACCUSE", "CONCEDE", "MOBILIZE", "THREATEN", "ASSAULT", "RETREAT"}, cats


# an "anti-ship" missile is not shipped, and support for terrorism is no diplomatic support
@pytest.mark.parametrize(
    "text,absent",
    [
        ("Taiwan moved anti-ship missile launchers to the Penghu islands.", "AID"),
        ("Washington kept the sanctions until Havana ended its support for terrorism.", "SUPPORT"),
    ],
)
def test_categories_compound_and_accused_senses_give_no_event(text: str, absent: str) -> None:
    from dyadwatch import code_text

    assert absent not in {e.category for e in code_text(text, published="2025-06-15", language="en")}


# an attempt ("tried to", « a tenté de ») is an act carried out, not an intention; a plan still is one
@pytest.mark.parametrize(
    "language,text,category,future",
    [
        ("en", "Russian hackers tried to hack into the email servers of the German parliament.", "COERCE", False),
        ("fr", "La police sénégalaise a tenté de disperser les manifestants à Dakar.", "COERCE", False),
        ("en", "Iran plans to hack the servers of the Israeli water authority.", "THREATEN", True),
    ],
)
def test_categories_attempt_is_done_and_plan_is_future(language: str, text: str, category: str, future: bool) -> None:
    top = _top(text, language)
    assert top is not None and top.category == category and top.future == future, top


# acknowledging a fact or a need is no recognition of anyone
@pytest.mark.parametrize(
    "language,text",
    [
        ("fr", "Le ministre a reconnu que la situation restait difficile."),
        ("en", "The minister recognised the need for patience."),
    ],
)
def test_categories_acknowledging_a_fact_is_no_support(language: str, text: str) -> None:
    from dyadwatch import code_text

    assert "SUPPORT" not in {e.category for e in code_text(text, published="2025-06-15", language=language)}


# "in what X called Y" names a thing; the naming verb is no request or accusation of its own
@pytest.mark.parametrize(
    "text,category",
    [
        ("Turkish jets bombed what Ankara called terrorist hideouts in northern Iraq.", "ASSAULT"),
        ("Beijing sent bombers near Okinawa in what it called a warning for Tokyo.", "MOBILIZE"),
    ],
)
def test_categories_naming_what_x_called_is_no_event(text: str, category: str) -> None:
    from dyadwatch import code_text

    cats = {e.category for e in code_text(text, published="2025-06-15", language="en")}
    assert category in cats and not cats & {"REQUEST", "ACCUSE"}, cats


# "can" and "may" mark what is possible, not what was done
def test_categories_can_and_may_flag_a_possibility() -> None:
    from dyadwatch import code_text

    events = code_text("Under the scheme, migrants can be sent back to France.", published="2025-06-15", language="en")
    assert events and all(e.hypothetical for e in events)
