"""Which entity is named where: a record's mentions looked up by their characters.

The later stages ask this of every speaker and every actor phrase, so the mentions are
sorted once and found by bisection.
"""
from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator

from ..record import Entity


class MentionIndex:
    def __init__(self, entities: list[Entity]):
        self._mentions = sorted(((m.start, m.end, e) for e in entities for m in e.mentions), key=lambda t: t[:2])
        self._starts = [start for start, _, _ in self._mentions]
        self._longest = max((end - start for start, end, _ in self._mentions), default=0)

    def overlapping(self, start: int, end: int) -> Iterator[tuple[int, int, Entity]]:
        """The mentions overlapping characters [start, end), the latest-starting first."""
        k = bisect_left(self._starts, end) - 1
        while k >= 0 and self._mentions[k][0] > start - self._longest:
            if self._mentions[k][1] > start:
                yield self._mentions[k]
            k -= 1

    def at(self, start: int, end: int) -> Entity | None:
        """The entity of a mention overlapping characters [start, end)."""
        return next((entity for _, _, entity in self.overlapping(start, end)), None)
