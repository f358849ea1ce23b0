"""The FastAPI app factory and its thin routes.

``create_app(db_path, config)`` opens the store once for the whole process
(a DuckDB file has one owner), builds the ``Service`` that every route and
dashboard page reads through, and mounts the dashboard (``web``). Reads are
open unless ``read_token_required``; writes always need the bearer token
``api_token``, and are refused while it is empty.
"""

from __future__ import annotations

import secrets
from contextlib import asynccontextmanager
from typing import Any, AsyncIterator, Literal, Optional, cast

from fastapi import Depends, FastAPI, Path, Query, Request

from dyadwatch.api.errors import install_error_handlers
from dyadwatch.api.jobs import Coder, Jobs, run_pipeline
from dyadwatch.api.models import CODE, DYAD, PARTIAL_DATE, AliasImport, AliasResult, ArticlesIn, ErrorBody, EventPage, Job, Page
from dyadwatch.api.service import Service
from dyadwatch.config import Config
from dyadwatch.errors import make

Limit = Query(50, ge=1, le=500, description="Items per page.")
Offset = Query(0, ge=0, le=1_000_000, description="Items to skip.")
By = Literal["day", "month", "year"]
ERRORS: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorBody, "description": text}
    for status, text in ((401, "Missing or wrong token"), (403, "Writes disabled"), (404, "Not found"),
                         (422, "Invalid request"), (500, "Server error"))
}


