"""The day an event happened, where the sentence names one ("on Thursday", "March 31").

Only day-level expressions count ("last week" or "in 2022" leave the publication date in
place), and only days on or before the publication day: an event reported is one that
happened. `newsgraph.dates` does the reading, so events and the record's dates agree.
"""
from __future__ import annotations

from datetime import date

from ..dates import read


def day_named(words: str, published: date | None) -> date | None:
    """The day `words` name, against the publication day; None when they name no single day."""
    day = next((r.value for r in read(words, published) if r.resolution == "day" and r.value), None)
    if day is None:
        return None
    found = date.fromisoformat(day)
    return None if published is not None and found > published else found
