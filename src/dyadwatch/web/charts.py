"""Vega-Lite specs for the dyad charts, built from the API's dyad series.

One spec, two views stacked: the cooperation-conflict index per period as a
line, with shift markers, above stacked quad-class bars. Every mark carries
its ``period``, which the page's script reads on click to filter the event
table. The data is inlined; the spec is put in the page as escaped JSON.
"""

from __future__ import annotations

from typing import Any

QUADS = ["VC", "MC", "VF", "MF"]
QUAD_NAMES = {"VC": "verbal cooperation", "MC": "material cooperation", "VF": "verbal conflict", "MF": "material conflict"}
QUAD_COLORS = ["#4a90d9", "#1b5e9e", "#e8a33d", "#c0392b"]
SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json"


def dyad_spec(series: dict[str, Any], height: int = 180) -> dict[str, Any]:
    """The spec for one dyad's series (the dict of ``Service.dyad``)."""
    shifted = {s["period"]: s for s in series["shifts"]}
    rows = [
        {
            "period": p["period"], "index": p["index"], "events": p["events"],
            "shift": p["period"] in shifted, "z": shifted[p["period"]]["z"] if p["period"] in shifted else None,
            **{q: p[q] for q in QUADS},
        }
        for p in series["points"]
    ]
    x = {"field": "period", "type": "ordinal", "title": None, "sort": None, "axis": {"labelAngle": -45}}
    index_view = {
        "height": height, "width": "container",
        "layer": [
            {"mark": {"type": "rule", "color": "#999", "strokeDash": [4, 4]}, "encoding": {"y": {"datum": 0}}},
            {
                "mark": {"type": "line", "point": {"size": 60, "filled": True}, "color": "#333", "cursor": "pointer"},
                "encoding": {
                    "x": x,
                    "y": {"field": "index", "type": "quantitative", "title": "cooperation–conflict index",
                          "scale": {"domain": [-10, 10]}},
                    "tooltip": [{"field": "period"}, {"field": "index", "title": "index"}, {"field": "events"}],
                },
            },
            {
                "transform": [{"filter": "datum.shift"}],
                "mark": {"type": "point", "shape": "triangle-up", "size": 220, "filled": True, "color": "#d62728",
                         "cursor": "pointer"},
                "encoding": {
                    "x": x, "y": {"field": "index", "type": "quantitative"},
                    "tooltip": [{"field": "period"}, {"field": "z", "title": "shift (z)"}, {"field": "events"}],
                },
            },
        ],
    }
    quad_view = {
        "height": max(80, height // 2), "width": "container",
        "transform": [{"fold": QUADS, "as": ["quad", "count"]}, {"filter": "datum.count > 0"}],
        "mark": {"type": "bar", "cursor": "pointer"},
        "encoding": {
            "x": x,
            "y": {"field": "count", "type": "quantitative", "stack": "zero", "title": "events"},
            "color": {"field": "quad", "type": "nominal", "title": "quad class",
                      "scale": {"domain": QUADS, "range": QUAD_COLORS}, "sort": QUADS},
            "order": {"field": "quad"},
            "tooltip": [{"field": "period"}, {"field": "quad"}, {"field": "count"}],
        },
    }
    return {
        "$schema": SCHEMA, "data": {"values": rows}, "vconcat": [index_view, quad_view],
        "autosize": {"type": "fit-x", "contains": "padding"},
        "description": f"Cooperation-conflict index and quad-class counts of {series['dyad']} by {series['by']}",
        "config": {"view": {"stroke": None}},
    }
