"""A description set off after a name keeps its participles ("leading", « reconnue ») and stops at a finite verb."""

import pytest


@pytest.fixture(scope="module")
def people():
    from dyadwatch.config import load_config
    from dyadwatch.pipeline import default_pipeline
    from dyadwatch.records import Article

    pipeline = default_pipeline(load_config(None))

    def run(text: str) -> dict[str, str]:
        (coded,) = pipeline.code([Article("t", "t", text, None, "2025-04-16", None, None, "test", "test")])
        return {m.text: m.entity.code for m in coded.mentions}

    return run


def test_actors_participle_in_an_apposition_keeps_the_country(people):
    found = people("Karim Tabbou, Algeria's leading opposition figure, was detained on Monday.")
    assert found.get("Karim Tabbou") == "DZA"

