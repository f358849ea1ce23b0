"""The PLOVER/CAMEO ontology as frozen, typed objects, loaded from package data.

Every stage that names an event type goes through this module: the event
coders check categories and modes here, scoring and aggregation read scores
and quad classes, and the exporters translate to and from CAMEO. The facts
live in ``data/plover.yaml`` and ``data/cameo.yaml``; this module only reads,
validates and indexes them. Nothing is read at import time: `load_ontology()`
loads once on first call and caches the result.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from types import MappingProxyType
from typing import Final, TypeVar

import yaml

from dyadwatch.errors import DyadwatchError, make

QUADS: Final = ("VC", "MC", "VF", "MF")
SECTOR_GROUPS: Final = ("state", "political", "society", "unknown")

_DATA_PACKAGE: Final = "dyadwatch.ontology"
_PLOVER_FILE: Final = "plover.yaml"
_CAMEO_FILE: Final = "cameo.yaml"
_DATA_HINT: Final = (
    "These files ship with dyadwatch; if you edited one, check it against docs/ontology.md."
)
# Group 1 is the root; CAMEO codes go at most two levels below it (e.g. 0311).
_CAMEO_CODE: Final = re.compile(r"(\d\d)\d{0,2}", re.ASCII)
_CAMEO_ROOT: Final = re.compile(r"\d\d", re.ASCII)
_CAMEO_SUBCODE: Final = re.compile(r"\d{3}", re.ASCII)

_T = TypeVar("_T")


@dataclass(frozen=True)
class Category:
    """One PLOVER event category; `modes` maps each mode to its own score."""

    name: str
    quad: str
    score: float
    recipient_required: bool
    description: str
    # Excluded from the hash because mapping proxies are unhashable; equality
    # still compares the modes.
    modes: Mapping[str, float] = field(hash=False)


@dataclass(frozen=True)
class Sector:
    """An entity sector code (e.g. GOV) and the group it belongs to."""

    code: str
    group: str
    description: str


@dataclass(frozen=True)
class CameoRoot:
    """A CAMEO root code with its Goldstein value and PLOVER category (None: not coded)."""

    code: str
    name: str
    goldstein: float
    plover: str | None


@dataclass(frozen=True)
class _CameoExport:
    root: str
    modes: Mapping[str, str] = field(hash=False)


@dataclass(frozen=True, eq=False, repr=False)
class Ontology:
    """The loaded ontology; get it from `load_ontology()` rather than building one."""

    version: str
    categories: Mapping[str, Category]
    contexts: tuple[str, ...]
    sectors: Mapping[str, Sector]
    actor_codes: Mapping[str, str]
    cameo_roots: Mapping[str, CameoRoot]
    _cameo_subcodes: Mapping[str, str]
    _cameo_quad_classes: Mapping[str, int]
    _cameo_export: Mapping[str, _CameoExport]

    def __repr__(self) -> str:
        return (
            f"Ontology(version={self.version!r}, categories={len(self.categories)}, "
            f"contexts={len(self.contexts)}, cameo_roots={len(self.cameo_roots)})"
        )

    def category(self, name: str) -> Category:
        """The category called `name`; OntologyError E401 if there is none."""
        found = self.categories.get(name)
        if found is None:
            raise make(
                "E401",
                name=name,
                options=", ".join(self.categories),
                hint=_suggest(name.upper(), self.categories, "Category names are upper case."),
            )
        return found

    def score(self, category: str, mode: str | None = None) -> float:
        """The mode's score when a mode is given, else the category's score."""
        found = self.category(category)
        if mode is None:
            return found.score
        return _mode_score(found, mode)

    def quad(self, category: str) -> str:
        """The quad class of a category: 'VC', 'MC', 'VF' or 'MF'."""
        return self.category(category).quad

    def is_valid(self, category: str, mode: str | None = None) -> bool:
        """Whether `category` exists and, when given, `mode` is one of its modes."""
        found = self.categories.get(category)
        return found is not None and (mode is None or mode in found.modes)

    def to_cameo(self, category: str, mode: str | None = None) -> CameoRoot | None:
        """The CAMEO root that a PLOVER category (and mode) exports to, if any."""
        found = self.category(category)
        if mode is not None:
            _mode_score(found, mode)  # validates the mode
        export = self._cameo_export.get(found.name)
        if export is None:
            return None
        code = export.modes.get(mode, export.root) if mode is not None else export.root
        return self.cameo_roots[code]

    def quad_class(self, cameo_code: str) -> int:
        """GDELT's QuadClass (1..4) of a CAMEO code of any depth ('03', '031', '0311')."""
        return self._cameo_quad_classes[self._cameo_root(cameo_code)]

    def from_cameo(self, code: str) -> str | None:
        """The PLOVER category of a CAMEO code; None for roots we do not code (01, 02)."""
        root = self._cameo_root(code)
        split = self._cameo_subcodes.get(code[:3])
        return split if split is not None else self.cameo_roots[root].plover

    def _cameo_root(self, code: str) -> str:
        match = _CAMEO_CODE.fullmatch(code)
        if match is None or match.group(1) not in self.cameo_roots:
            padded = "0" + code
            leading_zero_lost = _CAMEO_CODE.fullmatch(padded) is not None and (
                padded[:2] in self.cameo_roots
            )
            raise make(
                "E404",
                code=code,
                options=", ".join(self.cameo_roots),
                hint=(
                    f"CAMEO codes keep their leading zero: did you mean '{padded}'?"
                    if leading_zero_lost
                    else "Pass CAMEO codes as strings, e.g. '18' or '0311'."
                ),
            )
        return match.group(1)


