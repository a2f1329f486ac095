"""Seconds spent in each stage, per process: `build --timings` and bench/throughput.py read them."""
from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TypeVar

T = TypeVar("T")

stage_seconds: Counter[str] = Counter()


@contextmanager
def timed(stage: str):
    start = time.perf_counter()
    try:
        yield
    finally:
        stage_seconds[stage] += time.perf_counter() - start


def timed_iter(items: Iterable[T], stage: str) -> Iterator[T]:
    """Charge the time spent producing each item of `items` to `stage`."""
    iterator = iter(items)
    while True:
        with timed(stage):
            try:
                item = next(iterator)
            except StopIteration:
                return
        yield item
