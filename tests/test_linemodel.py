"""The line model's trees are walked in numpy: the walk must land each row on its leaf."""
import numpy as np

from newsgraph.extract import features, linemodel


def two_trees() -> linemodel.Forest:
    """Tree 0 (state 1): x0 <= 0.5 ? (x1 <= 2 ? 1.0 : 2.0) : 3.0.  Tree 1 (state 2): -1.0."""
    return linemodel.Forest.from_dict({
        "feature": [0, 1, 0, 0, 0, 0],
        "threshold": [0.5, 2.0, 0, 0, 0, 0],
        "left": [1, 3, -1, -1, -1, -1],
        "right": [2, 4, -1, -1, -1, -1],
        "value": [0, 0, 3.0, 1.0, 2.0, -1.0],
        "roots": [0, 5],
        "classes": [1, 2],
        "baseline": [0.1, 0.2, 0.3, 0.4],
        "depth": 2,
    })


def test_each_row_lands_on_its_leaf_and_adds_to_its_state():
    x = np.array([[0.0, 1.0], [0.0, 5.0], [0.9, 1.0], [0.5, 2.0]])
    scores = two_trees().raw_scores(x)
    assert scores[:, 1].tolist() == [0.2 + 1.0, 0.2 + 2.0, 0.2 + 3.0, 0.2 + 1.0]
    assert np.allclose(scores[:, 2], 0.3 - 1.0)
    assert np.allclose(scores[:, [0, 3]], [0.1, 0.4])


def test_neighbour_features_are_the_lines_before_and_after():
    x = np.arange(6, dtype=float).reshape(3, 2)
    wide = features.with_neighbours(x)
    assert wide[1].tolist() == [2, 3, 0, 1, 4, 5]
    assert wide[0, 2:4].tolist() == [0, 0] and wide[2, 4:].tolist() == [0, 0]


def test_shipped_model_gives_probabilities_for_every_line():
    lines = features.split_lines("Home\nNews\nThe council voted on Tuesday to close the old harbour bridge for repairs.\nShare this")
    scores = linemodel.load().line_scores(features.line_matrix(lines))
    assert scores.shape == (4, 4)
    assert np.allclose(np.exp(scores).sum(axis=1), 1.0)
