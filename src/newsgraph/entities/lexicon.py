"""The word lists the entity rules read, kept as plain text files under `newsgraph/data`."""
from __future__ import annotations

import functools
from importlib import resources


@functools.cache
def words(name: str) -> frozenset[str]:
    """The entries of `data/<name>.txt`: lower-cased lines, without comments and blanks."""
    text = resources.files("newsgraph").joinpath("data", f"{name}.txt").read_text(encoding="utf-8")
    entries = (line.strip().lower() for line in text.splitlines())
    return frozenset(entry for entry in entries if entry and not entry.startswith("#"))


@functools.cache
def known_places() -> dict[str, str]:
    """Name key -> the key of the place's first name, for every name in `data/places.txt`
    ("us", "u s a" and "america" -> "united states")."""
    from .names import key

    places = {}
    for line in words("places"):
        variants = [key(name) for name in line.split("|")]
        for variant in variants:
            places[variant] = variants[0]
    return places


@functools.cache
def place_keys() -> frozenset[str]:
    return frozenset(known_places())
