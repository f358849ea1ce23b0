"""Near-duplicates: linked to their first copy, stored as reports, never coded or counted twice."""

from dyadwatch.config import load_config
from dyadwatch.ingest.dedup import NearDuplicates, exact_jaccard
from dyadwatch.records import Article, article_id

BASE = """Algeria recalled its ambassador to France on Tuesday, the foreign ministry in Algiers said, after Paris backed Morocco's autonomy plan for Western Sahara.
The ministry said the decision was taken with immediate effect and that a chargé d'affaires would run the embassy.
French officials said they regretted the move and called for dialogue between the two capitals.
Relations between France and Algeria have been strained for months over migration, visas and the memory of the colonial war.
Analysts said the recall was the most serious diplomatic step by Algiers since 2021, when it closed its airspace to French military planes.
President Abdelmadjid Tebboune had warned in a speech last week that Algeria would respond to any change in the French position.
The French foreign ministry said it had taken note of the decision and that its ambassador in Algiers would remain at his post."""

EDITED = [
    # boilerplate around the story
    "Subscribe to our newsletter for daily updates.\n" + BASE + "\nShare this article. All rights reserved.",
    # last paragraph trimmed and a word changed
    BASE.rsplit("\n", 1)[0].replace("on Tuesday", "on Tuesday morning"),
    # all three together
    "Breaking news\n" + BASE.rsplit("\n", 1)[0] + "\nRead more on our website.",
]

SAME_TOPIC = [
    """France and Algeria agreed on Sunday to resume security cooperation after a meeting between the two foreign ministers in Algiers.
Jean-Noël Barrot met President Abdelmadjid Tebboune and said relations had entered a new phase.
The two sides will restart talks on migration and visas, and the Algerian ambassador will return to Paris, officials said.
Relations between France and Algeria have been strained for months over Western Sahara and the memory of the colonial war.""",
    """Algeria expelled twelve French embassy staff on Monday, the French foreign ministry said, in retaliation for the arrest of an Algerian consular agent in France.
Paris said it would respond in kind and recalled its ambassador to Algiers for consultations.
The expulsions came a week after the two governments had announced a thaw in relations.""",
    """Morocco welcomed France's support for its autonomy plan for Western Sahara, calling it a historic decision.
Algeria, which backs the Polisario Front, condemned the French position and said it would draw consequences.
The United Nations urged all parties to resume talks on the territory.""",
]


def art(text: str, url: str | None = None) -> Article:
    return Article(id=article_id(text, url), doc_id=url or "doc", text=text, url=url)


def test_dedup_exact_copy_under_another_url_is_linked():
    index = NearDuplicates(0.5, 128)
    first = art(BASE, "https://a.example/1")
    assert index.check(first).duplicate_of is None
    match = index.check(art(BASE, "https://b.example/copy"))
    assert match.duplicate_of == first.id and match.similarity == 1.0


def test_dedup_edited_copies_are_linked_to_the_first_copy():
    index = NearDuplicates(0.5, 128)
    first = art(BASE)
    index.check(first)
    for text in EDITED:
        assert index.check(art(text)).duplicate_of == first.id, exact_jaccard(BASE, text)


def test_dedup_different_stories_on_the_same_topic_are_not_linked():
    index = NearDuplicates(0.5, 128)
    index.check(art(BASE))
    for text in SAME_TOPIC:
        assert index.check(art(text)).duplicate_of is None, exact_jaccard(BASE, text)


def test_dedup_precision_and_recall_on_the_test_pairs():
    pairs = [(BASE, t, True) for t in [BASE, *EDITED]] + [(BASE, t, False) for t in SAME_TOPIC]
    pairs += [(a, b, False) for i, a in enumerate(SAME_TOPIC) for b in SAME_TOPIC[i + 1 :]]
    tp = fp = fn = 0
    for a, b, same in pairs:
        index = NearDuplicates(0.5, 128)
        index.check(art(a, "u1"))
        linked = index.check(art(b, "u2")).duplicate_of is not None
        tp += linked and same
        fp += linked and not same
        fn += same and not linked
    assert tp / max(tp + fp, 1) == 1.0 and tp / (tp + fn) == 1.0


def test_dedup_run_stores_a_report_that_adds_no_events_and_a_later_run_still_knows(tmp_path):
    from dyadwatch.engines.local import run_coding
    from dyadwatch.ingest.readers import Defaults
    from dyadwatch.store import open_store

    config = load_config(environ={})
    first, second = tmp_path / "first.txt", tmp_path / "second.txt"
    first.write_text(BASE)
    second.write_text(EDITED[0])
    db = str(tmp_path / "d.duckdb")
    with open_store(db) as store:
        alone = run_coding([str(first)], store, config, Defaults(published="2024-07-30", language="en"), progress=False)
        events_alone = store.query("SELECT count(*) FROM events")[0][0]
    assert alone.coded == 1 and events_alone > 0
    with open_store(db) as store:  # a later run: the first copy is known from its stored signature
        later = run_coding([str(second)], store, config, Defaults(published="2024-07-30", language="en"), progress=False)
        rows = store.query("SELECT doc_id, status, duplicate_of FROM articles ORDER BY doc_id")
        assert store.query("SELECT count(*) FROM events")[0][0] == events_alone
    assert later.near_duplicates == 1 and later.coded == 0 and "1 near-duplicates" in later.line()
    assert rows[0][:2] == ("first.txt", "coded") and rows[1][:2] == ("second.txt", "duplicate")
    assert rows[1][2] == store_id(rows, "first.txt", db)


def store_id(rows, doc_id, db):
    from dyadwatch.store import open_store

    with open_store(db) as store:
        return store.query("SELECT id FROM articles WHERE doc_id = ?", [doc_id])[0][0]


def test_dedup_can_be_turned_off(tmp_path):
    from dyadwatch.engines.local import run_coding
    from dyadwatch.ingest.readers import Defaults
    from dyadwatch.store import open_store

    config = load_config(environ={}).with_overrides({"near_duplicate_threshold": 1.0}, where="test")
    (tmp_path / "a.txt").write_text(BASE)
    (tmp_path / "b.txt").write_text(EDITED[0])
    with open_store(str(tmp_path / "d.duckdb")) as store:
        summary = run_coding([str(tmp_path)], store, config, Defaults(language="en"), progress=False)
    assert summary.near_duplicates == 0 and summary.coded == 2
