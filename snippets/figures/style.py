"""One look for every figure: colour-blind-safe colours, readable on light and dark pages."""

from pathlib import Path

import matplotlib
# Importing pyplot loads the backend; in Jupyter that registers the display of
# figures a cell returns. Figures themselves are made without pyplot (see `figure`).
import matplotlib.pyplot as plt
from matplotlib.figure import Figure

# Okabe & Ito's palette, distinguishable with every common colour-vision deficiency.
BLUE, ORANGE, GREEN, VERMILION, PURPLE, SKY, YELLOW, BLACK = (
    "#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000",
)
CYCLE = [BLUE, ORANGE, GREEN, VERMILION, PURPLE, SKY, BLACK]

STYLE = {
    "axes.prop_cycle": matplotlib.cycler(color=CYCLE),
    "axes.grid": True,
    "grid.alpha": 0.3,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "font.size": 11,
    # A white card: the same figure reads well in the light and the dark theme.
    "figure.facecolor": "white",
    "savefig.facecolor": "white",
    "svg.hashsalt": "nn-textbook",  # stable element ids, so an unchanged figure is byte-identical
}
# For the whole process, not only inside a style context: a legend or a label added after
# the figure was made would otherwise fall back to matplotlib's defaults.
matplotlib.rcParams.update(STYLE)


def figure(*args, figsize=None, **kwargs):
    """A new figure and its axes (``subplots`` arguments), in the house style: (fig, axes).

    The figure is not registered with pyplot, so nothing shows it by accident; a
    notebook displays it when a cell returns it, and ``save`` writes it to a file.
    """
    fig = Figure(figsize=figsize, layout="constrained")
    return fig, fig.subplots(*args, **kwargs)


def save(fig, path: Path) -> None:
    """Write ``fig`` to ``path`` (format from the extension) and free its memory."""
    fig.savefig(path, dpi=150, metadata={"Date": None} if Path(path).suffix == ".svg" else None)


def markdown_table(header, rows):
    """A Markdown table (for a build output page include) from a header row and rows of strings."""
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines) + "\n"
