"""PostgreSQL's counts of the searched words, so that the text search can ask the trigram index for a rare piece.

The text search (``analysis.text_search``) finds the events whose lowered sentence or actor name holds the needle
with ``LIKE '%needle%'``, which PostgreSQL answers from the trigram indexes (``postgres_store.TEXT_INDEXES``). A
trigram index is cheap for rare trigrams and dear for common ones: the needle "number 12345" has the trigrams of
"number", held by every synthetic sentence, and the index walked every leaf of those (1,388 pages at 1 million
events, 14,000 at 10 million) to find 11 events; "12345" alone read 10 pages. DuckDB picks the rarest piece of
the needle from its table of words (``store.duckdb_pages.TEXT_VOCAB``); this is PostgreSQL's: one row per word
(maximal runs of ASCII letters, digits and underscores of the lowered texts, as DuckDB and the search split them)
with the number of times the texts hold it, under a trigram index of the words, so that the count of every word
that holds a piece is one index lookup. The search then asks the index for the rarest piece and tests the whole
needle on the rows it finds (``rarest_piece``); the answer does not depend on the counts, only the time does.

Kept current by every write, in its transaction and under its lock (``delta``: a batch's words are counted in
after its rows and out before a recoded article's rows go; a registry correction counts its articles' words out
and back in, since it changes canonical names); rebuilt with the rollups.
"""

from __future__ import annotations

from typing import Any

TABLE = "text_words"
CREATE = [f"CREATE TABLE IF NOT EXISTS {TABLE} (word VARCHAR NOT NULL, n BIGINT NOT NULL)"]
KEY_INDEX = f"CREATE UNIQUE INDEX IF NOT EXISTS text_words_key ON {TABLE} (word)"
# where the server has pg_trgm (``postgres_store._trigrams``): the words that hold a piece, by index
TRIGRAM_INDEX = f"CREATE INDEX IF NOT EXISTS text_words_trgm ON {TABLE} USING gin (word gin_trgm_ops)"
INDEXES = [KEY_INDEX]

# the search's word pieces (``analysis.text_search._WORD_SPLIT``, ``store.duckdb_pages.WORD_SPLIT``)
_SPLIT = "'[^0-9a-z_]+'"
_NAME = "coalesce(nullif(l.canonical, ''), l.name, '')"
# the words of the sentences of the events ``{events}`` selects (over ``e``) and of the names of their links
_WORDS = (
    "SELECT word, count(*) AS n FROM (SELECT regexp_split_to_table(lower(coalesce(e.sentence, '')), " + _SPLIT + ") AS word "
    "FROM events e WHERE {events} UNION ALL SELECT regexp_split_to_table(lower(" + _NAME + "), " + _SPLIT + ") "
    "FROM event_entities l WHERE {links}) w WHERE word <> '' GROUP BY word"
)
_OF_ARTICLES = _WORDS.format(
    events="e.article_id = ANY(%(ids)s)", links="l.event_id IN (SELECT id FROM events WHERE article_id = ANY(%(ids)s))"
)
_ADD = (
    f"INSERT INTO {TABLE} (word, n) {_OF_ARTICLES} ORDER BY word "
    f"ON CONFLICT (word) DO UPDATE SET n = {TABLE}.n + excluded.n"
)
_TAKE = f"UPDATE {TABLE} t SET n = t.n - d.n FROM ({_OF_ARTICLES}) d WHERE t.word = d.word RETURNING t.word, t.n"


def rebuild_sql(trigrams: bool) -> list[str]:
    """The statements that recount every word: emptied, filled, then indexed (the trigram index where it can be)."""
    return [
        f"TRUNCATE {TABLE}",
        "DROP INDEX IF EXISTS text_words_key",
        "DROP INDEX IF EXISTS text_words_trgm",
        f"INSERT INTO {TABLE} (word, n) " + _WORDS.format(events="true", links="true"),
        *INDEXES,
        *([TRIGRAM_INDEX] if trigrams else []),
        f"ANALYZE {TABLE}",
    ]


def delta(cur: Any, articles: list[str], sign: int) -> None:
    """Count the words of ``articles``' events in (+1, after their rows) or out (-1, before their rows go)."""
    if not articles:
        return
    if sign > 0:
        cur.execute(_ADD, {"ids": articles})
        return
    cur.execute(_TAKE, {"ids": articles})
    gone = [word for word, n in cur.fetchall() if n <= 0]
    if gone:
        cur.execute(f"DELETE FROM {TABLE} WHERE word = ANY(%s) AND n <= 0", [gone])


# above this many occurrences the rarest piece is no better a key than the whole needle: the needle's own trigrams
# (across its words too) narrow at least as much ("sentence number 99": 1.1 s by the needle, 3.2 s by "number"
# at 1 million events)
RARE = 50_000


def piece_counts_sql(pieces: int) -> str:
    """How often the texts hold a word that holds each of ``pieces`` pieces (``?``: the pieces as ``LIKE`` patterns).

    Each count is one lookup of the trigram index of the words; a piece under three characters has no trigram
    and would scan every word, so the caller leaves those out.
    """
    parts = [f"(SELECT coalesce(sum(n), 0) FROM {TABLE} WHERE word LIKE ? ESCAPE '\\')" for _ in range(pieces)]
    return "SELECT " + ", ".join(parts)
