"""Trigger coverage for wire phrasings that coded nothing (issue 5), English and French.

Each case is a sentence of our own in the style of a news report, with the category (and
mode) that the PLOVER definitions give it and the country of its actor. They exercise the
lexicon entries for announced agreements and funding, judgements made by naming an act,
forces leaving a base, stopped deliveries and trade, coups, and applications to join a body.
"""

from __future__ import annotations

import pytest

from coded import codes, only

CASES = [
    # AGREE: an agreement or funding made public is a commitment to future cooperation
    ("en", "Ghana and Togo announced an agreement on Monday to patrol their shared coast together.", "AGREE", None, "GHA"),
    ("en", "Italy announced funding of 30 million euros for hospitals in Tunisia.", "AGREE", None, "ITA"),
    ("en", "Chile and Peru set up a joint commission to settle disputes over fishing rights.", "AGREE", None, "CHL"),
    ("en", "Belgium will pay compensation to the families of Congolese victims, the minister said.", "AGREE", None, "BEL"),
    ("fr", "Le Sénégal et la Mauritanie ont annoncé un accord sur l'exploitation commune du gisement de gaz.", "AGREE", None, "SEN"),
    ("fr", "Le Bénin et le Niger ont créé une commission mixte chargée de rouvrir le commerce frontalier.", "AGREE", None, "BEN"),
    # ACCUSE disapprove: a judgement given by naming the other side's act
    ("en", "Beijing called the passage of the American destroyer a provocation.", "ACCUSE", "disapprove", "CHN"),
    ("en", "Armenia described the decision as a hostile act.", "ACCUSE", "disapprove", "ARM"),
    ("fr", "Alger a qualifié d'acte hostile la décision de Madrid.", "ACCUSE", "disapprove", "DZA"),
    ("fr", "Téhéran a qualifié d'ingérence les déclarations du ministre britannique.", "ACCUSE", "disapprove", "IRN"),
    # RETREAT withdraw: forces leaving ground or a base they held
    ("en", "German soldiers left the air base in Niamey on Tuesday.", "RETREAT", "withdraw", "DEU"),
    ("fr", "Les soldats allemands ont quitté la base aérienne de Niamey mardi.", "RETREAT", "withdraw", "DEU"),
    # SANCTION discontinue: trade or deliveries stopped
    ("en", "Azerbaijan froze trade with Armenia after the clashes.", "SANCTION", "discontinue", "AZE"),
    ("en", "Kazakhstan stopped deliveries of coal to Kyrgyzstan on Friday.", "SANCTION", "discontinue", "KAZ"),
    ("fr", "Le Kazakhstan a cessé les livraisons de charbon au Kirghizistan vendredi.", "SANCTION", "discontinue", "KAZ"),
    ("fr", "La Lituanie a suspendu les livraisons d'électricité à la Biélorussie.", "SANCTION", "discontinue", "LTU"),
    ("en", "Ankara suspended imports of citrus fruit from Egypt.", "SANCTION", "discontinue", "TUR"),
    ("fr", "Le Kremlin a interrompu les exportations de pétrole vers la Pologne.", "SANCTION", "discontinue", "RUS"),
    # SANCTION: people or firms put on a blacklist
    ("fr", "Les Vingt-Sept ont inscrit dix responsables iraniens sur leur liste noire.", "SANCTION", None, "EUR"),
    # COERCE restrict: the right to enter withdrawn
    ("fr", "La Chine a révoqué les visas de trois journalistes australiens.", "COERCE", "restrict", "CHN"),
    # ACCUSE allege: another side held responsible
    ("fr", "Londres tient Téhéran pour responsable de la mort du journaliste.", "ACCUSE", "allege", "GBR"),
    # COERCE seize: a government taken by force
    ("en", "Officers toppled the government of Burkina Faso in September.", "COERCE", "seize", None),
    ("fr", "Des officiers ont renversé le gouvernement du Burkina Faso en septembre.", "COERCE", "seize", None),
    # RETREAT release: people held by one side given back to the other
    ("en", "Belarus returned eight Lithuanian detainees to Vilnius on Thursday.", "RETREAT", "release", "BLR"),
    ("fr", "La Russie a rendu quinze enfants ukrainiens à leurs familles.", "RETREAT", "release", "RUS"),
    # COERCE: nationality taken away from opponents
    ("fr", "Le Nicaragua a déchu 94 opposants de leur nationalité.", "COERCE", None, "NIC"),
    # REQUEST: asking to be admitted into a body
    ("en", "Georgia applied to join the European Union in March.", "REQUEST", None, "GEO"),
]


@pytest.mark.parametrize("language,text,category,mode,actor", CASES)
def test_lexicon_coverage_wire_phrasing_is_coded(code, language, text, category, mode, actor):
    events = code(text, language=language)
    event = only(events, category)
    if mode is not None:
        assert event.mode == mode, [(e.category, e.mode) for e in events]
    if actor is not None:
        assert actor in codes(event.actor), codes(event.actor)


@pytest.mark.parametrize(
    "language,text",
    [
        # topic uses of the same words: no accusation, no withdrawal, no stopped trade
        ("en", "The minister called his counterpart in Rome on Tuesday to discuss the harvest."),
        ("en", "Thousands of tourists left the beach resort before the storm."),
        ("fr", "Le ministre a qualifié la réunion de constructive."),
    ],
)
def test_lexicon_coverage_topic_uses_code_no_conflict(code, language, text):
    events = code(text, language=language)
    assert not [e for e in events if e.category in {"ACCUSE", "RETREAT", "SANCTION", "COERCE"}]
