"""Notebook pages run once per version of their code, not once per build.

A notebook page (the MNIST project) trains a network, which takes a while; its prose
changes far more often than its code. So the build runs a notebook's code cells itself,
keyed by a SHA-256 of

* the code cells' sources, in order (not the Markdown cells: an edit of the prose re-runs nothing),
* the source of every ``snippets`` module the code imports, and every one those reach
  (the same rule as build outputs and cached experiments, ``digest``),
* the versions of Python and NumPy,

and keeps each code cell's outputs, and whatever the run exported (the draw-a-digit
demo's model, through ``$NN_TEXTBOOK_EXPORTS``), under ``.cache/notebooks/``. A build
then fills the current notebook's code cells with the stored outputs and hands that
notebook to mkdocs-jupyter, which converts it without running anything. Any change to
the code, or to a module it imports, runs the notebook again: a stale output cannot be
served.
"""

import ast
import hashlib
import importlib
import json
import os
import platform
import re
import shutil
import tempfile
from pathlib import Path

import nbformat

from snippets.atomic import atomic_write
from snippets.sitebuild.digest import installed, snippet_modules

EXPORTS = "NN_TEXTBOOK_EXPORTS"  # where a notebook's run writes what the site publishes under models/
TIMEOUT_SECONDS = 900  # per cell
MAGIC = re.compile(r"^\s*[%!].*$", re.M)  # IPython's %magic and !shell lines: not Python
ANSI_COLOUR = re.compile(r"\x1b\[[0-9;]*m")  # in IPython's tracebacks: not for a build log


class NotebookFailed(RuntimeError):
    """A cell of the notebook raised: the message names the notebook and the cell."""


def imported_modules(code_cells: list[str]) -> list[str]:
    """The ``snippets`` modules the cells import by name (``from snippets.x import y``, ``import snippets.x``)."""
    found = []
    for source in code_cells:
        for node in ast.walk(ast.parse(MAGIC.sub("", source))):
            names = ([alias.name for alias in node.names] if isinstance(node, ast.Import)
                     else [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
                     if isinstance(node, ast.ImportFrom) and node.module and not node.level else [])
            found += [name for name in names if name.split(".")[0] == "snippets" and name not in found]
    return found


def dependencies(book) -> list[Path]:
    """The files of every ``snippets`` module the code of ``book`` imports, and of those they reach."""
    modules = set()
    for name in imported_modules([cell.source for cell in book.cells if cell.cell_type == "code"]):
        try:
            module = importlib.import_module(name)
        except ImportError:  # ``from snippets.x import function``: the module is snippets.x, counted already
            continue
        # A package's namespace holds whatever of its submodules this process happens to have loaded:
        # only its own file counts (``import snippets`` checks that the package is installed).
        modules |= {module} if hasattr(module, "__path__") else snippet_modules(module)
    return sorted(Path(module.__file__) for module in modules)


def code_key(book) -> str:
    """SHA-256 of what a run of the notebook ``book`` depends on: its code and the code it imports."""
    cells = [cell.source for cell in book.cells if cell.cell_type == "code"]
    digest = hashlib.sha256(json.dumps([platform.python_version(), installed("numpy"), cells]).encode())
    for path in dependencies(book):
        digest.update(str(path.name).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def executed(path: Path, cache: Path, exports: Path, kernel_name: str = "python3") -> tuple[Path, bool]:
    """The notebook at ``path`` with the outputs of its code cells, written under ``cache``, and whether
    it had to run now; what its run exported is copied into ``exports``."""
    path = Path(path)
    book = nbformat.read(path, as_version=4)
    stored = cache / f"{path.stem}-{code_key(book)[:24]}"
    ran = not (stored / "outputs.json").is_file()
    if ran:
        _run(book, path, stored, kernel_name)
    outputs = json.loads((stored / "outputs.json").read_text())
    for cell, (output, count) in zip((cell for cell in book.cells if cell.cell_type == "code"), outputs):
        cell.outputs = [nbformat.from_dict(item) for item in output]
        cell.execution_count = count
    exports.mkdir(parents=True, exist_ok=True)
    for exported in sorted((stored / "exports").glob("*")):
        shutil.copyfile(exported, exports / exported.name)
    current = cache / "current" / path.name  # the name mkdocs-jupyter publishes the page's notebook under
    current.parent.mkdir(parents=True, exist_ok=True)
    with atomic_write(current) as partial:
        partial.write(nbformat.writes(book).encode())
    return current, ran


def _run(book, path: Path, stored: Path, kernel_name: str) -> None:
    """Run ``book`` as if it sat at ``path``; keep its code cells' outputs and its exports in ``stored``,
    whole or not at all."""
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    cache = stored.parent
    cache.mkdir(parents=True, exist_ok=True)
    partial = Path(tempfile.mkdtemp(prefix=f".{stored.name}-", dir=cache))
    saved = os.environ.get(EXPORTS)
    os.environ[EXPORTS] = str(partial / "exports")  # the kernel inherits the environment
    (partial / "exports").mkdir()
    try:
        NotebookClient(book, timeout=TIMEOUT_SECONDS, kernel_name=kernel_name,
                       resources={"metadata": {"path": str(path.parent)}}).execute()
    except CellExecutionError as error:
        shutil.rmtree(partial, ignore_errors=True)
        raise NotebookFailed(f"{path.name}: a cell raised:\n{ANSI_COLOUR.sub('', str(error))}") from None
    finally:
        if saved is None:
            os.environ.pop(EXPORTS, None)
        else:
            os.environ[EXPORTS] = saved
    outputs = [[dict(output) for output in cell.outputs] for cell in book.cells if cell.cell_type == "code"]
    counts = [cell.execution_count for cell in book.cells if cell.cell_type == "code"]
    (partial / "outputs.json").write_text(json.dumps(list(zip(outputs, counts))))
    for old in cache.iterdir():  # earlier versions of this notebook's run
        if re.fullmatch(re.escape(path.stem) + r"-[0-9a-f]{24}", old.name):
            shutil.rmtree(old, ignore_errors=True)
    partial.rename(stored)
