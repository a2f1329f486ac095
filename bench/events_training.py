"""Fitting the event classifier (see src/newsgraph/events/model.py) on the events dev set.

usage: python bench/events_training.py [--cached]   (writes src/newsgraph/data/event_model.json)

Each dev sentence becomes one training unit: the features `coder.Sentence` gives and the
group of roots ("penta") of its main gold event, or "none" for the CAMEO part's
negatives. Where spaCy splits a dev text into several sentences, the one holding the gold
actors is labelled and the others are left out (their events, if any, are unknown);
a negative's sentences are all "none". A sentence with several gold events is labelled
with its first event that is not a bare statement (root 01), as the coder emits one event
a sentence. The model is scikit-learn's multinomial logistic regression (a bench-only
dependency: `pip install -e ".[bench]"`) over hashed features; its weights are exported
for numpy. `bench/events.py` fits the same way on four folds to score the fifth.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import OUT, ROOT, eval_dir, parsed_docs  # noqa: E402

from newsgraph.events.coder import Sentence  # noqa: E402
from newsgraph.events.lexicon import lexicon  # noqa: E402
from newsgraph.events.model import CLASSES, DIMENSIONS, MODEL_FILE, EventModel, hashed  # noqa: E402

C = 0.5  # inverse L2 strength
# Weighting the CAMEO part (the only one with sentences that report no event) 4x did not
# help in cross-validation (penta dyad 0.469 against 0.471), so every sentence counts once.


def load_dev(cached: bool) -> tuple[list[dict], list]:
    gold_path = eval_dir("events") / "dev.jsonl"
    gold = [json.loads(line) for line in gold_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    docs = parsed_docs([g["text"] for g in gold], OUT / "events_dev.spacy" if cached else None)
    return gold, docs


def label(record: dict) -> str:
    events = record["events"]
    if not events:
        return "none"
    main = next((e for e in events if e.get("code") not in ("01",)), events[0])
    return str(main["penta"])


def units(record: dict, doc) -> list[tuple[list[str], str]]:
    """(features, label) for each sentence of a dev text whose label is known."""
    sentences = list(doc.sents)
    target = label(record)
    if target != "none" and len(sentences) > 1:
        anchors = [e[k][0] for e in record["events"] for k in ("source_span", "target_span") if e.get(k)]
        holding = [s for s in sentences if any(s.start_char <= a < s.end_char for a in anchors)]
        sentences = holding[:1] or sentences[:1]
    words = lexicon()
    return [(Sentence.read(s, words).features(), target) for s in sentences]


def fit(samples: list[tuple[list[str], str]]) -> EventModel:
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    rows, cols, values = [], [], []
    for r, (features, _) in enumerate(samples):
        for column, count in hashed(features).items():
            rows.append(r)
            cols.append(column)
            values.append(count)
    matrix = csr_matrix((values, (rows, cols)), shape=(len(samples), DIMENSIONS))
    targets = [CLASSES.index(y) for _, y in samples]
    fitted = LogisticRegression(C=C, max_iter=2000).fit(matrix, targets)
    weights = np.zeros((DIMENSIONS, len(CLASSES)))
    bias = np.full(len(CLASSES), -30.0)  # a class never seen in training is never predicted
    for k, cls in enumerate(fitted.classes_):
        weights[:, cls] = fitted.coef_[k]
        bias[cls] = fitted.intercept_[k]
    return EventModel(weights, bias)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cached", action="store_true", help="reuse parsed Docs from bench/out")
    args = ap.parse_args()
    gold, docs = load_dev(args.cached)
    samples = [u for record, doc in zip(gold, docs) for u in units(record, doc)]
    model = fit(samples)
    path = ROOT / "src" / "newsgraph" / "data" / MODEL_FILE
    path.write_text(json.dumps(model.to_dict(), separators=(",", ":")), encoding="utf-8")
    print(f"fitted on {len(samples)} sentences; wrote {path} ({path.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
