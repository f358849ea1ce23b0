"""Find the actors of one article and resolve argument phrases to entities.

This stage runs inside a worker, next to the parsed ``Doc``. It builds an
article-level table of people (name, role, sector, country) from NER, from
titles before a name ("Algerian President Abdelmadjid Tebboune"), from
appositions ("Saïd Sayoud, Nuñez's Algerian counterpart") and from names
repeated elsewhere in the article, with what the clause around a name says
(``clauses``), compound nationalities (``nationality``) and the known office
holders (``offices``). Turning the head of a subject or object into entities
(``entities_for``) is the job of the ``EntityResolver`` it inherits from
(``entities``); finding where names stand, that of ``NameFinder`` (``names``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from dyadwatch.actors.clauses import (
    body_titles,
    counterpart_anchor,
    is_posting,
    possessive_pronouns,
    possessor_subject,
    posting_prepositions,
    predicative,
    predicative_markers,
    relative_owner,
)
from dyadwatch.actors.entities import EntityResolver
from dyadwatch.actors.gazetteer import GazEntry, Gazetteer
from dyadwatch.actors.names import RELATIONAL, NameFinder
from dyadwatch.actors.nationality import compound_codes, compound_rules
from dyadwatch.actors.offices import OfficeHolders, office_holders
from dyadwatch.actors.person import Person
from dyadwatch.nlp.lists import parse_lists
from dyadwatch.records import Mention

__all__ = ["ArticleActors", "Person"]

_PERSON_LABELS = {"PERSON", "PER"}
_STATE_SECTORS = {"GOV", "LEG", "MIL", "JUD", "COP", "SPY"}
# word-table kinds a person's name never contains
_NO_PERSON = frozenset({"media", "institution", "country", "capital", "group"})
# the words a city hangs on where it is a place, not a party ("talks in Brussels", « à Bruxelles »)
_PLACE_WORDS = frozenset({"in", "at", "to", "from", "near", "à", "en", "de", "vers", "depuis", "dans"})


class ArticleActors(NameFinder, EntityResolver):
    """People, countries and institutions of one parsed article."""

    def __init__(
        self, doc: Any, gaz: Gazetteer, published: dt.date | None = None, offices: OfficeHolders | None = None, text: str | None = None
    ) -> None:
        self.doc = doc
        # ``text``: the text the Doc was parsed from, when the caller has it (Doc.text joins every token again)
        self.text = doc.text if text is None else text
        self._found = {}
        self._at = {}
        self.published = published
        self._counts: list[tuple[str, int]] | None = None
        self.offices = offices if offices is not None else office_holders()
        # one Token object per position: indexing a Doc builds a new Token each time (hot in the loops below)
        self.toks = list(doc)
        # the parse as plain lists (texts, lemmas, heads...), read once from the Doc's arrays
        self.lists = parse_lists(doc)
        self.gaz = gaz
        self.tok_entry: dict[int, GazEntry] = {}
        self.tok_span: dict[int, tuple[int, int]] = {}
        self.texts = texts = self.lists.texts
        # ``fold`` of each word: its lowercase form (Token.lower_ is str.lower of the text), apostrophes straightened
        self._folded = [w.replace("’", "'") for w in self.lists.lower]
        for m in gaz.match(texts, self._folded):
            if m.entry.kind in ("role", "group") and m.end - m.start == 1 and self.lists.pos[m.start] in ("VERB", "AUX"):
                continue  # "a envoyé des troupes" is the verb, not "l'envoyé"
            for i in range(m.start, m.end):
                self.tok_entry[i] = m.entry
                self.tok_span[i] = (m.start, m.end)
        if gaz.seats:
            self._seat_bodies()
        self._roles_around_adjectives()
        self._postings = posting_prepositions(gaz.language)
        self.compounds = compound_codes(
            texts, self.lists.spaces, self._adjective_code, compound_rules(gaz.language)
        )
        self.people: list[Person] = []
        self.tok_person: dict[int, Person] = {}
        self._find_people()

    @property
    def lemmas(self) -> list[str]:
        """Each token's lowercase lemma, for the stages after this one (events, quotes)."""
        return self.lists.lemmas

    def _roles_around_adjectives(self) -> None:
        """Match role phrases with a nationality adjective inside them.

        French puts the adjective within the title ("le ministre français de
        l'Intérieur"), and so does English sometimes ("Minister for French
        Affairs" aside): match roles again with adjectives left out, and keep
        the adjective's own country entry.
        """
        doc = self.doc
        adjectives = {i for i, e in self.tok_entry.items() if e.kind == "adjective"}
        if not adjectives or not self._role_across(adjectives):
            return
        kept = [i for i in range(len(doc)) if i not in adjectives]
        for m in self.gaz.match([self.texts[i] for i in kept], [self._folded[i] for i in kept]):
            if m.entry.kind != "role":
                continue
            start, end = kept[m.start], kept[m.end - 1] + 1
            if end - start == m.end - m.start:
                continue
            for i in range(start, end):
                if i not in adjectives:
                    self.tok_entry[i] = m.entry
                    self.tok_span[i] = (start, end)

    def _role_across(self, adjectives: set[int]) -> bool:
        """Whether the words on either side of some run of adjectives follow each other in a role phrase.

        A role matched with adjectives left out holds two such words, one after the other: where no
        run has them, matching the words again would find no role across an adjective, and is skipped.
        """
        pairs, folded = self.gaz.inner_pairs("role"), self._folded
        for i in adjectives:
            if i - 1 in adjectives:
                continue  # not the first of its run
            j = i + 1
            while j in adjectives:
                j += 1
            if i > 0 and j < len(folded) and (folded[i - 1], folded[j]) in pairs:
                return True
        return False

    def _seat_bodies(self) -> None:
        """"Brussels demanded ...": a city that hosts bodies (``seats.yaml``) stands for the one named
        last before it, where the article names one of them and never its host state, and the city is
        a party, not a place ("met in Brussels"). A seat that is no capital is otherwise no party."""
        seats = self.gaz.seats
        found = [i for i, e in self.tok_entry.items() if e.kind in ("seat", "capital") and e.canonical in seats and self.tok_span[i][0] == i]
        if not found:
            return
        entries = self.tok_entry
        bodies = sorted((i, e) for i, e in entries.items() if e.kind == "institution" and self.tok_span[i][0] == i)
        for start in found:
            entry = entries[start]
            host, names, codes = seats[entry.canonical]
            end = self.tok_span[start][1]
            named = [(i, e) for i, e in bodies if e.canonical in names or e.code in codes]
            home = any(e.code == host and e.kind in ("country", "adjective") for e in entries.values())
            head = next((t.head for t in self.toks[start:end] if not start <= t.head.i < end), self.toks[start])
            if named and not home and head.lower_ not in _PLACE_WORDS:
                body = next((e for i, e in reversed(named) if i < start), named[0][1])
                if body.canonical not in names:  # "the European Court of Justice ... Brussels": the Union
                    body = self.gaz.lookup(names[0]) or body
                for i in range(start, end):
                    entries[i] = body
            elif entry.kind == "seat":
                for i in range(start, end):
                    del entries[i], self.tok_span[i]

    def _adjective_code(self, word: str) -> str | None:
        entry = self.gaz.lookup(word)
        return entry.code if entry is not None and entry.kind == "adjective" else None

    # -- people -------------------------------------------------------------
    def _find_people(self) -> None:
        spans: list[tuple[int, int]] = []
        for start, end, label in self.lists.ents:  # Doc.ents, read from the parse lists (no Span per entity)
            if label in _PERSON_LABELS:
                spans.append(self._trim(start, end))
        spans.extend(self._titled_names())
        spans.extend(self._apposed_names())
        by_name: dict[str, Person] = {}
        # the longest span of those that start together: "Abdel Fattah al-Sissi" (NER), not "Abdel Fattah" (a title's run)
        for start, end in sorted(set(s for s in spans if s[1] > s[0]), key=lambda s: (s[0], -s[1])):
            if any(i in self.tok_person for i in range(start, end)):
                continue
            if any(self.tok_entry.get(i) is not None and self.tok_entry[i].kind in _NO_PERSON for i in range(start, end)):
                continue  # "Riot police" at the start of a sentence is a group, however NER tags it
            name = self._span_text(start, end)
            person = self._match_known(name, by_name)
            if person is None:
                person = Person(name=name, start=start, end=end, byline=self._is_byline(start))
                by_name[name] = person
                self.people.append(person)
            person.mentions.append((start, end))
            for i in range(start, end):
                self.tok_person[i] = person
        self._repeated_surnames(by_name)
        for person in self.people:
            for start, end in person.mentions:
                self._describe(person, start, end)
                self._complement(person, start, end)
        self._known_holders()
        for person in self.people:
            other = person.relation_to
            if other is None or other is person:
                continue
            if person.relation == "counterpart":
                person.role = person.role or other.role
                person.sector = person.sector or other.sector
                if person.country is None and other.country:
                    # a counterpart holds the same office in another state: the other side of the article's dyad
                    person.country = self.partner(other.country) or None
                    person.guessed = person.country is not None
            else:
                person.country = person.country or other.country
        focus = self._focus_country()
        for person in self.people:
            counterpart = person.relation == "counterpart" and person.relation_to is not None
            if counterpart and focus == person.relation_to.country:  # type: ignore[union-attr]
                continue  # a counterpart is not of the country of the one whose counterpart they are
            if person.country is None and focus is not None and (person.role or person.sector in _STATE_SECTORS):
                # an unmarked office ("Prime Minister X") is most often held in the country the article is about
                person.country, person.guessed = focus, True
        self.people = [p for p in self.people if not p.byline]
        self.tok_person = {i: p for i, p in self.tok_person.items() if not p.byline}

    def _complement(self, person: Person, start: int, end: int) -> None:
        """"X is Lebanon's prime minister", "X was sworn in as Taiwan's president": office and country of X."""
        if person.country is not None and person.role is not None:
            return
        head = next((t for t in self.toks[start:end] if not start <= t.head.i < end), self.toks[end - 1])
        role, country = predicative(head, self.tok_entry, predicative_markers(self.gaz.language), self._postings)
        if role is not None:
            person.role = person.role or role.canonical
            person.sector = person.sector or role.sector
            person.country = person.country or country

    def _known_holders(self) -> None:
        """Heads of state and ministers the office-holder table knows: their country beats the text's guess."""
        named = {code for code, _ in self.country_counts()}
        for person in self.people:
            holding = self.offices.find(person.name, self.published, person.role, named)
            if holding is None:
                continue
            person.country = holding.code
            if holding.held_on(self.published) or person.role == holding.office:
                person.role = person.role or holding.office
                person.sector = person.sector or holding.sector

    def country_counts(self) -> list[tuple[str, int]]:
        """Countries by how often the article names them (names, adjectives, capitals), most first.

        Counted once, on first use: the word table is complete before the people are read, and the
        coder asks again for every event.
        """
        if self._counts is None:
            counts: dict[str, int] = {}
            for i, entry in self.tok_entry.items():
                if entry.kind in ("country", "adjective", "capital") and entry.code and self.tok_span[i][0] == i:
                    counts[entry.code] = counts.get(entry.code, 0) + 1
            self._counts = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        return list(self._counts)

    def _focus_country(self) -> str | None:
        """The country named most often in the article, if one clearly leads."""
        ranked = self.country_counts()
        if not ranked or len(ranked) > 1 and ranked[1][1] == ranked[0][1]:
            return None
        return ranked[0][0]

    def domestic(self, code: str) -> str | None:
        """The country itself, when the article is about that one country only."""
        ranked = [c for c, n in self.country_counts() if n >= 2]
        return code if ranked == [code] else None

    def partner(self, code: str) -> str | None:
        """The other side of the article's main dyad, for an actor from one side of it."""
        top = [c for c, n in self.country_counts()[:2] if n >= 2]
        if len(top) == 2 and code in top:
            return top[1] if top[0] == code else top[0]
        return None

    def _possessive_owner(self, person: Person, left: list[int]) -> None:
        """"France ... recalled its ambassador in Algiers, X": the possessive's subject owns the office."""
        roles = [i for i in left if self.tok_entry.get(i) is not None and self.tok_entry[i].kind == "role"]
        for i in possessor_subject(self.toks, left, possessive_pronouns(self.gaz.language), roles):
            entry = self.tok_entry.get(i)
            other = self.tok_person.get(i)
            if other is not None and other is not person:
                person.relation_to, person.relation = person.relation_to or other, person.relation or "of"
                return
            if entry is not None and entry.kind in ("country", "capital", "institution") and entry.code and len(entry.code) == 3:
                person.country = entry.code if entry.code not in ("IGO", "NGO", "MNC") else None
                return

    def _left_window(self, start: int) -> list[int]:
        toks = self.toks
        out: list[int] = []
        i = start - 1
        while i >= 0 and len(out) < 8:
            t = toks[i]
            if t.is_punct and t.text not in ("-", "’s", "'s", "'", "’") or t.pos_ in ("VERB", "AUX", "CCONJ") or "\n" in t.text:
                break
            out.append(i)
            i -= 1
        only_title = all(
            self.tok_entry.get(j) is not None and self.tok_entry[j].kind in ("rank", "honorific") or toks[j].text == "-" or toks[j].pos_ == "DET"
            for j in out
        )
        if only_title and i >= 0 and toks[i].text == ",":
            # "the head of Algeria's agency (DGSI), Major-General X": the title phrase sits before the comma,
            # unless that phrase is itself about someone else ("X, Chief of Staff to Y, Z" is a list)
            before: list[int] = []
            j = i - 1
            while j >= 0 and len(before) < 12 and not (toks[j].pos_ in ("VERB", "AUX") or toks[j].text in (",", ".", ";") or "\n" in toks[j].text):
                before.append(j)
                j -= 1
            if not any(k in self.tok_person for k in before) and not any(self._is_name_token(k) and toks[k].ent_type_ in _PERSON_LABELS for k in before):
                out += before
        return out

    def _describe(self, person: Person, start: int, end: int) -> None:
        """Fill role, sector and country from the words around one mention."""
        left, right = self._left_window(start), self._right_apposition(end)
        if not any(
            self.tok_entry.get(i) is not None and self.tok_entry[i].kind in ("role", "rank", "group") or self.toks[i].lower_ in RELATIONAL
            for i in right
        ):
            right = []  # ", the conference on Lebanon ..." after a name is not a description of the person
        window = left + right
        role_entry: GazEntry | None = None
        body_sector: str | None = None
        body_country: str | None = None  # a named country word beats the home country of an institution
        for i in window:  # nearest words first: "French President X and Algerian President Y"
            if i in self.compounds:  # "Franco-Algerian writer X": one country for the compound
                person.country = person.country or self.compounds[i]
                continue
            entry = self.tok_entry.get(i)
            if entry is None:
                other = self.tok_person.get(i)
                if other is not None and other is not person and self._possessive_or_to(i):
                    person.relation_to, person.relation = other, person.relation or "of"
                continue
            if entry.kind in ("adjective", "country") and is_posting(self.toks[i], self.tok_entry, self._postings):
                continue  # "Algeria's ambassador to France": France is where the ambassador serves
            if entry.kind in ("role", "rank") and (role_entry is None or entry.kind == "role" and role_entry.kind == "rank"):
                role_entry = entry
            elif entry.kind in ("adjective", "country") and person.country is None:
                person.country = entry.code
            elif entry.kind == "institution":
                body_sector = body_sector or entry.sector
                if body_country is None and entry.code and len(entry.code) == 3 and entry.code.isalpha():
                    body_country = entry.code
        owner_at, owner_code = relative_owner(self.toks, self.tok_entry, left)
        owner = self.tok_person.get(owner_at) if owner_at is not None else None
        if owner is not None and owner is not person:
            person.relation_to, person.relation = owner, person.relation or "of"
        body_country = owner_code or body_country  # "Slovakia, whose Prime Minister X": the office is Slovakia's
        person.country = person.country or body_country
        if person.country is None:
            self._possessive_owner(person, left)
        self._counterpart(person, start, left, right)
        if role_entry is not None and role_entry.kind == "role" and person.role is None:
            person.role = role_entry.canonical
        # the body a person heads says more than a military rank: a general who runs an intelligence agency is SPY
        # ... and so does the body a president or spokesperson serves: the president of a farmers' union is AGR
        heads = role_entry is None or role_entry.kind == "rank" or role_entry.canonical in body_titles(self.gaz.language)
        sector = body_sector if body_sector and heads else (role_entry.sector if role_entry else None)
        person.sector = person.sector or sector

    def _counterpart(self, person: Person, start: int, left: list[int], right: list[int]) -> None:
        """Whose counterpart the person is, from a relational noun ("counterpart", « homologue ») beside the name."""
        for side in (left, right):
            # "X, Nuñez's Algerian counterpart": X holds Nuñez's office; the anchor is the person on the same side
            if any(self.toks[i].lower_ in RELATIONAL for i in side) and (side is right or self.toks[start - 1].text != ","):
                others = [self.tok_person[i] for i in side if i in self.tok_person and self.tok_person[i] is not person]
                if others:
                    person.relation_to, person.relation = others[0], "counterpart"
        if person.relation_to is not None:
            return
        # "Nuñez held talks with his Algerian counterpart, Saïd Sayoud": "his" is the clause's subject
        anchors = counterpart_anchor(self.toks, left + right, RELATIONAL, possessive_pronouns(self.gaz.language))
        other = next((self.tok_person[i] for i in anchors if i in self.tok_person), None)
        if other is None and anchors:
            other = self._role_anchor(self.toks[anchors[0]])  # "the minister met his counterpart, X"
            if other is None and person.country is None:
                # « le président français, reçu par son homologue X »: an office of a named country, held by
                # no one the article names: X holds it on the other side of the article's dyad
                home = self._anchor_country(self.toks[anchors[0]])
                person.country = self.partner(home) if home else None
                person.guessed = person.country is not None
                if person.guessed:  # a counterpart holds the same office
                    office = self.tok_entry[anchors[0]]
                    person.role, person.sector = person.role or office.canonical, person.sector or office.sector
        if other is not None and other is not person:
            person.relation_to, person.relation = other, "counterpart"

    def _anchor_country(self, t: Any) -> str | None:
        """The country of an office noun that a nationality or country word qualifies ("the French president")."""
        if self.tok_entry.get(t.i) is None or self.tok_entry[t.i].kind != "role":
            return None
        span = self.tok_span[t.i]
        words = [c.i for c in t.children] + [i for i in range(*span) if i != t.i]
        entry = next((self.tok_entry[i] for i in words if i in self.tok_entry and self.tok_entry[i].kind in ("adjective", "country")), None)
        return entry.code if entry is not None else None

    def _role_anchor(self, t: Any) -> Person | None:
        """The person a definite office noun refers back to ("the minister"), if the article named one."""
        entry = self.tok_entry.get(t.i)
        if entry is None or entry.kind != "role":
            return None
        return self._last_holder(entry.canonical, t)

    def _possessive_or_to(self, i: int) -> bool:
        t = self.toks[i]
        nxt = self.toks[i + 1] if i + 1 < len(self.doc) else None
        prev = self.toks[i - 1] if i > 0 else None
        return (
            t.text.endswith(("’s", "'s"))
            or (nxt is not None and nxt.tag_ == "POS")
            or (nxt is not None and nxt.text in ("’s", "'s"))
            or (prev is not None and prev.lower_ in ("to", "of", "de", "du", "auprès"))
            or (prev is not None and self.tok_entry.get(prev.i) is not None and self.tok_entry[prev.i].kind == "role")
        )

    def person_mentions(self) -> list[Mention]:
        """One record per person of the article, at their first mention."""
        toks, sent_of = self.toks, self.lists.sent_of
        out = []
        for p in self.people:
            start, end = min(p.mentions)
            text = self._span_text(start, end)
            first, last = toks[start], toks[end - 1]
            out.append(Mention(first.idx, last.idx + len(last), text, sent_of[start], self.person_entity(p, text)))
        return out
