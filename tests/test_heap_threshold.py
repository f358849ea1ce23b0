"""Settling the heap also makes the youngest garbage-collector generation less frequent, never more."""

from __future__ import annotations

import gc

import pytest

from dyadwatch.config import Config
from dyadwatch.nlp import models


@pytest.mark.parametrize(("young", "expected"), [(700, models.YOUNG_THRESHOLD), (50_000, 50_000), (0, 0)])
def test_settle_heap_raises_the_young_threshold_only_upwards(young: int, expected: int) -> None:
    models.load_pipeline("en", Config().models)
    settled, threshold = models._SETTLED[0], gc.get_threshold()
    models._SETTLED[0] = 0  # as in a fresh process that has just loaded its model
    gc.set_threshold(young, *threshold[1:])
    try:
        assert models.settle_heap() is True
        assert gc.get_threshold() == (expected, *threshold[1:])  # the older generations keep theirs
    finally:
        models._SETTLED[0] = max(settled, models._SETTLED[0])
        gc.set_threshold(*threshold)
