"""Build-time outputs: every registered figure and table can be produced, the cache
redraws exactly what changed, and a failing output leaves nothing half-written."""

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from snippets import activations
from snippets.figures import OUTPUTS
from snippets.figures import activations as activation_figures
from snippets.sitebuild import digest, outputs


@pytest.mark.parametrize("name", sorted(OUTPUTS))
def test_every_output_is_produced(tmp_path, name):
    path = tmp_path / Path(name).name
    OUTPUTS[name](path)
    if path.suffix == ".svg":
        assert ET.parse(path).getroot().tag.endswith("svg")
    elif path.suffix == ".png":
        assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    elif path.suffix == ".py":
        compile(path.read_text(), str(path), "exec")  # a starter file to download
    else:
        text = path.read_text()
        assert "|---|" in text or text.startswith("```text\n")  # a Markdown table or printed output


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
