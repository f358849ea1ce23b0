"""A coarse guard on coding speed: the full path must stay within a loose factor of bare spaCy.

Both are measured in this process on the same texts after a warm-up (see
bench/throughput.py, which this reuses), so the ratio does not depend on how
fast the machine is. The floor is loose on purpose: it catches a hot spot
that makes coding several times slower, not noise. Measured here: about 0.8
on 300 articles (bench/throughput.py).
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench"
FLOOR = 0.3


def _bench_module():
    sys.path.insert(0, str(BENCH))
    try:
        spec = importlib.util.spec_from_file_location("dyadwatch_bench_throughput", BENCH / "throughput.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(str(BENCH))


@pytest.mark.slow
def test_throughput_full_path_stays_above_a_loose_fraction_of_bare_spacy(tmp_path, config):
    bench = _bench_module()
    result = bench.measure(20, False, config, tmp_path, sentences=4, repeat=3)
    assert result["errors"] == 0 and result["coded"] == 20
    assert result["ratio"] > FLOOR, (
        f"full path {result['full_rate']:.1f} art/s vs bare spaCy {result['floor_rate']:.1f} art/s: "
        f"ratio {result['ratio']:.2f} < {FLOOR}; profile with: python bench/throughput.py --profile cprofile"
    )
    # the run accounts for its time step by step: every stage, the store writes and the near-duplicate check
    steps = result["steps"]
    assert {"stage parse", "stage actors", "stage events", "store write", "near-duplicates"} <= set(steps)
    assert all(seconds >= 0 for seconds in steps.values())
    assert sum(steps.values()) <= result["full_seconds"] * 1.01
    assert steps["stage parse"] == max(steps.values())
