"""The viewer's server-side layout (viz.layout), on a made-up graph."""

from __future__ import annotations

import numpy as np

from viz.layout import spring_layout


def test_layout_is_deterministic_spreads_nodes_and_keeps_linked_nodes_closer():
    rng = np.random.default_rng(3)
    # Two dense clusters joined by one edge, and two nodes without edges.
    edges = [(i, j) for i in range(20) for j in range(i + 1, 20) if rng.random() < 0.3]
    edges += [(20 + i, 20 + j) for i in range(20) for j in range(i + 1, 20) if rng.random() < 0.3]
    edges += [(0, 20)]
    pos = spring_layout(42, np.array(edges))
    assert np.array_equal(pos, spring_layout(42, np.array(edges)))
    assert np.isfinite(pos).all()
    distances = np.linalg.norm(pos[:, None] - pos[None], axis=2)
    np.fill_diagonal(distances, np.inf)
    assert distances.min() > 5  # no two nodes on top of each other
    within = np.mean([distances[i, j] for i in range(20) for j in range(20) if i != j])
    across = np.mean([distances[i, j] for i in range(20) for j in range(20, 40)])
    assert within < across / 1.5
    assert pos[40, 1] > pos[:40, 1].max() and pos[41, 1] > pos[:40, 1].max()  # loners set out below
