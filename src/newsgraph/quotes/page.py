"""A parsed text with what the quote rules look up again and again.

spaCy rebuilds `Doc.text` on every access and finds a character's sentence by walking the
doc, so the text, the sentence and token bounds and the quoted characters are read once here.
"""
from __future__ import annotations

import re
from bisect import bisect_right

from spacy.tokens import Doc

from .marks import Quoted, quoted_stretches

DIRECT_SHARE = 0.9  # share of a content's letters inside marks that makes it a direct quote


class Page:
    def __init__(self, doc: Doc):
        self.doc = doc
        self.text = doc.text
        self.stretches: list[Quoted] = quoted_stretches(self.text)
        self._quoted = bytearray(len(self.text))
        for s in self.stretches:
            self._quoted[s.start : s.end] = b"\x01" * (s.end - s.start)
        self._stretch_ends = [s.end for s in self.stretches]
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", self.text)]
        sentences = list(doc.sents)
        self._sentence_starts = [s.start_char for s in sentences]
        self._sentence_ends = [s.end_char for s in sentences]
        self._token_starts = [t.idx for t in doc]

    def stretches_in(self, lo: int, hi: int) -> list[Quoted]:
        """The quoted stretches that overlap characters [lo, hi), in order."""
        k = bisect_right(self._stretch_ends, lo)
        found = []
        while k < len(self.stretches) and self.stretches[k].start < hi:
            found.append(self.stretches[k])
            k += 1
        return found

    def next_stretch(self, stretch: Quoted) -> Quoted | None:
        k = bisect_right(self._stretch_ends, stretch.end)
        return self.stretches[k] if k < len(self.stretches) else None

    def line(self, char: int) -> int:
        """The number of the line (paragraph) holding `char`, from 0."""
        return bisect_right(self._line_starts, char) - 1

    def quoted(self, char: int) -> bool:
        """Whether the character lies inside quotation marks."""
        return 0 <= char < len(self._quoted) and self._quoted[char] == 1

    def sentence(self, char: int) -> tuple[int, int]:
        """The character bounds of the sentence holding `char`."""
        k = max(0, bisect_right(self._sentence_starts, char) - 1)
        return self._sentence_starts[k], self._sentence_ends[k]

    def paragraph(self, char: int) -> tuple[int, int]:
        """The character bounds of the line holding `char`."""
        k = self.line(char)
        end = self._line_starts[k + 1] - 1 if k + 1 < len(self._line_starts) else len(self.text)
        return self._line_starts[k], end

    def token_at(self, char: int) -> int:
        """The index of the token holding (or last starting before) `char`."""
        return max(0, bisect_right(self._token_starts, char) - 1)

    def kind(self, pieces: list[tuple[int, int]]) -> str:
        """direct, mixed or indirect, by the share of the content's letters inside marks."""
        letters = quoted = 0
        for start, end in pieces:
            for k in range(start, end):
                if self.text[k].isalnum():
                    letters += 1
                    quoted += self._quoted[k]
        if letters and quoted / letters >= DIRECT_SHARE:
            return "direct"
        return "mixed" if quoted else "indirect"
