"""The event classifier: does a sentence report an event, and of which of five kinds?

A linear model over hashed features of the sentence's predicates (their lemmas, lexicon
codes, negation, the main action) and its words. It is fitted by `bench/events_training.py`
(scikit-learn, logistic regression) and shipped as `data/event_model.json`: weights only,
hashed, so no training sentence is in the package. Predicting here takes numpy alone.
The classes are "none" and the five groups of CAMEO roots ("penta": 0 statements and
appeals, 1 verbal cooperation, 2 material cooperation, 3 verbal conflict and sanctions,
4 material conflict); the lexicon picks the root inside the group.
"""
from __future__ import annotations

import functools
import json
import zlib
from dataclasses import dataclass
from importlib import resources

import numpy as np

MODEL_FILE = "event_model.json"
CLASSES = ("none", "0", "1", "2", "3", "4")
DIMENSIONS = 1 << 15


def hashed(features: list[str]) -> dict[int, float]:
    """Feature strings to column -> count; crc32 because Python's own hash changes per run."""
    columns: dict[int, float] = {}
    for feature in features:
        column = zlib.crc32(feature.encode("utf-8")) % DIMENSIONS
        columns[column] = columns.get(column, 0.0) + 1.0
    return columns


@dataclass(frozen=True)
class EventModel:
    weights: np.ndarray  # (DIMENSIONS, classes)
    bias: np.ndarray  # (classes,)
    classes: tuple[str, ...] = CLASSES

    def probabilities(self, features: list[str]) -> dict[str, float]:
        columns = hashed(features)
        scores = self.bias.copy()
        if columns:
            index = np.fromiter(columns, dtype=np.intp)
            counts = np.fromiter(columns.values(), dtype=float)
            scores += counts @ self.weights[index]
        scores = np.exp(scores - scores.max())
        scores /= scores.sum()
        return dict(zip(self.classes, scores.tolist()))

    def to_dict(self) -> dict:
        """Non-zero rows only, weights rounded: the shipped file stays small."""
        rows = np.flatnonzero(np.abs(self.weights).max(axis=1) > 0)
        return {
            "classes": list(self.classes),
            "dimensions": DIMENSIONS,
            "bias": [round(float(b), 4) for b in self.bias],
            "rows": {int(r): [round(float(w), 3) for w in self.weights[r]] for r in rows},
        }

    @classmethod
    def from_dict(cls, data: dict) -> EventModel:
        if data["dimensions"] != DIMENSIONS:
            raise ValueError(f"event model hashed into {data['dimensions']} columns, this newsgraph uses {DIMENSIONS}")
        weights = np.zeros((DIMENSIONS, len(data["classes"])))
        for row, values in data["rows"].items():
            weights[int(row)] = values
        return cls(weights, np.array(data["bias"], dtype=float), tuple(data["classes"]))


@functools.cache
def shipped() -> EventModel:
    return EventModel.from_dict(json.loads(resources.files("newsgraph").joinpath("data", MODEL_FILE).read_text()))
