"""Checking inside a notebook (Jupyter, Colab), the way the command line checks a file.

In a cell, after the cells that define your functions::

    from snippets.check.notebook import check
    check("mlp-from-scratch")

The definitions of the notebook's cells that have run (imports, functions, classes and
assignments of settings) become one file, which the checker runs exactly as
``python -m snippets.check EXERCISE FILE`` does: the same checks, in the same separate
process, with the same time and memory limits and the same verdicts. The report shows
as the cell's output. Cells that run experiments (a call at the top level, a loop, a
training run assigned to a name) are left out, so a check does not train twice.
"""

import ast
import html
import tempfile
from pathlib import Path

from snippets.check import registry, sandbox
from snippets.check.__main__ import format_report

DEFINITIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
KEPT = (ast.Import, ast.ImportFrom, *DEFINITIONS)
SETTINGS = (ast.Assign, ast.AnnAssign)


def check(exercise_id, time_limit=None, memory_limit=None):
    """Check this notebook's functions against the exercise ``exercise_id``; a report that shows itself."""
    exercise = registry.get(exercise_id)
    source = notebook_source(_cells_run())
    with tempfile.TemporaryDirectory(prefix="nn-textbook-check-") as folder:
        path = Path(folder) / "notebook.py"
        path.write_text(source, encoding="utf-8")
        report = sandbox.check(exercise, path, time_limit, memory_limit, display="your notebook")
    return NotebookReport(report)


class NotebookReport:
    """The checker's report as a cell output: the command line's text, its ✓ and ✗ in colour."""

    def __init__(self, report):
        self.report, self.text = report, format_report(report)

    @property
    def passed(self):
        return self.report.passed

    def __repr__(self):
        return self.text

    def _repr_html_(self):
        lines = []
        for line in self.text.splitlines():
            escaped = html.escape(line)
            if line.startswith("✓"):
                escaped = f'<span style="color:#007a3d">{escaped}</span>'
            elif line.startswith("✗"):
                escaped = f'<span style="color:#c2410c">{escaped}</span>'
            lines.append(escaped)
        return '<pre class="nn-textbook-check">' + "\n".join(lines) + "</pre>"


def _cells_run():
    """The code of the cells this notebook has run, in order, the cell running now left out."""
    try:
        from IPython import get_ipython
    except ImportError:
        get_ipython = lambda: None  # noqa: E731
    shell = get_ipython()
    if shell is None:
        raise RuntimeError("check() reads the cells of a notebook: call it in Jupyter or Colab, or check a "
                           "file with: python -m snippets.check EXERCISE FILE")
    return list(shell.user_ns.get("In", []))[:-1]


def notebook_source(cells):
    """One Python file from the cells' definitions, each cell's under a ``# cell N`` line; later ones win."""
    trees = []
    for cell in cells:
        try:
            trees.append((cell, ast.parse(cell)))
        except SyntaxError:  # a cell that failed to run defines nothing
            trees.append((cell, None))
    defined = {node.name for _, tree in trees if tree for node in tree.body if isinstance(node, DEFINITIONS)}
    parts = []
    for number, (cell, tree) in enumerate(trees, start=1):
        if tree is None:
            continue
        lines = cell.splitlines()
        kept = [node for node in tree.body if _is_definition(node, defined)]
        if kept:
            parts.append(f"# cell {number}\n" + "\n".join(
                "\n".join(lines[_first_line(node) - 1:node.end_lineno]) for node in kept))
    return "\n\n".join(parts) + "\n"


def _is_definition(node, defined):
    """Imports, functions, classes, and assignments that run none of the notebook's own functions."""
    if isinstance(node, KEPT):
        return True
    if isinstance(node, SETTINGS) and node.value is not None:
        called = {call.func.id for call in ast.walk(node.value)
                  if isinstance(call, ast.Call) and isinstance(call.func, ast.Name)}
        return not called & (defined | {"get_ipython", "check"})
    return False


def _first_line(node):
    return min([node.lineno] + [decorator.lineno for decorator in getattr(node, "decorator_list", [])])
