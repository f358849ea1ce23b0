"""Three small gaps: arrests told with « interpeller » whatever its subject, releases of detained
people (and not of statements), and a reaction that answers an intergovernmental body's act told
in the sentence before."""

import pytest

from coded import codes, only

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    "text, language, actor, recipient",
    [
        # the authorities are the subject: « interpeller » a person is an arrest, not a call upon them
        ("Les autorités algériennes ont interpellé un journaliste français.", "fr", ["DZA"], ["FRA"]),
        ("Un journaliste français a été interpellé par les autorités algériennes.", "fr", ["DZA"], ["FRA"]),
        ("La police marocaine a interpellé deux suspects à Tanger.", "fr", ["MAR"], ["MAR"]),
        ("Trois manifestants ont été interpellés par la police tunisienne à Sfax.", "fr", ["TUN"], ["TUN"]),
        ("Les autorités algériennes ont appréhendé un journaliste français.", "fr", ["DZA"], ["FRA"]),
        ("La justice algérienne a écroué un journaliste français.", "fr", ["DZA"], ["FRA"]),
        ("Le parquet algérien a placé en détention un journaliste français.", "fr", ["DZA"], ["FRA"]),
        # « a procédé à l'arrestation de » : the police did what the noun names
        ("La police algérienne a procédé à l'arrestation de trois suspects.", "fr", ["DZA"], ["DZA"]),
        ("La police algérienne a procédé à l'interpellation de trois journalistes français.", "fr", ["DZA"], ["FRA"]),
        ("Moroccan police apprehended two suspects in Tangier.", "en", ["MAR"], ["MAR"]),
        ("Tunisian police took three protesters into custody in Sfax.", "en", ["TUN"], ["TUN"]),
        ("Algerian police detained a French journalist on Tuesday.", "en", ["DZA"], ["FRA"]),
    ],
)
def test_gaps_arrest_verbs_are_coerce_arrest(code, text, language, actor, recipient):
    event = only(code(text, language=language), "COERCE")
    assert event.mode == "arrest"
    assert codes(event.actor) == actor
    assert codes(event.recipient) == recipient


@pytest.mark.parametrize(
    "text",
    [
        # « interpeller » a minister or a government is to call upon them; « procéder à » a check arrests nobody
        "L'opposition a interpellé le gouvernement algérien sur la crise.",
        "Le député a interpellé le ministre des Affaires étrangères sur le sort du journaliste détenu.",
        "Un journaliste français a interpellé le président algérien lors de la conférence de presse.",
        "Les ONG interpellent le gouvernement sénégalais sur la pêche illégale.",
        "La police algérienne a procédé à la vérification des documents des voyageurs.",
    ],
)
def test_gaps_calling_upon_a_leader_or_a_routine_check_is_no_arrest(code, text):
    assert all(e.category != "COERCE" for e in code(text, language="fr"))


@pytest.mark.parametrize(
    "text, language, actor, recipient",
    [
        ("Niger released the Beninese nationals it had held since June.", "en", ["NER"], ["BEN"]),
        ("Senegal freed the Mauritanian activist on Friday.", "en", ["SEN"], ["MRT"]),
        ("Le Niger a relâché les ressortissants béninois détenus depuis juin.", "fr", ["NER"], ["BEN"]),
        ("Le Sénégal a libéré le militant mauritanien.", "fr", ["SEN"], ["MRT"]),
    ],
)
def test_gaps_release_of_detained_people_is_retreat_release(code, text, language, actor, recipient):
    event = only(code(text, language=language), "RETREAT")
    assert event.mode == "release"
    assert codes(event.actor) == actor
    assert codes(event.recipient) == recipient


@pytest.mark.parametrize(
    "text, language",
    [
        ("The Ivorian government released a statement on the situation.", "en"),
        ("The Senegalese ministry released a report on illegal fishing.", "en"),
        ("Le gouvernement ivoirien a publié un communiqué sur la situation.", "fr"),
    ],
)
def test_gaps_a_released_statement_is_no_release(code, text, language):
    assert all(e.category != "RETREAT" for e in code(text, language=language))


@pytest.mark.parametrize(
    "text, language, category, actor, body",
    [
        ("The European Commission proposed new migration quotas on Monday. Hungary rejected the plan.",
         "en", "REJECT", ["HUN"], "EUR"),
        ("NATO announced new deployments to Estonia. Moscow condemned the move.", "en", "ACCUSE", ["RUS"], "IGO"),
        ("La Commission européenne a proposé lundi de nouveaux quotas migratoires. La Hongrie a rejeté cette proposition.",
         "fr", "REJECT", ["HUN"], "EUR"),
        ("L'OTAN a annoncé le déploiement de nouvelles troupes en Estonie. Moscou a condamné cette décision.",
         "fr", "ACCUSE", ["RUS"], "IGO"),
    ],
)
def test_gaps_a_reaction_answers_the_body_that_acted_before(code, text, language, category, actor, body):
    event = only(code(text, language=language), category)
    assert codes(event.actor) == actor
    assert codes(event.recipient) == [body]
