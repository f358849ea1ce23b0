"""Language identification with lingua, restricted to a few likely languages.

We only code English and French, but the detector also knows the languages
that most often appear in the same feeds (Arabic, Spanish, German, ...), so
that an Arabic or German article is reported as 'other' instead of being
forced into the closest coded language.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

_CANDIDATES = ("ENGLISH", "FRENCH", "ARABIC", "SPANISH", "GERMAN", "ITALIAN", "PORTUGUESE", "DUTCH", "RUSSIAN", "TURKISH")


@lru_cache(maxsize=1)
def _detector() -> Any:
    from lingua import Language, LanguageDetectorBuilder

    languages = [getattr(Language, name) for name in _CANDIDATES]
    return LanguageDetectorBuilder.from_languages(*languages).build()


def detect_language(text: str, min_confidence: float = 0.5) -> tuple[str, float]:
    """Return (ISO 639-1 code or 'other', confidence) for the text.

    Only the first few thousand characters are read: language does not change
    mid-article, and detection time grows with length.
    """
    sample = text[:3000]
    if not any(ch.isalpha() for ch in sample):
        return "other", 0.0
    values = _detector().compute_language_confidence_values(sample)
    if not values:
        return "other", 0.0
    best = values[0]
    code = best.language.iso_code_639_1.name.lower()
    if best.value < min_confidence:
        return "other", float(best.value)
    return code, float(best.value)
