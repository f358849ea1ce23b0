"""The near-duplicate signature hashes each 3-gram as a slice of the words encoded once: the same bytes."""

from __future__ import annotations

from hashlib import sha1

import pytest

from dyadwatch.ingest.dedup import _shingle_digests, _shingle_list


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Talks",
        "Talks resumed",
        "Talks resumed today in the capital, officials said.",
        "Le ministre a reçu son homologue à Alger ; « une étape », a-t-il dit.",
        "Ştefan and Ærø met in Zürich — naïve café talks, 2024 edition.",
        "東京 と 北京 の 会談 が 再開 した",
        "the same words the same words the same words",
        "  spaced\tout\n\nwords   and   more  ",
    ],
)
def test_shingle_digests_are_the_digests_of_each_shingle(text: str) -> None:
    expected = b"".join(sha1(v).digest() for v in (_shingle_list(text) or [b""]))
    assert _shingle_digests(text) == expected
