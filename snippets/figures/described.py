"""Notebook figures with alternative text, for readers who cannot see them.

A matplotlib figure returned by a notebook cell becomes a PNG without a description
(nbconvert fills in "No description has been provided for this image"). ``Described``
shows the same figure as an HTML <img> that carries the alt text, in Jupyter, in Colab
and on the site's notebook pages alike.
"""

import base64
import html
import io
from dataclasses import dataclass

import matplotlib.pyplot as plt
from matplotlib.figure import Figure

from snippets.figures.style import STYLE

DPI = 200  # pixels per inch: twice the 100 CSS pixels per inch the image is shown at, sharp on high-DPI screens


@dataclass
class Described:
    """``Described(fig, alt)`` as the value of a notebook cell shows ``fig`` with alt text ``alt``."""

    fig: Figure
    alt: str

    def __post_init__(self):
        if not self.alt.strip():
            raise ValueError("a figure needs alternative text saying what it shows")

    def _repr_html_(self):
        buffer = io.BytesIO()
        with plt.style.context(STYLE):
            self.fig.savefig(buffer, format="png", dpi=DPI, bbox_inches="tight")
        png = buffer.getvalue()
        width = int.from_bytes(png[16:20], "big") * 100 // DPI  # PNG header: width at bytes 16-19
        return (f'<img src="data:image/png;base64,{base64.b64encode(png).decode()}" '
                f'alt="{html.escape(self.alt)}" width="{width}">')


def image_markdown(path, figure, alt):
    """Write to ``path`` the Markdown that shows ``figures/<figure>`` with alt text ``alt``.

    A figure whose content depends on what the build computed gets its alt text from the
    same data as the figure: the numbers are formatted from it, and every statement about
    a trend is checked against it with ``require``, so the description cannot drift.
    """
    if not alt.strip():
        raise ValueError(f"{figure} needs alternative text saying what it shows")
    path.write_text(f"![{alt}](../figures/{figure})\n")


def require(holds, claim, measured):
    """Stop the build when a figure's description no longer fits the data it describes."""
    if not holds:
        raise ValueError(f"the alt text says {claim}, but {measured}")


def number(value, spec):
    """``value`` formatted by ``spec``, with a true minus sign (−), as the pages write it."""
    return format(value, spec).replace("-", "−")
