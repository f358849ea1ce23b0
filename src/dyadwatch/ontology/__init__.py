"""The event ontology: PLOVER categories, modes, contexts and sectors, with CAMEO alongside.

This package is the single source of truth for what an event may be called and
how it scores. Coders validate against it, analyses read scores and quad
classes from it, and exporters use its CAMEO mapping. Call `load_ontology()`
to get the cached, immutable `Ontology`; importing the package loads nothing.
"""

from __future__ import annotations

from dyadwatch.ontology._model import CameoRoot, Category, Ontology, Sector, load_ontology

__all__ = ["CameoRoot", "Category", "Ontology", "Sector", "load_ontology"]
