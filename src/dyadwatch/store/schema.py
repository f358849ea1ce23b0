"""The store schema, as numbered migrations that every backend applies in order.

The SQL here is the common subset of DuckDB and PostgreSQL. A backend
records the versions it has applied in ``schema_migrations`` and refuses a
database written by a newer dyadwatch instead of guessing at it.
"""

from __future__ import annotations

MIGRATIONS: list[tuple[int, str, list[str]]] = [
    (
        1,
        "articles, events, entities, links, quotes, failures",
        [
            """CREATE TABLE IF NOT EXISTS articles (
                id VARCHAR PRIMARY KEY,
                doc_id VARCHAR NOT NULL,
                title VARCHAR,
                text VARCHAR NOT NULL,
                published VARCHAR,
                url VARCHAR,
                language VARCHAR,
                source VARCHAR,
                origin VARCHAR,
                status VARCHAR NOT NULL,
                note VARCHAR,
                coder VARCHAR,
                coded_at TIMESTAMP
            )""",
            """CREATE TABLE IF NOT EXISTS events (
                id VARCHAR PRIMARY KEY,
                article_id VARCHAR NOT NULL,
                doc_id VARCHAR NOT NULL,
                category VARCHAR NOT NULL,
                mode VARCHAR,
                contexts VARCHAR,
                actor_codes VARCHAR,
                recipient_codes VARCHAR,
                date VARCHAR,
                date_precision VARCHAR,
                location_name VARCHAR,
                location_country VARCHAR,
                lat DOUBLE PRECISION,
                lon DOUBLE PRECISION,
                negated BOOLEAN,
                future BOOLEAN,
                hypothetical BOOLEAN,
                historical BOOLEAN,
                score DOUBLE PRECISION,
                quad VARCHAR,
                sentence VARCHAR,
                sentence_index INTEGER,
                sentence_start INTEGER,
                sentence_end INTEGER,
                trigger VARCHAR,
                trigger_start INTEGER,
                trigger_end INTEGER,
                confidence DOUBLE PRECISION,
                coder VARCHAR
            )""",
            """CREATE TABLE IF NOT EXISTS entities (
                id VARCHAR PRIMARY KEY,
                code VARCHAR,
                sector VARCHAR,
                canonical VARCHAR,
                kind VARCHAR
            )""",
            """CREATE TABLE IF NOT EXISTS event_entities (
                event_id VARCHAR NOT NULL,
                side VARCHAR NOT NULL,
                position INTEGER NOT NULL,
                entity_id VARCHAR NOT NULL,
                code VARCHAR,
                sector VARCHAR,
                name VARCHAR,
                canonical VARCHAR,
                role VARCHAR,
                kind VARCHAR
            )""",
            """CREATE TABLE IF NOT EXISTS quotes (
                article_id VARCHAR NOT NULL,
                sentence_index INTEGER,
                speaker VARCHAR,
                speaker_code VARCHAR,
                text VARCHAR,
                start_char INTEGER,
                end_char INTEGER,
                direct BOOLEAN
            )""",
            """CREATE TABLE IF NOT EXISTS failures (
                origin VARCHAR,
                record VARCHAR,
                code VARCHAR,
                message VARCHAR,
                failed_at TIMESTAMP
            )""",
            "CREATE INDEX IF NOT EXISTS events_article ON events (article_id)",
            "CREATE INDEX IF NOT EXISTS links_event ON event_entities (event_id)",
        ],
    ),
    (
        2,
        "near-duplicates: articles.duplicate_of and MinHash signatures; article author",
        [
            # a near-duplicate is stored as a report of its first copy and has no events of its own
            "ALTER TABLE articles ADD COLUMN duplicate_of VARCHAR",
            # base64 of the uint32 MinHash values: VARCHAR is common to DuckDB and PostgreSQL, BLOB is not
            "ALTER TABLE articles ADD COLUMN minhash VARCHAR",
            "ALTER TABLE articles ADD COLUMN author VARCHAR",
        ],
    ),
    (
        3,
        "the actor registry: person mentions, learnt and user-given identities",
        [
            """CREATE TABLE IF NOT EXISTS mentions (
                article_id VARCHAR NOT NULL,
                sentence_index INTEGER,
                start_char INTEGER,
                end_char INTEGER,
                text VARCHAR,
                code VARCHAR,
                sector VARCHAR,
                canonical VARCHAR,
                role VARCHAR,
                guessed BOOLEAN,
                published VARCHAR
            )""",
            # source 'user' rows come from `dyadwatch actors import` and win over 'learnt' ones
            """CREATE TABLE IF NOT EXISTS actor_registry (
                canonical VARCHAR NOT NULL,
                alias VARCHAR,
                code VARCHAR,
                sector VARCHAR,
                role VARCHAR,
                since VARCHAR,
                until VARCHAR,
                mentions INTEGER,
                source VARCHAR NOT NULL
            )""",
            "ALTER TABLE event_entities ADD COLUMN guessed BOOLEAN",
            "CREATE INDEX IF NOT EXISTS mentions_article ON mentions (article_id)",
        ],
    ),
    (
        4,
        "one event, many reports: the group an event belongs to",
        [
            # the id of the group's first report; aggregates count groups, not reports
            "ALTER TABLE events ADD COLUMN event_group VARCHAR",
        ],
    ),
]

LATEST = MIGRATIONS[-1][0]
