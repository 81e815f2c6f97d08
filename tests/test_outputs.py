"""Build-time outputs: every registered figure and table can be produced, the cache
redraws exactly what changed, and a failing output leaves nothing half-written."""

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import matplotlib.text
import pytest
from matplotlib.figure import Figure

from snippets import activations
from snippets.figures import OUTPUTS
from snippets.figures import activations as activation_figures
from snippets.sitebuild import digest, outputs


# The article column of Material's layout on a screen 1,220 px wide or wider; a figure is
# shown at its own width or at the column's, whichever is smaller.
COLUMN_PX = 688
SMALLEST_TEXT_PX = 9


def text_sizes_as_shown(fig, drawn, suffix, dpi):
    """(size in CSS px, text) of every text in ``drawn`` (texts of ``fig`` that were drawn), as a
    page shows the saved file."""
    width_inches = fig.get_figwidth()
    natural_px = width_inches * (96 if suffix == ".svg" else dpi)  # an SVG's points are 4/3 px; a PNG's pixels are px
    px_per_point = min(natural_px, COLUMN_PX) / (width_inches * 72)
    return [(text.get_fontsize() * px_per_point, text.get_text()) for text in drawn if text.get_text().strip()]


@pytest.mark.parametrize("name", sorted(OUTPUTS))
def test_every_output_is_produced(tmp_path, monkeypatch, name):
    saved, drawn = [], []
    savefig, draw_text = Figure.savefig, matplotlib.text.Text.draw

    def recording_savefig(fig, file, *args, **kwargs):
        drawn.clear()
        savefig(fig, file, *args, **kwargs)
        saved.append((fig, [text for text in drawn if text.get_figure(root=True) is fig], kwargs.get("dpi", fig.dpi)))

    def recording_draw(text, renderer):
        drawn.append(text)  # tick labels of a hidden axis are never drawn, so never measured
        return draw_text(text, renderer)

    monkeypatch.setattr(Figure, "savefig", recording_savefig)
    monkeypatch.setattr(matplotlib.text.Text, "draw", recording_draw)
    path = tmp_path / Path(name).name
    OUTPUTS[name](path)
    if path.suffix in (".svg", ".png"):
        assert saved, f"{name} was not drawn by matplotlib"
        too_small = {f"{text!r} {size:.1f} px" for fig, texts, dpi in saved
                     for size, text in text_sizes_as_shown(fig, texts, path.suffix, dpi) if size < SMALLEST_TEXT_PX - 0.05}
        assert not too_small, (f"{name}: text smaller than {SMALLEST_TEXT_PX} CSS px in a {COLUMN_PX} px column: "
                               f"{sorted(too_small)[:8]}")
    if path.suffix == ".svg":
        assert ET.parse(path).getroot().tag.endswith("svg")
    elif path.suffix == ".png":
        assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    elif path.suffix == ".py":
        compile(path.read_text(), str(path), "exec")  # a starter file to download
    else:
        text = path.read_text()
        # A Markdown table, printed output, or a figure with alt text that states this build's results.
        assert "|---|" in text or text.startswith("```text\n") or re.fullmatch(r"!\[[^\]]+\]\(\.\./figures/[^)]+\)\n", text)


def test_key_covers_the_snippets_a_figure_uses():
    used = digest.snippet_modules(activation_figures)
    assert activations in used  # the math it plots, not only the plotting code
    assert all(module.__name__.startswith("snippets") for module in used)


def test_unchanged_outputs_are_not_redrawn(tmp_path, monkeypatch):
    calls = []

    def table(path):
        calls.append(path)
        path.write_text("| a |\n|---|\n| 1 |\n")

    monkeypatch.setattr(outputs, "OUTPUTS", {"outputs/t.md": table})
    assert outputs.build_outputs(tmp_path, workers=1)["outputs/t.md"].startswith("built")
    assert outputs.build_outputs(tmp_path, workers=1) == {"outputs/t.md": "cached"}
    assert len(calls) == 1
    (tmp_path / "outputs/t.md").unlink()  # a missing file is rebuilt even with a matching key
    assert outputs.build_outputs(tmp_path, workers=1)["outputs/t.md"].startswith("built")
    monkeypatch.setattr(outputs, "output_key", lambda name, function: "changed code")
    assert outputs.build_outputs(tmp_path, workers=1)["outputs/t.md"].startswith("built")
    assert len(calls) == 3


def test_a_failing_output_leaves_nothing_behind(tmp_path, monkeypatch):
    def broken(path):
        path.write_text("half")
        raise ValueError("figure code is broken")

    monkeypatch.setattr(outputs, "OUTPUTS", {"figures/broken.svg": broken})
    with pytest.raises(ValueError, match="figure code is broken"):
        outputs.build_outputs(tmp_path, workers=1)
    assert list((tmp_path / "figures").iterdir()) == []
    manifest = tmp_path / outputs.MANIFEST
    assert not manifest.exists() or "figures/broken.svg" not in json.loads(manifest.read_text())


def test_unregistered_outputs_leave_the_manifest(tmp_path, monkeypatch):
    write = lambda path: path.write_text("| a |\n|---|\n")  # noqa: E731
    monkeypatch.setattr(outputs, "OUTPUTS", {"outputs/a.md": write, "outputs/b.md": write})
    outputs.build_outputs(tmp_path, workers=1)
    monkeypatch.setattr(outputs, "OUTPUTS", {"outputs/a.md": write})
    outputs.build_outputs(tmp_path, workers=1)
    assert list(json.loads((tmp_path / outputs.MANIFEST).read_text())) == ["outputs/a.md"]
