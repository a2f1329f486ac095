"""The action words: a lemma, or a lemma with what completes it, to a CAMEO code.

`data/event_words.txt` (its header documents the format) is written from the CAMEO
codebook's categories. A word the file lists twice would code by file order, so it is
an error, like a code that is not CAMEO.
"""
from __future__ import annotations

import functools
import re
from importlib import resources

from .codes import CodeError, root_of

LINE = re.compile(r"^(?P<code>\d{2,4})\s*:\s*(?P<keys>.+)$")


class LexiconError(ValueError):
    """A line of an action-word file that does not follow the format."""


class EventLexicon:
    def __init__(self, codes: dict[str, str]):
        self._codes = codes
        self.longest = max((k.count(" ") + 1 for k in codes), default=1)

    @classmethod
    def read(cls, text: str) -> EventLexicon:
        codes: dict[str, str] = {}
        for number, line in enumerate(text.splitlines(), 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            match = LINE.match(line)
            if match is None:
                raise LexiconError(f"line {number}: expected 'CODE: key | key', got {line!r}")
            try:
                root_of(match["code"])
            except CodeError as exc:
                raise LexiconError(f"line {number}: {exc}") from None
            for key in (" ".join(k.lower().split()) for k in match["keys"].split("|")):
                if key in codes:
                    raise LexiconError(f"line {number}: {key!r} is already coded {codes[key]}")
                codes[key] = match["code"]
        return cls(codes)

    def code(self, *keys: str) -> tuple[str, str] | None:
        """The code of the first key listed, with that key: callers pass the most specific first."""
        for key in keys:
            if key in self._codes:
                return self._codes[key], key
        return None


@functools.cache
def lexicon() -> EventLexicon:
    """The shipped action words, read once per process."""
    text = resources.files("newsgraph").joinpath("data", "event_words.txt").read_text(encoding="utf-8")
    return EventLexicon.read(text)
