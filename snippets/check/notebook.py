"""Checking inside a notebook (Jupyter, Colab), the way the command line checks a file.

In a cell, after the cells that define your functions::

    from snippets.check.notebook import check
    check("mlp-from-scratch")

Stuck on a check? ``hint("mlp-from-scratch", 2)`` shows the hint of the second check (the
report lists them in order), one at a time; ``solution("mlp-from-scratch")`` shows the book's
own functions, for when you have tried.

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


def hint(exercise_id, number):
    """The hint of check ``number`` of ``exercise_id`` (1 is the first check of the report)."""
    exercise = registry.get(exercise_id)
    if not isinstance(number, int) or isinstance(number, bool) or not 1 <= number <= len(exercise.checks):
        raise ValueError(f"hint({exercise_id!r}, number): number is the place of a check in the report, "
                         f"1 to {len(exercise.checks)}; got {number!r}")
    check = exercise.checks[number - 1]
    return Shown(f"Check {number} of {len(exercise.checks)}: {check.title}\nHint: {check.hint}")


def solution(exercise_id):
    """The book's reference functions for ``exercise_id``, read from its solution file."""
    exercise = registry.get(exercise_id)
    source = exercise.solution_file.read_text(encoding="utf-8")
    tree = ast.parse(source)
    definitions = {node.name: node for node in tree.body if isinstance(node, DEFINITIONS)}
    definitions.update({target.id: node for node in tree.body if isinstance(node, ast.Assign)
                        for target in node.targets if isinstance(target, ast.Name)})  # constants such as NOR
    wanted, todo = set(), [name for name in exercise.functions if name in definitions]
    while todo:  # the exercise's functions and the file's own helpers and constants they use
        name = todo.pop()
        if name not in wanted:
            wanted.add(name)
            todo += [node.id for node in ast.walk(definitions[name]) if isinstance(node, ast.Name) and node.id in definitions]
    imports = [ast.get_source_segment(source, node) for node in tree.body if isinstance(node, (ast.Import, ast.ImportFrom))]
    shown = [ast.get_source_segment(source, node) for node in tree.body if node in {definitions[name] for name in wanted}]
    relative = exercise.solution.replace(".", "/") + ".py"
    return Shown(f"# The book's solution of {exercise_id} ({exercise.title}), from {relative}\n"
                 + "\n".join(imports) + "\n\n\n" + "\n\n\n".join(shown), code=True)


class Shown:
    """Text that shows itself as a cell's output: plain, or as Python code."""

    def __init__(self, text, code=False):
        self.text, self.code = text, code

    def __repr__(self):
        return self.text

    def _repr_html_(self):
        kind = "nn-textbook-solution" if self.code else "nn-textbook-hint"
        return f'<pre class="{kind}">{html.escape(self.text)}</pre>'


class NotebookReport(Shown):
    """The checker's report as a cell output: the command line's text, its ✓ and ✗ in colour."""

    def __init__(self, report):
        super().__init__(format_report(report))
        self.report = report

    @property
    def passed(self):
        return self.report.passed

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
