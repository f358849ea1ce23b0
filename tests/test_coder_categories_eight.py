"""Category decisions that follow the ontology's definitions, not one file (issue 5, eighth round).

Families: people expelled are deported (COERCE) while envoys expelled are a cut in relations
(SANCTION); leaving a body of states cuts ties with it (SANCTION withdraw); a measure that a verb
cancels is eased (CONCEDE); a barrier built along a border restricts it (COERCE); judgements given by
naming an act; cautioning a party against an act. Every sentence is our own.
"""

import pytest

from coded import codes, only

pytestmark = pytest.mark.slow


def categories(events):
    return sorted(e.category for e in events)


@pytest.mark.parametrize(
    "text,language,actor,recipient",
    [
        ("Thailand expelled two hundred Cambodian workers on Monday.", "en", "THA", "KHM"),
        ("Iran began expelling tens of thousands of Afghans from its eastern provinces.", "en", "IRN", "AFG"),
        ("Algeria expelled hundreds of Nigeriens across the desert border last month.", "en", "DZA", "NER"),
        ("Le Maroc a expulsé 300 Sénégalais la semaine dernière.", "fr", "MAR", "SEN"),
        ("La Libye a expulsé des centaines de travailleurs égyptiens.", "fr", "LBY", "EGY"),
    ],
)
def test_coder_people_expelled_are_deported(code, text, language, actor, recipient):
    """The ontology lists deportation under COERCE and expulsions of diplomats under SANCTION (CAMEO
    puts expelling individuals under coercion, 174, and expelling envoys under reduced relations,
    166). People named by their nationality or as workers, not a state's envoys, are deported:
    COERCE (deport), the state of their nationality the recipient."""
    events = code(text, language=language)
    event = only(events, "COERCE")
    assert event.mode == "deport"
    assert codes(event.actor) == [actor] and codes(event.recipient) == [recipient]
    assert "SANCTION" not in categories(events)


@pytest.mark.parametrize(
    "text,language",
    [
        ("Rwanda expelled three Belgian diplomats on Tuesday.", "en"),
        ("Estonia expelled the Russian ambassador.", "en"),
        ("Le Burkina Faso a expulsé trois diplomates français.", "fr"),
        ("Le Mali a expulsé l'ambassadeur de France.", "fr"),
    ],
)
def test_coder_envoys_expelled_stay_a_cut_in_relations(code, text, language):
    """A nationality written as an adjective of envoys ("Belgian diplomats") does not make the
    expulsion a deportation: expelling a state's envoys is SANCTION (expel)."""
    events = code(text, language=language)
    assert only(events, "SANCTION").mode == "expel"
    assert "COERCE" not in categories(events)


@pytest.mark.parametrize(
    "text,language,actor",
    [
        ("Burkina Faso withdrew from the African Union in 2023.", "en", "BFA"),
        ("Hungary quit the International Criminal Court.", "en", "HUN"),
        ("Nicaragua left UNESCO in 2023.", "en", "NIC"),
        ("Le Niger a quitté l'Union africaine.", "fr", "NER"),
    ],
)
def test_coder_leaving_a_body_of_states_is_a_sanction(code, text, language, actor):
    """Leaving an intergovernmental body cuts cooperation with it (SANCTION withdraw, the body the
    recipient), not a retreat of forces from ground (RETREAT) and not nothing."""
    events = code(text, language=language)
    event = only(events, "SANCTION")
    assert event.mode == "withdraw"
    assert codes(event.actor) == [actor] and [e.code for e in event.recipient][:1] in (["IGO"], ["UNO"], ["EUR"])
    assert "RETREAT" not in categories(events)


@pytest.mark.parametrize(
    "text,language",
    [
        ("France withdrew its troops from the African Union mission in Somalia.", "en"),
        ("The army withdrew from the northern town on Friday.", "en"),
        ("L'armée malienne s'est retirée de la ville de Kidal.", "fr"),
    ],
)
def test_coder_forces_withdrawn_stay_a_retreat(code, text, language):
    """Troops pulled back, even from a body's mission, are a retreat: the body is no object left."""
    events = code(text, language=language)
    assert "SANCTION" not in categories(events)
    assert "RETREAT" in categories(events)


