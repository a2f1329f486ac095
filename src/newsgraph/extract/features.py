"""Features of each line of a scraped page, for the line model (`linemodel.py`).

A line alone rarely says whether it is article text: "Pros" is a heading in a review and
a menu item elsewhere. So each line gets features of its own (length, stop-word share,
how it ends, which boilerplate rule it matches) and of its neighbourhood: how prose-like
the lines around it are, how much of the page's prose lies before it, and where it sits
relative to the page's *core*, the first big run of prose between "Related posts" /
"Leave a reply" style headings, and to its best run. The last kind is what tells the
menus above an article from the comments, teasers and author bios below it.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

import numpy as np

from newsgraph.extract import rules
from newsgraph.extract.stopwords import stopwords_for

SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*$")
URL = re.compile(r"https?://|www\.|\.(com|org|net)\b")
BULLET = re.compile(r"^([•·▪►✓✔✅❌*–—-]|\d{1,2}[.)]\s)")
NAME_WORD = re.compile(r"^[A-Z][\w.'’-]*$")

REASONS = tuple(sorted({r.reason for r in rules.SECTION_ENDS + rules.RULES} | {"author bio"}))
_REASON_INDEX = {r: k for k, r in enumerate(REASONS)}

CORE_SHARE = 0.5  # the core is the first run with this share of the best run's score
WALL = -1e9  # score of a section-end heading: runs of prose never span one
FURNITURE_COST = 8.0  # score of a line a rule calls furniture: a share bar inside an article costs ~30
MAX_DISTANCE = 30  # lines; distances from the core are capped here
MAX_COUNT = 3  # counts of section-end headings are capped here


@dataclass
class Line:
    """One non-empty line of the page and what the rules say about it."""

    text: str
    tokens: list[str]  # lower-cased word tokens
    content: set[str]  # its words that are not stop words, numbers or very short
    stop_ratio: float
    boilerplate: str | None
    section_end: bool
    teaser: bool
    repeats: int  # how often the same line occurs on the page

    @property
    def words(self) -> int:
        return len(self.tokens)

    @property
    def prose(self) -> bool:
        """jusText's "good paragraph" test, loosened for one-line-per-block text."""
        return self.words >= 10 and self.stop_ratio >= 0.25


def split_lines(text: str) -> list[Line]:
    """The page's non-empty lines, stripped, with their rule verdicts."""
    raw = [ln.strip() for ln in text.split("\n")]
    raw = [ln for ln in raw if ln]
    tokens = [rules.WORD.findall(ln.lower()) for ln in raw]
    stop = stopwords_for(tokens)
    counts = Counter(ln.lower() for ln in raw)
    bios = rules.author_bio_lines(raw)
    lines = []
    for k, (ln, toks) in enumerate(zip(raw, tokens)):
        reason, section_end = rules.verdict(ln, len(toks))
        lines.append(
            Line(
                text=ln,
                tokens=toks,
                content={t for t in toks if len(t) > 2 and t not in stop and not t.isdigit()},
                stop_ratio=sum(map(stop.__contains__, toks)) / len(toks) if toks else 0.0,
                boilerplate="author bio" if k in bios else reason,
                section_end=k in bios or section_end,
                teaser=rules.is_teaser(ln),
                repeats=counts[ln.lower()],
            )
        )
    return lines


OWN_NAMES = (
    "constant", "log_words", "stop_ratio", "prose", "long_prose", "sentence_end", "colon_end",
    "question_end", "teaser", "capitalised", "digits", "url", "bullet", "repeated", "name_like",
    "log_chars", *(f"rule:{r}" for r in REASONS),
)  # fmt: skip

CONTEXT_NAMES = (
    "prose_around_1", "prose_around_3", "prose_around_8", "log_words_around_3", "boilerplate_around_3",
    "prose_before", "prose_after", "section_ends_before", "section_ends_after", "position",
    "in_core", "lines_before_core", "lines_after_core", "ends_between_core", "boilerplate_between_core",
    "sentence_end_around_3", "capitalised_around_3",
    "short_in_core", "short_after_core", "short_before_core", "prose_after_core", "prose_before_core",
    "ends_since_core_start", "core_vocabulary",
    "comments_around_10", "navigation_around_10", "in_best_run", "lines_before_best_run", "lines_after_best_run",
    "core_is_best_run",
)  # fmt: skip

FEATURE_NAMES = OWN_NAMES + CONTEXT_NAMES


