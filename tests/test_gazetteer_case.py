"""Outlet names that are also common phrases are outlets only when written as names."""

import pytest

from dyadwatch.actors.gazetteer import build_gazetteer
from dyadwatch.config import Config


@pytest.mark.parametrize(
    "language,text,outlet",
    [
        ("fr", "La crise inquiète le monde entier , selon Le Monde", ["Le", "Monde"]),
        ("fr", "le point de passage a rouvert , écrit Le Point", ["Le", "Point"]),
        ("en", "in times of war the paper , told The Times", ["The", "Times"]),
    ],
)
def test_gazetteer_outlet_needs_its_capitals(language, text, outlet):
    gaz = build_gazetteer(language, Config().models[language])
    words = text.split()
    found = [words[m.start : m.end] for m in gaz.match(words) if m.entry.kind == "media"]
    assert found == [outlet]
