"""One error shape for every failure the server reports, with its HTTP status.

Coded ``DyadwatchError``s, FastAPI's validation errors, Starlette's 404 and
405, and unexpected exceptions all become ``DyadwatchError.as_dict()``:
``{code, message, where, hint}``. API paths get JSON; dashboard paths get
the same fields rendered as a page (``render_html``, set by ``web``).
"""

from __future__ import annotations

import logging
from typing import Any, Callable

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from dyadwatch.errors import DyadwatchError, make

log = logging.getLogger("dyadwatch.api")

# codes whose status is not 400; families by their first two characters
_STATUS = {"E601": 404, "E602": 422, "E603": 401, "E604": 401, "E605": 403, "E606": 404, "E607": 422, "E608": 404,
           "E690": 500, "E501": 503, "E502": 503}
_FAMILY_STATUS = {"E4": 422, "E8": 422}

HtmlRenderer = Callable[[Request, DyadwatchError, int], Response]


def status_of(err: DyadwatchError) -> int:
    return _STATUS.get(err.code) or _FAMILY_STATUS.get(err.code[:2], 400)


def error_response(request: Request, err: DyadwatchError, status: int | None = None) -> Response:
    status = status or status_of(err)
    render: HtmlRenderer | None = getattr(request.app.state, "render_html_error", None)
    if render is not None and not request.url.path.startswith(("/api", "/openapi", "/docs", "/static")):
        return render(request, err, status)
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    return JSONResponse(err.as_dict(), status_code=status, headers=headers)


def _validation_reason(exc: RequestValidationError) -> tuple[str, str]:
    errors = exc.errors()
    first: dict[str, Any] = errors[0] if errors else {}
    where = ".".join(str(x) for x in first.get("loc", ())) or "request"
    reason = "; ".join(f"{'.'.join(str(x) for x in e.get('loc', ()))}: {e.get('msg', '')}" for e in errors[:5])
    return where, reason or "the request does not match the schema"


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(DyadwatchError)
    async def coded(request: Request, exc: DyadwatchError) -> Response:
        return error_response(request, exc)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        where, reason = _validation_reason(exc)
        err = make("E602", where=where, reason=reason, hint="See /openapi.json for the parameters of this endpoint.")
        return error_response(request, err, 422)

    @app.exception_handler(StarletteHTTPException)
    async def http(request: Request, exc: StarletteHTTPException) -> Response:
        if exc.status_code in (404, 405):
            err = make("E606", where=request.url.path, method=request.method, path=request.url.path,
                       hint="The API's routes are listed in /openapi.json; the dashboard starts at /.")
        else:
            err = make("E602", where=request.url.path, reason=str(exc.detail))
        return error_response(request, err, exc.status_code)

    @app.middleware("http")
    async def unexpected(request: Request, call_next: Callable[[Request], Any]) -> Response:
        try:
            return await call_next(request)
        except Exception as exc:  # the last resort: log it, answer in the one shape
            log.exception("unhandled error on %s %s", request.method, request.url.path)
            err = make("E690", where=request.url.path, method=request.method, path=request.url.path, kind=type(exc).__name__)
            return error_response(request, err, 500)
