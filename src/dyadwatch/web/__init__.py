"""The dashboard: server-rendered pages (Jinja2, autoescaped), htmx and Vega-Lite.

Mounted on the API's app by ``mount_web``. Pages read only through the
API layer's ``Service``; every number links down to the events and their
sentences. The browser libraries are the pinned npm packages of the
repository's ``package.json``, served from ``node_modules`` (never a CDN).
"""

from __future__ import annotations

from dyadwatch.web.pages import mount_web

__all__ = ["mount_web"]
