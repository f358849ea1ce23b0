"""Which annotated sets the learned steps may train on, and which stay blind.

A hold-out set is written blind, measured once by the session that wrote it,
and only then joins the development sets: from then on its misses may be read
and it may be trained on. Every training script takes its folds from here, so
that no script can train on a set that is still blind.
"""

from __future__ import annotations

# the folds of leave-one-set-out, in the order the fold tables print them
DEV_SETS = (
    "demo", "holdout", "holdout2", "holdout3", "holdout4", "holdout5", "holdout6", "holdout7",
    # written blind in the twelfth session as training data (events of 2019-2021 and 2015-2018), measured once
    "holdout9", "holdout10",
)

# written blind and not yet measured: never trained on, never read for errors
BLIND_SETS = ("holdout8",)


def check_trainable(names: list[str]) -> list[str]:
    """The names, or a ValueError that names the first blind or unknown set."""
    for name in names:
        if name in BLIND_SETS:
            raise ValueError(f"{name} is a blind set: it is never trained on")
        if name not in DEV_SETS:
            raise ValueError(f"{name} is not a development set (known: {', '.join(DEV_SETS)})")
    return names
