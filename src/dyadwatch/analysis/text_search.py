"""The text search of the events filters (``q``), decided by SQL where SQL and ``str.casefold`` agree.

``text_condition`` tests the lowered sentences and actor names with ``LIKE`` and finds the matching
categories in Python; the rows whose text holds a character that ``casefold`` and the database's ``lower``
treat differently (``special_characters``, read once per store; ``special_events``, read once per write)
are decided by the Python rule itself (``_mentions``). ``queries.StoreReads.conditions`` calls it.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from dyadwatch.analysis.store_sql import StoreSQL

# a needle's word pieces: the runs that ``store.duckdb_pages`` splits the lowered texts into (``WORD_SPLIT``)
_WORD_SPLIT = re.compile(r"[^0-9a-z_]+")
# above this many events holding its rarest piece, a needle is searched by a scan of the texts
WORD_CANDIDATES = 200_000


def _mentions(event: dict[str, Any], q: str) -> bool:
    """The text-search rule: the needle in the sentence, the category or an actor's name, any case."""
    needle = q.casefold()
    hay = [event["evidence"].get("sentence") or "", event["category"]]
    hay += [x.get("canonical") or x.get("name") or "" for x in list(event["actor"]) + list(event["recipient"])]
    return any(needle in h.casefold() for h in hay)


def _like_pattern(needle: str) -> str:
    """``LIKE`` (with ``ESCAPE '\\'``) of the texts that hold ``needle``."""
    return "%" + needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


@functools.cache
def _cased_characters() -> tuple[str, ...]:
    """Every character that some case mapping changes (about 2,800): the ones SQL's lower() may treat apart.

    Tested a block of 256 code points at a time first: a mapping that changes one character changes the block
    (a character maps to one or more characters, so the block stays equal only when each maps to itself).
    """
    # every code point but the surrogates (0xD800-0xDFFF: eight whole blocks), decoded at once
    import numpy as np

    points = np.arange(0x110000, dtype="<u4")
    every = points[(points < 0xD800) | (points > 0xDFFF)].tobytes().decode("utf-32-le")
    out = []
    for start in range(0, len(every), 256):
        block = every[start: start + 256]
        if block.lower() == block and block.upper() == block and block.casefold() == block:
            continue
        out += [c for c in block if c.lower() != c or c.upper() != c or c.casefold() != c]
    return tuple(out)


