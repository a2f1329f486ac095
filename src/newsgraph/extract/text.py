"""newsgraph's cleaner for already-scraped page text (one block per line).

`clean_text` keeps the article and throws away what a scraper leaves around it. The
line model (`linemodel.py`) finds the one stretch of the page that is the article and the
furniture inside it; the boilerplate rules (`rules.py`) say why each other line went.
Kept lines are returned unchanged (only stripped), joined by "\\n" in page order.

Reasons in `Extracted.removed` (one per removed line):

* a rule's reason (`rules.py`): "cookie notice", "share prompt", "subscribe prompt",
  "follow prompt", "navigation", "advertisement", "read-more link", "call to action",
  "shopping link", "image credit", "comments", "related links", "end-of-article marker",
  "tags", "author bio", "byline", "date line", "reading time", "copyright notice";
* "teaser cut off with …": a headline or summary of another story, cut off;
* "repeats the title": a body line that only repeats the title;
* "outside the article region": before or after the article, with no rule to say more;
* "furniture inside the article": inside it, but not article text (a button label, a
  caption, a price box), with no rule to say more.

Flags in `Extracted.flags` (damage that cannot be repaired, the body is kept as it is):

* ``list intro without its list: "…<end of the line>"``: a line announces a list ("…is focusing on:")
  and no list follows;
* ``body cut short: "…<end of the body>"``: the body stops mid-sentence or on a cut-off "…".

(`extract_html` adds the reason "repeated paragraph" and the flag "fallback: visible text".)

The title is the first line when the page opens with a headline followed by the
article (as most scraped text does); when the page opens with navigation, it is the
headline-like line nearest the start of the article, or None. A `title` given by the
caller is kept; then a body line repeating it is dropped instead.
"""
from __future__ import annotations

import re

from newsgraph.extract import ExtractionError, linemodel, rules
from newsgraph.extract.features import SENTENCE_END, Line, split_lines
from newsgraph.record import Extracted, Removed

TEASER = "teaser cut off with …"
REPEATS_TITLE = "repeats the title"
OUTSIDE = "outside the article region"
INSIDE = "furniture inside the article"

CLOSING_STOP_RATIO = 0.3  # a closing sentence reads like prose: a third of its words are stop words
MIN_SENTENCE_WORDS = 3  # a kept line of a short text with no article found by the model
CUT_LINE_WORDS = 8  # a line cut off mid-sentence is this long at least (shorter: a label)
HEADLINE_WINDOW = 6  # lines before the article searched for its headline
FLAG_TAIL = 40  # characters of a line quoted in a flag
# Rule verdicts the line model may not overrule: no article sentence reads like these.
ALWAYS_FURNITURE = frozenset({"advertisement", "cookie notice", "share prompt", "subscribe prompt", "follow prompt"})
MIN_PAGE_LINES = 10  # a page this long whose article holds no prose line has no article

_NOT_HEADLINE_END = re.compile(r"[.…:;,\"'”’)\]]\s*$")  # a headline may end in "?" or "!", not these
_SPEECH_INTRO = re.compile(r"\b(said|says|told|tells|wrote|writes|added|adds|explained|stated|asked|noted)\b[^:]{0,40}:$")
# A quote, a bullet or symbol, a number, or a short label before ":", a dash or a full stop
# ("Online: ...", "Proper running shoes. Check out ...").
_QUOTE_OR_ITEM = re.compile(r"^[^\w\s]|^\d{1,2}[.)]\s|^[^.:!?\n]{2,60}(:|\s[–—-])\s|^(\w+\s){0,4}\w+\.\s")


def clean_text(text: str, *, title: str | None = None, model: linemodel.LineModel | None = None) -> Extracted:
    """The article in `text`, what was removed around it and why, and the damage noticed.

    `model` replaces the shipped line model (cross-validation passes one per fold).
    Raises ExtractionError when the text is empty or no line of it reads as an article.
    """
    lines = split_lines(text)
    if not lines:
        raise ExtractionError("the text is empty")
    states = _with_closing_sentence(lines, linemodel.article_states(lines, model))
    reasons = [_reason(lines, states, k) for k in range(len(lines))]
    if all(r is not None for r in reasons):
        reasons = _plain_sentences(lines, reasons)  # a short text the model has no page to judge by
    if all(r is not None for r in reasons):
        raise ExtractionError(f"no article text in {len(lines)} lines: all look like navigation or boilerplate")
    if len(lines) >= MIN_PAGE_LINES and not any(_running_prose(ln) for ln, why in zip(lines, reasons) if why is None):
        # Menus and link lists picked as "the article": a story has at least one sentence.
        raise ExtractionError(f"no article text in {len(lines)} lines: no line of running prose, only short items")

    if title is None:
        headline = _headline(lines, reasons)
        if headline is not None:
            title = lines[headline].text
            reasons[headline] = ""  # the title line: neither body nor removed
    key = rules.word_key(title)
    for k, line in enumerate(lines):
        if reasons[k] != "" and key and " ".join(line.tokens) == key:
            reasons[k] = REPEATS_TITLE

    body = [ln.text for ln, why in zip(lines, reasons) if why is None]
    return Extracted(
        text="\n".join(body),
        title=title,
        removed=[Removed(ln.text, why) for ln, why in zip(lines, reasons) if why],
        flags=_damage_flags(body),
        author=_author(lines, reasons),
    )


