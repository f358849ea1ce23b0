"""Speed round six: the near-duplicate words are read from the NFC text alone, and are the words of the
fully normalised text (line endings and runs of spaces contain no word)."""

from __future__ import annotations

import unicodedata

import pytest

from dyadwatch.ingest.dedup import _WORD, _shingle_digests, _shingle_list, _words
from dyadwatch.records import normalise_text

TEXTS = [
    "Algeria recalled its ambassador to Paris on Monday.\r\nThe ministry said talks would resume.",
    "  The  minister\tmet his counterpart\u00a0in Rabat.\n\n\nBoth sides signed a deal.  ",
    "L'Algérie a rappelé son ambassadeur à Paris lundi.\r\rLe ministère a dénoncé « une provocation ».",
    unicodedata.normalize("NFD", "Le président français a reçu son homologue sénégalais à l’Élysée."),
    "Rabat\u2028et Alger\u3000ont signé un accord\x0bde coopération.",
    "İstanbul ŞEHRİ, Straße, ŒUVRE",
    "one two",
    "",
]


@pytest.mark.parametrize("text", TEXTS)
def test_speed6_words_of_nfc_text_equal_words_of_normalised_text(text: str) -> None:
    assert _words(text) == _WORD.findall(normalise_text(text).lower())


@pytest.mark.parametrize("text", TEXTS)
def test_speed6_shingle_digests_still_hash_the_shingle_list(text: str) -> None:
    from hashlib import sha1

    expected = b"".join(sha1(v).digest() for v in (_shingle_list(text) or [b""]))
    assert _shingle_digests(text) == expected


@pytest.mark.parametrize("value", [b"", b"rabat", "le pr\u00e9sident fran\u00e7ais".encode(), b"x" * 200])
def test_speed6_short_sha1_gives_hashlib_digests(value: bytes) -> None:
    from hashlib import sha1

    from dyadwatch.ingest.dedup import _short_sha1

    assert _short_sha1(value).digest() == sha1(value).digest()