def _token(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    return value.strip() if scheme.lower() == "bearer" and value.strip() else None


def _check_token(request: Request, config: Config) -> None:
    given = _token(request)
    if given is None:
        raise make("E603", where="Authorization header")
    if not secrets.compare_digest(given.encode(), config.api_token.encode()):
        raise make("E604", where="Authorization header", hint="Use the api_token of this server's configuration.")


def require_read(request: Request) -> None:
    config: Config = request.app.state.config
    if config.read_token_required:
        if not config.api_token:
            raise make("E605", where="read_token_required")
        _check_token(request, config)


def require_write(request: Request) -> None:
    config: Config = request.app.state.config
    if not config.api_token:
        raise make("E605", where="api_token")
    _check_token(request, config)


def service_of(request: Request) -> Service:
    return request.app.state.service  # type: ignore[no-any-return]


def create_app(db_path: str, config: Config | None = None, *, coder: Coder | None = None, web: bool = True) -> FastAPI:
    """The API and dashboard over the store at ``db_path`` (opened now, closed at shutdown)."""
    from dyadwatch.config import load_config
    from dyadwatch.store import open_store

    config = config or load_config()
    service = Service(lambda: open_store(db_path, None if config.store == "duckdb.v1" else config.store), config)
    jobs = Jobs(service.locked_store(), config, coder or run_pipeline)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        jobs.close()
        service.close()

    app = FastAPI(
        title="dyadwatch", version=_version(), lifespan=lifespan, responses=ERRORS,
        description="PLOVER events coded from news, dyad series and shifts, with the sentence behind every event.",
    )
    app.state.config, app.state.service, app.state.jobs = config, service, jobs
    install_error_handlers(app)
    _text_routes(app)
    _relation_routes(app)
    _write_routes(app)
    if web:
        from dyadwatch.web import mount_web

        mount_web(app)
    return app


def _version() -> str:
    from dyadwatch import __version__

    return __version__


def _text_routes(app: FastAPI) -> None:
    """The read routes over stored text: articles and the events coded from them."""
    read = [Depends(require_read)]

    @app.get("/api/articles", response_model=Page, dependencies=read, tags=["read"])
    def articles(
        q: Optional[str] = Query(None, max_length=200, description="Text search in title and body."),
        limit: int = Limit, offset: int = Offset, service: Service = Depends(service_of),
    ) -> dict[str, Any]:
        """Stored articles, newest first, each with its number of events."""
        return service.list_articles(q, limit, offset)

    @app.get("/api/articles/{article_id}", dependencies=read, tags=["read"])
    def article(article_id: str = Path(..., max_length=200), service: Service = Depends(service_of)) -> dict[str, Any]:
        """One article (by id or doc id) with its text and all its events."""
        return service.article(article_id)

    @app.get("/api/events", response_model=EventPage, dependencies=read, tags=["read"])
    def events(
        dyad: Optional[str] = Query(None, pattern=DYAD, description="Two country codes, e.g. FRA-DZA."),
        directed: bool = Query(False, description="Only events from the first code to the second."),
        category: Optional[str] = Query(None, max_length=20, description="PLOVER category, e.g. AGREE."),
        since: Optional[str] = Query(None, pattern=PARTIAL_DATE), until: Optional[str] = Query(None, pattern=PARTIAL_DATE),
        period: Optional[str] = Query(None, pattern=PARTIAL_DATE, description="One period: YYYY, YYYY-MM or YYYY-MM-DD."),
        actor: Optional[str] = Query(None, max_length=200, description="Country code or canonical actor name."),
        q: Optional[str] = Query(None, max_length=200, description="Text search in evidence and actor names."),
        include_flagged: bool = Query(False, description="Also negated and hypothetical events."),
        cursor: Optional[str] = Query(
            None, max_length=2000, description="The next_cursor of the previous page: deep pages as fast as the first (instead of offset).",
        ),
        limit: int = Limit, offset: int = Offset, service: Service = Depends(service_of),
    ) -> dict[str, Any]:
        """Events, ordered by date, with every filter given; page with offset, or with the cursor each page names."""
        pair = cast(tuple[str, str], tuple(dyad.upper().split("-"))) if dyad else None  # the pattern allows A-B only
        return service.list_events(
            limit, offset, dyad=pair, directed=directed, category=category, since=since, until=until, period=period,
            actor=actor, q=q, include_flagged=include_flagged, cursor=cursor,
        )


def _relation_routes(app: FastAPI) -> None:
    """The read routes over who relates to whom: actors, dyads, shifts, the overview, and job states."""
    read = [Depends(require_read)]

    @app.get("/api/actors", response_model=Page, dependencies=read, tags=["read"])
    def actors(
        q: Optional[str] = Query(None, max_length=200), limit: int = Limit, offset: int = Offset,
        service: Service = Depends(service_of),
    ) -> dict[str, Any]:
        """Actors by the number of events they take part in."""
        return service.list_actors(q, limit, offset)

    @app.get("/api/actors/{key}", dependencies=read, tags=["read"])
    def actor(
        key: str = Path(..., max_length=200, description="Country code or canonical name."),
        limit: int = Limit, offset: int = Offset, service: Service = Depends(service_of),
    ) -> dict[str, Any]:
        """One actor: its identities, partner dyads and a page of its events."""
        return service.actor(key, limit, offset)

    @app.get("/api/dyads", response_model=Page, dependencies=read, tags=["read"])
    def dyads(
        sort: Literal["volume", "change"] = "volume", by: By = "month", limit: int = Limit, offset: int = Offset,
        service: Service = Depends(service_of),
    ) -> dict[str, Any]:
        """Undirected dyads by number of events, or by the change of their index between their last two periods."""
        return service.list_dyads(sort, by, limit, offset)

    @app.get("/api/dyads/{a}/{b}", dependencies=read, tags=["read"])
    def dyad(
        a: str = Path(..., pattern=CODE), b: str = Path(..., pattern=CODE), by: By = "month", directed: bool = False,
        window: int = Query(3, ge=1, le=24), threshold: float = Query(2.0, ge=0.5, le=10.0),
        service: Service = Depends(service_of),
    ) -> dict[str, Any]:
        """The cooperation-conflict series of a dyad (one point per period with events) and its shifts."""
        return service.dyad(a, b, by, directed, window, threshold)

    @app.get("/api/shifts", response_model=Page, dependencies=read, tags=["read"])
    def shifts(
        by: By = "month", window: int = Query(3, ge=1, le=24), threshold: float = Query(2.0, ge=0.5, le=10.0),
        limit: int = Limit, offset: int = Offset, service: Service = Depends(service_of),
    ) -> dict[str, Any]:
        """Shifts of every dyad, most recent first; each names the events that drove it."""
        return service.list_shifts(by, min(window, 24), threshold, limit, offset)

    @app.get("/api/overview", dependencies=read, tags=["read"])
    def overview(service: Service = Depends(service_of)) -> dict[str, Any]:
        """Totals, top dyads and actors, recent shifts: the dashboard's home page as data."""
        return service.overview()

    @app.get("/api/jobs/{job_id}", response_model=Job, dependencies=read, tags=["write"])
    def job(request: Request, job_id: str = Path(..., max_length=64)) -> dict[str, Any]:
        """The state of a coding job, and its summary once done."""
        return request.app.state.jobs.get(job_id)  # type: ignore[no-any-return]


def _write_routes(app: FastAPI) -> None:
    write = [Depends(require_write)]

    @app.post("/api/articles", response_model=Job, status_code=202, dependencies=write, tags=["write"])
    def submit(body: ArticlesIn, request: Request) -> dict[str, Any]:
        """Queue articles for coding in the background; poll GET /api/jobs/{id}."""
        return request.app.state.jobs.submit([a.model_dump() for a in body.articles])  # type: ignore[no-any-return]

    @app.post("/api/actors/import", response_model=AliasResult, dependencies=write, tags=["write"])
    def import_actors(body: AliasImport, service: Service = Depends(service_of)) -> dict[str, Any]:
        """Store actor aliases from a small CSV or YAML file (stored only: the resolver does not use them yet)."""
        from dyadwatch.api.aliases import parse_aliases

        return service.import_aliases(parse_aliases(body.content, body.format))
