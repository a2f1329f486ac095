"""Score the quotes stage on the shared PolNeAR dev (or train) set.

usage: python bench/quotes.py [--split dev|train] [--cached]

Parses each document's text with newsgraph's spaCy pipeline, runs `find_entities` and
`find_quotes`, writes bench/out/quotes_<split>.jsonl in the scorer's format, runs the
shared scorer (content F1 by kind, speaker accuracy, end-to-end F1) and prints its
report and the time the quotes stage alone takes per document. --cached keeps the parsed
Docs in bench/out/quotes_<split>.spacy (delete it when the pipeline changes).
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import OUT, eval_dir, parsed_docs, run_scorer  # noqa: E402


def prediction(doc_id: str, quotes) -> dict:
    return {"id": doc_id, "quotes": [
        {"start": q.start, "end": q.end, "spans": [list(s) for s in q.spans], "kind": q.kind,
         "speaker": q.speaker, "speaker_start": q.speaker_start, "speaker_end": q.speaker_end,
         "cue": q.cue, "cue_start": q.cue_start, "cue_end": q.cue_end}
        for q in quotes
    ]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", choices=("dev", "train"), default="dev")
    ap.add_argument("--cached", action="store_true", help="reuse parsed Docs from bench/out")
    args = ap.parse_args()
    gold_dir = eval_dir("quotes")
    gold_path = gold_dir / f"{args.split}.jsonl"
    gold = [json.loads(line) for line in gold_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    docs = parsed_docs([g["text"] for g in gold], OUT / f"quotes_{args.split}.spacy" if args.cached else None)

    from newsgraph.entities import find_entities
    from newsgraph.quotes import find_quotes

    find_quotes(docs[0], find_entities(docs[0]))  # word lists load once per process
    elapsed = 0.0
    pred_path = OUT / f"quotes_{args.split}.jsonl"
    with pred_path.open("w", encoding="utf-8") as out:
        for record, doc in zip(gold, docs):
            entities = find_entities(doc)
            started = time.perf_counter()
            quotes = find_quotes(doc, entities)
            elapsed += time.perf_counter() - started
            out.write(json.dumps(prediction(record["id"], quotes), ensure_ascii=False) + "\n")
    print(run_scorer("quotes", "--gold", str(gold_path), "--pred", str(pred_path)).rstrip())
    print(f"find_quotes: {1000 * elapsed / len(docs):.2f} ms/doc over {len(docs)} documents")


if __name__ == "__main__":
    main()
