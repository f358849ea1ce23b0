"""The near-duplicate signature is datasketch's MinHash of the text's shingles, value for value.

``NearDuplicates.signature`` applies datasketch's permutations to the whole array of hashes at once;
what it stores must stay what ``MinHash.update_batch`` gives, or stored signatures would stop
matching new ones.
"""

from __future__ import annotations

import numpy as np
import pytest
from datasketch import LeanMinHash, MinHash

from dyadwatch.ingest.dedup import NearDuplicates, _hash_array, _hashes, encode, shingles

TEXTS = [
    "Ghana and Peru signed a fishing accord in Accra on Friday.\nOfficials said the talks would go on.",
    "Le Pérou a rappelé son ambassadeur au Ghana ; « une décision grave », a dit le ministre.",
    "Short text",  # fewer words than a shingle: the words themselves
    "",  # no words at all
    "the same words the same words the same words the same words",  # repeated shingles
]


def reference(index: NearDuplicates, text: str) -> LeanMinHash:
    """The signature as datasketch computes it, one MinHash per text."""
    proto = index._proto
    m = MinHash(num_perm=index.num_perm, seed=1, permutations=proto.permutations, scheme=proto.scheme)
    m.update_batch(sorted(shingles(text)) or [b""])
    return LeanMinHash(m)


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("num_perm", [64, 128])
def test_dedup_signature_equals_datasketch_minhash(text: str, num_perm: int) -> None:
    index = NearDuplicates(0.8, num_perm)
    ours, theirs = index.signature(text), reference(index, text)
    assert ours.hashvalues.dtype == theirs.hashvalues.dtype
    assert np.array_equal(ours.hashvalues, theirs.hashvalues)
    assert encode(ours) == encode(theirs)


def test_dedup_hash_array_is_sha1_hash32_of_each_value() -> None:
    values = [b"", b"a b c", "é à ç".encode("utf-8"), b"x" * 100]
    assert _hash_array(values).tolist() == _hashes(values)
