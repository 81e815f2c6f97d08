"""Notebook pages run once per version of their code: a prose edit runs nothing, a code edit or an edit
of a module the code imports runs the notebook again, and a failed run leaves nothing behind."""

import json

import nbformat
import pytest

from conftest import ROOT
from snippets.sitebuild import notebooks

MNIST_PAGE = ROOT / "docs/chapters/mnist-project.ipynb"


def write_notebook(path, markdown, code):
    book = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(markdown),
                                           *(nbformat.v4.new_code_cell(cell) for cell in code)])
    book.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(book, path)
    return path


EXPORTING = ("import os\nfrom pathlib import Path\n\n"
             "Path(os.environ['NN_TEXTBOOK_EXPORTS'], 'model.json').write_text('{\"w\": 1}')\nprint('exported')")


def test_the_snippets_modules_a_notebook_imports_are_found_past_magics_and_through_their_own_imports():
    assert notebooks.imported_modules(["%matplotlib inline\nimport numpy as np\nimport snippets.losses",
                                       "!ls\nfrom snippets.mnist import load_mnist\nfrom . import x"]) == [
        "snippets.losses", "snippets.mnist", "snippets.mnist.load_mnist"]
    book = nbformat.read(MNIST_PAGE, as_version=4)
    found = notebooks.dependencies(book)
    assert {"mnist.py", "losses.py", "optimizers.py", "demo_export.py", "mnist_project.py"} <= {p.name for p in found}
    # What else the building process has imported (the checker, the build's own modules) is no dependency.
    from snippets.check import registry  # noqa: F401
    from snippets.sitebuild import bench_build  # noqa: F401

    assert notebooks.dependencies(book) == found
    assert not any(part in ("check", "sitebuild") for path in found for part in path.parts[-2:])


def test_a_notebook_runs_once_per_version_of_its_code(tmp_path, monkeypatch):
    module = tmp_path / "imported.py"
    module.write_text("VALUE = 1\n")
    monkeypatch.setattr(notebooks, "dependencies", lambda book: [module])
    path = write_notebook(tmp_path / "page.ipynb", "# A page", ["print(6 * 7)", EXPORTING])
    cache, exports = tmp_path / "cache", tmp_path / "exports"

    current, ran = notebooks.executed(path, cache, exports)
    assert ran and current.name == "page.ipynb"
    book = nbformat.read(current, as_version=4)
    assert book.cells[1].outputs[0]["text"] == "42\n" and book.cells[2].outputs[0]["text"] == "exported\n"
    assert json.loads((exports / "model.json").read_text()) == {"w": 1}

    (exports / "model.json").unlink()  # each build starts with an empty exports folder
    write_notebook(path, "# The page, reworded", ["print(6 * 7)", EXPORTING])  # a prose edit
    current, ran = notebooks.executed(path, cache, exports)
    book = nbformat.read(current, as_version=4)
    assert not ran and book.cells[0].source == "# The page, reworded" and book.cells[1].outputs[0]["text"] == "42\n"
    assert (exports / "model.json").is_file()  # what the stored run exported

    module.write_text("VALUE = 2\n")  # an edit of a module the code imports
    assert notebooks.executed(path, cache, exports)[1]
    write_notebook(path, "# The page, reworded", ["print(6 * 9)", EXPORTING])  # an edit of the code
    current, ran = notebooks.executed(path, cache, exports)
    assert ran and nbformat.read(current, as_version=4).cells[1].outputs[0]["text"] == "54\n"
    assert len([folder for folder in cache.glob("page-*")]) == 1  # earlier runs of the notebook are gone


def test_a_cell_that_raises_stops_the_build_by_name_and_stores_nothing(tmp_path):
    path = write_notebook(tmp_path / "broken.ipynb", "# Broken", ["x = 1", "raise ValueError('no data')"])
    with pytest.raises(notebooks.NotebookFailed, match=r"broken.ipynb: a cell raised:(.|\n)*ValueError: no data"):
        notebooks.executed(path, tmp_path / "cache", tmp_path / "exports")
    assert list((tmp_path / "cache").iterdir()) == []
