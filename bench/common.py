"""What every bench script shares: where ../shared is, and running its scorers."""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("NEWSGRAPH_SHARED", ROOT.parent / "shared"))
OUT = ROOT / "bench" / "out"


def eval_dir(name: str) -> Path:
    """The gold set `name` in ../shared/eval, or exit cleanly when it is absent."""
    path = SHARED / "eval" / name
    if not path.is_dir():
        print(f"skipped: {path} is absent (the shared gold sets are not in a fresh clone)")
        sys.exit(0)
    OUT.mkdir(parents=True, exist_ok=True)
    return path


def run_scorer(name: str, *args: str) -> str:
    """Run ../shared/eval/<name>/score.py with `args` and return what it printed."""
    scorer = SHARED / "eval" / name / "score.py"
    done = subprocess.run([sys.executable, str(scorer), *args], capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"{scorer} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    return done.stdout


def parsed_docs(texts: list[str], cache: Path | None):
    """One spaCy Doc per text, from the DocBin `cache` when it holds these texts."""
    from spacy.tokens import DocBin

    from newsgraph.nlp import load, parse

    nlp = load()
    if cache is not None and cache.exists():
        docs = list(DocBin().from_disk(cache).get_docs(nlp.vocab))
        if [d.text for d in docs] == texts:
            return docs
    started = time.perf_counter()
    docs = list(parse(nlp, texts))
    print(f"parsed {len(docs)} documents in {time.perf_counter() - started:.1f} s")
    if cache is not None:
        DocBin(docs=docs).to_disk(cache)
    return docs
