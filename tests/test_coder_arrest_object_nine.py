"""A named person as the object of an arrest verb (issue 5, ninth round).

« interpeller » is an arrest of a person and a call on an institution (« interpeller le gouvernement
sur … », REQUEST-like, never an arrest). Its exclusions name the institutions; they were read on the
subject too, so « les autorités ont interpellé <nom> » coded nothing. Once the object is a person's
name, the subject's words no longer cancel the arrest. « placer … en garde à vue » is read even when
the parse hangs « en garde » on the object. Every sentence is our own.
"""

import pytest

from coded import only

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    "text",
    [
        "Les autorités algériennes ont interpellé Karim Benali mardi.",
        "Les autorités marocaines ont interpellé Youssef Amrani à Fès.",
        "La police a interpellé Sofiane Haddad à Oran.",
        "Les autorités ont arrêté Nadia Bouzid jeudi.",
        "Les autorités ont placé Karim Benali en garde à vue mardi.",
        "La police a placé le journaliste en garde à vue.",
    ],
)
def test_coder_named_person_interpelled_by_the_authorities_is_arrested(code, text):
    """An arrest verb with a person's name for its object is an arrest (COERCE arrest), whoever the
    subject: « les autorités » as the one who acts does not make it a call on the authorities."""
    event = only(code(text, language="fr"), "COERCE")
    assert event.mode == "arrest"


@pytest.mark.parametrize(
    "text",
    [
        "Le député a interpellé les autorités sur la pénurie d'eau.",
        "L'opposition a interpellé le gouvernement sur le chômage.",
        "Amnesty a interpellé les autorités algériennes.",
        "Les syndicats ont interpellé le ministre de l'Intérieur.",
        "L'armée a placé des gardes devant le palais présidentiel.",
    ],
)
def test_coder_institution_interpelled_is_no_arrest(code, text):
    """« interpeller » an institution or an office holder is calling on them, never an arrest; guards
    posted (« placer des gardes ») are no custody."""
    assert not [e for e in code(text, language="fr") if e.mode == "arrest"]


@pytest.mark.parametrize(
    "text",
    [
        "Police detained Ahmed Saleh on Tuesday.",
        "The authorities arrested Omar Khalil in Cairo.",
    ],
)
def test_coder_named_person_detained_is_arrested_in_english(code, text):
    """The English arrest verbs already read a named object as the one arrested; they stay so."""
    event = only(code(text, language="en"), "COERCE")
    assert event.mode == "arrest"