def _own(line: Line) -> list[float]:
    text = line.text
    parts = text.split()
    rule = [0.0] * len(REASONS)
    if line.boilerplate:
        rule[_REASON_INDEX[line.boilerplate]] = 1.0
    return [
        1.0,
        math.log1p(line.words),
        line.stop_ratio,
        float(line.prose),
        float(line.words >= 25 and line.stop_ratio >= 0.3),
        float(bool(SENTENCE_END.search(text))),
        float(text.endswith(":")),
        float(text.endswith("?")),
        float(line.teaser),
        sum(p[:1].isupper() for p in parts) / len(parts),
        sum(map(str.isdigit, text)) / len(text),
        float(bool(URL.search(text))),
        float(bool(BULLET.match(text))),
        min(line.repeats - 1, MAX_COUNT) / MAX_COUNT,
        float(2 <= len(parts) <= 4 and line.stop_ratio == 0 and all(NAME_WORD.match(p) for p in parts)),
        math.log1p(len(text)),
        *rule,
    ]


def line_matrix(lines: list[Line]) -> np.ndarray:
    """One row of FEATURE_NAMES per line."""
    n = len(lines)
    own = np.array([_own(ln) for ln in lines], dtype=float).reshape(n, len(OWN_NAMES))
    prose = own[:, OWN_NAMES.index("prose")]
    boiler = np.array([float(ln.boilerplate is not None) for ln in lines])
    ends = np.array([float(ln.section_end) for ln in lines])
    prose_words = prose * np.array([ln.words for ln in lines], dtype=float)
    total = prose_words.sum() or 1.0
    before = (np.cumsum(prose_words) - prose_words) / total
    neighbourhood = np.column_stack(
        [
            _window_mean(prose, 1),
            _window_mean(prose, 3),
            _window_mean(prose, 8),
            _window_mean(own[:, OWN_NAMES.index("log_words")], 3),
            _window_mean(boiler, 3),
            before,
            1.0 - before - prose_words / total,
            np.minimum(np.cumsum(ends) - ends, MAX_COUNT) / MAX_COUNT,
            np.minimum(ends.sum() - np.cumsum(ends), MAX_COUNT) / MAX_COUNT,
            np.arange(n) / max(n - 1, 1),
        ]
    )
    (a, b), best = core_and_best_runs(lines)
    core = _relative_to_core(a, b, n, boiler, ends)
    best_run = _relative_to_core(*best, n, boiler, ends)[:, :3]  # inside, lines before, lines after
    reason = np.array([ln.boilerplate or "" for ln in lines])
    # Comment threads and menus are long runs of short rule-matching lines ("Reply", "Home"):
    # their density over a wide window tells a thread's prose from the article's.
    wide = np.column_stack(
        [_window_mean((reason == "comments").astype(float), 10), _window_mean((reason == "navigation").astype(float), 10)]
    )
    around = np.column_stack(
        [_window_mean(own[:, OWN_NAMES.index("sentence_end")], 3), _window_mean(own[:, OWN_NAMES.index("capitalised")], 3)]
    )
    short = 1.0 - prose
    inside, lines_before, lines_after = core[:, 0], core[:, 1] > 0, core[:, 2] > 0
    crossed = np.column_stack(
        [short * inside, short * lines_after, short * lines_before, prose * lines_after, prose * lines_before]
    )
    since_start = _ends_since(a, n, ends)
    return np.hstack(
        [
            own, neighbourhood, core, around, crossed, since_start, _core_vocabulary(lines, a, b),
            wide, best_run, np.full((n, 1), float((a, b) == best)),
        ]
    )


def _window_mean(values: np.ndarray, radius: int) -> np.ndarray:
    """Mean of `values` over the 2*radius neighbours of each line (the line itself left out)."""
    totals = np.concatenate([[0.0], np.cumsum(values)])
    n = len(values)
    idx = np.arange(n)
    lo, hi = np.maximum(idx - radius, 0), np.minimum(idx + radius + 1, n)
    return (totals[hi] - totals[lo] - values) / np.maximum(hi - lo - 1, 1)


def _core_score(line: Line) -> float:
    """A rough prose score: the words of a prose line, a small cost for anything else."""
    if line.section_end:
        return WALL
    if line.boilerplate:
        return -FURNITURE_COST
    if line.prose:
        return float(line.words)
    return -5.0 if line.repeats > 1 else -3.0


def _best_run(scores: list[float], lo: int, hi: int) -> tuple[float, int, int]:
    """The maximum-sum run of scores[lo:hi] as (sum, start, end)."""
    best, span = 0.0, (lo, lo)
    run, start = 0.0, lo
    for i in range(lo, hi):
        if run <= 0:
            run, start = 0.0, i
        run += scores[i]
        if run > best:
            best, span = run, (start, i + 1)
    return best, *span