class TextSearch(StoreSQL):
    """The text-search reads of one store: its special characters, the events that hold them, its categories."""

    def special_characters(self) -> str:
        """Characters whose ``casefold`` differs from their ``lower``, or whose ``lower`` differs in this database."""
        if self._special is None:
            cased = _cased_characters()
            lowered = self.store.query("SELECT lower(?)", ["\x01".join(cased)])[0][0].split("\x01")
            special = {c for c, low in zip(cased, lowered) if low != c.lower() or c.casefold() != c.lower()}
            special |= {"Σ", "σ", "ς"}  # Python lowers a final sigma by its context
            self._special = "".join(sorted(special))
        return self._special

    def _ascii_special(self) -> bool:
        """Whether an ASCII character is special (``special_characters``), without building the whole table."""
        letters = [chr(n) for n in range(0x80) if chr(n).lower() != chr(n) or chr(n).upper() != chr(n)]
        lowered = self.store.query("SELECT lower(?)", ["\x01".join(letters)])[0][0].split("\x01")
        return any(low != c.lower() or c.casefold() != c.lower() for c, low in zip(letters, lowered))

    def special_events(self) -> list[dict[str, Any]]:
        """The events whose sentence, category or actor names hold a special character (cached until a write).

        Most texts are ASCII and no special character is (checked): a text is tested against the class of
        special characters only when its length in bytes exceeds its length in characters, a cheap test
        that spares PostgreSQL's regular expression (a class of about a thousand characters) almost every row.
        """
        wide = getattr(self.store, "wide_text_events", None)
        if "special" not in self.cache and wide is not None and wide() == 0 and not self._ascii_special():
            self.cache["special"] = []  # DuckDB knows its texts outside ASCII: none, so no special character either
        if "special" not in self.cache:
            special = self.special_characters()
            wide = "".join(c for c in special if ord(c) > 0x7F)
            narrow = [c for c in special if ord(c) <= 0x7F]  # none in PostgreSQL or DuckDB; tested one by one
            pattern = f"(?s).*[{wide}].*"  # DuckDB: a full match; PostgreSQL: a search
            size = getattr(self.store, "BYTE_LENGTH", "strlen")

            def has(text: str) -> tuple[str, list[Any]]:
                tests = [f"strpos({text}, ?) > 0" for _ in narrow]
                if wide:
                    tests.append(f"({size}({text}) > length({text}) AND {text} ~ ?)")
                return f"({' OR '.join(tests) or 'false'})", [*narrow, *([pattern] if wide else [])]

            name = "coalesce(nullif(l.canonical, ''), l.name, '')"
            sentence, p1 = has("coalesce(e.sentence, '')")
            category, p2 = has("e.category")
            names, p3 = has(name)
            # one semi-join on a union of ids, not an OR around a subquery: PostgreSQL runs a subquery under
            # an OR once per event when its hash does not fit in memory (millions of links at 10 M events);
            # each text in its own branch, whose byte-length test PostgreSQL's partial indexes answer
            # (DuckDB has no partial index: there one scan of the events tests both texts)
            split = "UNION SELECT e.id FROM events e WHERE" if getattr(self.store, "TEXT_WIDE_INDEXES", False) else "OR"
            rows = self.store.dicts(
                f"SELECT e.* FROM events e WHERE e.id IN (SELECT e.id FROM events e WHERE {sentence} {split} {category} "
                f"UNION SELECT l.event_id FROM event_entities l WHERE {names})",
                [*p1, *p2, *p3],
            )
            self.cache["special"] = self.public(rows)
        return self.cache["special"]  # type: ignore[no-any-return]

    def categories(self) -> list[str]:
        """The stored categories, cached until a write (PostgreSQL walks its category index)."""
        if "categories" not in self.cache:
            sql = getattr(self.store, "CATEGORIES_SQL", "SELECT DISTINCT category FROM events")
            self.cache["categories"] = sorted(str(r[0]) for r in self.store.query(sql) if r[0] is not None)
        return self.cache["categories"]  # type: ignore[no-any-return]

    def word_matches(self, needle: str) -> tuple[str, list[Any]] | None:
        """The events whose sentence or an actor name holds ``needle`` (casefolded), as a condition over ``e`` read
        from the store's table of words (``store.duckdb_pages``); None where the store keeps none or the needle
        needs a scan.

        A text holds the needle only if one of its words holds each word piece of the needle (a run of letters,
        digits and underscores never spans two words), so the events of the words that hold its rarest piece
        are the candidates. A needle that is one piece is then found exactly (named ids when they are few, else
        the words' events in the SQL itself); a longer one is tested on the candidates' texts only, when they are
        few (``WORD_CANDIDATES``), and by a scan otherwise.
        """
        vocab = getattr(self.store, "text_vocab_table", None)
        pieces = sorted({p for p in _WORD_SPLIT.split(needle) if p})
        if vocab is None or not pieces:
            return None
        key = ("words", needle)
        if key not in self.cache:
            table = vocab()
            sums = ", ".join("sum(n) FILTER (WHERE contains(word, ?))" for _ in pieces)  # one pass over the words
            counts = dict(zip(pieces, (int(n or 0) for n in self.store.query(f"SELECT {sums} FROM {table}", pieces)[0])))
            rarest = min(pieces, key=lambda p: counts[p])
            words = f"SELECT unnest(ids) FROM {table} WHERE contains(word, ?)"
            found: tuple[str, list[Any]] | None = (f"e.id {self.in_list}", [[]])
            if counts[rarest] > WORD_CANDIDATES:
                found = (f"e.id IN ({words})", [needle]) if pieces == [needle] else None
            elif counts[rarest]:
                ids = sorted({str(r[0]) for r in self.store.query(words, [rarest])})
                found = (f"e.id {self.in_list}", [ids if pieces == [needle] else self._holding(ids, needle)])
            self.cache[key] = found
        return self.cache[key]  # type: ignore[no-any-return]

    def _holding(self, ids: list[str], needle: str) -> list[str]:
        """The events among ``ids`` whose sentence or an actor name holds the needle (SQL's lower, ``LIKE``).

        The candidates' rows are read first (materialized), so the texts of the other events are never lowered.
        """
        pattern = _like_pattern(needle)
        name = "coalesce(nullif(l.canonical, ''), l.name, '')"
        rows = self.store.query(
            f"WITH s AS MATERIALIZED (SELECT t.id, t.sentence FROM events t WHERE t.id {self.in_list}), "
            f"n AS MATERIALIZED (SELECT l.event_id, {name} AS name FROM event_entities l WHERE l.event_id {self.in_list}) "
            "SELECT id FROM s WHERE lower(coalesce(sentence, '')) LIKE ? ESCAPE '\\' "
            "UNION SELECT event_id FROM n WHERE lower(name) LIKE ? ESCAPE '\\'",
            [ids, ids, pattern, pattern],
        )
        return sorted(str(r[0]) for r in rows)

    def text_condition(self, q: str) -> tuple[str, list[Any]]:
        """``_mentions``: SQL decides rows without special characters, Python the (few) rows with them.

        Sentences and names are tested with ``LIKE '%needle%'`` on the lowered text, the form PostgreSQL's
        trigram indexes answer (``TEXT_INDEXES``); the categories that hold the needle are found in Python
        (a few dozen), so that no branch scans every event for them. Where the store keeps a table of words
        (DuckDB), the events that match are read from it (``word_matches``) instead of scanning every text.
        """
        needle = q.casefold()
        pattern = _like_pattern(needle)
        name = "coalesce(nullif(l.canonical, ''), l.name, '')"
        cats = [c for c in self.categories() if needle in c.casefold()]
        found = self.word_matches(needle)
        if found is not None:
            sql, params = found[0], list(found[1])
            if cats:  # the events of those categories, tested on the row itself
                sql, params = f"({sql} OR e.category {self.in_list})", [*params, cats]
        else:
            # the events that match, as one semi-join on a union of ids (see ``special_events``)
            by_category = f"UNION SELECT t.id FROM events t WHERE t.category {self.in_list} " if cats else ""
            sentence, p1 = self.holds("lower(coalesce(t.sentence, ''))", pattern, needle)
            names, p2 = self.holds(f"lower({name})", pattern, needle)
            sql = (
                f"e.id IN (SELECT t.id FROM events t WHERE {sentence} {by_category}"
                f"UNION SELECT l.event_id FROM event_entities l WHERE {names})"
            )
            params = [*p1, *([cats] if cats else []), *p2]
        special = self.special_events()
        if special:
            match = sql
            sql = f"(NOT e.id {self.in_list} AND {match})"
            params = [[ev["id"] for ev in special], *params]
            ok = [ev["id"] for ev in special if _mentions(ev, q)]
            if ok:
                sql = f"({sql} OR e.id {self.in_list})"
                params.append(ok)
        return sql, params
