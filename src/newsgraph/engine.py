"""Map the pipeline over a corpus: in this process, or over worker processes.

Workers each load spaCy once and analyse whole batches; results come back in input order
so the store writes them in the same order as a one-process build would, and only a few
batches are in flight at a time, so a corpus of any size streams through flat memory.
"""
from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor

from . import nlp, pipeline
from .pipeline import Options, Outcome
from .record import Failure, RawDocument
from .store import connect

IN_FLIGHT_PER_WORKER = 2

_worker: dict = {}


class ReadOnlyIndex:
    """`known(id)` for a worker process: reads the build's database without locking it."""

    def __init__(self, db_path: str):
        self.conn = connect(db_path, readonly=True)

    def __call__(self, doc_id: str) -> bool:
        return self.conn.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone() is not None


def _start_worker(options: Options, db_path: str | None) -> None:
    _worker["options"] = options
    _worker["known"] = ReadOnlyIndex(db_path) if db_path else None
    nlp.load(options.model)


def _work(batch: list[RawDocument | Failure]) -> list[Outcome]:
    return pipeline.process(batch, _worker["options"], _worker["known"])


def analyse(items: Iterable[RawDocument | Failure], options: Options, workers: int = 1,
            db_path: str | None = None, known=None) -> Iterator[Outcome]:
    """Outcomes for `items`, in order; `db_path`/`known` let already-stored documents be skipped."""
    if workers <= 1:
        yield from pipeline.run(items, options, known)
        return
    context = multiprocessing.get_context("spawn")  # a fork would copy the parent's threads and locks
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker,
                             initargs=(options, db_path)) as executor:
        pending = deque()
        for batch in pipeline.batched(items, options.batch_size):
            pending.append(executor.submit(_work, batch))
            if len(pending) >= IN_FLIGHT_PER_WORKER * workers:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
