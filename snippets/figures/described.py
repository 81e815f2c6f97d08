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