def _mode_score(category: Category, mode: str) -> float:
    score = category.modes.get(mode)
    if score is None:
        raise make(
            "E402",
            mode=mode,
            category=category.name,
            options=", ".join(category.modes) or "(none: this category has no modes)",
            hint=_suggest(mode, category.modes, "Leave the mode out to use the category alone."),
        )
    return score


def _suggest(wanted: str, options: Mapping[str, object], fallback: str) -> str:
    close = difflib.get_close_matches(wanted, list(options), n=1)
    return f"Did you mean '{close[0]}'?" if close else fallback


# --- loading and validation ---------------------------------------------------


@functools.lru_cache(maxsize=1)
def load_ontology() -> Ontology:
    """Read, validate and index the packaged ontology; cached after the first call."""
    return build_ontology(_read_yaml(_PLOVER_FILE), _read_yaml(_CAMEO_FILE))


def _read_yaml(name: str) -> object:
    source = resources.files(_DATA_PACKAGE).joinpath("data").joinpath(name)
    text = source.read_text(encoding="utf-8")
    try:
        return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        raise _At(name).fail(f"not valid YAML ({exc})") from exc


def build_ontology(plover: object, cameo: object) -> Ontology:
    """Validate the two parsed YAML documents and index them into an `Ontology`.

    Kept separate from `load_ontology()` so that tests can feed hand-made
    documents and check that every malformed input gives a clear E403.
    """
    at_p, at_c = _At(_PLOVER_FILE), _At(_CAMEO_FILE)
    doc_p = _mapping(plover, at_p)
    _keys(doc_p, {"version", "categories", "contexts", "sectors", "actor_codes"}, at_p)
    doc_c = _mapping(cameo, at_c)
    _keys(doc_c, {"roots", "subcodes", "quad_classes", "export"}, at_c)

    categories = _parse_categories(doc_p["categories"], at_p / "categories")
    roots = _parse_roots(doc_c["roots"], at_c / "roots", categories)
    return Ontology(
        version=_text(doc_p["version"], at_p / "version"),
        categories=MappingProxyType(categories),
        contexts=_parse_contexts(doc_p["contexts"], at_p / "contexts"),
        sectors=MappingProxyType(_parse_sectors(doc_p["sectors"], at_p / "sectors")),
        actor_codes=MappingProxyType(
            _parse_actor_codes(doc_p["actor_codes"], at_p / "actor_codes")
        ),
        cameo_roots=MappingProxyType(roots),
        _cameo_subcodes=MappingProxyType(
            _parse_subcodes(doc_c["subcodes"], at_c / "subcodes", roots, categories)
        ),
        _cameo_quad_classes=MappingProxyType(
            _parse_quad_classes(doc_c["quad_classes"], at_c / "quad_classes", roots)
        ),
        _cameo_export=MappingProxyType(
            _parse_export(doc_c["export"], at_c / "export", roots, categories)
        ),
    )


