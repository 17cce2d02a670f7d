"""Many tier-coloured points drawn as one image: what a scatter of 100,000 small translucent
markers looks like, composited in numpy (a few milliseconds) instead of drawn marker by
marker by Agg (about 120 ms, on every redraw and resize).

Each cell of a fine grid (about two screen pixels) is painted like stacked markers: every
point in it lays its tier's colour over the cell with the scatter's opacity, low-value first
and strategic last, so the higher tiers stay on top as they did in the scatter. The grid also
answers which tier is on top under the pointer, for the tooltips and click-to-filter.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.backend_bases import MouseEvent
from matplotlib.colors import to_rgb

#: Cells across and up the axes: about two screen pixels each on a dashboard panel.
GRID = (224, 200)


@dataclass(frozen=True)
class Density:
    """The composited picture and, per cell, the rank of the tier drawn on top (-1: none)."""

    image: npt.NDArray[np.float64]  # rows × columns × RGB, row 0 at the bottom
    top_rank: npt.NDArray[np.int64]
    extent: tuple[float, float, float, float]  # x0, x1, y0, y1


def composite(x: npt.NDArray[np.float64], y: npt.NDArray[np.float64],
              ranks: npt.NDArray[np.int64], colours: list[str], alpha: float,
              extent: tuple[float, float, float, float],
              grid: tuple[int, int] = GRID) -> Density:
    """Paint points (``x``, ``y``) of tier ``ranks`` (0 = strategic, drawn last) in cells."""
    columns, rows = grid
    x0, x1, y0, y1 = extent
    cx = np.clip(((x - x0) / (x1 - x0) * columns).astype(np.int64), 0, columns - 1)
    cy = np.clip(((y - y0) / (y1 - y0) * rows).astype(np.int64), 0, rows - 1)
    cell = cy * columns + cx
    image = np.ones((rows * columns, 3), dtype=np.float64)
    top = np.full(rows * columns, -1, dtype=np.int64)
    for rank in reversed(range(len(colours))):
        counts = np.bincount(cell[ranks == rank], minlength=rows * columns)
        cover = 1.0 - (1.0 - alpha) ** counts  # n translucent markers stacked
        image += (np.array(to_rgb(colours[rank])) - image) * cover[:, None]
        top[counts > 0] = rank
    return Density(image.reshape(rows, columns, 3), top.reshape(rows, columns), extent)


def draw(axes: Axes, density: Density) -> None:
    """Show the picture under everything else on ``axes`` (lines and labels stay crisp)."""
    axes.imshow(density.image, extent=density.extent, origin="lower", aspect="auto",
                interpolation="nearest", zorder=0.5)


class TierCells(Artist):
    """An invisible artist that 'contains' the pointer where tier ``rank`` is on top: the
    chart canvas hit-tests its targets with ``contains``, as it does bars and scatters."""

    def __init__(self, axes: Axes, density: Density, rank: int) -> None:
        super().__init__()
        self._host = axes
        self._density = density
        self.rank = rank
        axes.add_artist(self)

    def contains(self, mouseevent: MouseEvent) -> tuple[bool, dict[Any, Any]]:
        if (mouseevent.inaxes is not self._host or mouseevent.xdata is None
                or mouseevent.ydata is None):
            return False, {}
        rows, columns = self._density.top_rank.shape
        x0, x1, y0, y1 = self._density.extent
        cx = int((mouseevent.xdata - x0) / (x1 - x0) * columns)
        cy = int((mouseevent.ydata - y0) / (y1 - y0) * rows)
        if not (0 <= cx < columns and 0 <= cy < rows):
            return False, {}
        return bool(self._density.top_rank[cy, cx] == self.rank), {}

    def draw(self, renderer: Any) -> None:
        """Nothing to draw: the picture is one image."""
