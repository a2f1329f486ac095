"""Extraction bench: newsgraph's text cleaner and HTML extractor on the WCXB dev articles.

    python bench/extraction.py [--mode text|html|both] [--limit N]
    python bench/extraction.py --cv      # cross-validated figure of the text cleaner's line model
    python bench/extraction.py --train   # refit the line model on all pages and write its file

Text mode reads each text/<id>.txt as UTF-8 and keeps `clean_text(...).text`; HTML mode
decodes each html/<id>.html.gz as UTF-8 and keeps `extract_html(html).text` (the gold URL
is not passed). An input that raises ExtractionError is scored as an empty extraction.
Predictions go to bench/out/extraction_{text,html}.jsonl; the shared scorer prints the
figures, and the time per page (extraction only) is printed after them.

The line model was trained on these same pages, so the text-mode figure of the shipped
model is optimistic; --cv gives the honest one (each page predicted by a model fitted on
the other four fifths).
"""
from __future__ import annotations

import argparse
import gzip
import json
import statistics
import sys
import time
from pathlib import Path

from common import OUT, ROOT, eval_dir, run_scorer

from newsgraph.extract import ExtractionError, clean_text, extract_html

MODEL_PATH = ROOT / "src" / "newsgraph" / "data" / "extract_line_model.json"


def read_text(gold_dir: Path, page_id: str) -> str:
    return (gold_dir / "text" / f"{page_id}.txt").read_text(encoding="utf-8")


def read_html(gold_dir: Path, page_id: str) -> str:
    with gzip.open(gold_dir / "html" / f"{page_id}.html.gz", "rb") as f:
        return f.read().decode("utf-8")


def run_mode(mode: str, gold_dir: Path, ids: list[str]) -> None:
    out = OUT / f"extraction_{mode}.jsonl"
    times, failures = [], 0
    with out.open("w", encoding="utf-8") as f:
        for page in ids:
            content = read_text(gold_dir, page) if mode == "text" else read_html(gold_dir, page)
            start = time.perf_counter()
            try:
                body = (clean_text(content) if mode == "text" else extract_html(content)).text
            except ExtractionError:
                body, failures = "", failures + 1
            times.append(time.perf_counter() - start)
            f.write(json.dumps({"id": page, "text": body}, ensure_ascii=False) + "\n")
    report(f"{mode} mode", out, len(ids))
    print(f"ms/page: median {1000 * statistics.median(times):.1f}, mean {1000 * statistics.fmean(times):.1f}"
          f" ({len(ids)} pages, {failures} ExtractionError)")


def report(label: str, preds: Path, pages: int) -> None:
    printed = run_scorer("extraction", "--pred", str(preds))
    print(f"\n== {label} ({pages} pages)")
    for line in printed.splitlines()[1:6]:
        print(line)


def training_pages(gold_dir: Path, ids: set[str]):
    from extraction_training import make_page

    pages = []
    for line in (gold_dir / "gold.jsonl").open(encoding="utf-8"):
        gold = json.loads(line)
        if gold["id"] in ids:
            page = make_page(gold["id"], read_text(gold_dir, gold["id"]), gold["text"])
            if page is not None:
                pages.append(page)
    return pages


def cross_validated(gold_dir: Path, ids: list[str]) -> None:
    from extraction_training import FOLDS, cross_validate

    predictions = cross_validate(training_pages(gold_dir, set(ids)))
    out = OUT / "extraction_text_cv.jsonl"
    with out.open("w", encoding="utf-8") as f:
        for page in ids:
            f.write(json.dumps({"id": page, "text": predictions.get(page, "")}, ensure_ascii=False) + "\n")
    report(f"text mode, {FOLDS}-fold cross-validated line model", out, len(ids))


def retrain(gold_dir: Path, ids: list[str]) -> None:
    from extraction_training import train

    model = train(training_pages(gold_dir, set(ids)))
    MODEL_PATH.write_text(json.dumps(model, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {MODEL_PATH} ({MODEL_PATH.stat().st_size} bytes)")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mode", choices=("text", "html", "both"), default="both")
    ap.add_argument("--limit", type=int, help="only the first N pages (quick runs)")
    ap.add_argument("--cv", action="store_true", help="report the cross-validated text-mode figure")
    ap.add_argument("--train", action="store_true", help="refit the line model on the pages and write it")
    args = ap.parse_args(argv)
    gold_dir = eval_dir("extraction")
    ids = [json.loads(line)["id"] for line in (gold_dir / "gold.jsonl").open(encoding="utf-8")]
    ids = ids[: args.limit] if args.limit else ids
    if args.train:
        retrain(gold_dir, ids)
    elif args.cv:
        cross_validated(gold_dir, ids)
    else:
        for mode in ("text", "html") if args.mode == "both" else (args.mode,):
            run_mode(mode, gold_dir, ids)
    return 0


if __name__ == "__main__":
    sys.exit(main())
