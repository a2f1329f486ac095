"""How names are compared: normalised word keys and acronyms."""
from __future__ import annotations

import functools
import re

POSSESSIVE = re.compile(r"['’]s$")
WORD = re.compile(r"[^\W_]+(?:[-'’&][^\W_]+)*|&")
# Words an acronym usually skips: "North Atlantic Treaty Organization" is NATO,
# "University of Southern Indiana" is USI.
ACRONYM_SKIPS = {"of", "the", "and", "for", "&", "de", "du", "des", "la", "le", "on", "in", "at", "to"}


def words(text: str) -> list[str]:
    """The words of a name, dots of abbreviations dropped ("U.S." -> ["US"])."""
    return WORD.findall(text.replace(".", ""))


@functools.lru_cache(maxsize=8192)
def key(text: str) -> str:
    """What two mentions of one name share: "U.S." and "US" both give "us", "New People's
    Party" and "New People Party" both "new people party"."""
    return " ".join(POSSESSIVE.sub("", w) for w in words(text)).casefold()


def is_acronym(text: str) -> bool:
    """An all-capitals short form: "NATO", "U.N.", "WHO" (not "I" or "Mr")."""
    letters = text.replace(".", "").replace("&", "")
    return 2 <= len(letters) <= 8 and letters.isalpha() and letters.isupper()


def initials(text: str) -> set[str]:
    """The acronyms a full name may be shortened to: with and without its small words."""
    parts = [w for w in words(text) if w[:1].isalpha()]
    if len(parts) < 2:
        return set()
    every = "".join(w[0] for w in parts).upper()
    content = parts[0][0] + "".join(w[0] for w in parts[1:] if w.casefold() not in ACRONYM_SKIPS)
    return {every, content.upper()}


def may_abbreviate(acronym: str, name: str) -> bool:
    """Are the acronym's letters all initials of the name's words (in any order, as an
    acronym of the name in another language may be)?"""
    letters = set(key(acronym).upper().replace(" ", ""))
    return letters <= {w[0].upper() for w in words(name)}


def one_edit_apart(a: str, b: str) -> bool:
    """Do two words differ by one letter changed, added or dropped ("Kristin", "Kristen")?"""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))
