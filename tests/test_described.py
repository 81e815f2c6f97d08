import base64
import io
import re

import pytest
from PIL import Image

from conftest import ROOT
from snippets.figures import OUTPUTS
from snippets.figures import gradient_descent as gradient_descent_figures
from snippets.figures import perceptron as perceptron_figures
from snippets.figures.described import DPI, Described, image_markdown, number, require
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


# ---------------------------------------------------------------- alt text of the build's figures

FIGURE_ON_A_PAGE = re.compile(r"!\[[^\]]*\]\(\.\./figures/([^)]+)\)")
IMAGE_INCLUDE = re.compile(r'--8<-- "outputs/([\w-]+)-image\.md"')

# Figures whose alt text is written by hand in the page, and why no build result can make it wrong.
# Every other figure gets its alt text from the data it is drawn from (``image_markdown``).
DESCRIBED_BY_HAND = {
    "neural-networks-neuron.svg": "a drawing of one neuron; its z and a are checked against the page's "
                                  "output by test_numeric_claims",
    "neural-networks-mnist-digit.png": "the first MNIST training image, a fixed file, drawn as a grid",
    "neural-networks-mnist-network.svg": "a drawing of the layer sizes",
    "activation-functions.svg": "curves of the chapter's formulas; its numbers are checked by test_numeric_claims",
    "softmax-temperature.svg": "softmax of fixed scores; its probabilities are checked by test_numeric_claims",
    "loss-functions-curves.svg": "curves of the chapter's loss formulas",
    "forward-propagation-shapes.svg": "a drawing of the worked example's matrix shapes",
    "backpropagation-graph.svg": "a drawing of the computational graph",
    "perceptron-xor-network.svg": "the hand-set XOR network, whose weights the page states and tests",
    "deep-networks-sawtooth.svg": "the hand-built sawtooth network, exact by construction (test_depth)",
    "deep-networks-layer1-units.png": "the layout of the panels; it states no number and no trend",
    "deep-networks-layer2-units.png": "the layout of the panels; it states no number and no trend",
    "network-types-convolution.png": "fixed filters on one fixed test digit: no training, no measurement",
    "network-types-rnn-unrolled.svg": "a drawing of the unrolled cell",
}


def _page_sources():
    return {path.relative_to(ROOT / "docs").as_posix(): path.read_text() for path in (ROOT / "docs").rglob("*.md")}


def test_a_figure_that_shows_a_result_gets_its_alt_text_from_the_data():
    hand_written = {figure for text in _page_sources().values() for figure in FIGURE_ON_A_PAGE.findall(text)}
    assert hand_written - set(DESCRIBED_BY_HAND) == set(), (
        "these figures' alt text is written by hand in the page: write it with image_markdown, from the same "
        "data as the figure, or say in DESCRIBED_BY_HAND why no result of the build can make it wrong")
    assert set(DESCRIBED_BY_HAND) - hand_written == set(), "DESCRIBED_BY_HAND names figures no page shows by hand"


def test_every_generated_alt_text_belongs_to_a_figure_the_build_draws():
    included = {stem for text in _page_sources().values() for stem in IMAGE_INCLUDE.findall(text)}
    assert included, "no page includes a generated figure"
    for stem in included:
        assert f"outputs/{stem}-image.md" in OUTPUTS, stem
        assert {f"figures/{stem}.svg", f"figures/{stem}.png"} & set(OUTPUTS), f"no figure is drawn for {stem}"


def test_image_markdown_writes_the_figure_with_its_description(tmp_path):
    image_markdown(tmp_path / "x.md", "walk.svg", "A falling line.")
    assert (tmp_path / "x.md").read_text() == "![A falling line.](../figures/walk.svg)\n"
    with pytest.raises(ValueError, match="walk.svg needs alternative text"):
        image_markdown(tmp_path / "y.md", "walk.svg", " ")


def test_a_description_that_no_longer_fits_its_data_stops_the_build():
    with pytest.raises(ValueError, match="the alt text says the loss falls, but it rises from 1 to 2"):
        require(False, "the loss falls", "it rises from 1 to 2")
    assert number(-0.5, ".2f") == "−0.50"


def test_a_changed_result_breaks_the_sentence_that_described_it(tmp_path, monkeypatch):
    """The checks bite: data in which the described trend is reversed is refused, figure by figure."""
    plain, gentle, heavy = gradient_descent_figures._momentum_paths()
    monkeypatch.setattr(gradient_descent_figures, "_momentum_paths", lambda: [heavy, gentle, plain])
    with pytest.raises(ValueError, match="plain descent creeps"):
        gradient_descent_figures.momentum_image(tmp_path / "momentum.md")

    left, right = gradient_descent_figures._walks()
    monkeypatch.setattr(gradient_descent_figures, "_walks", lambda: [right, left])
    with pytest.raises(ValueError, match="one walker goes left"):
        gradient_descent_figures.walk_image(tmp_path / "walk.md")

    and_run = perceptron_figures._trained("AND")
    monkeypatch.setattr(perceptron_figures, "_trained", lambda gate, **kwargs: and_run)
    with pytest.raises(ValueError, match="XOR never reaches 0 mistakes"):
        perceptron_figures.xor_failure_image(tmp_path / "xor.md")
    assert not (tmp_path / "xor.md").exists()
