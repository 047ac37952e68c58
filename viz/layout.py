"""Node positions computed on the server, so that the browser draws a finished picture at once
instead of running a physics simulation over thousands of nodes.

The algorithm is Fruchterman and Reingold's force-directed layout: every pair of nodes repels
with k²/d, every edge pulls with d²/k, and a cooling temperature limits each step. Summing the
repulsion over all pairs costs n² per step, too much for 5,000 nodes, so it is split as in
particle-mesh simulations: nodes are binned on a grid and the far field is one FFT convolution of
the grid with the force kernel; pairs closer than a grid cell repel exactly (found with a k-d
tree). A step then costs about n log n, and 5,000 nodes lay out in a second or two.
Same graph, same seed: same positions.
"""

from __future__ import annotations

import numpy as np
from scipy.signal import fftconvolve
from scipy.spatial import cKDTree

# The typical distance from a node to its nearest neighbour, in vis-network's pixels at zoom 1.
SPACING = 70.0
GRAVITY = 0.5


def spring_layout(
    n: int, edges: np.ndarray, iterations: int = 100, seed: int = 0, spacing: float = SPACING
) -> np.ndarray:
    """Positions (n x 2) for nodes 0..n-1 linked by `edges` (m x 2 ints). Nodes without edges
    are set out in rows under the drawing: in a force layout they would only drift away."""
    edges = np.asarray(edges, dtype=np.int64).reshape(-1, 2)
    edges = edges[edges[:, 0] != edges[:, 1]]
    linked = np.zeros(n, dtype=bool)
    linked[edges.ravel()] = True
    pos = np.zeros((n, 2))
    index = np.flatnonzero(linked)
    renumber = np.full(n, -1)
    renumber[index] = np.arange(len(index))
    pos[index] = _force_layout(len(index), renumber[edges], iterations, seed, spacing)
    alone = np.flatnonzero(~linked)
    if len(alone):
        per_row = max(int(np.ceil(np.sqrt(len(alone) * 4))), 1)
        bottom = pos[index, 1].max() + 2 * spacing if len(index) else 0.0
        left = pos[index, 0].min() if len(index) else 0.0
        pos[alone, 0] = left + (np.arange(len(alone)) % per_row) * spacing * 1.5
        pos[alone, 1] = bottom + (np.arange(len(alone)) // per_row) * spacing
    return pos


def _force_layout(n: int, edges: np.ndarray, iterations: int, seed: int, spacing: float) -> np.ndarray:
    if n <= 1:
        return np.zeros((n, 2))
    rng = np.random.default_rng(seed)
    side = np.sqrt(n)  # the area a layout with k = 1 settles into
    pos = rng.uniform(0, side, (n, 2))
    grid = int(np.clip(np.sqrt(n) * 1.5, 16, 128))
    temperature = side / 10
    cooling = (0.02 / temperature) ** (1 / iterations)
    for _ in range(iterations):
        low, cell = _grid_frame(pos, grid)
        disp = _far_repulsion(pos, grid, low, cell)
        near = cKDTree(pos).query_pairs(min(cell, 1.0), output_type="ndarray")
        if len(near):
            _pairwise(disp, pos, near, lambda d: 1.0 / d)
        if len(edges):
            _pairwise(disp, pos, edges, lambda d: -d * d)
        # A pull to the centre, growing with distance, keeps nodes without edges (and small
        # components) from being pushed ever outwards by everything else.
        disp += (pos.mean(axis=0) - pos) * GRAVITY
        length = np.maximum(np.linalg.norm(disp, axis=1), 1e-9)
        pos += disp / length[:, None] * np.minimum(length, temperature)[:, None]
        temperature *= cooling
    pos -= pos.mean(axis=0)
    # Scaled so that a node's nearest neighbour is typically `spacing` away, whatever the size.
    nearest = cKDTree(pos).query(pos, k=2)[0][:, 1]
    return pos * (spacing / max(float(np.median(nearest)), 1e-9))


def _grid_frame(pos: np.ndarray, grid: int) -> tuple[np.ndarray, float]:
    """The grid's corner and cell size. It spans the middle 98% of the nodes, so that a few far
    outliers do not make the cells huge; nodes outside are counted in the border cells."""
    low, high = np.percentile(pos, [1, 99], axis=0)
    span = float((high - low).max())
    return low, max(span, 1e-6) / (grid - 1)


def _far_repulsion(pos: np.ndarray, grid: int, low: np.ndarray, cell: float) -> np.ndarray:
    """The repulsion (1/d, k = 1) every node feels from all nodes outside its own grid cell."""
    index = np.clip(((pos - low) / cell).astype(np.int64), 0, grid - 1)
    flat = index[:, 0] * grid + index[:, 1]
    density = np.bincount(flat, minlength=grid * grid).reshape(grid, grid).astype(float)
    offsets = np.arange(-(grid - 1), grid) * cell
    dx, dy = np.meshgrid(offsets, offsets, indexing="ij")
    r2 = dx * dx + dy * dy
    r2[grid - 1, grid - 1] = np.inf  # a cell does not push itself; near pairs are done exactly
    # Force at cell i from a unit charge at j: (i - j) / |i - j|², i.e. magnitude 1/d, away from j.
    field_x = fftconvolve(density, dx / r2, mode="same")
    field_y = fftconvolve(density, dy / r2, mode="same")
    return np.column_stack([field_x.ravel()[flat], field_y.ravel()[flat]])


def _pairwise(disp: np.ndarray, pos: np.ndarray, pairs: np.ndarray, force) -> None:
    """Adds to each pair's first node `force(distance)` along the line from the second node, and
    the opposite to the second (a positive force pushes apart)."""
    n = len(pos)
    delta = pos[pairs[:, 0]] - pos[pairs[:, 1]]
    dist = np.maximum(np.linalg.norm(delta, axis=1), 0.01)
    vec = delta / dist[:, None] * force(dist)[:, None]
    for axis in (0, 1):
        # bincount sums the contributions per node much faster than np.add.at.
        disp[:, axis] += np.bincount(pairs[:, 0], vec[:, axis], minlength=n)
        disp[:, axis] -= np.bincount(pairs[:, 1], vec[:, axis], minlength=n)
