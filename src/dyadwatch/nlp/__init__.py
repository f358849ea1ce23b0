"""Language identification and spaCy pipelines per language, loaded once per process.

The rest of dyadwatch sees a parsed document through spaCy's ``Doc`` only in
the stages that run inside a worker; it never leaves the worker. Models are
chosen by package name in the configuration, so any installed spaCy pipeline
can stand in for the defaults.
"""

from dyadwatch.nlp.langid import detect_language
from dyadwatch.nlp.models import load_pipeline, registered_backends

__all__ = ["detect_language", "load_pipeline", "registered_backends"]
