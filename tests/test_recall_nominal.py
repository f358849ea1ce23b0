"""Nouns of an act take their verb's patterns (recall, twelfth round).

Family: an act told by its noun (« l'envoi de navires », "the severing of ties", « la réouverture de
la frontière ») found no trigger where the verb's pattern ("send ships", « rompre relations ») would
have; the lexicons map such nouns to their verb (``nominalisations``) and the noun takes the verb's
patterns of several words. One-word patterns are not copied: a bare noun of an act says less than
its verb with an object. Every sentence is our own.
"""

import pytest

from coded import codes, only
from dyadwatch.events.lexicon import load_lexicon

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    "text,language,category,actor,recipient",
    [
        ("Peru announced the deployment of warships off the coast of Ecuador.", "en", "MOBILIZE", "PER", "ECU"),
        ("Le Pérou a annoncé l'envoi de navires de guerre au large de l'Équateur.", "fr", "MOBILIZE", "PER", "ECU"),
        ("Ghana announced the severing of diplomatic ties with Mali.", "en", "SANCTION", "GHA", "MLI"),
        ("Ghana announced the reopening of its border with Togo.", "en", "RETREAT", "GHA", "TGO"),
        ("Le Ghana a annoncé la réouverture de sa frontière avec le Togo.", "fr", "RETREAT", "GHA", "TGO"),
    ],
)
def test_recall_noun_of_an_act_codes_as_its_verb(code, text, language, category, actor, recipient):
    event = only(code(text, language=language), category)
    assert codes(event.actor) == [actor] and codes(event.recipient) == [recipient]


@pytest.mark.parametrize(
    "text,language",
    [
        ("La fermeture du restaurant a surpris les habitants du quartier.", "fr"),
        ("The closure of the factory surprised the residents.", "en"),
        ("La vente de la maison a eu lieu mardi.", "fr"),
    ],
)
def test_recall_noun_of_an_act_without_the_verbs_object_codes_nothing(code, text, language):
    """Only the verb's patterns of several words are copied: a closure of a restaurant is no closed border."""
    assert code(text, language=language) == []


@pytest.mark.parametrize("language,noun,words", [("fr", "envoi", ("envoi", "navire")), ("en", "severing", ("severing", "tie"))])
def test_recall_lexicon_gives_the_noun_the_verbs_pattern(language, noun, words):
    assert any(t.words == words and t.pos == "NOUN" for t in load_lexicon(language).triggers[noun])


@pytest.mark.parametrize("language,noun", [("fr", "envoi"), ("en", "severing")])
def test_recall_lexicon_copies_no_one_word_pattern(language, noun):
    """Nouns with no pattern of their own in the files: only the copies of several words are there."""
    assert all(len(t.words) > 1 for t in load_lexicon(language).triggers[noun])
