"""The event store: schema, migrations and backends (DuckDB by default).

``open_store(path)`` picks the backend from the path: a ``postgresql://``
URL opens the PostgreSQL backend (the ``postgres`` extra); anything else is a
DuckDB file.
"""

from __future__ import annotations

from dyadwatch.errors import make
from dyadwatch.store.base import STORE_BACKENDS, EventQuery, Store, WriteReport

__all__ = ["EventQuery", "Store", "WriteReport", "open_store"]


def open_store(path: str, backend: str | None = None) -> Store:
    """Open the store at ``path`` with the named backend (default: from the path)."""
    import dyadwatch.store.duckdb_store  # noqa: F401 - registers duckdb.v1
    import dyadwatch.store.postgres_store  # noqa: F401 - registers postgres.v1 (imports its extra only when opened)

    name = backend or ("postgres.v1" if path.startswith(("postgresql://", "postgres://")) else "duckdb.v1")
    if name not in STORE_BACKENDS:
        raise make("E504", where=path, name=name, options=", ".join(sorted(STORE_BACKENDS)))
    return STORE_BACKENDS[name](path)