def core_and_best_runs(lines: list[Line]) -> tuple[tuple[int, int], tuple[int, int]]:
    """The core, the first substantial run of prose (net of furniture) between section-end
    headings, and the best such run, as [start, end) line ranges.

    Each stretch between two headings like "Related posts" or "Leave a reply" gets its best
    run; the core is the first run with at least CORE_SHARE of the best one's score, since
    comments and teaser lists, which can hold more prose than the article, follow it. Where
    the core is a preface (a summary box, a standfirst) the article is the best run, so the
    line model sees both.
    """
    scores = [_core_score(ln) for ln in lines]
    runs = []
    lo = 0
    for hi in [k for k, s in enumerate(scores) if s == WALL] + [len(lines)]:
        runs.append(_best_run(scores, lo, hi))
        lo = hi + 1
    top, *best = max(runs)
    if top <= 0:
        return (0, 0), (0, 0)
    _, a, b = next(r for r in runs if r[0] >= CORE_SHARE * top)
    return (a, b), tuple(best)


def _relative_to_core(a: int, b: int, n: int, boiler: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """Where each line sits relative to the core lines [a, b), and what lies in between."""
    idx = np.arange(n)
    inside = ((idx >= a) & (idx < b)).astype(float)
    cum_ends = np.concatenate([[0.0], np.cumsum(ends)])
    cum_boiler = np.concatenate([[0.0], np.cumsum(boiler)])
    lo = np.where(idx < a, idx, np.minimum(b, idx))  # the lines strictly between line and core
    hi = np.where(idx < a, a, np.maximum(idx + 1, lo))
    return np.column_stack(
        [
            inside,
            np.minimum(np.maximum(a - idx, 0), MAX_DISTANCE) / MAX_DISTANCE,
            np.minimum(np.maximum(idx - b + 1, 0), MAX_DISTANCE) / MAX_DISTANCE,
            np.minimum(cum_ends[hi] - cum_ends[lo], MAX_COUNT) / MAX_COUNT * (1 - inside),
            (cum_boiler[hi] - cum_boiler[lo]) / np.maximum(hi - lo, 1) * (1 - inside),
        ]
    )


def _ends_since(a: int, n: int, ends: np.ndarray) -> np.ndarray:
    """Section-end headings between the core's start and each line (even inside the core)."""
    cum_ends = np.concatenate([[0.0], np.cumsum(ends)])
    return (np.minimum(cum_ends[np.maximum(np.arange(n), a)] - cum_ends[a], MAX_COUNT) / MAX_COUNT)[:, None]


def _core_vocabulary(lines: list[Line], a: int, b: int) -> np.ndarray:
    """Share of each line's content words that the core's prose also uses (topic cohesion).

    Teasers for other stories, author bios and sales pitches talk about something else
    than the article; the article's own paragraphs keep reusing its words.
    """
    core = Counter()
    for k in range(a, b):
        if lines[k].prose:
            core.update(lines[k].content)
    shares = np.zeros((len(lines), 1))
    for k, line in enumerate(lines):
        words = line.content
        if words:
            own = a <= k < b and lines[k].prose
            shares[k, 0] = sum(core[t] > own for t in words) / len(words)
    return shares


BOUNDARY_WINDOWS = (6,)  # lines averaged on each side of a gap (a wider window added nothing)


def with_neighbours(x: np.ndarray) -> np.ndarray:
    """Each line's features beside those of the line before and the line after it (zeros
    past the page's ends): the line model judges a line with its neighbours in view."""
    blank = np.zeros((1, x.shape[1]))
    return np.hstack([x, np.vstack([blank, x[:-1]]), np.vstack([x[1:], blank])])


def boundary_matrix(x: np.ndarray) -> np.ndarray:
    """Features of each gap k (before line k, k = 0..n): the lines around it, and its place.

    A gap sees the two lines on each side of it and the mean of the lines within six lines
    before and after; the start and end models learn from these what an article's first
    and last lines look like, and what comes right before and after them.
    """
    n, d = x.shape
    gaps = np.arange(n + 1)
    padded = np.vstack([np.zeros((2, d)), x, np.zeros((2, d))])  # line j is row j + 2
    columns = [padded[gaps + offset] for offset in (0, 1, 2, 3)]  # lines k-2, k-1, k, k+1
    totals = np.vstack([np.zeros((1, d)), np.cumsum(x, axis=0)])
    for window in BOUNDARY_WINDOWS:
        lo = np.maximum(gaps - window, 0)
        hi = np.minimum(gaps + window, n)
        columns.append((totals[gaps] - totals[lo]) / np.maximum(gaps - lo, 1)[:, None])
        columns.append((totals[hi] - totals[gaps]) / np.maximum(hi - gaps, 1)[:, None])
    place = np.column_stack([gaps == 0, gaps == n, gaps == 1, gaps == n - 1]).astype(float)
    return np.hstack([*columns, place])
