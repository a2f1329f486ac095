"""Mentions the model missed, found from the document itself.

* Names headed by an organisation or place word that the model left unlabelled ("The
  Deseret News", "Grand Mosque") are names all the same.
* A name an entity already carries in the document is a mention wherever it is written
  as a proper noun: spaCy often finds "Daniel Montalvo" and "Montalvo" in one sentence and
  nothing in the next. People are also named by their surname, entities with a
  several-word name by its acronym ("LA" for "Los Angeles"), and the places of
  `data/places.txt` are found even when the model found none of their mentions.
* People and places named inside a longer name are mentioned there too: "Andy Warhol" in
  "the Andy Warhol Foundation", "Texas" in "University of Texas", "US" in "US State
  Department", "Hong Kong" in "Hong Kong Island".
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field

from . import cues, lexicon, names, types
from .document import Document
from .group import Group, Grouping
from .mention import Candidate
from .spans import JOINERS, POSSESSIVES, repair


@dataclass
class Aliases:
    """The names of entities of some types: word key -> group, acronym -> group.

    With `known_places`, the names of `data/places.txt` are aliases too; the first match
    of one no entity carries yet starts a new place entity.
    """

    grouping: Grouping
    keys: dict[str, Group] = field(default_factory=dict)
    acronyms: dict[str, Group] = field(default_factory=dict)
    known_places: frozenset[str] = frozenset()
    prefixes: frozenset[str] = frozenset()  # the keys and their first words, to stop early

    @classmethod
    def of(cls, grouping: Grouping, kinds: set[str], known_places: bool = False) -> Aliases:
        """Aliases of the groups of `kinds`: the names their mentions carry, people's
        surnames and names' acronyms. A name two groups carry names neither."""
        keys: dict[str, list[Group]] = {}
        surnames: dict[str, list[Group]] = {}
        acronyms: dict[str, list[Group]] = {}
        for group in grouping.live():
            if group.type not in kinds:
                continue
            for key in {names.key(m.text) for m in group.names}:
                keys.setdefault(key, []).append(group)
            if group.type == "PERSON" and len(group.words) >= 2:
                surnames.setdefault(group.words[-1], []).append(group)
            for acronym in names.initials(group.name):
                acronyms.setdefault(acronym, []).append(group)
        for surname, people in surnames.items():
            keys.setdefault(surname, people)  # a name written alone beats a surname
        places = lexicon.place_keys() if known_places else frozenset()
        return cls(
            grouping,
            keys={k: g[0] for k, g in keys.items() if len(g) == 1},
            acronyms={a: g[0] for a, g in acronyms.items() if len(g) == 1},
            known_places=places,
            prefixes=_prefixes(keys) | (_known_place_prefixes() if known_places else frozenset()),
        )

    def match(self, document: Document, start: int, stop: int) -> tuple[int, Group] | None:
        """The longest alias written from token `start`, ending by `stop`: (end token, group).

        A one-word alias counts only where the word is a proper noun.
        """
        word = document.texts[start]
        if names.is_acronym(word) and names.key(word).upper() in self.acronyms:
            if not document.hyphenated(start, start + 1):
                return start + 1, self.acronyms[names.key(word).upper()]
        found = None
        for end in range(start + 1, stop + 1):
            key = names.key(document.span_text(start, end))
            if key not in self.prefixes:
                break
            if (key in self.keys or key in self.known_places) and self._ends_name(document, start, end):
                found = end, key
        return (found[0], self._group(found[1])) if found else None

    @staticmethod
    def _ends_name(document: Document, start: int, end: int) -> bool:
        """Do tokens [start, end) make a whole name ("Trump" of "Trump's"; not "Scientology"
        of "Scientology-owned", nor "US" of "US$ 20" or "NZ $ 26"; one word only where it is
        a proper noun)?"""
        last = document.texts[end - 1]
        if not (last[-1:].isalnum() or last.endswith(".")) or last in POSSESSIVES or document.hyphenated(start, end):
            return False
        if end < document.size and document.doc[end].is_currency:
            return False
        return end - start > 1 or document.is_proper_word(start)

    def _group(self, key: str) -> Group:
        if key not in self.keys:
            self.keys[key] = self.grouping.new_group()
        return self.keys[key]


