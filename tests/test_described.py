import base64
import io
import re

import pytest
from PIL import Image

from snippets.figures.described import DPI, Described
from snippets.figures.style import figure


def test_figure_is_shown_as_an_image_with_its_alt_text():
    fig, ax = figure(figsize=(4, 2))
    ax.plot([0, 1], [1, 0])
    html = Described(fig, 'Falling line from "1" to 0 & nothing else')._repr_html_()
    match = re.fullmatch(r'<img src="data:image/png;base64,([A-Za-z0-9+/=]+)" alt="([^"]*)" width="(\d+)">', html)
    assert match, html
    assert match[2] == "Falling line from &quot;1&quot; to 0 &amp; nothing else"
    png = Image.open(io.BytesIO(base64.b64decode(match[1])))
    # Drawn at twice the size it is shown at: sharp on high-density screens.
    assert int(match[3]) == png.width * 100 // DPI
    assert 350 < int(match[3]) < 450  # about 4 inches at 100 CSS pixels per inch


@pytest.mark.parametrize("alt", ["", "   "])
def test_a_figure_without_a_description_is_refused(alt):
    fig, _ = figure()
    with pytest.raises(ValueError, match="alternative text"):
        Described(fig, alt)