@pytest.mark.parametrize(
    "text,language,actor,recipient",
    [
        ("Algeria cancelled the expulsion of the French diplomats.", "en", "DZA", "FRA"),
        ("Turkey revoked the deportation order against the Syrian journalist.", "en", "TUR", "SYR"),
        ("Greece suspended the deportations of Afghan asylum seekers.", "en", "GRC", "AFG"),
        ("La Turquie a annulé l'expulsion du journaliste syrien.", "fr", "TUR", "SYR"),
        ("Le Sénégal a suspendu l'expulsion des migrants guinéens.", "fr", "SEN", "GIN"),
    ],
)
def test_coder_a_cancelled_measure_is_a_concession(code, text, language, actor, recipient):
    """A measure against a party (an expulsion, a deportation) that its author cancels is no longer
    taken: it is eased, a concession (CONCEDE: "easing restrictions"), told at the cancelling verb."""
    events = code(text, language=language)
    event = only(events, "CONCEDE")
    assert codes(event.actor) == [actor] and codes(event.recipient) == [recipient]
    assert not {"SANCTION", "COERCE"} & set(categories(events))


@pytest.mark.parametrize(
    "text,language",
    [
        ("Ghana suspended cooperation with Togo.", "en"),
        ("L'Algérie a suspendu sa coopération avec la France.", "fr"),
    ],
)
def test_coder_cancelled_cooperation_stays_a_sanction(code, text, language):
    """Only a measure against someone is eased by cancelling it; cooperation suspended is cut."""
    events = code(text, language=language)
    assert "SANCTION" in categories(events) and "CONCEDE" not in categories(events)


@pytest.mark.parametrize(
    "text,language,actor,recipient",
    [
        ("Poland built a fence along its border with Belarus.", "en", "POL", "BLR"),
        ("Morocco erected a sand wall along its border with Algeria.", "en", "MAR", "DZA"),
        ("Le Maroc a construit un mur le long de sa frontière avec l'Algérie.", "fr", "MAR", "DZA"),
        ("La Turquie a érigé une clôture sur sa frontière avec la Syrie.", "fr", "TUR", "SYR"),
    ],
)
def test_coder_a_barrier_along_a_border_is_a_restriction(code, text, language, actor, recipient):
    """A fence or a wall built along a border restricts movement across it (COERCE restrict)."""
    event = only(code(text, language=language), "COERCE")
    assert event.mode == "restrict"
    assert codes(event.actor) == [actor] and codes(event.recipient) == [recipient]


@pytest.mark.parametrize(
    "text,language",
    [
        ("The city built a wall around the old market.", "en"),
        ("La mairie a construit un mur autour du stade.", "fr"),
    ],
)
def test_coder_a_wall_elsewhere_is_no_event(code, text, language):
    assert "COERCE" not in categories(code(text, language=language))


@pytest.mark.parametrize(
    "text,language,actor,recipient",
    [
        ("Ghana called the decision by Togo disappointing.", "en", "GHA", "TGO"),
        ("Kenya described the Ugandan move as hasty and disproportionate.", "en", "KEN", "UGA"),
        ("Le Sénégal a jugé la décision malienne regrettable.", "fr", "SEN", "MLI"),
        ("L'Algérie a qualifié la mesure marocaine de cruelle.", "fr", "DZA", "MAR"),
    ],
)
def test_coder_an_act_named_with_a_judgement_is_disapproval(code, text, language, actor, recipient):
    """Calling another party's act disappointing, hasty or cruel judges it (ACCUSE disapprove), like
    calling it unfriendly: the words of disapproval are general, not a list of one file's words."""
    event = only(code(text, language=language), "ACCUSE")
    assert codes(event.actor) == [actor] and codes(event.recipient) == [recipient]


def test_coder_an_act_named_with_praise_is_no_disapproval(code):
    events = code("Ghana called the agreement with Togo historic.", language="en")
    assert "ACCUSE" not in categories(events)


@pytest.mark.parametrize(
    "text",
    [
        "The United Nations cautioned Israel against an offensive in Rafah.",
        "Washington cautioned Beijing against any move on Taiwan.",
    ],
)
def test_coder_cautioning_against_an_act_is_a_warning(code, text):
    """"Cautioned X against" warns X as "warned X against" does (THREATEN), and the act warned
    against is the warning's content, not violence done."""
    events = code(text, language="en")
    assert "THREATEN" in categories(events)
    assert "ASSAULT" not in categories(events)


