"""The actor dictionary: from a name in the text to CAMEO-style actor codes.

Every ISO 3166 country is known under its ISO names (pycountry, offline); the file
`data/actors.txt` adds what news writes instead: short names and demonyms ("Russia",
"Ukrainians"), capitals and seats used for governments ("Kyiv", "the Kremlin"),
legislatures and militaries, international organisations, and office holders with the
dates they held office, so that "Trump" is USAGOV in 2025 and USAELI in 2023. The file's
header documents its format; users extend it, or load their own with `ActorDictionary.read`.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import date
from importlib import resources

import pycountry

from ..entities.names import key

ENTRY = re.compile(r"^(?P<code>[A-Z]{3}[A-Z]*)\s*:\s*(?P<names>[^@]+?)\s*(?:@\s*(?P<periods>.+))?$")
PERIOD = re.compile(r"^(?P<start>\d{4}-\d{2}-\d{2})?\.\.(?P<end>\d{4}-\d{2}-\d{2})?$")


class ActorFileError(ValueError):
    """A line of an actor file that does not follow the format."""


@dataclass(frozen=True)
class Period:
    start: date | None
    end: date | None  # exclusive: the day the next holder took office

    def holds(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


@dataclass(frozen=True)
class Actor:
    code: str  # "UKRGOV", "NATO"
    name: str  # the entry's first name
    periods: tuple[Period, ...] = ()  # empty: always

    @property
    def country(self) -> str | None:
        """The ISO alpha-3 country the code starts with, if it does."""
        return self.code[:3] if pycountry.countries.get(alpha_3=self.code[:3]) else None

    @property
    def sector(self) -> str | None:
        return (self.code[3:] or None) if self.country else None

    def holds(self, day: date | None) -> bool:
        """Whether the actor has this code on `day` (any day, when `day` is None)."""
        return day is None or not self.periods or any(p.holds(day) for p in self.periods)


def name_key(name: str) -> str:
    """One spelling per name, the entities stage's ("U.S." = "US", "Moscow's" = "Moscow"),
    without a leading "the"."""
    return key(name).removeprefix("the ")


class ActorDictionary:
    def __init__(self, actors: list[tuple[list[str], Actor]]):
        self._by_name: dict[str, list[Actor]] = {}
        for names, actor in actors:
            for name in names:
                found = self._by_name.setdefault(name_key(name), [])
                if actor not in found:
                    found.append(actor)

    @classmethod
    def read(cls, text: str, with_countries: bool = True) -> ActorDictionary:
        """A dictionary from the text of an actor file (and the ISO countries)."""
        return cls((_iso_countries() if with_countries else []) + entries(text))

    def lookup(self, name: str, day: date | None = None) -> list[Actor]:
        """The actors a name stands for on `day` (all of them when the day is unknown)."""
        return [actor for actor in self._by_name.get(name_key(name), []) if actor.holds(day)]


def entries(text: str) -> list[tuple[list[str], Actor]]:
    """The (names, actor) lines of an actor file."""
    found = []
    for number, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if line and not line.startswith("#"):
            found.append(_entry(line, number))
    return found


def shipped_text() -> str:
    return resources.files("newsgraph").joinpath("data", "actors.txt").read_text(encoding="utf-8")


@functools.cache
def actors() -> ActorDictionary:
    """The shipped dictionary, read once per process."""
    return ActorDictionary.read(shipped_text())


def _entry(line: str, number: int) -> tuple[list[str], Actor]:
    match = ENTRY.match(line)
    if match is None:
        raise ActorFileError(f"line {number}: expected 'CODE: name | name [@ FROM..TO]', got {line!r}")
    names = [n.strip() for n in match["names"].split("|") if n.strip()]
    periods = tuple(_period(p.strip(), number) for p in match["periods"].split(",")) if match["periods"] else ()
    return names, Actor(match["code"], names[0], periods)


def _period(text: str, number: int) -> Period:
    match = PERIOD.match(text)
    if match is None or not (match["start"] or match["end"]):
        raise ActorFileError(f"line {number}: expected a period YYYY-MM-DD..YYYY-MM-DD, got {text!r}")
    start, end = (date.fromisoformat(match[k]) if match[k] else None for k in ("start", "end"))
    return Period(start, end)


def _iso_countries() -> list[tuple[list[str], Actor]]:
    countries = []
    for country in pycountry.countries:
        names = [country.name] + [getattr(country, a) for a in ("official_name", "common_name") if hasattr(country, a)]
        countries.append((names, Actor(country.alpha_3, getattr(country, "common_name", country.name))))
    return countries


@functools.cache
def sectors() -> ActorDictionary:
    """Words that give an actor its sector ("troops" MIL, "officials" GOV), from `data/actor_sectors.txt`."""
    text = resources.files("newsgraph").joinpath("data", "actor_sectors.txt").read_text(encoding="utf-8")
    return ActorDictionary.read(text, with_countries=False)
