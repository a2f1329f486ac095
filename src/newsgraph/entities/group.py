"""In-document grouping: which mentions name the same entity.

Mentions start in one group per normalised name ("U.S." and "US" share a key). Groups
then merge when one name is

* part of a person's fuller name: "Zelenskyy", "Volodymyr Zelenskyy";
* a person's name misspelt by a letter: "Kristin Wilkins", "Kristen Wilkins";
* an acronym of another: "NATO" after "North Atlantic Treaty Organization (NATO)", or
  alone in the document;
* an organisation's short form: "the Church", "Church of Scientology";
* another name of one known place: "UK", "Britain", "United Kingdom".

A `Group` holds its mentions whatever their kind, so pronoun mentions can be attached to
it later like any other; its name and type come from its name mentions.
"""
from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass, field

from . import lexicon, names, types
from .mention import Candidate

MISSPELT_GIVEN_NAME = 4  # letters a given name needs before a one-letter difference counts as a typo
MISSPELT_SURNAME = 5


@dataclass(eq=False)
class Group:
    """One entity being assembled from its mentions (what is derived from them is cached
    until they change)."""

    mentions: list[Candidate] = field(default_factory=list)

    def add(self, mention: Candidate) -> None:
        self.mentions.append(mention)
        self.changed(names=mention.kind == "name")

    def clear(self) -> None:
        self.mentions = []
        self.changed()

    def changed(self, names: bool = True) -> None:
        """Forget what was derived from the mentions; a pronoun leaves the name-derived
        values as they were (a long document adds thousands of pronouns to one group)."""
        derived = ("names", "name", "words", "type", "first") if names else ("first",)
        for key in derived:
            self.__dict__.pop(key, None)

    @functools.cached_property
    def names(self) -> list[Candidate]:
        return [m for m in self.mentions if m.kind == "name"]

    @functools.cached_property
    def name(self) -> str:
        """The fullest form among its names: the most words, written in mixed case rather
        than capitals ("Washington", not "WASHINGTON") if it can be, the first such; ""
        for none yet."""
        fullest = max(
            self.names, key=lambda m: (len(names.words(m.text)), not m.text.isupper(), -m.start_char), default=None
        )
        return fullest.text if fullest else ""

    @functools.cached_property
    def words(self) -> list[str]:
        return [w.casefold() for w in names.words(self.name)]

    @functools.cached_property
    def type(self) -> str | None:
        return types.decide(self.names, self.name)

    @functools.cached_property
    def first(self) -> int:
        return min(m.start_char for m in self.mentions)


class Grouping:
    """Groups under construction, with the group each mention belongs to."""

    def __init__(self, mentions: Iterable[Candidate]):
        self.groups: list[Group] = []
        self.owner: dict[int, Group] = {}
        by_key: dict[str, Group] = {}
        for mention in mentions:
            group = by_key.get(names.key(mention.text))
            if group is None:
                group = by_key[names.key(mention.text)] = Group()
                self.groups.append(group)
            self.add(mention, group)

    def new_group(self) -> Group:
        group = Group()
        self.groups.append(group)
        return group

    def add(self, mention: Candidate, group: Group) -> None:
        group.add(mention)
        self.owner[id(mention)] = group

    def merge(self, source: Group, target: Group) -> None:
        if source is target:
            return
        for mention in source.mentions:
            self.add(mention, target)
        source.clear()

    def live(self) -> list[Group]:
        return sorted((g for g in self.groups if g.mentions), key=lambda g: g.first)


def merge_name_parts(grouping: Grouping) -> None:
    """Join a surname, a first name or a shorter run of a person's name to that person.

    Longer names are settled first so "Hill" reaches "Marc Lamont Hill" even through
    "Lamont Hill". When several people share the part, a surname match beats a first-name
    match, then the person mentioned most, then the one mentioned first.
    """
    groups = sorted(grouping.live(), key=lambda g: -len(g.words))
    endings: dict[tuple[str, ...], list[Group]] = {}
    beginnings: dict[tuple[str, ...], list[Group]] = {}
    for person in (g for g in groups if g.type == "PERSON" and len(g.words) >= 2):
        for size in range(1, len(person.words)):
            endings.setdefault(tuple(person.words[-size:]), []).append(person)
            beginnings.setdefault(tuple(person.words[:size]), []).append(person)
    for part in groups:
        if not _may_be_name_part(part):
            continue
        words = tuple(part.words)
        matches = [(0, p) for p in endings.get(words, []) if p.mentions]
        matches += [(1, p) for p in beginnings.get(words, []) if p.mentions]
        if matches:
            best = min(matches, key=lambda m: (m[0], -len(m[1].mentions), m[1].first))[1]
            grouping.merge(part, best)


