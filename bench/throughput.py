"""Throughput of `newsgraph build` beside bare spaCy `nlp.pipe` over the same texts.

usage: python bench/throughput.py [--docs 200] [--source text|html] [--workers 1]

Takes the first N pages of ../shared/eval/extraction (scraped page text by default, or
the HTML) and runs, each in a fresh process so peak memory is its own:
  1. `newsgraph build` on those pages into a new database (model loading included);
  2. bare spaCy: `nlp.pipe` with its default settings over the bodies newsgraph stored,
     i.e. exactly the texts newsgraph's own spaCy stage parsed;
  3. bare spaCy over the whole input pages, for reference.
Prints documents per second, peak memory, newsgraph's overhead (its time over bare spaCy's
on the same bodies; the bar is at most 1.3x) and the share of time each stage took.
"""
from __future__ import annotations

import argparse
import json
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import eval_dir


def child_build(paths: list[str], db: str, workers: int) -> dict:
    from newsgraph.cli import cli
    from newsgraph.timing import stage_seconds

    start = time.perf_counter()
    cli.main(["build", *paths, "--db", db, "--workers", str(workers)], standalone_mode=False)
    return {"seconds": time.perf_counter() - start, "stages": dict(stage_seconds)}


def child_spacy(texts_file: str) -> dict:
    start = time.perf_counter()
    import spacy

    from newsgraph.nlp import model_name

    texts = json.loads(Path(texts_file).read_text(encoding="utf-8"))
    nlp = spacy.load(model_name())
    loaded = time.perf_counter()
    for _ in nlp.pipe(texts):
        pass
    return {"seconds": time.perf_counter() - start, "load": loaded - start}


def in_child(*args: str) -> dict:
    """Run this script in a fresh process for one measurement; return its figures."""
    done = subprocess.run([sys.executable, __file__, "--child", *args], capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"child {args[0]} failed:\n{done.stdout}\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=200)
    parser.add_argument("--source", choices=["text", "html"], default="text")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, *rest = args.child
        figures = child_build(rest[2:], rest[0], int(rest[1])) if kind == "build" else child_spacy(rest[0])
        figures["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(json.dumps(figures))
        return

    folder = eval_dir("extraction") / args.source
    paths = sorted(str(p) for p in folder.iterdir())[: args.docs]
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "bench.db")
        build = in_child("build", db, str(args.workers), *paths)
        with sqlite3.connect(db) as conn:
            bodies = [row[0] for row in conn.execute("SELECT text FROM documents WHERE language = 'en' OR language IS NULL ORDER BY rowid")]
            stored = conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
        bodies_file = Path(tmp) / "bodies.json"
        bodies_file.write_text(json.dumps(bodies), encoding="utf-8")
        bare = in_child("spacy", str(bodies_file))
        if args.source == "text":
            pages_file = Path(tmp) / "pages.json"
            pages_file.write_text(json.dumps([Path(p).read_text(encoding="utf-8") for p in paths]), encoding="utf-8")
            pages = in_child("spacy", str(pages_file))
        else:
            pages = None

    n = len(paths)
    print(f"inputs: {n} {args.source} pages from {folder} ({stored} documents stored, {len(bodies)} parsed)")
    print(f"{'run':<44} {'seconds':>8} {'docs/s':>8} {'peak MB':>8}")
    print(f"{'newsgraph build (workers=%d)' % args.workers:<44} {build['seconds']:8.2f} {n / build['seconds']:8.2f} {build['peak_mb']:8.0f}")
    print(f"{'bare spaCy nlp.pipe, the stored bodies':<44} {bare['seconds']:8.2f} {n / bare['seconds']:8.2f} {bare['peak_mb']:8.0f}")
    if pages:
        print(f"{'bare spaCy nlp.pipe, the whole input pages':<44} {pages['seconds']:8.2f} {n / pages['seconds']:8.2f} {pages['peak_mb']:8.0f}")
    print(f"overhead: newsgraph / bare spaCy on the same bodies = {build['seconds'] / bare['seconds']:.3f}x (bar: at most 1.3x)")
    print(f"model load (bare spaCy): {bare['load']:.2f} s")
    print("time by stage (newsgraph build, main process):")
    for stage, seconds in sorted(build["stages"].items(), key=lambda kv: -kv[1]):
        print(f"  {stage:<10} {seconds:8.2f} s  {seconds / build['seconds']:6.1%}")
    other = build["seconds"] - sum(build["stages"].values())
    print(f"  {'other':<10} {other:8.2f} s  {other / build['seconds']:6.1%}  (start-up, model load, bookkeeping)")


if __name__ == "__main__":
    main()