def _prefixes(keys) -> frozenset[str]:
    """Every key and every run of its first words ("north", "north atlantic", ...)."""
    return frozenset(" ".join(words[:n]) for key in keys for words in [key.split()] for n in range(1, len(words) + 1))


@functools.cache
def _known_place_prefixes() -> frozenset[str]:
    return _prefixes(lexicon.place_keys())


def headed_names(document: Document, taken: list[Candidate]) -> list[Candidate]:
    """Capitalised runs outside `taken` that an organisation or place word heads."""
    covered = _tokens_of(taken)
    found = []
    i = document.headline_end
    while i < document.size:
        end = _capitalised_run(document, i, covered)
        if end - i >= 2:
            candidate = repair(document, i, end, None)
            if candidate is not None and types.lexical_type(candidate.text):
                candidate.label = types.lexical_type(candidate.text)
                found.append(candidate)
        i = max(end, i + 1)
    return found


def _capitalised_run(document: Document, start: int, covered: set[int]) -> int:
    """The end of the run of capitalised words (joined by "of", "and", ...) from `start`."""
    end = start
    i = start
    while i < document.size and i not in covered:
        word = document.texts[i]
        if word[:1].isupper() and word.isalpha():
            i += 1
            end = i
        elif word in JOINERS or (word == "the" and end > start):
            i += 1
        else:
            break
    return end


def add_missed_mentions(document: Document, grouping: Grouping) -> None:
    """Add the unlabelled repeats of the names of people, organisations and places."""
    aliases = Aliases.of(grouping, {"PERSON", "ORG", "PLACE"}, known_places=True)
    covered = _tokens_of(m for g in grouping.groups for m in g.mentions)
    stops = _next_covered(document.size, covered)
    i = 0
    while i < document.size:
        found = None
        if i not in covered and document.starts_capitalised(i):
            found = aliases.match(document, i, stops[i])
        if found is None:
            i += 1
            continue
        end, group = found
        mention = Candidate.of(document, i, end, label=None)
        cues.mark(document, mention)
        grouping.add(mention, group)
        i = end


def add_nested_mentions(document: Document, grouping: Grouping) -> None:
    """Add the people and places named inside the names of organisations and places."""
    aliases = Aliases.of(grouping, {"PERSON", "PLACE"}, known_places=True)
    for group in grouping.live():
        if group.type not in {"ORG", "PLACE"}:
            continue
        for outer in list(group.names):
            i = outer.start
            while i < outer.end:
                stop = outer.end - 1 if i == outer.start else outer.end
                found = aliases.match(document, i, stop) if document.starts_capitalised(i) else None
                if found is None or not _may_nest(document, found[1], group, found[0], outer.end):
                    i += 1
                    continue
                end, inner = found
                grouping.add(Candidate.of(document, i, end, label="PLACE" if inner.type is None else inner.type), inner)
                i = end


def _may_nest(document: Document, inner: Group, outer: Group, inner_end: int, outer_end: int) -> bool:
    """Is a name inside another a mention of its own? Not the same entity's, nor inside a
    known place's name; a place in a place only as "<place> <place word>" ("Hong Kong
    Island", not "South Australia")."""
    if inner is outer or names.key(outer.name) in lexicon.place_keys():
        return False
    if inner.type in {"PLACE", None} and outer.type == "PLACE":  # None: a known place not met yet
        return outer_end - inner_end == 1 and document.lowers[inner_end] in lexicon.words("place_words")
    return True


def _next_covered(length: int, covered: set[int]) -> list[int]:
    """For each token, the first covered token at or after it (or `length`)."""
    stops = [length] * (length + 1)
    for i in range(length - 1, -1, -1):
        stops[i] = i if i in covered else stops[i + 1]
    return stops


def _tokens_of(mentions) -> set[int]:
    return {i for m in mentions for i in range(m.start, m.end)}
