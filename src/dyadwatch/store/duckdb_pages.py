"""DuckDB's side tables of the event pages: rows in page order per dyad and per actor value, and the searched words.

A dyad's events (its events page and total, the event ids of its shifts, the first event of a tied dyad)
are the events whose pairs (``analysis.dyads.pairs``) hold it. DuckDB has no index that serves that
semi-join on the links: it scanned every link and sorted every event of the dyad for a page of 50
(7 to 35 s at 10 million events). ``dyad_events`` holds one row per event and undirected pair, with
the direction(s) the pair has in the event (``ab``: a is an actor and b a recipient, or both actors when
there is no recipient; ``ba`` the other way) and the event's columns that the filters and the page order
read, written sorted by (a, b, page order): DuckDB's zone maps then skip every row group of other
dyads, so a dyad's rows cost what the dyad holds, not what the store holds. ``actor_events`` does the
same for the actor filter (one row per event and value of its links' codes and canonical names), and
``text_vocab`` lists the words of the searched texts with the events that hold each, for the text search.

Every event is listed, flagged or not, on the scale or not, dated or not: readers apply ``counted`` and
``on_scale`` themselves (``analysis.store_sql``). The tables are rebuilt with the rollups on the first read
after a write (``DuckDBStore.rebuild_rollup``), inside the same transaction.
"""

from __future__ import annotations

# the columns of ``events`` the readers filter and order on (``e.*`` over this table reads as an event)
EVENT_COLUMNS = ("id", "date", "doc_id", "trigger_start", "category", "negated", "hypothetical", "quad", "score")

DYAD_EVENTS = [
    "DROP TABLE IF EXISTS dyad_events",
    # valid codes per event and side; an event's pairs: actor x recipient, or among actors without a recipient
    "CREATE TABLE dyad_events AS WITH codes AS (SELECT DISTINCT event_id, side, code FROM event_entities "
    "WHERE code IS NOT NULL AND code NOT IN ('', 'UNK') AND side IN ('actor', 'recipient')), "
    "hr AS (SELECT DISTINCT event_id FROM codes WHERE side = 'recipient'), "
    "directed AS (SELECT x.event_id, x.code AS a, y.code AS b FROM codes x JOIN codes y ON y.event_id = x.event_id "
    "LEFT JOIN hr ON hr.event_id = x.event_id WHERE x.side = 'actor' AND x.code <> y.code "
    "AND (y.side = 'recipient' OR y.side = 'actor' AND hr.event_id IS NULL)), "
    "u AS (SELECT event_id, least(a, b) AS a, greatest(a, b) AS b, bool_or(a < b) AS ab, bool_or(a > b) AS ba "
    "FROM directed GROUP BY 1, 2, 3) "
    f"SELECT u.a, u.b, u.ab, u.ba, {', '.join('e.' + c for c in EVENT_COLUMNS)} "
    "FROM u JOIN events e ON e.id = u.event_id "
    # page order within each dyad (NULL dates and trigger starts last, as the pages sort them)
    "ORDER BY u.a, u.b, e.date NULLS LAST, e.doc_id, e.trigger_start NULLS LAST, e.id",
]


def dyad_filter(a: str, b: str, directed: bool) -> tuple[str, list[str]]:
    """The rows of ``dyad_events`` (aliased ``e``) that hold the dyad (a, b), as ``analysis.dyads.pairs`` does.

    The caller has turned away a dyad with an empty or unknown code, or with two equal codes (no event holds it).
    """
    low, high = (a, b) if a < b else (b, a)
    if not directed:
        return "e.a = ? AND e.b = ?", [low, high]
    return f"e.a = ? AND e.b = ? AND e.{'ab' if a < b else 'ba'}", [low, high]


# the words of the searched texts (a sentence, or a link's canonical name or else its name, lowered as the search
# lowers them): maximal runs of ASCII letters, digits and underscores, as ``analysis.text_search`` splits a needle
WORD_SPLIT = "[^0-9a-z_]+"
TEXT_VOCAB = [
    "DROP TABLE IF EXISTS text_vocab",
    # one row per word: the events that hold it in their sentence or an actor name, and their number
    "CREATE TABLE text_vocab AS SELECT word, len(ids) AS n, ids FROM (SELECT word, list(DISTINCT id) AS ids FROM ("
    f"SELECT id, unnest(regexp_split_to_array(lower(coalesce(sentence, '')), '{WORD_SPLIT}')) AS word FROM events "
    "UNION ALL SELECT event_id, unnest(regexp_split_to_array(lower(coalesce(nullif(canonical, ''), name, '')), "
    f"'{WORD_SPLIT}')) FROM event_entities) t WHERE word <> '' GROUP BY word) v",
]


ACTOR_EVENTS = [
    "DROP TABLE IF EXISTS actor_events",
    # one row per event and value of its links' codes and canonical names (``c``: some link has it as its code;
    # ``n``: as its canonical name), sorted by value and page order: the actor filter's events without a scan
    "CREATE TABLE actor_events AS WITH vals AS (SELECT event_id, v, bool_or(c) AS c, bool_or(NOT c) AS n FROM ("
    "SELECT event_id, code AS v, true AS c FROM event_entities WHERE code IS NOT NULL "
    "UNION ALL SELECT event_id, canonical, false FROM event_entities WHERE canonical IS NOT NULL) x GROUP BY 1, 2) "
    f"SELECT vals.v, vals.c, vals.n, {', '.join('e.' + c for c in EVENT_COLUMNS)} FROM vals JOIN events e ON e.id = vals.event_id "
    "ORDER BY vals.v, e.date NULLS LAST, e.doc_id, e.trigger_start NULLS LAST, e.id",
]
