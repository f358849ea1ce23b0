"""Coded errors: formatting, the template registry and make()'s choice of class."""

from __future__ import annotations

import pickle
import re

import pytest

from dyadwatch import errors
from dyadwatch.errors import (
    ActorError,
    ApiError,
    ConfigError,
    DyadwatchError,
    EngineError,
    Errors,
    EventError,
    IngestError,
    MissingExtraError,
    NlpError,
    OntologyError,
    StoreError,
    make,
)


def test_error_str_gives_code_message_where_and_hint() -> None:
    error = DyadwatchError("Something broke.", "E123", where="file.txt:3", hint="Fix it.")
    assert str(error) == "[E123] Something broke. (where: file.txt:3) Hint: Fix it."


@pytest.mark.parametrize(
    ("where", "hint", "expected"),
    [
        (None, None, "[E123] Bad."),
        ("x", None, "[E123] Bad. (where: x)"),
        (None, "Try y.", "[E123] Bad. Hint: Try y."),
    ],
)
def test_error_str_leaves_out_missing_where_and_hint(
    where: str | None, hint: str | None, expected: str
) -> None:
    assert str(DyadwatchError("Bad.", "E123", where=where, hint=hint)) == expected


def test_error_keeps_code_where_and_hint_as_attributes() -> None:
    error = make("E401", where="doc 7", hint="h", name="X", options="A, B")
    assert (error.code, error.where, error.hint) == ("E401", "doc 7", "h")
    assert error.message == "Unknown PLOVER category 'X'. Valid categories: A, B."


def test_error_as_dict_has_the_one_json_shape() -> None:
    error = make("E402", mode="m", category="C", options="a")
    assert error.as_dict() == {
        "code": "E402",
        "message": "Unknown mode 'm' for PLOVER category 'C'. Valid modes: a.",
        "where": None,
        "hint": None,
    }


@pytest.mark.parametrize(
    ("code", "family"),
    [
        ("E101", IngestError),
        ("E201", NlpError),
        ("E301", ActorError),
        ("E411", EventError),
        ("E501", StoreError),
        ("E601", ApiError),
        ("E701", EngineError),
        ("E801", ConfigError),
        ("E999", MissingExtraError),
        ("E409", OntologyError),
    ],
)
def test_make_picks_the_subclass_from_the_code(
    monkeypatch: pytest.MonkeyPatch, code: str, family: type[DyadwatchError]
) -> None:
    # Families without templates yet get a throwaway one, as their owners will add.
    monkeypatch.setattr(Errors, code, "Problem with {thing}.", raising=False)
    error = make(code, thing="x")
    assert type(error) is family
    assert str(error) == f"[{code}] Problem with x."


@pytest.mark.parametrize("code", ["E401", "E402", "E403", "E404"])
def test_make_ontology_codes_give_ontology_errors_that_are_event_errors(code: str) -> None:
    fields = {"name": "n", "options": "o", "mode": "m", "category": "c", "file": "f"}
    fields |= {"problem": "p", "code": "c"}
    error = make(code, **fields)
    assert isinstance(error, OntologyError)
    assert isinstance(error, EventError)


def test_make_unknown_code_is_a_value_error_listing_known_codes() -> None:
    with pytest.raises(ValueError, match=r"No error template for code 'E000'.*E401"):
        make("E000")


@pytest.mark.parametrize("code", ["__doc__", "mro", "E40", "e401"])
def test_make_rejects_names_that_are_not_codes(code: str) -> None:
    with pytest.raises(ValueError, match="No error template"):
        make(code)


def test_make_missing_template_field_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="E401 needs the field 'options'"):
        make("E401", name="X")


def test_missing_extra_error_names_the_exact_pip_command() -> None:
    error = make("E901", feature="Cluster runs", module="dask", extra="dask")
    assert isinstance(error, MissingExtraError)
    assert "pip install 'dyadwatch[dask]'" in str(error)


def test_missing_extra_error_is_caught_as_import_error() -> None:
    with pytest.raises(ImportError):
        raise make("E901", feature="f", module="m", extra="e")


@pytest.mark.parametrize(
    "error",
    [
        DyadwatchError("plain", "E000"),
        make("E401", where="w", hint="h", name="X", options="A"),
        make("E901", feature="f", module="m", extra="e"),
    ],
)
def test_errors_survive_pickling_with_all_fields(error: DyadwatchError) -> None:
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is type(error)
    assert (str(copy), copy.code, copy.where, copy.hint) == (
        str(error),
        error.code,
        error.where,
        error.hint,
    )


@pytest.mark.parametrize(
    "code", sorted(name for name in vars(Errors) if re.fullmatch(r"E\d{3}", name))
)
def test_every_template_maps_to_a_family_subclass(code: str) -> None:
    fields = set(re.findall(r"{(\w+)}", getattr(Errors, code)))
    error = make(code, **{field: "x" for field in fields})
    assert type(error) is not DyadwatchError
    assert "{" not in error.message


@pytest.mark.parametrize(
    "family",
    sorted(
        (
            value
            for value in vars(errors).values()
            if isinstance(value, type) and issubclass(value, DyadwatchError)
        ),
        key=lambda cls: cls.__name__,
    ),
)
def test_every_error_class_is_drawn_in_the_module_docstring(family: type) -> None:
    assert errors.__doc__ is not None
    assert family.__name__ in errors.__doc__
