"""Training and cross-validation of the text cleaner's line model (see extract/linemodel.py).

Labels come from the gold bodies: each line of a page's scraped text is aligned with its
gold body (difflib on word tokens), and a line whose words are mostly found there is
article text. Lines before the first and after the last article line are "before" and
"after"; the others in between are "inside" (furniture within the article).

Training pages are doubled with "interrupted" copies (a block of the page's own share
prompts, ads or newsletter boxes inserted mid-article), so that the model learns that an
article can go on after such a block, as news articles often do.

The line model is gradient-boosted trees (scikit-learn's HistGradientBoostingClassifier,
a bench-only dependency: `pip install -e ".[bench]"`) over each line's features and its
neighbours'; its trees are exported as flat node arrays that `linemodel.Forest` walks in
numpy. The start and end models are binary logistic regressions fitted with full-batch
Adam and L2 on standardised features; the standardisation is folded into the exported
weights. Everything is deterministic (the copies use seeded draws, the trees a fixed
seed), so retraining reproduces the file.
"""
from __future__ import annotations

import difflib
import json
import re
from collections import Counter
from dataclasses import dataclass

import numpy as np

from newsgraph.extract import ExtractionError, clean_text, features, linemodel

TOKEN = re.compile(r"\w+")
ARTICLE_SHARE = 0.5  # share of a line's tokens found in the gold that makes it article text
MIN_BLOCK = 3  # shorter matching runs count only when they cover a whole short line
L2 = 1e-3
STEPS_BOUNDARY = 150
TREE_ROUNDS, TREE_LEAVES, TREE_LEARNING_RATE, TREE_MIN_LEAF = 200, 15, 0.05, 100
LEARNING_RATE = 0.1
BOUNDARY_WEIGHT = 2.0
FOLDS = 5


@dataclass
class Page:
    id: str
    lines: list[features.Line]
    states: np.ndarray  # BEFORE / ARTICLE / INSIDE / AFTER per line
    x: np.ndarray  # line features
    b: np.ndarray  # gap features


def gold_shares(lines: list[str], gold: str) -> list[float]:
    """For each line, the share of its word tokens aligned with the gold body."""
    tokens, owner = [], []
    for k, line in enumerate(lines):
        for tok in TOKEN.findall(line):
            tokens.append(tok)
            owner.append(k)
    sizes = Counter(owner)
    hits = [0] * len(lines)
    matcher = difflib.SequenceMatcher(None, tokens, TOKEN.findall(gold), autojunk=False)
    for a, _, size in matcher.get_matching_blocks():
        if size and (size >= MIN_BLOCK or size >= sizes[owner[a]]):
            for t in range(a, a + size):
                hits[owner[t]] += 1
    return [hits[k] / sizes[k] if sizes[k] else 0.0 for k in range(len(lines))]


def page_states(shares: list[float]) -> np.ndarray:
    article = [k for k, s in enumerate(shares) if s >= ARTICLE_SHARE]
    states = np.full(len(shares), linemodel.BEFORE)
    if article:
        first, last = article[0], article[-1]
        states[last + 1 :] = linemodel.AFTER
        for k in range(first, last + 1):
            states[k] = linemodel.ARTICLE if shares[k] >= ARTICLE_SHARE else linemodel.INSIDE
    return states


def make_page(page_id: str, text: str, gold: str) -> Page | None:
    lines = features.split_lines(text)
    if not lines:
        return None
    x = features.line_matrix(lines)
    states = page_states(gold_shares([ln.text for ln in lines], gold))
    return Page(page_id, lines, states, x, features.boundary_matrix(x))


INTERRUPTIONS = frozenset(
    {"share prompt", "subscribe prompt", "follow prompt", "advertisement", "read-more link", "call to action"}
)
INTERRUPTION_LINES = (2, 5)  # a copied block has this many lines, at most