def _with_closing_sentence(lines: list[Line], states: list[int]) -> list[int]:
    """Give the article back a short closing sentence the model left just outside it.

    News stories often end on a one-line sentence ("The talks resume on Thursday."), which
    the model, trained mostly on blogs that end in sales pitches, tends to cut; and a body
    the scraper cut off mid-sentence ends on a line that is kept (and flagged), not lost.
    """
    after = next((k for k in range(1, len(states)) if states[k] == linemodel.AFTER and states[k - 1] == linemodel.ARTICLE), None)
    if after is None or lines[after].stop_ratio < CLOSING_STOP_RATIO:
        return states
    closing = lines[after]
    # a teaser for another story is cut off too, but with "…", not mid-sentence
    cut_sentence = (
        not (closing.boilerplate or closing.teaser) and closing.words >= CUT_LINE_WORDS and _cut_off(closing.text)
    )
    if _plain_sentence(closing) or (cut_sentence and after == len(lines) - 1):
        states = [*states[:after], linemodel.ARTICLE, *states[after + 1 :]]
    return states


def _reason(lines: list[Line], states: list[int], k: int) -> str | None:
    """Why line k is not article text, or None when it is."""
    line, state = lines[k], states[k]
    if state == linemodel.ARTICLE and line.boilerplate not in ALWAYS_FURNITURE:
        return TEASER if _in_teaser_run(lines, k) else None
    if line.boilerplate:
        return line.boilerplate
    if line.teaser:
        return TEASER
    return INSIDE if state == linemodel.INSIDE else OUTSIDE


def _running_prose(line: Line) -> bool:
    """A sentence of prose: a menu run together into one line reads like prose but does
    not end like a sentence."""
    return line.prose and bool(SENTENCE_END.search(line.text))


def _plain_sentences(lines: list[Line], reasons: list[str | None]) -> list[str | None]:
    """Keep the lines that are plain sentences and match no rule (for a brief or a snippet)."""
    return [None if _plain_sentence(ln) else why for ln, why in zip(lines, reasons)]


def _plain_sentence(line: Line) -> bool:
    if line.boilerplate or line.teaser or line.words < MIN_SENTENCE_WORDS:
        return False
    return bool(SENTENCE_END.search(line.text))


def _in_teaser_run(lines: list[Line], k: int) -> bool:
    """A cut-off line next to another one: a list of teasers, not an article's "…"."""
    if not lines[k].teaser:
        return False
    return (k > 0 and lines[k - 1].teaser) or (k + 1 < len(lines) and lines[k + 1].teaser)


def _headline_like(line: Line) -> bool:
    return 3 <= line.words <= 30 and not line.boilerplate and not line.teaser and not _NOT_HEADLINE_END.search(line.text)


def _headline(lines: list[Line], reasons: list[str | None]) -> int | None:
    """The index of the page's headline, if it can be told from the text."""
    first = next(k for k, why in enumerate(reasons) if why is None)
    if first <= 1 and _headline_like(lines[0]) and (first == 1 or len(lines) > 1):
        return 0  # the page opens with its headline, then the article
    for k in range(first, max(first - HEADLINE_WINDOW, 0) - 1, -1):
        if _headline_like(lines[k]) and lines[k].repeats <= 2 and (k < first or _has_body_after(reasons, k)):
            return k
    return None


def _has_body_after(reasons: list[str | None], k: int) -> bool:
    return any(why is None for why in reasons[k + 1 :])


def _author(lines: list[Line], reasons: list[str | None]) -> str | None:
    """The name in the first byline ("By Jane Roe") near the start of the article."""
    first = next((k for k, why in enumerate(reasons) if why is None), 0)
    for line in lines[max(first - HEADLINE_WINDOW, 0) : first + 3]:
        if line.boilerplate == "byline":
            name = rules.byline_name(line.text)
            if name:
                return name
    return None


def _damage_flags(body: list[str]) -> list[str]:
    """Flags for damage the scraper did to the body (see the module docstring)."""
    flags = []
    for k, line in enumerate(body):
        nxt, after = (body[k + 1 : k + 3] + [None, None])[:2]
        if _lost_list(line, nxt, after):
            flags.append(f'list intro without its list: "{_tail(line)}"')
    if body and _cut_off(body[-1]):
        flags.append(f'body cut short: "{_tail(body[-1])}"')
    return flags


def _lost_list(line: str, nxt: str | None, after: str | None) -> bool:
    """A list intro ("...is focusing on:") followed by nothing or by a new paragraph."""
    if not line.endswith(":") or rules.words(line) < 5 or _SPEECH_INTRO.search(line):
        return False
    if nxt is None:
        return True
    if _QUOTE_OR_ITEM.match(nxt) or (after is not None and nxt.split()[:1] == after.split()[:1]):
        return False  # an item, or items starting alike ("Class 2 models ...", "Class 3 bikes ...")
    # Items are short and come at least two in a row; a long line, or a sentence followed by
    # a long line, is the next paragraph.
    if rules.words(nxt) >= 25:
        return True
    return rules.words(nxt) >= 12 and nxt.rstrip()[-1:] in ".!?" and (after is None or rules.words(after) >= 25)


def _cut_off(line: str) -> bool:
    """The line stops mid-sentence: cut off with "…", on a comma, or on a word."""
    if rules.is_teaser(line):
        return True
    return (rules.words(line) >= CUT_LINE_WORDS and line[-1:].isalnum()) or line.endswith(",")


def _tail(line: str) -> str:
    if len(line) <= FLAG_TAIL:
        return line
    cut = line[-FLAG_TAIL:]
    return "…" + cut[cut.find(" ") + 1 :] if " " in cut else "…" + cut
