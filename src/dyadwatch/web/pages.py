"""The dashboard's routes: home, dyad, article, actor, search, the chart embed and the vendor files."""

from __future__ import annotations

from pathlib import Path as FsPath
from typing import Any, Callable, Optional

from fastapi import Depends, FastAPI, Path, Query, Request
from fastapi.responses import FileResponse, HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from dyadwatch.api.app import require_read, service_of
from dyadwatch.api.models import CODE, PARTIAL_DATE
from dyadwatch.api.service import Service
from dyadwatch.errors import DyadwatchError, make
from dyadwatch.web.charts import QUAD_NAMES, dyad_spec
from dyadwatch.web.text import article_segments, split_trigger

HERE = FsPath(__file__).resolve().parent
# the pinned files of package.json that pages load; nothing else in node_modules is served
VENDOR = {
    "htmx.min.js": "htmx.org/dist/htmx.min.js",
    "vega.min.js": "vega/build/vega.min.js",
    "vega-lite.min.js": "vega-lite/build/vega-lite.min.js",
    "vega-embed.min.js": "vega-embed/build/vega-embed.min.js",
}
PAGE = 50


def node_modules() -> FsPath | None:
    """The repository's node_modules (next to pyproject.toml), else one in the working directory."""
    for base in (HERE.parents[2], FsPath.cwd()):
        if (base / "node_modules").is_dir():
            return base / "node_modules"
    return None


def _templates() -> Jinja2Templates:
    import jinja2

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "templates"), autoescape=True)
    env.globals.update(split_trigger=split_trigger, quad_names=QUAD_NAMES)
    return Jinja2Templates(env=env)


def mount_web(app: FastAPI) -> None:
    templates = _templates()
    read = [Depends(require_read)]

    def render(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
        return templates.TemplateResponse(request, name, context, status_code=status)

    def render_error(request: Request, err: DyadwatchError, status: int) -> Response:
        return render(request, "error.html", status, error=err.as_dict(), code=status)

    app.state.render_html_error = render_error
    app.mount("/static/app", StaticFiles(directory=HERE / "static"), name="static-app")

    @app.get("/static/vendor/{name}", include_in_schema=False)
    def vendor(name: str) -> FileResponse:
        base = node_modules()
        if name not in VENDOR or base is None or not (base / VENDOR[name]).is_file():
            raise make("E608", where="node_modules", name=name)
        return FileResponse(base / VENDOR[name], media_type="text/javascript", headers={"Cache-Control": "max-age=86400"})

    @app.get("/", response_class=HTMLResponse, include_in_schema=False, dependencies=read)
    def home(request: Request, service: Service = Depends(service_of)) -> HTMLResponse:
        changes = service.list_dyads(sort="change", limit=8)["items"]
        return render(request, "home.html", o=service.overview(), changes=changes)

    _dyad_pages(app, render)
    _reading_pages(app, render)


def _dyad_pages(app: FastAPI, render: Callable[..., HTMLResponse]) -> None:
    """A dyad's page, its events table (swapped in by htmx) and its chart for embedding elsewhere."""
    read = [Depends(require_read)]

    @app.get("/dyad/{a}/{b}", response_class=HTMLResponse, include_in_schema=False, dependencies=read)
    def dyad(
        request: Request, a: str = Path(..., pattern=CODE), b: str = Path(..., pattern=CODE),
        period: Optional[str] = Query(None, pattern=PARTIAL_DATE), by: str = Query("month", pattern="^(day|month|year)$"),
        directed: bool = False, offset: int = Query(0, ge=0), service: Service = Depends(service_of),
    ) -> HTMLResponse:
        series = service.dyad(a, b, by, directed)
        table = _table(service, series, period, offset)
        return render(request, "dyad.html", s=series, spec=dyad_spec(series), t=table)

    @app.get("/dyad/{a}/{b}/events", response_class=HTMLResponse, include_in_schema=False, dependencies=read)
    def dyad_events(
        request: Request, a: str = Path(..., pattern=CODE), b: str = Path(..., pattern=CODE),
        period: Optional[str] = Query(None, pattern=PARTIAL_DATE), by: str = Query("month", pattern="^(day|month|year)$"),
        directed: bool = False, offset: int = Query(0, ge=0), service: Service = Depends(service_of),
    ) -> HTMLResponse:
        series = {"a": a.upper(), "b": b.upper(), "by": by, "directed": directed, "dyad": f"{a.upper()}-{b.upper()}"}
        return render(request, "_events.html", s=series, t=_table(service, series, period, offset))

    @app.get("/embed/dyad/{a}/{b}", response_class=HTMLResponse, include_in_schema=False, dependencies=read)
    def embed(
        request: Request, a: str = Path(..., pattern=CODE), b: str = Path(..., pattern=CODE),
        by: str = Query("month", pattern="^(day|month|year)$"), directed: bool = False,
        service: Service = Depends(service_of),
    ) -> HTMLResponse:
        series = service.dyad(a, b, by, directed)
        return render(request, "embed.html", s=series, spec=dyad_spec(series, height=220))


def _reading_pages(app: FastAPI, render: Callable[..., HTMLResponse]) -> None:
    """An article with its events marked, an actor's page, and search: where a chart leads back to the sentences."""
    read = [Depends(require_read)]

    @app.get("/article/{article_id}", response_class=HTMLResponse, include_in_schema=False, dependencies=read)
    def article(
        request: Request, article_id: str = Path(..., max_length=200), event: Optional[str] = Query(None, max_length=200),
        service: Service = Depends(service_of),
    ) -> HTMLResponse:
        art = service.article(article_id)
        segments = article_segments(art["text"], art["events"], event)
        return render(request, "article.html", a=art, segments=segments, focus=event)

    @app.get("/actor/{key}", response_class=HTMLResponse, include_in_schema=False, dependencies=read)
    def actor(
        request: Request, key: str = Path(..., max_length=200), offset: int = Query(0, ge=0),
        service: Service = Depends(service_of),
    ) -> HTMLResponse:
        return render(request, "actor.html", x=service.actor(key, PAGE, offset))

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False, dependencies=read)
    def search(
        request: Request, q: str = Query("", max_length=200), offset: int = Query(0, ge=0),
        service: Service = Depends(service_of),
    ) -> HTMLResponse:
        events = service.list_events(PAGE, offset, q=q, include_flagged=True) if q else None
        articles = service.list_articles(q, 20, 0) if q else None
        actors = service.list_actors(q, 20, 0) if q else None
        return render(request, "search.html", q=q, events=events, articles=articles, actors=actors)


def _table(service: Service, series: dict[str, Any], period: str | None, offset: int) -> dict[str, Any]:
    """The dyad's events behind the chart: one period, or all of them."""
    found = service.list_events(
        PAGE, offset, dyad=(series["a"], series["b"]), directed=series["directed"], period=period
    )
    return {"page": found, "period": period}
