"""Every solution a page shows, copied out of the built page and pasted into its exercise's
starter file (each function written over the starter's stub of the same name, its helpers
and imports above them), passes every check of the checker."""

import ast
import importlib.util
from pathlib import Path

import pytest

from checker_helpers import run_in_process
from snippets.check import registry
from snippets.sitebuild.pagecode import python_blocks

KERAS = importlib.util.find_spec("keras") is not None
EXERCISES = [e for e in registry.EXERCISES.values() if KERAS or e.id != "keras-mnist"]  # keras: test_keras_mnist.py


def built_page(site, page):
    return (site / Path(page.split("#")[0]).with_suffix("") / "index.html").read_text()


def shown_solution(site, exercise):
    """The one solution block of the exercise's page that defines all of the exercise's functions."""
    blocks = [b.code for b in python_blocks(built_page(site, exercise.page)) if b.in_solution]
    matching = [code for code in blocks if set(exercise.functions) <= defined_functions(code)]
    assert len(matching) == 1, (f"{exercise.id}: {len(matching)} solution blocks on {exercise.page} "
                                f"define {exercise.functions}")
    return matching[0]


def defined_functions(code):
    return {node.name for node in ast.parse(code).body if isinstance(node, ast.FunctionDef)}


def paste_into_starter(starter, solution):
    """The starter with each stub replaced by the solution's function of that name; the solution's
    other statements (imports, helpers, constants; not its docstring or main guard) go above the first stub."""
    lines = starter.splitlines(keepends=True)
    solution_lines = solution.splitlines(keepends=True)
    functions, others = {}, []
    tree = ast.parse(solution)
    for index, node in enumerate(tree.body):
        first = min([node.lineno] + [d.lineno for d in getattr(node, "decorator_list", [])])
        text = "".join(solution_lines[first - 1:node.end_lineno])
        if isinstance(node, ast.FunctionDef):
            functions[node.name] = text
        elif index == 0 and isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            continue  # the solution's module docstring
        elif isinstance(node, ast.If) and "__name__" in ast.unparse(node.test):
            continue
        else:
            others.append(text)
    stubs = [node for node in ast.parse(starter).body if isinstance(node, ast.FunctionDef) and node.name in functions]
    assert stubs, "the solution replaces none of the starter's functions"
    pasted, position = [], 0
    for number, stub in enumerate(stubs):
        pasted += lines[position:stub.lineno - 1]
        if number == 0:
            pasted += [text + "\n\n" for text in others]
            pasted += [text + "\n\n" for name, text in functions.items() if name not in {s.name for s in stubs}]
        pasted.append(functions[stub.name])
        position = stub.end_lineno
    pasted += lines[position:]
    return "".join(pasted)


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.id)
def test_shown_solution_pasted_into_its_starter_passes_the_checker(site, exercise, tmp_path):
    pasted = paste_into_starter(exercise.starter.read_text(), shown_solution(site, exercise))
    path = tmp_path / exercise.starter.name
    path.write_text(pasted)
    load, verdicts, untouched = run_in_process(exercise.id, path)
    assert load is None, f"{exercise.id}: the pasted file does not load: {load}\n{pasted}"
    failed = [v for v in verdicts if v["status"] != "pass"]
    assert not failed and not untouched, f"{exercise.id}: {failed or untouched}\n--- pasted file ---\n{pasted}"


def test_pasting_replaces_the_stubs_and_keeps_the_rest():
    starter = ('import numpy as np\n\n\ndef f(x):\n    """Doc."""\n    raise NotImplementedError\n\n\n'
               'if __name__ == "__main__":\n    print(f(1))\n')
    solution = '"""Solution."""\nimport math\n\n\ndef helper(x):\n    return x\n\n\ndef f(x):\n    return helper(x) + 1\n'
    pasted = paste_into_starter(starter, solution)
    assert "NotImplementedError" not in pasted and "import math" in pasted and '"""Solution."""' not in pasted
    namespace = {"__name__": "pasted"}
    exec(pasted, namespace)
    assert namespace["f"](1) == 2 and pasted.rstrip().endswith("print(f(1))")
