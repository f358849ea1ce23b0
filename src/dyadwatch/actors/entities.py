"""Argument phrases to entities: the second half of the article's actor table.

Once the people of an article are known, the event coder asks for the
entities behind the head of a subject or object: a person from the table, a
country from its name, adjective or capital, an institution, or a group
("Algerian police") with its sector, and the actor behind a pronoun. The
``ArticleActors`` of ``resolve`` inherits these methods; the attributes
declared below are the table it fills.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache
from typing import Any, cast

from dyadwatch.actors.gazetteer import GazEntry, Gazetteer, read_data
from dyadwatch.actors.person import Person
from dyadwatch.nlp.lists import ParseLists
from dyadwatch.records import Entity

# pronouns that point back to a person or to a country/organisation
_PERSON_PRONOUNS = {"he", "she", "him", "her", "il", "elle", "lui"}
_THING_PRONOUNS = {"it", "they", "them", "its", "their", "elles", "ils"}
# French pronouns of persons and things alike (« La France a rappelé ... Elle a aussi »): the last
# subject that names a party, person or not
_EITHER_PRONOUNS = frozenset({"il", "elle"})
# subject pronouns of more than one party: they may point back to a coordinated subject ("A and B ... They")
_PLURAL_PRONOUNS = frozenset({"they", "ils", "elles"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "nsubj:pass"})
# articles that make a noun definite: "the court", « la Cour », « l'Agence »
_DEFINITE_ARTICLES = frozenset({"the", "le", "la", "l'", "l’"})
# relations under a noun that say something else about it than whose it is: a clause ("who fled
# Syria", « soutenu par l'Iran »), whose words are the parties of another predicate
_CLAUSAL = frozenset({"relcl", "acl", "advcl", "ccomp", "acl:relcl", "csubj", "parataxis", "pcomp"})
# relations that open a prepositional phrase ("in", « à »)
_PREPOSITIONAL = frozenset({"prep", "nmod", "obl", "obl:mod"})
# links under a head that put a name inside its phrase ("the minister, Laurent Nuñez", "President Tebboune")
_NAME_LINKS = frozenset({"appos", "compound", "flat", "flat:name"})
# dependents that make a plural noun a phrase of its own, not a bare repetition ("the leaders", "both leaders")
_DETERMINED = frozenset({"det", "amod", "compound", "nummod", "poss", "nmod:poss"})
# prepositions of a phrase that says whose a group is ("delegations from Armenia", "ministers of India")
_ORIGIN_PREPS = frozenset({"from", "of"})
# word-table kinds of a word that gives a group its side ("Israeli and Hamas negotiators")
_SIDE_KINDS = frozenset({"adjective", "country", "capital", "institution"})
# word-table kinds that name a party by themselves
_PARTY_KINDS = frozenset({"role", "group", "rank", "institution", "adjective", "country", "capital"})


@dataclass(frozen=True)
class StanceWords:
    """The word lists of ``stances.{lang}.yaml``."""

    prefixes: frozenset[str]  # "pro-", "anti-" before a nationality
    participles: frozenset[str]  # "-backed", "-occupied" after it
    ethnic: frozenset[str]  # "ethnic" before it: an origin, not a state
    locative: frozenset[str]  # prepositions of a clause that places its noun ("based in Beirut")


STANCE_KEYS = ("prefixes", "participles", "ethnic", "locative")


NGO = "NGO"


@lru_cache(maxsize=4)
def ngo_groups(language: str) -> frozenset[str]:
    """Group phrases of non-governmental organisations ("rights groups", « ONG »), of ``collectives.{lang}.yaml``:
    named with no country, they are coded NGO; a country named with them keeps its code ("Egyptian rights groups")."""
    data = read_data("dyadwatch.actors", f"collectives.{language}.yaml") or {}
    return frozenset(str(w).lower() for w in data.get("ngo_groups") or ())


@lru_cache(maxsize=4)
def body_nouns(language: str) -> frozenset[str]:
    """Nouns that head the names of bodies ("court", « cour »), of ``collectives.{lang}.yaml``: with a definite
    article and no country of their own, they stand for the last body named with that word in its name."""
    data = read_data("dyadwatch.actors", f"collectives.{language}.yaml") or {}
    return frozenset(str(w).lower() for w in data.get("named_bodies") or ())


@lru_cache(maxsize=4)
def stance_words(language: str) -> StanceWords:
    """The words that make a nationality a stance, for ``language`` (empty lists when it has no file)."""
    data = read_data("dyadwatch.actors", f"stances.{language}.yaml") or {}
    return StanceWords(*(frozenset(str(w).lower() for w in data.get(k) or ()) for k in STANCE_KEYS))


class EntityResolver:
    """Entities for argument heads, over a table of people and gazetteer matches."""

    doc: Any
    toks: list[Any]
    gaz: Gazetteer
    tok_entry: dict[int, GazEntry]
    tok_span: dict[int, tuple[int, int]]
    people: list[Person]
    tok_person: dict[int, Person]
    compounds: dict[int, str]  # token of a compound adjective ("Franco-Algerian") → its one country
    # the parse as plain lists (``nlp.lists``): the loops below read these, not Token objects
    lists: ParseLists
    # the parsed text, and the entities already found per (token, depth): the coder asks for the same
    # subject once per event of its sentence, and the table does not change once built
    text: str
    _found: dict[tuple[int, int], list[Entity]]
    _at: dict[int, Entity | None]

    def _span_text(self, start: int, end: int) -> str:
        """The text of tokens start..end-1 (a slice: a Span's text builds every Token again)."""
        starts = self.lists.starts
        return self.text[starts[start] : starts[end - 1] + len(self.lists.texts[end - 1])]

    def person_entity(self, person: Person, text: str) -> Entity:
        code = person.country or "UNK"
        starts = self.lists.starts  # Token.idx, from the lists
        return Entity(
            code=code,
            sector=person.sector,
            name=text,
            canonical=person.name,
            role=person.role,
            kind="person",
            guessed=person.guessed,
            start=starts[person.start],
            end=starts[person.end - 1] + len(self.lists.texts[person.end - 1]),
        )

    def entity_at(self, i: int) -> Entity | None:
        """The entity that token i names on its own, if any (person, country, institution)."""
        if i not in self._at:
            self._at[i] = self._entity_at(i)
        return self._at[i]

    def _entity_at(self, i: int) -> Entity | None:
        parse = self.lists  # read from the lists: no Token
        person = self.tok_person.get(i)
        if person is not None:
            return self.person_entity(person, parse.texts[i])
        entry = self.tok_entry.get(i)
        if entry is None or entry.code is None:
            return None
        s, e = self.tok_span[i]
        text = self._span_text(s, e)
        if entry.kind == "capital" and parse.deps[i] not in ("nsubj", "nsubjpass", "poss", "agent") and self._is_place(i):
            return None
        if entry.kind == "adjective" and self.stance(i):
            return None  # "the Syrian-backed militia" is not Syria
        kind = {"institution": "organisation"}.get(entry.kind, "country")
        sector = entry.sector if entry.kind == "institution" else "GOV"
        if entry.kind == "adjective":
            sector = None
        return Entity(entry.code, sector, text, entry.canonical, None, kind, parse.starts[s], parse.starts[e - 1] + len(parse.texts[e - 1]))

    def _is_place(self, i: int) -> bool:
        return self.lists.lower[self.lists.heads[i]] in ("in", "at", "to", "à", "en", "from", "de", "near")

    def entities_for(self, token: Any, depth: int = 0) -> list[Entity]:
        """Resolve an argument head (and its coordinated siblings) to entities."""
        key = (token.i, depth)
        found = self._found.get(key)
        if found is None:
            found = self._found[key] = self._entities_for(token, depth)
        return list(found)

    def _entities_for(self, token: Any, depth: int) -> list[Entity]:
        out: list[Entity] = []
        toks = self.toks
        if self.lists.lower[token.i] in _PLURAL_PRONOUNS:
            out = self._plural_antecedent(token)
            if out:
                return out
        for head in [token, *(toks[j] for j in self._conjuncts(token.i)), *self._named_conjuncts(token.i)]:
            ent = self._one(head, depth)
            found = [ent] if ent is not None else []
            if ent is not None and ent.kind == "group":
                found += self._coordinated_modifiers(head, ent)
            for e in found:
                if all((x.code, x.canonical) != (e.code, e.canonical) for x in out):
                    out.append(e)
        return out

    def _coordinated_modifiers(self, head: Any, first: Entity) -> list[Entity]:
        """"Chinese and Russian leaders", "les armées française et indienne", "delegations from
        Armenia and Azerbaijan": one group per country."""
        out = []
        for mod in head.children:
            if mod.dep_ == "prep" and mod.lower_ in _ORIGIN_PREPS:
                mod = next((g for g in mod.children if g.dep_ == "pobj"), mod)
            elif mod.dep_ not in ("amod", "compound", "nmod"):
                continue
            for other in (self.toks[j] for j in self._conjuncts(mod.i)):
                entry = self.tok_entry.get(other.i)
                if entry is not None and entry.kind in _SIDE_KINDS and entry.code and entry.code != first.code:
                    name = self.gaz.country_names.get(entry.code, entry.code)
                    out.append(replace(first, code=entry.code, canonical=name, name=f"{other.text} {head.text}"))
        return out

    def _one(self, h: Any, depth: int) -> Entity | None:
        if h.i in self.tok_person:
            return self.person_entity(self.tok_person[h.i], h.text)
        # a name inside the noun phrase: "the minister, Laurent Nuñez" / "President Tebboune"
        parse = self.lists
        for child in parse.kids[h.i]:
            if parse.deps[child] in _NAME_LINKS and child in self.tok_person:
                return self.person_entity(self.tok_person[child], parse.texts[child])
        direct = self.entity_at(h.i)
        if direct is not None and direct.kind != "country" or direct is not None and self.tok_entry[h.i].kind != "adjective":
            return direct
        lower = parse.lower[h.i]
        if lower in _PERSON_PRONOUNS or lower in _THING_PRONOUNS or lower in ("who", "which", "qui", "that"):
            return self._antecedent(h)
        return self._group(h, depth)

    def _group(self, h: Any, depth: int) -> Entity | None:
        """A common-noun phrase: sector from the head noun, country from its modifiers.

        A people named by the head ("Palestinians of the Israeli-occupied West
        Bank") is its country only when no other word places it: "Bosnian
        Serbs" and "the Albanians of southern Serbia" are coded where they live.
        """
        entry = self.tok_entry.get(h.i)
        sector = entry.sector if entry is not None and entry.kind in ("role", "group", "rank") else None
        role = entry.canonical if entry is not None and entry.kind == "role" else None
        people = entry.code if entry is not None and entry.kind == "adjective" and not self.stance(h.i) else None
        country: str | None = None
        source: Any = None  # the word that gave the country
        heads = self.lists.heads
        for t in self._identity_words(h.i):
            e = self.tok_entry.get(t)
            if t in self.compounds and sector is not None:  # "the Franco-Algerian writer"
                country = country or self.compounds[t]
            elif e is not None and e.kind in ("adjective", "country", "capital", "institution") and e.code:
                if not self.stance(t) and country is None:
                    country, source = e.code, self.toks[t]
                if e.kind == "institution" and sector is None and heads[t] == h.i:
                    sector = e.sector  # "the Hizbollah group": the body's sector
            elif e is not None and e.kind in ("role", "group", "rank") and sector is None:
                sector, role = e.sector, (e.canonical if e.kind == "role" else role)
            elif t in self.tok_person and country is None:
                country = self.tok_person[t].country
        if country is None and role is not None:
            person = self._unique_holder(role) or self._last_holder(role, h)
            if person is not None:
                return self.person_entity(person, h.text)
        country = country or people or (NGO if entry is not None and entry.canonical in ngo_groups(self.gaz.language) else None)
        if country is None:
            return self._body_named_before(h) or (self._named_before(h, depth) if depth == 0 else None)
        if sector is None and country != people and not _people_noun(source, self.tok_entry):
            sector = "GOV"  # a phrase a country's name or adjective qualifies: its state, unless a word says otherwise
        # the phrase's words up to its head: they start at the first word of its subtree
        text = self._span_text(self._leftmost(h.i), h.i + 1)
        return Entity(country, sector, text, self.gaz.country_names.get(country, country), role, "group", h.idx, h.idx + len(h.text))

    def _identity_words(self, h: int) -> list[int]:
        """The words near the head of a noun phrase that may say whose it is, in text order.

        Not the words of a clause about the head, which are parties to another
        predicate ("protesters who fled Syria", "a group supported by Iran"),
        except where the clause places it ("a newspaper based in Beirut"); nor
        those of an apposition that names no party ("many waving EU flags").
        """
        kids, deps = self.lists.kids, self.lists.deps
        out: list[int] = []
        todo = list(kids[h])
        while todo:
            t = todo.pop()
            if deps[t] == "appos" and not self._names_party(t):
                continue
            if deps[t] in _CLAUSAL:
                todo.extend(c for c in kids[t] if deps[c] in _PREPOSITIONAL and self._case(c) in self._locative)
                continue
            if abs(t - h) <= 8:
                out.append(t)
            todo.extend(kids[t])
        out.sort()
        return out

    def _leftmost(self, h: int) -> int:
        """The first word of the subtree of token ``h`` (``Token.left_edge``, from the lists)."""
        kids = self.lists.kids
        first, todo = h, [h]
        while todo:
            i = todo.pop()
            first = min(first, i)
            todo.extend(kids[i])
        return first

    def _case(self, t: int) -> str:
        """The preposition of a prepositional dependent: the word itself (English "prep") or its "case" child."""
        parse = self.lists
        if parse.deps[t] == "prep":
            return parse.lower[t]
        return next((parse.lower[c] for c in parse.kids[t] if parse.deps[c] == "case"), "")

    def _conjuncts(self, i: int) -> list[int]:
        """The words coordinated with token ``i`` ("Algeria and Morocco"), descriptions set off by commas left out."""
        parse = self.lists
        out: list[int] = []
        for c in parse.kids[i]:
            if parse.deps[c] == "conj" and not _apposed(self.toks[c], self.toks[i]):
                out.append(c)
                out.extend(self._conjuncts(c))
        return out

    def _named_conjuncts(self, i: int) -> list[Any]:
        """The words coordinated with the name set beside a head (« le ministre tunisien X et son
        homologue libyen »: the parser hangs the second party on the name, not on the head)."""
        parse = self.lists
        names = [c for c in parse.kids[i] if parse.deps[c] == "appos" and c in self.tok_person]
        return [self.toks[j] for c in names for j in self._conjuncts(c)]

    def _names_party(self, t: int) -> bool:
        """Whether a noun is itself a person, a country, a people, a body or a kind of party."""
        entry = self.tok_entry.get(t)
        return t in self.tok_person or entry is not None and entry.kind in _PARTY_KINDS

    @property
    def _locative(self) -> frozenset[str]:
        return stance_words(self.gaz.language).locative

    def stance(self, i: int) -> bool:
        """A nationality that names a stance or an origin, not whose the phrase is: joined to "pro-",
        "anti-" or "-backed" ("the Syrian-backed militia"), or after "ethnic" ("ethnic Albanians")."""
        words = stance_words(self.gaz.language)
        texts, lower = self.lists.texts, self.lists.lower  # Token.text and Token.lower_, from the lists
        s, e = self.tok_span.get(i, (i, i + 1))
        before = lower[s - 2] if s >= 2 and texts[s - 1] == "-" else ""
        after = lower[e + 1] if e + 1 < len(texts) and texts[e] == "-" else ""
        ethnic = s >= 1 and lower[s - 1] in words.ethnic
        return before in words.prefixes or after in words.participles or ethnic

    def _unique_holder(self, role: str) -> Person | None:
        holders = [p for p in self.people if p.role == role]
        return holders[0] if len(holders) == 1 else None

    def _named_before(self, h: Any, depth: int) -> Entity | None:
        """A bare plural office or body noun ("urged leaders to act") that repeats the head of a group
        the article placed before ("European Union leaders agreed ..."): that group."""
        deps = self.lists.deps
        if "Plur" not in self.lists.feature(h.i, "Number") or any(deps[c] in _DETERMINED for c in self.lists.kids[h.i]):
            return None
        toks = self.toks
        # the nouns with the same lemma before it, nearest first, up to 300 words back
        same = self._nouns_by_lemma.get(h.lemma, [])
        for i in reversed(same[: bisect_left(same, h.i)]):
            if i <= h.i - 300:
                break
            found = self._group(toks[i], depth + 1)
            if found is not None:
                return replace(found, name=h.text, start=h.idx, end=h.idx + len(h.text))
        return None

    def _body_named_before(self, h: Any) -> Entity | None:
        """"The court", « la Cour », "the agency": a definite singular noun that is a word of the name of
        a body the article named before ("the International Court of Justice"), and no country's, is that body."""
        parse = self.lists
        word = parse.lower[h.i]
        if word not in body_nouns(self.gaz.language) or "Plur" in parse.feature(h.i, "Number"):
            return None
        if not any(parse.deps[c] == "det" and parse.lower[c] in _DEFINITE_ARTICLES for c in parse.kids[h.i]):
            return None
        starts = self._body_starts
        for i in reversed(starts[: bisect_left(starts, h.i)]):
            if i <= h.i - 300:
                break
            s, e = self.tok_span[i]
            if word in parse.lower[s:e]:
                entry = self.tok_entry[i]
                return Entity(cast(str, entry.code), entry.sector, h.text, entry.canonical, None, "organisation", h.idx, h.idx + len(h.text))
        return None

    @cached_property
    def _body_starts(self) -> list[int]:
        """The first words of the bodies the article names, in text order (listed on first use)."""
        return sorted(i for i, e in self.tok_entry.items() if e.kind == "institution" and e.code and self.tok_span[i][0] == i)

    @cached_property
    def _nouns_by_lemma(self) -> dict[int, list[int]]:
        """The positions of the nouns of the Doc by their lemma's hash, in text order (listed on first use)."""
        out: dict[int, list[int]] = {}
        for i, (lemma, pos) in enumerate(zip(self.lists.lemma_ids, self.lists.pos)):
            if pos == "NOUN":
                out.setdefault(lemma, []).append(i)
        return out

    def _last_holder(self, role: str, h: Any) -> Person | None:
        """"Interior Minister X ... the minister said": the person last named before a definite role
        noun whose office it names, in full ("the minister") or as its last word."""
        if h.pos_ != "NOUN" or not any(c.dep_ == "det" and "Def" in c.morph.get("Definite") for c in h.children):
            return None
        best: tuple[int, Person] | None = None
        for p in self.people:
            if p.role is None or p.role != role and not p.role.endswith(" " + role):
                continue
            seen = [start for start, _ in p.mentions if start < h.i]
            if seen and (best is None or max(seen) > best[0]):
                best = (max(seen), p)
        return best[1] if best else None

    def _antecedent(self, h: Any) -> Entity | None:
        """Nearest earlier actor: a person for he/she, a country or body for it/they."""
        toks = self.toks
        if h.lower_ in ("who", "which", "qui", "that") and h.head.dep_ in ("relcl", "acl:relcl"):
            return self._one(h.head.head, 1)
        either = h.lower_ in _EITHER_PRONOUNS
        want_person = h.lower_ in _PERSON_PRONOUNS and not either
        prev_start = self._previous_sentence_start(h.i)
        for i in range(h.i - 1, prev_start - 1, -1):
            t = toks[i]
            if want_person and i in self.tok_person:
                return self.person_entity(self.tok_person[i], h.text)
            if not want_person and t.dep_ in _SUBJECTS:
                ent = self._either_antecedent(t, h) if either else None if i in self.tok_person else self._thing_antecedent(i)
                if ent is not None:
                    return replace(ent, name=h.text)
                if not either and self._unplaced_subject(i, h.i):
                    return None  # "The group said it would ...": the party named last, of no known country
        if either:
            # « il », « elle » with no subject before that names a party: the person last named
            return next((self.person_entity(self.tok_person[i], h.text) for i in range(h.i - 1, prev_start - 1, -1) if i in self.tok_person), None)
        return None


    def _previous_sentence_start(self, i: int) -> int:
        """The first token of the sentence before token i's (of its own when it is the first)."""
        parse = self.lists
        k = parse.sent_of[i]
        return parse.sents[k - 1][0] if k > 0 else parse.sents[k][0]

    def _thing_antecedent(self, i: int) -> Entity | None:
        """The party a subject names, for "it" or "they" after it: a name, or a common noun a country
        qualifies ("The Somali government said ... It condemned"), when that noun is the subject of its
        sentence's main verb, not of a clause the sentence reports ("said that Ethiopian troops had")."""
        ent = self.entity_at(i)
        if ent is not None:
            return ent
        parse = self.lists
        verb = parse.heads[i]
        if parse.pos[i] not in ("NOUN", "PROPN") or parse.heads[verb] != verb:
            return None
        found = self._group(self.toks[i], 1)
        return found if found is not None and found.kind != "person" else None

    def _unplaced_subject(self, i: int, pronoun: int) -> bool:
        """A main-clause subject of no known country that a pronoun after it most likely stands for: a
        kind of party ("the militia said"), or any common noun of the pronoun's own sentence ("The group
        said it would")."""
        parse = self.lists
        verb = parse.heads[i]
        if parse.heads[verb] != verb:
            return False
        entry = self.tok_entry.get(i)
        party = entry is not None and entry.kind in ("group", "role", "rank")
        return party or parse.pos[i] == "NOUN" and parse.sent_of[i] == parse.sent_of[pronoun]

    def _plural_antecedent(self, h: Any) -> list[Entity]:
        """"Egypt and Turkey signed ... They also called", « X et Y ont signé ... Ils ont appelé »: every party
        of the coordinated subject (countries, bodies or people) a plural pronoun points back to; none when
        that subject names one party."""
        prev_start = self._previous_sentence_start(h.i)
        for i in range(h.i - 1, prev_start - 1, -1):
            if self.lists.deps[i] not in _SUBJECTS or self._thing_antecedent(i) is None:
                continue
            found = self.entities_for(self.toks[i], 1)
            return [replace(e, name=h.text) for e in found] if len(found) > 1 else []
        return []

    def _either_antecedent(self, t: Any, h: Any) -> Entity | None:
        """The party a subject names, for « il » or « elle » after it: a person, a country or body, or
        the holder of an office (« le chancelier ... où il sera accueilli »), of the pronoun's gender."""
        if t.pos_ == "PRON" or set(t.morph.get("Gender")).isdisjoint(h.morph.get("Gender")) and t.morph.get("Gender") and h.morph.get("Gender"):
            return None
        if t.i in self.tok_person:
            return self.person_entity(self.tok_person[t.i], h.text)
        return self._one(t, 1)


def _people_noun(t: Any, entries: dict[int, GazEntry]) -> bool:
    """A nationality written as a plural noun ("dozens of Ethiopians"): people, not their state."""
    entry = entries.get(t.i) if t is not None else None
    return entry is not None and entry.kind == "adjective" and "Plur" in t.morph.get("Number")


def _apposed(conj: Any, head: Any) -> bool:
    """A common noun after a comma, with no "and" in the list: a description the French parser
    reads as a conjunct (« Téhéran, principal soutien du Hezbollah, a suspendu »), not a second party."""
    edge = conj.left_edge
    if conj.pos_ != "NOUN" or edge.text != "," and (edge.i == 0 or conj.doc[edge.i - 1].text != ","):
        return False
    return not any(c.dep_ == "cc" for c in (*conj.children, *head.children))
