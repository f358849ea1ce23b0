"""A judgement told as a second act of the same subject, aimed at a party the text only describes.

"X cut ties with Y, accusing the neighbour of ..." names Y twice: once by name as the one the first act
was done to, once by a description ("the former colonial power", « l'ancienne puissance coloniale »)
that the actor stage cannot place. The accusation's target is the first act's recipient. A named
target keeps its own reading, and so does a participle that is not set off as a second act. Every
sentence is our own.
"""

import pytest

from coded import codes, only

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    ("text", "language", "actor", "target"),
    [
        ("Rwanda cut diplomatic relations with Belgium on Monday, accusing the former colonial power of bias.", "en", "RWA", "BEL"),
        ("Sudan cut ties with the United Arab Emirates and recalled its ambassador, accusing the Gulf state of arming rebels.", "en", "SDN", "ARE"),
        ("L'Algérie a rappelé son ambassadeur à Paris, accusant l'ancienne puissance coloniale de mépris.", "fr", "DZA", "FRA"),
        ("Le Mali a rompu ses relations diplomatiques avec l'Ukraine, accusant le pays d'avoir soutenu les rebelles.", "fr", "MLI", "UKR"),
    ],
)
def test_category_described_target_of_detached_accusation_is_first_acts_recipient(code, text, language, actor, target):
    event = only(code(text, language=language), "ACCUSE")
    assert codes(event.actor) == [actor]
    assert codes(event.recipient) == [target]


@pytest.mark.parametrize(
    ("text", "language", "target"),
    [
        ("Sudan cut diplomatic relations with Chad, accusing Egypt of arming the rebels.", "en", "EGY"),
        ("Le Tchad a rompu ses relations avec le Soudan, accusant l'Égypte d'armer les rebelles.", "fr", "EGY"),
    ],
)
def test_category_named_target_of_detached_accusation_is_kept(code, text, language, target):
    event = only(code(text, language=language), "ACCUSE")
    assert codes(event.recipient) == [target]