def _parse_categories(raw: object, at: _At) -> dict[str, Category]:
    fields = {"name", "quad", "score", "recipient_required", "description", "modes"}
    categories: dict[str, Category] = {}
    for index, item in enumerate(_sequence(raw, at)):
        here = at / index
        entry = _mapping(item, here)
        _keys(entry, fields, here)
        name = _text(entry["name"], here / "name")
        if name in categories:
            raise here.fail(f"category {name!r} is listed twice")
        modes = {
            _text(mode, here / "modes"): _number(score, here / "modes" / mode)
            for mode, score in _mapping(entry["modes"], here / "modes").items()
        }
        categories[name] = Category(
            name=name,
            quad=_choice(entry["quad"], QUADS, here / "quad"),
            score=_number(entry["score"], here / "score"),
            recipient_required=_flag(entry["recipient_required"], here / "recipient_required"),
            description=_text(entry["description"], here / "description"),
            modes=MappingProxyType(modes),
        )
    return categories


def _parse_contexts(raw: object, at: _At) -> tuple[str, ...]:
    contexts = tuple(_text(item, at / index) for index, item in enumerate(_sequence(raw, at)))
    if len(set(contexts)) != len(contexts):
        raise at.fail("a context is listed twice")
    return contexts


def _parse_sectors(raw: object, at: _At) -> dict[str, Sector]:
    sectors: dict[str, Sector] = {}
    for key, item in _mapping(raw, at).items():
        code = _text(key, at)
        entry = _mapping(item, at / code)
        _keys(entry, {"group", "description"}, at / code)
        sectors[code] = Sector(
            code=code,
            group=_choice(entry["group"], SECTOR_GROUPS, at / code / "group"),
            description=_text(entry["description"], at / code / "description"),
        )
    return sectors


def _parse_actor_codes(raw: object, at: _At) -> dict[str, str]:
    return {_text(code, at): _text(text, at / code) for code, text in _mapping(raw, at).items()}


def _parse_roots(raw: object, at: _At, categories: Mapping[str, Category]) -> dict[str, CameoRoot]:
    roots: dict[str, CameoRoot] = {}
    for key, item in _mapping(raw, at).items():
        code = _code(key, _CAMEO_ROOT, at)
        entry = _mapping(item, at / code)
        _keys(entry, {"name", "goldstein", "plover"}, at / code)
        plover = entry["plover"]
        roots[code] = CameoRoot(
            code=code,
            name=_text(entry["name"], at / code / "name"),
            goldstein=_number(entry["goldstein"], at / code / "goldstein"),
            plover=None if plover is None else _ref(plover, categories, at / code / "plover"),
        )
    return roots


def _parse_subcodes(
    raw: object, at: _At, roots: Mapping[str, CameoRoot], categories: Mapping[str, Category]
) -> dict[str, str]:
    subcodes: dict[str, str] = {}
    for key, value in _mapping(raw, at).items():
        code = _code(key, _CAMEO_SUBCODE, at)
        _ref(code[:2], roots, at / code)
        subcodes[code] = _ref(value, categories, at / code)
    return subcodes


def _parse_quad_classes(raw: object, at: _At, roots: Mapping[str, CameoRoot]) -> dict[str, int]:
    classes: dict[str, int] = {}
    for key, members in _mapping(raw, at).items():
        quad_class = _choice(key, (1, 2, 3, 4), at)
        for index, member in enumerate(_sequence(members, at / quad_class)):
            root = _ref(member, roots, at / quad_class / index)
            if root in classes:
                raise (at / quad_class).fail(f"root {root!r} is already in class {classes[root]}")
            classes[root] = quad_class
    unassigned = [root for root in roots if root not in classes]
    if unassigned:
        raise at.fail(f"roots without a quad class: {', '.join(unassigned)}")
    return classes


