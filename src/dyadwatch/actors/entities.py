"""Argument phrases to entities: the second half of the article's actor table.

Once the people of an article are known, the event coder asks for the
entities behind the head of a subject or object: a person from the table, a
country from its name, adjective or capital, an institution, or a group
("Algerian police") with its sector, and the actor behind a pronoun. The
``ArticleActors`` of ``resolve`` inherits these methods; the attributes
declared below are the table it fills.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from dyadwatch.actors.gazetteer import GazEntry, Gazetteer
from dyadwatch.actors.person import Person
from dyadwatch.records import Entity

# pronouns that point back to a person or to a country/organisation
_PERSON_PRONOUNS = {"he", "she", "him", "her", "il", "elle", "lui"}
_THING_PRONOUNS = {"it", "they", "them", "its", "their", "elles", "ils"}


class EntityResolver:
    """Entities for argument heads, over a table of people and gazetteer matches."""

    doc: Any
    toks: list[Any]
    gaz: Gazetteer
    tok_entry: dict[int, GazEntry]
    tok_span: dict[int, tuple[int, int]]
    people: list[Person]
    tok_person: dict[int, Person]
    # the parsed text, and the entities already found per (token, depth): the coder asks for the same
    # subject once per event of its sentence, and the table does not change once built
    text: str
    _found: dict[tuple[int, int], list[Entity]]
    _at: dict[int, Entity | None]

    def _span_text(self, start: int, end: int) -> str:
        """The text of tokens start..end-1 (a slice: a Span's text builds every Token again)."""
        toks = self.toks
        return self.text[toks[start].idx : toks[end - 1].idx + len(toks[end - 1].text)]

    def person_entity(self, person: Person, text: str) -> Entity:
        code = person.country or "UNK"
        return Entity(
            code=code,
            sector=person.sector,
            name=text,
            canonical=person.name,
            role=person.role,
            kind="person",
            guessed=person.guessed,
            start=self.toks[person.start].idx,
            end=self.toks[person.end - 1].idx + len(self.toks[person.end - 1].text),
        )

    def entity_at(self, i: int) -> Entity | None:
        """The entity that token i names on its own, if any (person, country, institution)."""
        if i not in self._at:
            self._at[i] = self._entity_at(i)
        return self._at[i]

    def _entity_at(self, i: int) -> Entity | None:
        toks = self.toks
        t = toks[i]
        person = self.tok_person.get(i)
        if person is not None:
            return self.person_entity(person, t.text)
        entry = self.tok_entry.get(i)
        if entry is None or entry.code is None:
            return None
        s, e = self.tok_span[i]
        text = self._span_text(s, e)
        if entry.kind == "capital" and t.dep_ not in ("nsubj", "nsubjpass", "poss", "agent") and self._is_place(i):
            return None
        kind = {"institution": "organisation"}.get(entry.kind, "country")
        sector = entry.sector if entry.kind == "institution" else "GOV"
        if entry.kind == "adjective":
            sector = None
        return Entity(entry.code, sector, text, entry.canonical, None, kind, toks[s].idx, toks[e - 1].idx + len(toks[e - 1].text))

    def _is_place(self, i: int) -> bool:
        head = self.toks[i].head
        return head.lower_ in ("in", "at", "to", "à", "en", "from", "de", "near")

    def entities_for(self, token: Any, depth: int = 0) -> list[Entity]:
        """Resolve an argument head (and its coordinated siblings) to entities."""
        key = (token.i, depth)
        found = self._found.get(key)
        if found is None:
            found = self._found[key] = self._entities_for(token, depth)
        return list(found)

    def _entities_for(self, token: Any, depth: int) -> list[Entity]:
        out: list[Entity] = []
        for head in [token, *_conjuncts(token)]:
            ent = self._one(head, depth)
            found = [ent] if ent is not None else []
            if ent is not None and ent.kind == "group":
                found += self._coordinated_modifiers(head, ent)
            for e in found:
                if all((x.code, x.canonical) != (e.code, e.canonical) for x in out):
                    out.append(e)
        return out

    def _coordinated_modifiers(self, head: Any, first: Entity) -> list[Entity]:
        """"Chinese and Russian leaders", "les armées française et indienne": one group per country."""
        out = []
        for mod in head.children:
            if mod.dep_ not in ("amod", "compound", "nmod"):
                continue
            for other in _conjuncts(mod):
                entry = self.tok_entry.get(other.i)
                if entry is not None and entry.kind in ("adjective", "country") and entry.code and entry.code != first.code:
                    name = self.gaz.country_names.get(entry.code, entry.code)
                    out.append(replace(first, code=entry.code, canonical=name, name=f"{other.text} {head.text}"))
        return out

    def _one(self, h: Any, depth: int) -> Entity | None:
        if h.i in self.tok_person:
            return self.person_entity(self.tok_person[h.i], h.text)
        # a name inside the noun phrase: "the minister, Laurent Nuñez" / "President Tebboune"
        for child in h.children:
            if child.dep_ in ("appos", "compound", "flat", "flat:name") and child.i in self.tok_person:
                return self.person_entity(self.tok_person[child.i], child.text)
        direct = self.entity_at(h.i)
        if direct is not None and direct.kind != "country" or direct is not None and self.tok_entry[h.i].kind != "adjective":
            return direct
        if h.lower_ in _PERSON_PRONOUNS or h.lower_ in _THING_PRONOUNS or h.lower_ in ("who", "which", "qui", "that"):
            return self._antecedent(h)
        return self._group(h, depth)

    def _group(self, h: Any, depth: int) -> Entity | None:
        """A common-noun phrase: sector from the head noun, country from its modifiers."""
        entry = self.tok_entry.get(h.i)
        sector = entry.sector if entry is not None and entry.kind in ("role", "group", "rank") else None
        role = entry.canonical if entry is not None and entry.kind == "role" else None
        country: str | None = None
        name_tokens = [t for t in h.subtree if t.i <= h.i or t.dep_ in ("prep", "pobj", "nmod", "case", "det")]
        for t in h.subtree:
            if t.i == h.i or t.dep_ in ("relcl", "acl", "advcl", "ccomp", "acl:relcl"):
                continue
            if abs(t.i - h.i) > 8:
                continue
            e = self.tok_entry.get(t.i)
            if t.i in self.compounds and sector is not None:  # "the Franco-Algerian writer"
                country = country or self.compounds[t.i]
            elif e is not None and e.kind in ("adjective", "country", "capital", "institution") and e.code:
                country = country or e.code
            elif e is not None and e.kind in ("role", "group", "rank") and sector is None:
                sector, role = e.sector, (e.canonical if e.kind == "role" else role)
            elif t.i in self.tok_person and country is None:
                country = self.tok_person[t.i].country
        if country is None and role is not None:
            person = self._unique_holder(role)
            if person is not None:
                return self.person_entity(person, h.text)
        if country is None:
            return None
        text = self._span_text(min(t.i for t in name_tokens), h.i + 1) if name_tokens else h.text
        return Entity(country, sector or "GOV", text, self.gaz.country_names.get(country, country), role, "group", h.idx, h.idx + len(h.text))

    def _unique_holder(self, role: str) -> Person | None:
        holders = [p for p in self.people if p.role == role]
        return holders[0] if len(holders) == 1 else None

    def _antecedent(self, h: Any) -> Entity | None:
        """Nearest earlier actor: a person for he/she, a country or body for it/they."""
        toks = self.toks
        if h.lower_ in ("who", "which", "qui", "that") and h.head.dep_ in ("relcl", "acl:relcl"):
            return self._one(h.head.head, 1)
        want_person = h.lower_ in _PERSON_PRONOUNS
        sent_start = h.sent.start
        prev_start = toks[sent_start - 1].sent.start if sent_start > 0 else 0
        for i in range(h.i - 1, prev_start - 1, -1):
            t = toks[i]
            if want_person and i in self.tok_person:
                return self.person_entity(self.tok_person[i], h.text)
            if not want_person and t.dep_ in ("nsubj", "nsubjpass") and i not in self.tok_person:
                ent = self.entity_at(i)
                if ent is not None:
                    return replace(ent, name=h.text)
        return None


def _conjuncts(token: Any) -> list[Any]:
    out = []
    for child in token.children:
        if child.dep_ == "conj":
            out.append(child)
            out.extend(_conjuncts(child))
    return out
