"""Near-duplicate detection: MinHash LSH over word 3-grams (datasketch).

This sits in ingest, between reading and coding. Exact copies already share
an article id (a hash of the normalised text and URL); near-duplicates are
the same story with small edits: boilerplate added, a new headline, the last
paragraph trimmed, or the same text under another URL. The run loop stores
such an article as a *report* of its first copy (``duplicate_of``) and does
not code it, so its events are never counted twice.

Why signatures are stored, not recomputed: a later run must know the
articles already in the store. Each article's MinHash (512 bytes at 128
permutations) is stored with it, so a new run rebuilds the index with one
column scan, instead of reading every stored text back and shingling it
again (texts are ~10x larger and shingling is the expensive part). Only the
index lives in memory (about num_perm × 8 bytes per article); past a few
million articles it should move to datasketch's Redis storage or a band
table in the store.
"""

from __future__ import annotations

import base64
import re
import unicodedata
from hashlib import sha1
from itertools import accumulate
from operator import methodcaller
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from dyadwatch.config import Config
from dyadwatch.records import Article


def _builtin_sha1() -> Any:
    """CPython's own SHA-1 (the same digests), or hashlib's where Python was built without it.

    Why: for the 3-grams' short inputs it is about a third faster than OpenSSL's, whose context
    setup per hash object costs more than hashing twenty bytes.
    """
    try:
        import _sha1  # type: ignore[import-not-found]
    except ImportError:  # pragma: no cover - a Python built without it
        return sha1
    return _sha1.sha1


_short_sha1 = _builtin_sha1()

_WORD = re.compile(r"\w+", re.UNICODE)
_SHINGLE = 3
_SEED = 1


@dataclass(frozen=True)
class Match:
    """The outcome of one check: the first copy it duplicates (if any), and its signature."""

    duplicate_of: str | None
    similarity: float
    signature: str


def shingles(text: str) -> set[bytes]:
    """Lower-cased word 3-grams of the normalised text (the words themselves for very short texts)."""
    return set(_shingle_list(text))


def _words(text: str) -> list[str]:
    """The lowercase words of the normalised text (``normalise_text``): its NFC form is enough.

    Why: the rest of the normalisation unifies line endings and runs of spaces, which no word
    contains, so the words are the same (``tests/test_speed6_shingle_words.py``) for a third of its cost.
    """
    return _WORD.findall(unicodedata.normalize("NFC", text).lower())


def _shingle_list(text: str) -> list[bytes]:
    """The shingles in text order, repeats kept: a MinHash is a minimum, which a repeat cannot change,
    so the signature needs no set (building one cost a quarter of the shingling)."""
    words = _words(text)
    if len(words) < _SHINGLE:
        return [w.encode("utf-8") for w in words]
    return [f"{a} {b} {c}".encode("utf-8") for a, b, c in zip(words, words[1:], words[2:])]


def _hashes(values: Any) -> list[int]:
    """datasketch's default 32-bit hash of each value (``sha1_hash32``: the first 4 bytes of SHA-1,
    little-endian), in one comprehension instead of a function call per value."""
    return [int.from_bytes(sha1(v).digest()[:4], "little") for v in values]


def _hash_array(values: list[bytes]) -> Any:
    """The same hashes as ``_hashes``, as a uint32 array."""
    return _digest_words(b"".join([sha1(v).digest() for v in values]))


def _digest_words(digests: bytes) -> Any:
    """SHA-1 digests joined, read as little-endian 32-bit words, of which every fifth (a digest is five
    words) is the first four bytes of one: datasketch's 32-bit hash of each value, as a uint32 array."""
    import numpy as np

    return np.frombuffer(digests, dtype="<u4")[::5].astype(np.uint32)


def _shingle_digests(text: str) -> bytes:
    """The SHA-1 digests of ``_shingle_list(text)`` (or of b"" when it is empty), joined.

    The words are joined and encoded once, and each 3-gram hashed as a slice of those bytes: the
    same bytes as formatting and encoding a string per 3-gram, which cost as much as the hashing.
    """
    words = _words(text)
    if len(words) < _SHINGLE:
        return b"".join([sha1(v).digest() for v in [w.encode("utf-8") for w in words] or [b""]])
    joined = " ".join(words)
    data = joined.encode("utf-8")
    sizes = map(len, words) if len(data) == len(joined) else [len(w.encode("utf-8")) for w in words]
    # where each word starts in ``data`` (one space after each); 3-gram k ends before the space ahead of word k + 3
    starts = list(accumulate(map((1).__add__, sizes), initial=0))
    ends = map((-1).__add__, starts[_SHINGLE:])
    # slice, hash and digest through ``map``: no Python frame per 3-gram (a fifth of the check's time)
    return b"".join(map(_DIGEST, map(_short_sha1, map(data.__getitem__, map(slice, starts, ends)))))


_DIGEST = methodcaller("digest")


@lru_cache(maxsize=8)
def _bands(threshold: float, num_perm: int) -> tuple[int, int] | None:
    """The LSH index's (bands, rows) for a threshold, chosen once per process.

    datasketch picks them by numerical integration (about 40 ms, each time an index is built); the
    choice depends only on the threshold and num_perm, so it is made once and passed as ``params``.
    """
    try:
        from datasketch.lsh import _optimal_param
    except ImportError:  # another datasketch: let the index choose, as before
        return None
    b, r = _optimal_param(threshold, num_perm, 0.5, 0.5)
    return int(b), int(r)


