"""The line model: which lines of a scraped page are the article.

Trained on the WCXB development pages by `bench/extraction_training.py` and shipped as
`data/extract_line_model.json`:

* a line model, gradient-boosted trees (fitted with scikit-learn, evaluated here in numpy
  so that running newsgraph needs no scikit-learn), gives each line the log-probability of
  four states: before the article, article text, furniture inside the article (a caption,
  a "Buy now" button), after the article. It sees the features of the line and of the
  lines right before and after it;
* a start model and an end model, linear, score each gap between two lines as the place
  where the article starts or ends (they see the lines on both sides of the gap).

`decode` then picks the one labelling that reads before* (article|inside)* after*, starts
and ends the article on an article line, and maximises the sum of the line scores plus
the start and end scores. The article is therefore one stretch of the page, and inside it
single lines can still be dropped.
"""
from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from importlib import resources

import numpy as np

from newsgraph.extract import features

MODEL_FILE = "extract_line_model.json"
BEFORE, ARTICLE, INSIDE, AFTER = range(4)
_IMPOSSIBLE = -1e18


@dataclass(frozen=True)
class Forest:
    """Boosted trees, all nodes in flat arrays; a leaf's children are itself, so walking
    every tree a fixed number of steps lands each row on its leaf."""

    feature: np.ndarray
    threshold: np.ndarray
    left: np.ndarray
    right: np.ndarray
    value: np.ndarray
    roots: np.ndarray  # first node of each tree
    classes: np.ndarray  # the state each tree adds to
    baseline: np.ndarray  # (4,) raw scores before any tree
    depth: int

    @classmethod
    def from_dict(cls, data: dict) -> Forest:
        feature = np.array(data["feature"], dtype=np.intp)
        left = np.array(data["left"], dtype=np.intp)
        right = np.array(data["right"], dtype=np.intp)
        leaf = left < 0
        own = np.arange(len(feature))
        left[leaf], right[leaf], feature[leaf] = own[leaf], own[leaf], 0
        return cls(
            feature=feature,
            threshold=np.array(data["threshold"], dtype=float),
            left=left,
            right=right,
            value=np.array(data["value"], dtype=float),
            roots=np.array(data["roots"], dtype=np.intp),
            classes=np.array(data["classes"], dtype=np.intp),
            baseline=np.array(data["baseline"], dtype=float),
            depth=int(data["depth"]),
        )

    def raw_scores(self, x: np.ndarray) -> np.ndarray:
        """(rows, 4) summed tree outputs: numpy's version of scikit-learn's raw prediction."""
        rows = np.arange(len(x))[:, None]
        node = np.broadcast_to(self.roots, (len(x), len(self.roots)))
        for _ in range(self.depth):
            go_left = x[rows, self.feature[node]] <= self.threshold[node]
            node = np.where(go_left, self.left[node], self.right[node])
        values = self.value[node]
        scores = np.tile(self.baseline, (len(x), 1))
        for state in range(len(self.baseline)):
            scores[:, state] += values[:, self.classes == state].sum(axis=1)
        return scores


@dataclass(frozen=True)
class LineModel:
    forest: Forest  # line features with their neighbours' -> raw scores of the four states
    start_weights: np.ndarray  # (boundary features,)
    start_bias: float
    end_weights: np.ndarray
    end_bias: float
    boundary_weight: float  # how much the start and end scores count against the line scores

    def line_scores(self, x: np.ndarray) -> np.ndarray:
        """Log-probabilities of the four states for each row of line features."""
        s = self.forest.raw_scores(features.with_neighbours(x))
        s -= s.max(axis=1, keepdims=True)
        return s - np.log(np.exp(s).sum(axis=1, keepdims=True))

    def boundary_scores(self, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Log-odds that the article starts, and that it ends, at each gap."""
        b = features.boundary_matrix(x)
        return b @ self.start_weights + self.start_bias, b @ self.end_weights + self.end_bias


def from_dict(data: dict) -> LineModel:
    names = data["features"]
    if list(names) != list(features.FEATURE_NAMES):
        raise ValueError(f"{MODEL_FILE} was trained on other line features; retrain it")
    return LineModel(
        forest=Forest.from_dict(data["line"]),
        start_weights=np.array(data["start"]["weights"], dtype=float),
        start_bias=float(data["start"]["bias"]),
        end_weights=np.array(data["end"]["weights"], dtype=float),
        end_bias=float(data["end"]["bias"]),
        boundary_weight=float(data["boundary_weight"]),
    )


@functools.lru_cache(maxsize=1)
def load() -> LineModel:
    """The shipped model (read once per process)."""
    text = resources.files("newsgraph").joinpath("data", MODEL_FILE).read_text(encoding="utf-8")
    return from_dict(json.loads(text))


def decode(scores: np.ndarray, starts: np.ndarray, ends: np.ndarray, boundary_weight: float) -> list[int]:
    """The best state sequence (see the module docstring); plain Python, four states."""
    n = len(scores)
    sc = scores.tolist()
    st = (boundary_weight * starts).tolist()
    en = (boundary_weight * ends).tolist()
    # best score of a labelling of lines 0..k that ends in each state, and back-pointers
    before, article, inside, after = sc[0][BEFORE], sc[0][ARTICLE] + st[0], _IMPOSSIBLE, _IMPOSSIBLE
    back: list[tuple[int, int, int, int]] = [(BEFORE, BEFORE, INSIDE, AFTER)]
    for k in range(1, n):
        row = sc[k]
        to_article = max((before + st[k], BEFORE), (article, ARTICLE), (inside, INSIDE))
        to_inside = max((article, ARTICLE), (inside, INSIDE))
        to_after = max((article + en[k], ARTICLE), (after, AFTER))
        back.append((BEFORE, to_article[1], to_inside[1], to_after[1]))
        before = before + row[BEFORE]
        article = to_article[0] + row[ARTICLE]
        inside = to_inside[0] + row[INSIDE]
        after = to_after[0] + row[AFTER]
    state = max((before, BEFORE), (article + en[n], ARTICLE), (after, AFTER))[1]
    states = [state] * n
    for k in range(n - 1, 0, -1):
        state = back[k][state]
        states[k - 1] = state
    return states


def article_states(lines: list[features.Line], model: LineModel | None = None) -> list[int]:
    """BEFORE / ARTICLE / INSIDE / AFTER for each line of the page."""
    model = model or load()
    x = features.line_matrix(lines)
    starts, ends = model.boundary_scores(x)
    return decode(model.line_scores(x), starts, ends, model.boundary_weight)