@pytest.mark.parametrize(
    "text,language,actor,recipient",
    [
        ("Two French citizens have been held in Iran since 2022.", "en", "IRN", "FRA"),
        ("The journalist Ahmed Salem has been held in Cairo since March.", "en", "EGY", None),
        ("Deux ressortissants français sont détenus en Iran depuis 2022.", "fr", "IRN", "FRA"),
        ("Quatre fonctionnaires belges sont détenus à Kinshasa depuis décembre.", "fr", "COD", "BEL"),
    ],
)
def test_coder_people_held_are_detained(code, text, language, actor, recipient):
    """People held by a state ("have been held in Iran", « sont détenus à Bakou ») are detained: an
    arrest that lasts (COERCE arrest), done by the state where they are held."""
    event = only(code(text, language=language), "COERCE")
    assert event.mode == "arrest"
    assert codes(event.actor) == [actor]
    if recipient:
        assert codes(event.recipient) == [recipient]


@pytest.mark.parametrize(
    "text,language",
    [
        ("The talks were held in Geneva on Monday.", "en"),
        ("The shares are held by a Qatari fund.", "en"),
        ("Les armes étaient détenues illégalement par la milice.", "fr"),
    ],
)
def test_coder_things_held_are_no_detention(code, text, language):
    assert "COERCE" not in categories(code(text, language=language))


@pytest.mark.parametrize(
    "text,language,actor,recipient",
    [
        ("Le Tchad a annoncé la fin de sa coopération militaire avec la France.", "fr", "TCD", "FRA"),
        ("Le Sénégal a annoncé la fin de l'accord de défense qui le liait à Paris.", "fr", "SEN", "FRA"),
        ("Mali announced the termination of its defence agreement with France.", "en", "MLI", "FRA"),
    ],
)
def test_coder_the_end_of_an_agreement_is_a_cut(code, text, language, actor, recipient):
    """The end of an agreement or of cooperation, announced as a noun, cuts it (SANCTION
    discontinue); the agreement named is not a new one (no AGREE)."""
    events = code(text, language=language)
    event = only(events, "SANCTION")
    assert codes(event.actor) == [actor] and codes(event.recipient) == [recipient]
    assert not {"AGREE", "COOPERATE"} & set(categories(events))


@pytest.mark.parametrize(
    "text,actors",
    [
        ("L'Égypte et la Turquie se sont mises d'accord pour rétablir leurs ambassadeurs.", ["EGY", "TUR"]),
        ("Le Maroc et la Mauritanie sont tombés d'accord sur un calendrier.", ["MAR", "MRT"]),
    ],
)
def test_coder_coming_to_an_agreement_is_an_agreement(code, text, actors):
    """« Se mettre d'accord », « tomber d'accord »: two parties agree (AGREE, both actors)."""
    assert codes(only(code(text, language="fr"), "AGREE").actor) == actors


def test_coder_ending_an_agreement_is_no_agreement(code):
    events = code("Le Niger a mis fin à l'accord de défense avec la France.", language="fr")
    assert "SANCTION" in categories(events) and "AGREE" not in categories(events)


@pytest.mark.parametrize(
    "text,language,actor,recipient",
    [
        ("China blocked imports of Lithuanian goods.", "en", "CHN", "LTU"),
        ("Russia blocked shipments of Moldovan wine at the border.", "en", "RUS", "MDA"),
        ("Le Bénin a bloqué les exportations de pétrole du Niger.", "fr", "BEN", "NER"),
        ("La Chine a bloqué les importations de marchandises lituaniennes.", "fr", "CHN", "LTU"),
    ],
)
def test_coder_blocking_trade_is_a_sanction(code, text, language, actor, recipient):
    """A state that blocks another's trade (imports, exports, goods) imposes an embargo: SANCTION
    (CAMEO 163), not a protesters' blockade (PROTEST obstruct)."""
    event = only(code(text, language=language), "SANCTION")
    assert codes(event.actor) == [actor] and codes(event.recipient) == [recipient]


