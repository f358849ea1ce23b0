"""Issue 4 on the demo corpus: the persons of the gold get the right country and sector.

The gold measures; it is not an answer key. This test only guards the
thresholds the issue sets, computed by the same scorer `dyadwatch eval` prints.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dyadwatch.eval import evaluate, load_gold

DEMO_GOLD = Path(__file__).resolve().parents[1] / "examples" / "demo" / "gold.jsonl"


@pytest.mark.slow  # codes the 40 demo articles with both models (about 30 s here)
def test_actors_demo_corpus_person_country_and_sector_accuracy(config):
    result = evaluate(load_gold(str(DEMO_GOLD)), config)
    actors = result["actors"]
    assert actors["country_accuracy"] >= 0.9, actors
    assert actors["sector_accuracy"] >= 0.8, actors
    assert actors["found_rate"] >= 0.9, actors["missed"]