def interrupted(page: Page, seed: int) -> Page | None:
    """A copy of `page` with a block of its own furniture inserted in the middle of the article.

    Share bars, ads and newsletter boxes interrupt many news articles, but few WCXB pages
    show it, and a model that never saw an article go on after a share bar ends it there.
    The block is made of the page's own lines that a rule calls an interruption; the copy
    labels them "inside" and is only ever added to the training pages.
    """
    furniture = [
        ln.text for ln, s in zip(page.lines, page.states) if s != linemodel.ARTICLE and ln.boilerplate in INTERRUPTIONS
    ]
    article = np.flatnonzero(page.states == linemodel.ARTICLE)
    middle = article[len(article) * 3 // 10 : len(article) * 8 // 10]
    gaps = [
        k for k in middle
        if page.states[k + 1] == linemodel.ARTICLE and page.lines[k].prose and page.lines[k + 1].prose
    ]
    if len(furniture) < INTERRUPTION_LINES[0] or not gaps:
        return None
    rng = np.random.default_rng(seed)
    at = int(rng.choice(gaps)) + 1
    size = int(rng.integers(INTERRUPTION_LINES[0], min(INTERRUPTION_LINES[1], len(furniture)) + 1))
    start = int(rng.integers(0, len(furniture) - size + 1))
    texts = [ln.text for ln in page.lines]
    lines = features.split_lines("\n".join(texts[:at] + furniture[start : start + size] + texts[at:]))
    states = np.concatenate([page.states[:at], np.full(size, linemodel.INSIDE), page.states[at:]])
    x = features.line_matrix(lines)
    return Page(page.id + "+", lines, states, x, features.boundary_matrix(x))


def with_interruptions(pages: list[Page]) -> list[Page]:
    """The training pages plus their interrupted copies (see `interrupted`)."""
    extra = [copy for k, page in enumerate(pages) if (copy := interrupted(page, seed=k)) is not None]
    return pages + extra


def _fit(x: np.ndarray, y: np.ndarray, classes: int, steps: int) -> tuple[np.ndarray, np.ndarray]:
    """Softmax regression on standardised x; returns (weights, bias) for raw x."""
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    z = (x - mean) / scale
    w = np.zeros((z.shape[1], classes))
    b = np.zeros(classes)
    onehot = np.eye(classes)[y]
    m = [np.zeros_like(w), np.zeros_like(b)]
    v = [np.zeros_like(w), np.zeros_like(b)]
    for t in range(1, steps + 1):
        s = z @ w + b
        s -= s.max(axis=1, keepdims=True)
        p = np.exp(s)
        p /= p.sum(axis=1, keepdims=True)
        err = (p - onehot) / len(y)
        grads = [z.T @ err + L2 * w, err.sum(axis=0)]
        for param, g, mm, vv in zip((w, b), grads, m, v):
            mm *= 0.9
            mm += 0.1 * g
            vv *= 0.999
            vv += 0.001 * g * g
            param -= LEARNING_RATE * (mm / (1 - 0.9**t)) / (np.sqrt(vv / (1 - 0.999**t)) + 1e-8)
    return w / scale[:, None], b - (mean / scale) @ w


def _forest(x: np.ndarray, y: np.ndarray) -> dict:
    """Boosted trees for the four line states, as the flat arrays of `linemodel.Forest`."""
    from sklearn.ensemble import HistGradientBoostingClassifier

    fitted = HistGradientBoostingClassifier(
        max_iter=TREE_ROUNDS, max_leaf_nodes=TREE_LEAVES, learning_rate=TREE_LEARNING_RATE,
        min_samples_leaf=TREE_MIN_LEAF, early_stopping=False, random_state=0,
    ).fit(x, y)
    forest: dict[str, list] = {k: [] for k in ("feature", "threshold", "left", "right", "value", "roots", "classes")}
    depth = 0
    # scikit-learn has no public export of its trees: `_predictors` (one list per round, a
    # tree per state) and `_baseline_prediction` are what its own predict() walks.
    for round_trees in fitted._predictors:
        for state, tree in enumerate(round_trees):
            nodes, offset = tree.nodes, len(forest["feature"])
            leaf = nodes["is_leaf"].astype(bool)
            forest["roots"].append(offset)
            forest["classes"].append(state)
            forest["feature"] += nodes["feature_idx"].tolist()
            forest["threshold"] += [float(f"{t:.9g}") for t in nodes["num_threshold"]]
            forest["left"] += np.where(leaf, -1, nodes["left"].astype(np.int64) + offset).tolist()
            forest["right"] += np.where(leaf, -1, nodes["right"].astype(np.int64) + offset).tolist()
            forest["value"] += _rounded(nodes["value"])
            depth = max(depth, int(nodes["depth"].max()))
    baseline = [float(v) for v in np.ravel(fitted._baseline_prediction)]
    return {**forest, "baseline": baseline, "depth": depth}


def _boundary_labels(pages: list[Page], which: str) -> np.ndarray:
    labels = []
    for page in pages:
        y = np.zeros(len(page.lines) + 1, dtype=int)
        article = np.flatnonzero(page.states == linemodel.ARTICLE)
        if len(article):
            y[article[0] if which == "start" else article[-1] + 1] = 1
        labels.append(y)
    return np.concatenate(labels)


def train(pages: list[Page]) -> dict:
    """The model file's content, fitted on `pages` and their interrupted copies."""
    pages = with_interruptions(pages)
    x = np.vstack([features.with_neighbours(p.x) for p in pages])
    y = np.concatenate([p.states for p in pages])
    gaps = np.vstack([p.b for p in pages])
    model = {
        "about": "newsgraph text cleaner's line model; refit with `python bench/extraction.py --train` "
        "(WCXB dev article pages, labels aligned with their gold bodies)",
        "features": list(features.FEATURE_NAMES),
        "states": ["before", "article", "inside", "after"],
        "line": _forest(x, y),
        "boundary_weight": BOUNDARY_WEIGHT,
    }
    for which in ("start", "end"):
        w, b = _fit(gaps, _boundary_labels(pages, which), 2, STEPS_BOUNDARY)
        model[which] = {"weights": _rounded(w[:, 1] - w[:, 0]), "bias": _rounded(b[1] - b[0])[0]}
    return model


def _rounded(values) -> list[float]:
    """Six significant digits are plenty for weights and keep the file small."""
    return [float(f"{v:.6g}") for v in np.ravel(values)]


def predict(model: linemodel.LineModel, page: Page) -> str:
    """The body `clean_text` keeps on the page with `model` as its line model."""
    try:
        return clean_text("\n".join(ln.text for ln in page.lines), model=model).text
    except ExtractionError:
        return ""


def cross_validate(pages: list[Page]) -> dict[str, str]:
    """Body predicted for each page by a model that never saw it (pages split in FOLDS)."""
    predictions = {}
    for fold in range(FOLDS):
        held_out = [p for k, p in enumerate(pages) if k % FOLDS == fold]
        fitted = [p for k, p in enumerate(pages) if k % FOLDS != fold]
        model = linemodel.from_dict(json.loads(json.dumps(train(fitted))))
        for page in held_out:
            predictions[page.id] = predict(model, page)
    return predictions
