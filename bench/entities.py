"""Score the entities stage on the shared GUM news dev set.

usage: python bench/entities.py [--cached]

Parses each dev document's text with newsgraph's spaCy pipeline, runs `find_entities`,
writes bench/out/entities_dev.jsonl in the scorer's format, runs the shared scorer and
prints its report and the time `find_entities` alone takes per document (after one
warm-up call that loads the word lists). --cached keeps
the parsed Docs in bench/out/entities_dev.spacy and reuses them (for iterating on the
rules; delete the file when the pipeline changes).
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import OUT, eval_dir, parsed_docs, run_scorer  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cached", action="store_true", help="reuse parsed Docs from bench/out")
    args = ap.parse_args()
    gold_dir = eval_dir("entities")
    gold = [json.loads(line) for line in (gold_dir / "dev.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    docs = parsed_docs([g["text"] for g in gold], OUT / "entities_dev.spacy" if args.cached else None)

    from newsgraph.entities import find_entities

    pred_path = OUT / "entities_dev.jsonl"
    find_entities(docs[0])  # the word lists load once per process; time the work per document
    elapsed = cpu = 0.0
    with pred_path.open("w", encoding="utf-8") as out:
        for record, doc in zip(gold, docs):
            started, cpu_started = time.perf_counter(), time.process_time()
            entities = find_entities(doc)
            elapsed += time.perf_counter() - started
            cpu += time.process_time() - cpu_started
            line = {"id": record["id"], "entities": [dataclasses.asdict(e) for e in entities]}
            out.write(json.dumps(line, ensure_ascii=False) + "\n")
    print(run_scorer("entities", str(gold_dir / "dev.jsonl"), str(pred_path)).rstrip())
    chars = sum(len(g["text"]) for g in gold)
    print(f"find_entities: {1000 * elapsed / len(docs):.2f} ms/doc "
          f"({1000 * elapsed / chars * 5000:.2f} ms per 5 KB; CPU {1000 * cpu / len(docs):.2f} ms/doc) "
          f"over {len(docs)} documents")


if __name__ == "__main__":
    main()
