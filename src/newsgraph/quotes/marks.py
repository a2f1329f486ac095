"""Quotation marks: which stretches of a text are quoted.

News text mixes curly and straight double quotes, loses closing marks, and runs one
quotation over several paragraphs by opening each paragraph again and closing only the
last. The rules here follow that house style (and PolNeAR's reading of it):

* “ opens and ” closes; a straight " opens where a word may start (after a space, a
  bracket or a dash, or at a paragraph's start) and closes elsewhere; two apostrophes
  ('') are a straight double quote and two backticks (``) an opening one, as some
  newspapers' systems write them;
* a quotation still open at the end of its paragraph ends there (`closed` is False), so a
  lost closing mark never swallows the rest of the document;
* a quotation whose paragraph ends open and whose next paragraph opens with a mark is
  continued there (`continues` is True): one quotation, several paragraphs.

Single quotes are left alone: ’ is also the apostrophe, and single quotes in news mark a
quote inside a quote or a headline's quote, both inside their double-quoted context.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

OPENING = "“„"
STRAIGHT = '"'
_OPENS_BEFORE = re.compile(r"[\s(\[{—–-]")
MARK = re.compile(r"``|''|[“„”\"]")
_KINDS = {"“": "open", "„": "open", "``": "open", "”": "close", '"': "straight", "''": "straight"}


@dataclass(frozen=True)
class Quoted:
    """The text between a pair of marks: `start`/`end` exclude the marks themselves."""

    start: int
    end: int
    closed: bool  # False: the paragraph ended before a closing mark
    continues: bool = False  # the next paragraph goes on with the same quotation


def quoted_stretches(text: str) -> list[Quoted]:
    """Every double-quoted stretch of `text`, in order, one per paragraph piece."""
    found: list[Quoted] = []
    start = 0
    for paragraph in text.split("\n"):
        found.extend(_in_paragraph(text, start, start + len(paragraph)))
        start += len(paragraph) + 1
    return _continued(text, found)


def _in_paragraph(text: str, lo: int, hi: int) -> list[Quoted]:
    found = []
    open_at: int | None = None
    for match in MARK.finditer(text, lo, hi):  # only the marks, not every character
        k, mark = match.start(), _KINDS[match.group()]
        opens = mark == "open" or (mark == "straight" and (k == lo or _OPENS_BEFORE.match(text[k - 1]) is not None))
        if open_at is None and opens:
            open_at = match.end()
        elif open_at is not None and mark != "open":
            if k > open_at:
                found.append(Quoted(open_at, k, closed=True))
            open_at = None
    if open_at is not None and hi > open_at and text[open_at:hi].strip():
        found.append(Quoted(open_at, hi, closed=False))
    return found


def _continued(text: str, found: list[Quoted]) -> list[Quoted]:
    """Mark open-ended pieces whose next paragraph reopens the quotation."""
    out = list(found)
    for k, piece in enumerate(found[:-1]):
        nxt = found[k + 1]
        if piece.closed or piece.end >= len(text):
            continue
        between = text[piece.end : nxt.start]
        reopened = between.rstrip(OPENING + STRAIGHT + "`'")
        if reopened != between and reopened.strip() == "":
            out[k] = Quoted(piece.start, piece.end, closed=False, continues=True)
    return out