def merge_misspellings(grouping: Grouping) -> None:
    """Join a person's name misspelt by one letter to the person: "Kristin Wilkins" and
    "Kristen Wilkins", "Mauer" after "K.C. Maurer". Short words are left alone ("Ann", "Anne")."""
    groups = grouping.live()
    people = sorted(
        (g for g in groups if g.type == "PERSON" and len(g.words) >= 2), key=lambda g: -len(g.mentions)
    )
    by_rest: dict[tuple[str, ...], list[Group]] = {}
    for person in people:  # the most mentioned spelling first, so the others join it
        for other in by_rest.setdefault(tuple(person.words[1:]), []):
            if _misspelt(person.words[0], other.words[0]):
                grouping.merge(person, other)
                break
        else:
            by_rest[tuple(person.words[1:])].append(person)
    surnames: dict[int, list[Group]] = {}
    for person in people:
        if person.mentions and len(person.words[-1]) >= MISSPELT_SURNAME:
            surnames.setdefault(len(person.words[-1]), []).append(person)
    for part in groups:
        if not part.mentions or len(part.words) != 1 or not _may_be_name_part(part):
            continue
        word = part.words[0]
        found = {
            p for size in (len(word) - 1, len(word), len(word) + 1) for p in surnames.get(size, [])
            if p.mentions and names.one_edit_apart(word, p.words[-1])
        }
        if len(found) == 1:
            grouping.merge(part, found.pop())


def _misspelt(given: str, other: str) -> bool:
    """Are two given names one spelling apart ("Kristin", "Kristen")?"""
    return min(len(given), len(other)) >= MISSPELT_GIVEN_NAME and names.one_edit_apart(given, other)


def _may_be_name_part(group: Group) -> bool:
    """Could this group's name be part of a person's name? Not a group noun, acronym or
    a name its head word types ("the Party")."""
    kind = group.type
    if kind == "GROUP" or names.is_acronym(group.name) or types.lexical_type(group.name):
        return False
    return len(group.words) == 1 or kind == "PERSON"


def merge_short_forms(grouping: Grouping) -> None:
    """Join an organisation's short name to the one full name it shortens.

    "Church" and "Scientology" shorten "Church of Scientology"; "Home Office" shortens
    "United Kingdom Home Office" (a place or group named in the document, its acronym, or
    a known place in front). A short form that could shorten two names joins neither.
    """
    groups = grouping.live()
    qualifiers = {tuple(g.words) for g in groups if g.type in {"PLACE", "GROUP"}}
    organisations = [g for g in groups if g.type == "ORG"]
    fulls: dict[tuple[str, ...], list[Group]] = {}
    for full in organisations:
        for short in _short_forms(full.words, qualifiers):
            fulls.setdefault(short, []).append(full)
    for short in sorted(organisations, key=lambda g: len(g.words)):
        found = [f for f in fulls.get(tuple(short.words), []) if f.mentions and f is not short]
        if len(found) == 1:
            grouping.merge(short, found[0])


def _short_forms(full: list[str], qualifiers: set[tuple[str, ...]]) -> set[tuple[str, ...]]:
    """The short forms of an organisation's name: what comes before "of"/"for", what
    comes after "of", and what follows a place or group name in front."""
    forms = set()
    for i in range(1, len(full)):
        if full[i] in {"of", "for"}:
            forms.add(tuple(full[:i]))
    if "of" in full[1:]:
        forms.add(tuple(full[full.index("of", 1) + 1 :]))
    for i in range(1, len(full)):
        if _qualifies(full[:i], qualifiers):
            forms.add(tuple(full[i:]))
    return {form for form in forms if form}


def _qualifies(words: list[str], qualifiers: set[tuple[str, ...]]) -> bool:
    """Do these words name a place or group, known or named in the document?"""
    joined = " ".join(words)
    return (
        tuple(words) in qualifiers
        or joined in lexicon.place_keys()
        or any((acronym.lower(),) in qualifiers for acronym in names.initials(joined))
    )


def merge_acronyms(grouping: Grouping, mentions: list[Candidate], text: str) -> None:
    """Join an acronym to the name it abbreviates: written right after it in brackets
    (its letters among the name's initials, in any order: "Italian Episcopal Conference
    (CEI)", not "WASHINGTON (AP)"), or the one full name of the same type in the document
    whose initials it spells."""
    for before, after in zip(mentions, mentions[1:]):
        if (
            names.is_acronym(after.text) and _bracketed_after(text, before, after)
            and names.may_abbreviate(after.text, before.text)
        ):
            grouping.merge(grouping.owner[id(after)], grouping.owner[id(before)])
    expansions: dict[str, list[Group]] = {}
    for group in grouping.live():
        for acronym in names.initials(group.name):
            expansions.setdefault(acronym, []).append(group)
    for group in grouping.live():
        if not names.is_acronym(group.name):
            continue
        found = [
            g for g in expansions.get(names.key(group.name).upper(), [])
            if g.mentions and g is not group and g.type == group.type
        ]
        if len(found) == 1:
            grouping.merge(group, found[0])


def _bracketed_after(text: str, before: Candidate, after: Candidate) -> bool:
    """Is `after` written as "(AFTER)" right behind `before`?"""
    return text[before.end_char : after.start_char].strip() == "(" and text[after.end_char : after.end_char + 1] == ")"


def merge_place_variants(grouping: Grouping) -> None:
    """Join the entities named by names of one known place ("UK", "Britain", "United Kingdom")."""
    places: dict[str, Group] = {}
    for group in grouping.live():
        place = lexicon.known_places().get(names.key(group.name))
        if place is None or group.type == "PERSON":
            continue
        if place in places:
            grouping.merge(group, places[place])
        else:
            places[place] = group
