"""The checker inside a notebook: check("...") in a cell checks the functions the notebook defined,
with the same checks and verdicts as the command line (run here under nbclient, in a real kernel)."""

import importlib.util
import os

import nbformat
import pytest
from nbclient import NotebookClient

from conftest import ROOT
from snippets.check import registry
from snippets.check.notebook import NotebookReport, notebook_source

COUNTS = "activation-functions/parameter-counts"


def test_the_notebooks_definitions_become_the_file_and_its_experiments_stay_out():
    cells = [
        "",  # IPython's In[0]
        "get_ipython().run_line_magic('matplotlib', 'inline')\nimport numpy as np",
        "EPS = 1e-12\nrng = np.random.default_rng(0)\n\n\ndef train(X):\n    return X + EPS",
        "params = train(np.ones(3))  # an experiment: not re-run by the checker\nprint(params)",
        "def broken(:\n    pass",  # a cell that failed to parse
        "@staticmethod\ndef helper():\n    return 1\n\nfor i in range(3):\n    train(i)",
        "def train(X):  # redefined: the later one wins\n    return X",
        "check('mlp-from-scratch')",
    ]
    source = notebook_source(cells)
    assert source == ("# cell 2\nimport numpy as np\n\n"
                      "# cell 3\nEPS = 1e-12\nrng = np.random.default_rng(0)\ndef train(X):\n    return X + EPS\n\n"
                      "# cell 6\n@staticmethod\ndef helper():\n    return 1\n\n"
                      "# cell 7\ndef train(X):  # redefined: the later one wins\n    return X\n")
    namespace = {}
    exec(compile(source, "notebook", "exec"), namespace)
    assert namespace["train"](5) == 5 and "params" not in namespace


def run_notebook(tmp_path, *cells):
    book = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(cell) for cell in cells])
    NotebookClient(book, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(ROOT)}}).execute()
    return book


@pytest.mark.parametrize("correct", [True, False])
def test_check_in_a_notebook_gives_the_command_lines_verdicts(tmp_path, correct):
    solution = registry.get(COUNTS).solution_file.read_text()
    if not correct:
        solution = solution.replace("return stack,", "return stack + 1,")
        assert "return stack + 1," in solution
    book = run_notebook(tmp_path, solution, "print('an experiment that the checker leaves alone')",
                        f"from snippets.check.notebook import check\ncheck({COUNTS!r})")
    output = book.cells[-1].outputs[0]
    text, markup = output["data"]["text/plain"], output["data"]["text/html"]
    assert text.startswith(f"Checking your notebook against {COUNTS}")
    if correct:
        assert text.rstrip().endswith("All 2 checks passed.") and markup.count('color:#007a3d') == 2
    else:
        assert "✗" in text and "of 2 checks passed." in text and 'color:#c2410c' in markup


def test_check_outside_a_notebook_says_where_it_works():
    from snippets.check.notebook import check

    with pytest.raises(RuntimeError, match="call it in Jupyter or Colab, or check a file with: python -m"):
        check(COUNTS)
    assert NotebookReport.passed.fget  # the report answers .passed, for a teacher's script


def test_a_hint_is_the_hint_of_that_check_of_the_report_and_a_wrong_number_is_named():
    from snippets.check.notebook import hint

    exercise = registry.get("mlp-from-scratch")
    shown = hint("mlp-from-scratch", 2)
    assert repr(shown) == f"Check 2 of {len(exercise.checks)}: {exercise.checks[1].title}\nHint: {exercise.checks[1].hint}"
    assert shown._repr_html_().startswith('<pre class="nn-textbook-hint">')
    for wrong in (0, len(exercise.checks) + 1, "2", True):
        with pytest.raises(ValueError, match=rf"1 to {len(exercise.checks)}; got {wrong!r}"):
            hint("mlp-from-scratch", wrong)


@pytest.mark.parametrize("exercise_id", [e for e in registry.EXERCISES if "keras" not in e])
def test_the_solution_shown_in_a_notebook_is_whole_and_passes_every_check(tmp_path, exercise_id):
    """Pasted into a cell (or a file) on its own, the shown solution passes: imports, helpers and constants included."""
    from snippets.check import sandbox
    from snippets.check.notebook import solution

    shown = solution(exercise_id)
    assert shown.text.startswith(f"# The book's solution of {exercise_id} (")
    path = tmp_path / "shown.py"
    path.write_text(shown.text)
    report = sandbox.check(registry.get(exercise_id), path)
    assert report.passed, [v for v in report.verdicts if v["status"] != "pass"]


MINI_ASSIGNMENTS = [title_and_exercises[1] for title_and_exercises in registry.groups()
                    if title_and_exercises[0] == "Mini-assignments"][0]


def starter_notebook_filled(exercise_id, broken=None):
    """The mini-assignment's starter notebook as the build publishes it, with the book's solution pasted
    into a cell after the starter's functions (``broken``: (old, new) replaced in it), its own run left out."""
    from snippets.check.notebook import solution
    from snippets.sitebuild.pagecode import starter_notebook

    book = starter_notebook(registry.get(exercise_id), f'pip install "{ROOT}"')
    check_cell = next(i for i, cell in enumerate(book.cells) if "check(" in cell.source and cell.cell_type == "code")
    pasted = solution(exercise_id).text
    if broken:
        assert broken[0] in pasted
        pasted = pasted.replace(*broken)
    book.cells[check_cell - 1:check_cell - 1] = [nbformat.v4.new_code_cell(pasted)]  # before "Check your work"
    del book.cells[check_cell + 2:]  # "Run it" trains on MNIST: a learner's choice, not the check's
    return book, check_cell + 1


@pytest.mark.parametrize("exercise", MINI_ASSIGNMENTS, ids=lambda exercise: exercise.id)
def test_a_mini_assignments_starter_notebook_checks_itself_under_nbclient(exercise):
    """The notebook the exercise page offers: its cells run as published, and once the functions are
    written, its check cell reports every check passed (Keras's only where Keras is installed, as in CI)."""
    if "keras" in exercise.id and not (importlib.util.find_spec("keras") or os.environ.get("CI")):
        pytest.skip('Keras is not installed (pip install -e ".[keras]"); CI installs it and runs this test')
    book, check_cell = starter_notebook_filled(exercise.id)
    NotebookClient(book, timeout=900, kernel_name="python3", resources={"metadata": {"path": str(ROOT)}}).execute()
    text = book.cells[check_cell].outputs[0]["data"]["text/plain"]
    assert text.startswith("Checking your notebook against ")
    assert text.rstrip().endswith(f"All {len(exercise.checks)} checks passed."), text


def test_a_starter_notebook_with_a_missing_one_over_m_is_told_so():
    book, check_cell = starter_notebook_filled("mlp-from-scratch", broken=(
        "dZ2 = (np.exp(log_softmax(scores)) - Y) / len(y)", "dZ2 = np.exp(log_softmax(scores)) - Y"))
    NotebookClient(book, timeout=900, kernel_name="python3", resources={"metadata": {"path": str(ROOT)}}).execute()
    text = book.cells[check_cell].outputs[0]["data"]["text/plain"]
    assert "✗ backward: " in text
    assert "your dW1 is 6× the numerical gradient, which is the batch size m = 6: is the 1/m of the mean missing?" in text
