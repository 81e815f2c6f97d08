"""One look for every figure: colour-blind-safe colours, readable on light and dark pages."""

from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # figures are files; never open a window
import matplotlib.pyplot as plt  # noqa: E402

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
    "font.size": 10,
    # A white card: the same figure reads well in the light and the dark theme.
    "figure.facecolor": "white",
    "savefig.facecolor": "white",
    "svg.hashsalt": "nn-textbook",  # stable element ids, so an unchanged figure is byte-identical
}


def figure(*args, **kwargs):
    """``plt.subplots`` with the house style; returns (fig, axes)."""
    with plt.style.context(STYLE):
        return plt.subplots(*args, layout="constrained", **kwargs)


def save(fig, path: Path) -> None:
    """Write ``fig`` to ``path`` (format from the extension) and free its memory."""
    with plt.style.context(STYLE):
        fig.savefig(path, dpi=150, metadata={"Date": None} if Path(path).suffix == ".svg" else None)
    plt.close(fig)
