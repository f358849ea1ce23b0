"""The REST API: a FastAPI app factory over one store, thin routes, one JSON error shape.

``create_app(db_path, config)`` is the entry point (``dyadwatch serve`` runs
it under uvicorn). ``Service`` holds the functions that both the routes and
the dashboard in ``web`` read through.
"""

from __future__ import annotations

from dyadwatch.api.app import create_app
from dyadwatch.api.service import Service

__all__ = ["Service", "create_app"]
