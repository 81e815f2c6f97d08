"""The MNIST notebook runs outside the repository: its first code cell installs the book's code."""

import builtins
import subprocess

import nbformat
import pytest

from conftest import ROOT

NOTEBOOK = ROOT / "docs/chapters/mnist-project.ipynb"


def setup_cell():
    cells = [cell for cell in nbformat.read(NOTEBOOK, as_version=4).cells if cell.cell_type == "code"]
    assert "import snippets" in cells[0].source, "the first code cell must make the book's code importable"
    return cells[0].source


@pytest.fixture
def outside_the_repository(monkeypatch):
    """`import snippets` fails, as in Colab before the install; pip calls are recorded, not run."""
    real_import, calls = builtins.__import__, []

    def without_snippets(name, *args, **kwargs):
        if name == "snippets" and not calls:
            raise ModuleNotFoundError("No module named 'snippets'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", without_snippets)
    monkeypatch.setattr(subprocess, "check_call", calls.append)
    return calls


def test_inside_the_repository_the_cell_does_nothing(monkeypatch):
    monkeypatch.setattr(subprocess, "check_call", lambda command: pytest.fail(f"ran {command}"))
    exec(setup_cell(), {})


def test_outside_without_the_address_it_says_what_to_do(outside_the_repository):
    with pytest.raises(ModuleNotFoundError, match="GitHub address in BOOK_REPOSITORY above"):
        exec(setup_cell(), {})
    assert outside_the_repository == []


def test_outside_with_the_address_it_installs_the_book_from_github(outside_the_repository):
    source = setup_cell()
    assert 'BOOK_REPOSITORY = ""' in source
    exec(source.replace('BOOK_REPOSITORY = ""', 'BOOK_REPOSITORY = "https://github.com/owner/book"'), {})
    [command] = outside_the_repository
    assert command[1:] == ["-m", "pip", "install", "--quiet", "nn-textbook[plots] @ git+https://github.com/owner/book"]