def _affine32_mix(scheme: str) -> Any:
    """datasketch's premix of the "affine32" scheme (its ``_fmix``), when that is the scheme in use; None
    otherwise (another scheme or another datasketch: ``signature`` goes through ``MinHash`` as before)."""
    if scheme != "affine32":
        return None
    try:
        from datasketch.minhash import _fmix
    except ImportError:
        return None
    return _fmix


class NearDuplicates:
    """An LSH index of first copies; ``check`` links an article to one or adds it."""

    def __init__(self, threshold: float, num_perm: int) -> None:
        from datasketch import MinHash, MinHashLSH

        self.threshold = threshold
        self.num_perm = num_perm
        # one MinHash's permutations, shared: generating them per article costs more than hashing
        self._proto = MinHash(num_perm=num_perm, seed=_SEED)
        self._lsh = MinHashLSH(threshold=min(threshold, 0.99), num_perm=num_perm, params=_bands(min(threshold, 0.99), num_perm))
        self._sigs: dict[str, Any] = {}
        self._mix = _affine32_mix(self._proto.scheme)

    @classmethod
    def from_store(cls, store: Any, config: Config) -> "NearDuplicates | None":
        """The index of the first copies already stored; None when the check is off."""
        if config.near_duplicate_threshold >= 1.0 or config.near_duplicate_threshold <= 0.0:
            return None
        index = cls(config.near_duplicate_threshold, config.near_duplicate_num_perm)
        rows = store.query("SELECT id, minhash FROM articles WHERE duplicate_of IS NULL")
        stale = [r[0] for r in rows if not r[1] or not index.add_stored(r[0], r[1])]
        # rows from before migration 2, or from another num_perm: shingle their texts once more
        for start in range(0, len(stale), 500):
            chunk = stale[start : start + 500]
            for aid, text in store.query("SELECT id, text FROM articles WHERE id IN (SELECT unnest(?))", [chunk]):
                index._insert(aid, index.signature(text))
        return index

    def signature(self, text: str) -> Any:
        from datasketch import LeanMinHash, MinHash

        if self._mix is not None:
            # datasketch's "affine32" scheme, applied to the whole array at once: the hashes premixed, then each
            # permutation a * h + b in uint32 (its wraparound is the modulo), and the minimum per permutation;
            # the same values as ``MinHash.update_batch``, without a MinHash per article (tests/test_dedup_signature.py)
            a, b = self._proto.permutations
            mixed = self._mix(_digest_words(_shingle_digests(text)), 32)
            return LeanMinHash(seed=_SEED, hashvalues=(mixed[:, None] * a + b).min(axis=0), scheme=self._proto.scheme)
        values = _shingle_list(text) or [b""]
        # the values arrive hashed (``_hashes``, the same numbers as datasketch's sha1_hash32): ``int`` passes them on
        m = MinHash(num_perm=self.num_perm, seed=_SEED, hashfunc=int, permutations=self._proto.permutations, scheme=self._proto.scheme)
        m.update_batch(_hashes(values))
        return LeanMinHash(m)

    def add_stored(self, article_id: str, encoded: str) -> bool:
        """Index a stored signature; False when it was made with another num_perm."""
        import numpy as np
        from datasketch import LeanMinHash

        values = np.frombuffer(base64.b64decode(encoded), dtype="<u4").astype(np.uint64)
        if len(values) != self.num_perm:
            return False
        self._insert(article_id, LeanMinHash(seed=_SEED, hashvalues=values, scheme=self._proto.scheme))
        return True

    def check(self, article: Article) -> Match:
        """Link ``article`` to the most similar first copy above the threshold, or index it as one."""
        sig = self.signature(article.text)
        best: tuple[float, str] | None = None
        for key in self._lsh.query(sig):
            if key == article.id:
                continue
            similarity = float(sig.jaccard(self._sigs[key]))
            # highest similarity, then the smaller id: the same choice whatever the order of indexing
            if similarity >= self.threshold and (best is None or similarity > best[0] or similarity == best[0] and key < best[1]):
                best = (similarity, key)
        if best is None:
            self._insert(article.id, sig)
            return Match(None, 1.0, encode(sig))
        return Match(best[1], best[0], encode(sig))

    def _insert(self, article_id: str, sig: Any) -> None:
        if article_id not in self._sigs:
            self._sigs[article_id] = sig
            self._lsh.insert(article_id, sig)


def encode(sig: Any) -> str:
    """A signature as base64 of little-endian uint32 values (VARCHAR in every store)."""
    import numpy as np

    return base64.b64encode(np.asarray(sig.hashvalues, dtype="<u4").tobytes()).decode("ascii")


def similarity(a: str, b: str, num_perm: int = 128) -> float:
    """Estimated Jaccard similarity of two texts (for tests and tuning)."""
    index = NearDuplicates(0.5, num_perm)
    return float(index.signature(a).jaccard(index.signature(b)))


def exact_jaccard(a: str, b: str) -> float:
    sa, sb = shingles(a), shingles(b)
    return len(sa & sb) / len(sa | sb) if sa | sb else 1.0
