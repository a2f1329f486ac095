"""Score place detection and resolution on the shared places dev set (LGL local news).

usage: python bench/knowledge.py [--cached] [--gold-spans]

Prints the scorer's report (detection P/R/F1 strict and overlap, acc@161km, end-to-end F1)
twice: for each article resolved on its own (bench/out/places_dev.jsonl), and after the
corpus pass that resolves each article again with its publication's other articles as
context, as `newsgraph build` does (bench/out/places_dev_refined.jsonl; no gold is read).
Also the gazetteer's size and the time `find_places` and the corpus pass take.
--gold-spans resolves the gold spans instead of detected ones (resolution alone).
--cached keeps the parsed Docs in bench/out/places_dev.spacy.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import OUT, eval_dir, parsed_docs, run_scorer  # noqa: E402

from newsgraph.entities import find_entities  # noqa: E402
from newsgraph.places import find_places, resolve_spans  # noqa: E402
from newsgraph.places.gazetteer import describe, gazetteer  # noqa: E402
from newsgraph.places.publications import Article, refine  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cached", action="store_true", help="reuse parsed Docs from bench/out")
    ap.add_argument("--gold-spans", action="store_true", help="resolve the gold spans (resolution alone)")
    args = ap.parse_args()
    gold_path = eval_dir("places") / "dev.jsonl"
    gold = [json.loads(line) for line in gold_path.read_text(encoding="utf-8").split("\n") if line.strip()]
    docs = parsed_docs([g["text"] for g in gold], OUT / "places_dev.spacy" if args.cached else None)
    started = time.perf_counter()
    gazetteer()
    print(f"gazetteer: {describe()} (opened in {time.perf_counter() - started:.2f} s)")
    elapsed = 0.0
    found = []
    for record, doc in zip(gold, docs):
        entities = find_entities(doc)
        started = time.perf_counter()
        if args.gold_spans:
            found.append(resolve_spans(doc, [(p["start"], p["end"]) for p in record["places"]]))
        else:
            found.append(find_places(doc, entities, record.get("url")))
        elapsed += time.perf_counter() - started
    words = sum(len(d) for d in docs)
    print("each article on its own:")
    report(gold, gold_path, found, OUT / "places_dev.jsonl")
    print(f"find_places: {1000 * elapsed / len(gold):.2f} ms per article, {1000 * elapsed / words * 1000:.2f} ms per 1,000 tokens")
    started = time.perf_counter()
    refined = refine([Article(r["text"], places, r.get("url")) for r, places in zip(gold, found)])
    elapsed = time.perf_counter() - started
    print("\nwith the publication's other articles (the corpus pass):")
    report(gold, gold_path, refined, OUT / "places_dev_refined.jsonl")
    print(f"corpus pass: {1000 * elapsed / len(gold):.2f} ms per article")


def report(gold: list[dict], gold_path: Path, found: list, pred_path: Path) -> None:
    with pred_path.open("w", encoding="utf-8") as out:
        for record, places in zip(gold, found):
            out.write(json.dumps({"id": record["id"], "places": [
                {"start": p.start, "end": p.end, "lat": p.lat, "lon": p.lon, "geonames_id": p.geonames_id,
                 "name": p.name, "kind": p.kind} for p in places]}) + "\n")
    print(run_scorer("places", str(gold_path), str(pred_path)))

if __name__ == "__main__":
    main()