@pytest.mark.parametrize(
    "text,language,actor",
    [
        ("Belgium acknowledged the killings of Congolese civilians by its colonial army.", "en", "BEL"),
        ("Germany admitted the crimes of its colonial troops in Namibia.", "en", "DEU"),
        ("Le président français a reconnu les massacres commis par l'armée française au Cameroun.", "fr", "FRA"),
        ("Le président français a reconnu la violence de la colonisation à Madagascar.", "fr", "FRA"),
    ],
)
def test_coder_a_wrong_owned_up_to_is_a_concession(code, text, language, actor):
    """Acknowledging one's own violence is a verbal concession (CONCEDE, as an apology is), not
    recognition (SUPPORT) and not the violence told anew (the act acknowledged is its object)."""
    events = code(text, language=language)
    assert codes(only(events, "CONCEDE").actor) == [actor]
    assert not {"SUPPORT", "ASSAULT"} & set(categories(events))


@pytest.mark.parametrize(
    "text,language",
    [
        ("Japan admitted that its soldiers had tortured Korean prisoners.", "en"),
        ("La Belgique a reconnu que des soldats belges avaient tué des civils congolais.", "fr"),
    ],
)
def test_coder_an_admitted_act_is_a_concession_and_the_act(code, text, language):
    """An admission told as a clause concedes (CONCEDE); the act admitted is told as well (ASSAULT)."""
    events = code(text, language=language)
    assert "CONCEDE" in categories(events) and "ASSAULT" in categories(events)


@pytest.mark.parametrize(
    "text,language",
    [
        ("Le Kenya a reconnu le gouvernement de transition soudanais.", "fr"),
        ("Le Maroc a reconnu la souveraineté de l'Espagne sur Ceuta.", "fr"),
    ],
)
def test_coder_recognition_stays_support(code, text, language):
    events = code(text, language=language)
    assert "SUPPORT" in categories(events) and "CONCEDE" not in categories(events)


def test_coder_a_suspension_lifted_on_a_weekday_is_a_concession(code):
    """The parser may hang the measure on the weekday between the verb and it; it is still lifted."""
    events = code("L'Union africaine a levé mercredi la suspension du Gabon.", language="fr")
    event = only(events, "CONCEDE")
    assert codes(event.actor) == ["IGO"] and codes(event.recipient) == ["GAB"]
    assert "SANCTION" not in categories(events)


@pytest.mark.parametrize(
    "text,language,actor,recipient",
    [
        ("Hungary said it would not block the accession of Ukraine to the European Union.", "en", "HUN", "UKR"),
        ("Turkey said it would not oppose Sweden's membership of NATO.", "en", "TUR", "SWE"),
        ("La Hongrie a assuré qu'elle ne bloquerait pas l'adhésion de l'Ukraine à l'Union européenne.", "fr", "HUN", "UKR"),
        ("La Grèce a indiqué qu'elle ne s'opposerait pas à l'adhésion de la Macédoine du Nord.", "fr", "GRC", "MKD"),
    ],
)
def test_coder_a_promise_not_to_obstruct_is_an_agreement(code, text, language, actor, recipient):
    """A party that says it will not block or oppose another's step commits to let it happen: verbal
    cooperation (AGREE), not a negated refusal kept out of the counts."""
    events = code(text, language=language)
    event = only(events, "AGREE")
    assert codes(event.actor) == [actor] and codes(event.recipient) == [recipient]
    assert not event.negated and not event.hypothetical
    assert "REJECT" not in categories(events)


@pytest.mark.parametrize(
    "text,language",
    [
        ("Serbia blocked the accession of Kosovo to the Council of Europe.", "en"),
        ("Russia said it would not withdraw its troops from Syria.", "en"),
    ],
)
def test_coder_a_refusal_stays_a_refusal(code, text, language):
    """Blocking done, or a future refusal to yield, stays REJECT."""
    assert "REJECT" in categories(code(text, language=language))


