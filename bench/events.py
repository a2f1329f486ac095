"""Score the event coder on the shared events dev set (CAMEO / PLOVER sentences).

usage: python bench/events.py [--cached] [--shipped] [--per-type]

The classifier learns from these very sentences (bench/events_training.py), so the
figures come from five-fold cross-validation: each fold is coded by a model fitted on
the other four. --shipped scores the shipped model instead (fitted on all of dev: an
optimistic figure, shown only to check the shipped file). Writes
bench/out/events_dev.jsonl in the scorer's format, prints the scorer's report for every
space (type, type+src, dyad), the majority-class floor, and the coder's time per sentence.
--cached keeps the parsed Docs in bench/out/events_dev.spacy.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import OUT, eval_dir, run_scorer  # noqa: E402
from events_training import fit, load_dev, units  # noqa: E402

from newsgraph.entities import find_entities  # noqa: E402
from newsgraph.events import Coder, find_events  # noqa: E402
from newsgraph.events.model import shipped  # noqa: E402

FOLDS = 5


def actor(side) -> dict | None:
    if side is None:
        return None
    return {"code": side.code, "name": side.name, "start": side.start, "end": side.end}


def prediction(record_id: str, events) -> dict:
    return {"id": record_id, "events": [
        {"code": e.code, "source": actor(e.source), "target": actor(e.target), "cue": e.cue,
         "negated": e.negated, "hypothetical": e.hypothetical, "confidence": e.confidence}
        for e in events
    ]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cached", action="store_true", help="reuse parsed Docs from bench/out")
    ap.add_argument("--shipped", action="store_true", help="score the shipped model (fitted on all of dev)")
    ap.add_argument("--per-type", action="store_true", help="also print the per-type tables")
    args = ap.parse_args()
    gold, docs = load_dev(args.cached)
    fold_of = [i % FOLDS for i in range(len(gold))]
    coders = {}
    for fold in range(FOLDS):
        if args.shipped:
            coders[fold] = Coder(shipped())
            continue
        training = [(record, doc) for i, (record, doc) in enumerate(zip(gold, docs)) if fold_of[i] != fold]
        samples = [u for record, doc in training for u in units(record, doc)]
        coders[fold] = Coder(fit(samples))
    elapsed = 0.0
    pred_path = OUT / "events_dev.jsonl"
    with pred_path.open("w", encoding="utf-8") as out:
        for i, (record, doc) in enumerate(zip(gold, docs)):
            entities = find_entities(doc)
            started = time.perf_counter()
            events = find_events(doc, entities, record.get("date"), coders[fold_of[i]])
            elapsed += time.perf_counter() - started
            out.write(json.dumps(prediction(record["id"], events)) + "\n")
    how = "the shipped model (fitted on all of dev)" if args.shipped else f"{FOLDS}-fold cross-validation"
    print(f"events coded with {how}")
    gold_path = eval_dir("events") / "dev.jsonl"
    extra = ["--per-type"] if args.per_type else []
    print(run_scorer("events", str(gold_path), str(pred_path), *extra))
    print(run_scorer("events", str(gold_path), "--floor"))
    print(f"find_events: {1000 * elapsed / len(gold):.2f} ms per dev text (after parsing and entities)")


if __name__ == "__main__":
    main()