def _parse_export(
    raw: object, at: _At, roots: Mapping[str, CameoRoot], categories: Mapping[str, Category]
) -> dict[str, _CameoExport]:
    exports: dict[str, _CameoExport] = {}
    for key, item in _mapping(raw, at).items():
        name = _ref(key, categories, at)
        entry = _mapping(item, at / name)
        _keys(entry, {"root"}, at / name, optional={"modes"})
        modes = {
            _ref(mode, categories[name].modes, at / name / "modes"): _ref(
                code, roots, at / name / "modes" / mode
            )
            for mode, code in _mapping(entry.get("modes", {}), at / name / "modes").items()
        }
        exports[name] = _CameoExport(
            root=_ref(entry["root"], roots, at / name / "root"), modes=MappingProxyType(modes)
        )
    return exports


# --- typed readers: each returns the narrowed value or raises E403 ------------


@dataclass(frozen=True)
class _At:
    """A position in a data file, so that every complaint says where it is."""

    file: str
    path: str = ""

    def __truediv__(self, key: object) -> _At:
        step = f"[{key}]" if isinstance(key, int) else f".{key}" if self.path else str(key)
        return _At(self.file, self.path + step)

    def fail(self, problem: str) -> DyadwatchError:
        where = f"{self.file}: {self.path}" if self.path else self.file
        return make("E403", file=self.file, problem=problem, where=where, hint=_DATA_HINT)


def _mapping(value: object, at: _At) -> Mapping[object, object]:
    if not isinstance(value, Mapping):
        raise at.fail(f"expected a mapping, got {type(value).__name__}")
    return value


def _sequence(value: object, at: _At) -> Sequence[object]:
    if not isinstance(value, list):
        raise at.fail(f"expected a list, got {type(value).__name__}")
    return value


def _keys(
    entry: Mapping[object, object],
    required: set[str],
    at: _At,
    optional: set[str] | None = None,
) -> None:
    allowed = required | (optional or set())
    problems = {
        "missing keys": sorted(required - set(entry)),
        "unknown keys": sorted(str(key) for key in set(entry) - allowed),
    }
    found = "; ".join(f"{kind}: {', '.join(keys)}" for kind, keys in problems.items() if keys)
    if found:
        raise at.fail(f"{found} (allowed keys: {', '.join(sorted(allowed))})")


def _text(value: object, at: _At) -> str:
    if not isinstance(value, str) or not value.strip():
        raise at.fail(f"expected non-empty text, got {value!r}")
    return value


def _number(value: object, at: _At) -> float:
    # bool is an int subclass, but `true` as a score is a typo, not a number.
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise at.fail(f"expected a number, got {value!r}")
    if not -10.0 <= value <= 10.0:
        raise at.fail(f"scores lie between -10 and +10, got {value!r}")
    return float(value)


def _flag(value: object, at: _At) -> bool:
    if not isinstance(value, bool):
        raise at.fail(f"expected true or false, got {value!r}")
    return value


def _choice(value: object, options: Sequence[_T], at: _At) -> _T:
    for option in options:
        if value == option:
            return option
    raise at.fail(f"expected one of {', '.join(map(str, options))}, got {value!r}")


def _code(value: object, pattern: re.Pattern[str], at: _At) -> str:
    # Unquoted codes such as 08 would reach us as numbers and lose their zero.
    if not isinstance(value, str) or pattern.fullmatch(value) is None:
        raise at.fail(f"expected a quoted code like {pattern.pattern!r}, got {value!r}")
    return value


def _ref(value: object, known: Mapping[str, object], at: _At) -> str:
    if not isinstance(value, str) or value not in known:
        raise at.fail(f"{value!r} is not one of {', '.join(known)}")
    return value