@pytest.mark.parametrize(
    "text,language,actor,recipient",
    [
        ("Mexican diplomats left Quito two days later.", "en", "MEX", "ECU"),
        ("The French ambassador left Niamey on Friday.", "en", "FRA", "NER"),
        ("Les diplomates français ont quitté Niamey vendredi.", "fr", "FRA", "NER"),
    ],
)
def test_coder_envoys_leaving_are_withdrawn(code, text, language, actor, recipient):
    """A state's envoys who leave the country they serve in are withdrawn (SANCTION withdraw, like a
    recall), whoever ordered it."""
    event = only(code(text, language=language), "SANCTION")
    assert event.mode == "withdraw"
    assert codes(event.actor) == [actor] and codes(event.recipient) == [recipient]


def test_coder_other_people_leaving_are_no_sanction(code):
    events = code("The French tourists left Niamey on Friday.", language="en")
    assert "SANCTION" not in categories(events)


@pytest.mark.parametrize(
    "text,language,actors",
    [
        ("Turkey and Israel restored ambassadors in 2022.", "en", ["ISR", "TUR"]),
        ("L'Égypte et la Turquie ont rétabli leurs ambassadeurs en juillet.", "fr", ["EGY", "TUR"]),
    ],
)
def test_coder_restoring_ambassadors_is_support(code, text, language, actors):
    """Ambassadors restored mend relations: diplomatic cooperation (SUPPORT), as restored ties are."""
    assert codes(only(code(text, language=language), "SUPPORT").actor) == actors


@pytest.mark.parametrize(
    "text,language",
    [
        ("Kyiv let the gas transit deal with Moscow expire on January 1.", "en"),
        ("Kiev a laissé expirer le contrat de transit avec Moscou.", "fr"),
    ],
)
def test_coder_an_agreement_let_lapse_is_ended(code, text, language):
    """Letting an agreement expire ends it (SANCTION discontinue), done by whoever lets it lapse."""
    event = only(code(text, language=language), "SANCTION")
    assert event.mode == "discontinue"
    assert codes(event.actor) == ["UKR"] and codes(event.recipient) == ["RUS"]


def test_coder_a_ceasefire_let_lapse_is_no_sanction(code):
    events = code("The rebels let the ceasefire expire on Sunday.", language="en")
    assert "SANCTION" not in categories(events)


@pytest.mark.parametrize(
    "text",
    [
        "Somalia called the memorandum with Ethiopia an attack on its sovereignty.",
        "Venezuela called the deployment by Guyana an invasion.",
    ],
)
def test_coder_an_act_named_as_an_attack_is_disapproval_not_a_request(code, text):
    """Naming another's act with a word of conflict ("called it an attack") judges it (ACCUSE
    disapprove); the naming verb is no "call on" demand (REQUEST) and the attack is no violence done."""
    events = code(text, language="en")
    assert only(events, "ACCUSE").mode == "disapprove"
    assert not {"REQUEST", "ASSAULT"} & set(categories(events))


@pytest.mark.parametrize(
    "text,language,first",
    [
        ("Le Niger a fermé sa frontière, accusant le Bénin d'abriter des bases étrangères.", "fr", "COERCE"),
        ("Le Mali a rompu ses relations avec l'Ukraine, accusant Kiev d'avoir soutenu les rebelles.", "fr", "SANCTION"),
        ("Rwanda cut ties with Belgium, accusing Brussels of taking sides in the war.", "en", "SANCTION"),
    ],
)
def test_coder_a_participle_after_a_comma_is_an_act_of_its_own(code, text, language, first):
    """« ..., accusant X de ... »: a present participle set off by a comma tells a second act of the
    same subject (ACCUSE), not the content of the first one, even where the parser hangs it as a
    complement of the first verb."""
    events = code(text, language=language)
    assert first in categories(events)
    event = only(events, "ACCUSE")
    assert codes(event.recipient) in (["BEN"], ["UKR"], ["BEL"])


def test_coder_a_gerund_complement_still_folds(code):
    """Without the comma a gerund is the content of its verb ("began expelling"): one event."""
    events = code("Iran began expelling thousands of Afghans.", language="en")
    assert categories(events) == ["COERCE"]


def test_coder_an_overthrow_told_as_a_noun_is_a_seizure(code):
    """« Le renversement du président » is the coup told as a noun (COERCE seize, as the verb is)."""
    events = code("Le renversement du président Bazoum par l'armée nigérienne a choqué la région.", language="fr")
    assert only(events, "COERCE").mode == "seize"
