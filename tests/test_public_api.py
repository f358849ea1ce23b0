"""The public API: a sorted, explicit __all__ and no heavy work on import."""

import subprocess
import sys

import dyadwatch


def test_public_api_all_is_sorted_and_resolves():
    assert dyadwatch.__all__ == sorted(dyadwatch.__all__)
    for name in dyadwatch.__all__:
        assert getattr(dyadwatch, name) is not None


def test_public_api_import_loads_no_model_or_database():
    code = "import sys, dyadwatch; print(','.join(m for m in ('spacy', 'duckdb', 'lingua', 'fastapi') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
