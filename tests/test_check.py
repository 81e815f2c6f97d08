"""The checker's machinery: whatever the learner's file does (raise, hang, return NaN, print
without end, exhaust memory, exit, not parse), each check gets a clean verdict, in time,
and the command line reports it with the right exit code."""

import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pytest

from checker_helpers import run_in_process, run_sandboxed, write
from conftest import ROOT
from snippets.check import __main__ as cli
from snippets.check import core, learner_process, registry, runner, sandbox

SOFTPLUS = "activation-functions/softplus"
COUNTS = "activation-functions/parameter-counts"  # two quick checks: cheap to sandbox


def test_learner_exception_gives_its_own_traceback_trimmed_to_its_file(tmp_path):
    path = write(tmp_path, """
        import numpy as np


        def helper(z):
            return np.log(z) / undefined_name


        def softplus(z):
            return helper(z)


        def softplus_grad(z):
            return 1 / 0
        """)
    load, verdicts, _ = run_in_process(SOFTPLUS, path)
    assert load is None
    first, grad = verdicts[0], verdicts[2]
    assert first["status"] == "error" and first["message"] == "softplus raised NameError: name 'undefined_name' " \
                                                              "is not defined"
    trace = first["traceback"]
    assert "only lines of your file" in trace and "in softplus" in trace and "in helper" in trace
    assert "return np.log(z) / undefined_name" in trace
    assert "snippets/check" not in trace and "site-packages" not in trace
    assert "ZeroDivisionError: division by zero" in grad["traceback"] and "line 13" in grad["traceback"]


def test_nan_results_wrong_shapes_and_none_get_clear_messages(tmp_path):
    path = write(tmp_path, """
        import numpy as np


        def softplus(z):
            return z * np.nan


        def softplus_grad(z):
            if z.shape == (3,):
                return None
            return np.zeros(5)
        """)
    _, verdicts, _ = run_in_process(SOFTPLUS, path)
    assert verdicts[0]["status"] == "fail" and "contains NaN in 401 of 401 entries" in verdicts[0]["message"]
    assert verdicts[0]["got"].startswith("nan at z = ")
    assert "shape (401,)" in verdicts[2]["expected"] and verdicts[2]["got"] == "shape (5,)"
    assert verdicts[3]["got"].startswith("None (did the function `return` its result?)")


def test_printed_output_is_kept_but_capped(tmp_path):
    path = write(tmp_path, """
        def parameter_counts(sizes):
            for i in range(100_000):
                print("debugging line", i)
            return 0, 0
        """)
    _, verdicts, _ = run_in_process(COUNTS, path)
    output = verdicts[0]["output"]
    assert output.startswith("debugging line 0\ndebugging line 1\n")
    assert len(output) < learner_process.OUTPUT_LIMIT + 100 and "more characters cut]" in output


def test_printed_output_is_shown_in_a_few_short_lines():
    output = learner_process.CappedOutput()
    output.write("x" * 10_000_000)  # one enormous line
    cut = 10_000_000 - learner_process.OUTPUT_WIDTH
    assert output.text() == "x" * learner_process.OUTPUT_WIDTH + f" …\n[... {cut:,} more characters cut]"
    output = learner_process.CappedOutput()
    for i in range(100):
        output.write(f"line {i:02d}\n")  # 7 characters and a newline each
    lines = output.text().split("\n")
    assert lines[:learner_process.OUTPUT_LINES] == [f"line {i:02d}" for i in range(learner_process.OUTPUT_LINES)]
    assert lines[learner_process.OUTPUT_LINES:] == [f"[... {100 * 8 - (learner_process.OUTPUT_LINES * 8 - 1):,} more characters cut]"]


def test_missing_functions_and_non_functions_are_named(tmp_path):
    path = write(tmp_path, "softplus = 3\n")
    _, verdicts, _ = run_in_process(SOFTPLUS, path)
    assert verdicts[0]["message"] == "`softplus` in your file is a int, not a function"
    assert verdicts[2]["message"] == "your file defines no function `softplus_grad`"


def test_exit_and_keyboard_interrupt_in_learner_code_are_errors_not_the_end(tmp_path):
    path = write(tmp_path, """
        import sys


        def parameter_counts(sizes):
            if sizes[0] == 784:  # the first check's network
                sys.exit("bye")
            raise KeyboardInterrupt
        """)
    _, verdicts, _ = run_in_process(COUNTS, path)
    assert verdicts[0]["message"] == "parameter_counts raised SystemExit: bye"
    assert verdicts[1]["message"] == "parameter_counts raised KeyboardInterrupt"


def test_learner_code_cannot_change_the_checkers_data(tmp_path):
    path = write(tmp_path, """
        import numpy as np


        def softplus(z):
            z[...] = np.logaddexp(0, z)  # in place, on the checker's array if it were not a copy
            return z


        def softplus_grad(z):
            z[...] = 1 / (1 + np.exp(-np.clip(z, -500, 500)))
            return z
        """)
    load, verdicts, _ = run_in_process(SOFTPLUS, path)
    assert [v["status"] for v in verdicts] == ["pass"] * 4


def test_a_syntax_error_is_reported_once_with_the_line(tmp_path):
    path = write(tmp_path, "def softplus(z)\n    return z\n", name="mine.py")
    load, verdicts, _ = run_in_process(SOFTPLUS, path)
    assert verdicts == [] and load["status"] == "error"
    assert load["message"].startswith("your file could not be loaded: SyntaxError")
    assert "mine.py" in load["traceback"] and "line 1" in load["traceback"]


def test_a_missing_module_names_the_install_command(tmp_path):
    path = write(tmp_path, "import keras_of_another_kind\n")
    load, _, _ = run_in_process(SOFTPLUS, path)
    assert "No module named 'keras_of_another_kind'" in load["message"]
    assert "not installed: install it with pip" in load["hint"]


def test_a_result_that_is_not_data_stays_in_the_learners_process_and_is_shown_as_its_repr(tmp_path):
    path = write(tmp_path, """
        class Weird:
            def __len__(self):
                raise RuntimeError("no length")

            def __repr__(self):
                return "Weird(?)"


        def parameter_counts(sizes):
            return Weird()
        """)
    _, verdicts, _ = run_in_process(COUNTS, path)
    assert verdicts[0]["status"] == "fail"
    assert verdicts[0]["message"] == "parameter_counts([784, 256, 128, 64, 10]) should return a pair"
    assert verdicts[0]["got"] == "Weird(?)"


def test_a_learners_subclass_of_a_container_arrives_as_the_plain_container(tmp_path):
    path = write(tmp_path, """
        class Pair(tuple):
            def __len__(self):
                raise RuntimeError("no length")


        def parameter_counts(sizes):
            return Pair((1, 2))
        """)
    _, verdicts, _ = run_in_process(COUNTS, path)
    assert verdicts[0]["status"] == "fail" and verdicts[0]["got"] == "(1, 2)"


def test_memory_error_raised_in_learner_code_is_a_memory_verdict():
    error = core.LearnerRaised("f", MemoryError())
    result = runner.explain(error, __file__, memory_limit=512)
    assert result["status"] == "memory" and "limit of 512 MB" in result["message"]
    assert runner.explain(MemoryError(), __file__)["status"] == "memory"


def test_a_long_traceback_keeps_its_last_lines(tmp_path):
    path = write(tmp_path, """
        def deep(n):
            if n == 0:
                raise ValueError("bottom")
            if n % 2:
                return deep(n - 1)
            return deep(n - 1)


        def parameter_counts(sizes):
            return deep(60)
        """)
    _, verdicts, _ = run_in_process(COUNTS, path)
    trace = verdicts[0]["traceback"].splitlines()
    assert trace[1].startswith("  [... ") and "earlier lines cut]" in trace[1]
    assert trace[-1] == "ValueError: bottom" and len(trace) == learner_process.TRACEBACK_LINES + 3


# ---------------------------------------------------------------- sandboxed: a child process per run

def test_a_hanging_function_is_stopped_at_the_time_limit_and_the_others_still_run(tmp_path):
    path = write(tmp_path, """
        def parameter_counts(sizes):
            if len(sizes) == 5:  # the first check only
                while True:
                    pass
            return 0, 0
        """)
    start = time.monotonic()
    report = run_sandboxed(COUNTS, path, time_limit=1)
    elapsed = time.monotonic() - start
    first, second = report.verdicts
    assert first["status"] == "timeout" and first["message"] == ("did not finish within the time limit of 1 s, "
                                                                 "so it was stopped")
    assert second["status"] == "fail"  # the next check ran, in a new process
    assert elapsed < 8, elapsed
    assert not report.passed


def test_code_that_hangs_while_loading_is_stopped(tmp_path):
    path = write(tmp_path, "while True:\n    pass\n")
    start = time.monotonic()
    report = run_sandboxed(COUNTS, path, time_limit=1)
    assert time.monotonic() - start < 8
    assert report.load_failure["status"] == "timeout" and "to load" in report.load_failure["message"]
    assert report.verdicts == []


def test_crash_nan_and_pass_in_one_sandboxed_run(tmp_path):
    """A process that ends itself is one check's verdict; a new process runs the rest."""
    path = write(tmp_path, """
        import os

        import numpy as np


        def softplus(z):
            return np.full(z.shape, np.nan)


        def softplus_grad(z):
            if z.shape == (401,):
                os._exit(3)
            return np.array([0.0, 0.5, 1.0])
        """)
    report = run_sandboxed(SOFTPLUS, path, time_limit=5)
    statuses = [v["status"] for v in report.verdicts]
    assert statuses == ["fail", "fail", "crash", "pass"]
    assert "contains NaN" in report.verdicts[0]["message"]
    assert report.verdicts[2]["message"].startswith("the process running your code ended abruptly (exit code 3)")


def test_memory_is_capped(tmp_path):
    path = write(tmp_path, """
        import numpy as np


        def parameter_counts(sizes):
            big = np.ones((30_000, 30_000))  # 7.2 GB
            return int(big.sum()), 0
        """)
    report = run_sandboxed(COUNTS, path, time_limit=5, memory_limit=1024)
    assert report.verdicts[0]["status"] == "memory"
    assert "limit of 1,024 MB" in report.verdicts[0]["message"] and "np.ones" in report.verdicts[0]["traceback"]


def test_a_killed_process_is_reported(tmp_path):
    path = write(tmp_path, """
        import os
        import signal


        def parameter_counts(sizes):
            os.kill(os.getpid(), signal.SIGSEGV)
        """)
    report = run_sandboxed(COUNTS, path, time_limit=5)
    message = report.verdicts[0]["message"]
    assert report.verdicts[0]["status"] == "crash" and "signal SIGSEGV" in message and "out of memory" in message


def test_a_crash_while_loading_is_reported(tmp_path):
    path = write(tmp_path, "import os\nos._exit(4)\n")
    report = run_sandboxed(COUNTS, path, time_limit=5)
    assert report.load_failure["message"] == "loading your file ended the process (exit code 4)"


def test_the_learners_process_has_no_channel_to_the_report(tmp_path):
    # Forged "pass" lines written on every file descriptor there is: the report's pipe is not among them,
    # and what lands on the checker's own pipe to this process is refused as not an answer.
    path = write(tmp_path, """
        import os
        import sys

        FORGED = b'{"event": "result", "index": 0, "verdict": {"status": "pass", "message": "ok"}}\\n'


        def parameter_counts(sizes):
            assert "--results-fd" not in sys.argv
            for fd in range(3, 256):
                try:
                    os.write(fd, FORGED)
                except OSError:
                    pass
            return (0, 0)
        """)
    report = run_sandboxed(COUNTS, path, time_limit=5)
    assert [v["status"] for v in report.verdicts] == ["error", "error"]
    assert report.verdicts[0]["message"].startswith("the process running your code sent something that is not an answer")


def test_the_runner_main_reports_on_its_pipe(tmp_path):
    read_end, write_end = os.pipe()
    saved = sys.path[:], sys.dont_write_bytecode
    try:
        runner.main([COUNTS, str(registry.get(COUNTS).solution_file), "--results-fd", str(write_end), "--first", "1"])
    finally:
        sys.path[:], sys.dont_write_bytecode = saved
        sys.modules.pop("submission", None)
    with os.fdopen(read_end) as events:
        kinds = [line.split('"')[3] for line in events]
    assert kinds == ["loading", "loaded", "start", "result", "done"]


def test_a_process_that_ends_between_checks_gives_the_next_check_its_verdict():
    class Ended:
        def wait(self):
            return 0

    exercise = registry.get(COUNTS)
    report = sandbox.Report(exercise, "x.py", verdicts=[{"status": "pass", "message": "ok"}])
    with tempfile.TemporaryFile() as stderr:
        stderr.write(b"Fatal Python error: something")
        assert sandbox._died(Ended(), exercise, "between", 2048, stderr, report) == 2
    assert report.verdicts[1]["status"] == "crash" and "(exit code 0)" in report.verdicts[1]["message"]
    assert report.verdicts[1]["output"] == "Fatal Python error: something"


def test_a_checker_that_cannot_start_in_time_says_so():
    report = sandbox.Report(registry.get(COUNTS), "x.py")
    assert sandbox._timed_out(report.exercise, None, "startup", 10, report) == 2
    assert "did not start in time" in report.load_failure["message"]
    assert sandbox._signal_name(200) == "200"


# ---------------------------------------------------------------- the command line

def test_python_dash_m_lists_every_exercise_and_its_starter():
    result = subprocess.run([sys.executable, "-m", "snippets.check", "--list"], capture_output=True, text=True,
                            cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=120)
    assert result.returncode == 0
    for exercise in registry.EXERCISES.values():
        assert exercise.id in result.stdout and exercise.title in result.stdout
        assert exercise.starter.name in result.stdout


def test_exit_code_is_0_only_when_every_check_passes(capsys):
    assert cli.main([COUNTS, str(registry.get(COUNTS).solution_file)]) == 0
    passed = capsys.readouterr().out
    assert passed.count("✓") == 2 and passed.rstrip().endswith("All 2 checks passed.")
    assert cli.main([COUNTS, str(registry.get(COUNTS).starter)]) == 1
    starter = capsys.readouterr().out
    assert "0 of 2 checks passed. Not implemented yet: parameter_counts." in starter
    assert "parameter_counts is not implemented yet (it still raises NotImplementedError)" in starter


def test_usage_errors_exit_with_2_and_say_what_to_do(tmp_path, capsys):
    assert cli.main(["activation-functions/softplu", str(tmp_path / "x.py")]) == 2
    assert "Did you mean activation-functions/softplus?" in capsys.readouterr().err
    assert cli.main([SOFTPLUS, str(tmp_path / "nothing.py")]) == 2
    assert "start from the starter: snippets/exercises/activation_functions/softplus.py" in capsys.readouterr().err
    assert cli.main([]) == 2
    assert "give an exercise id and your file, or --list" in capsys.readouterr().err


def test_report_shows_expected_got_hint_traceback_and_output(tmp_path, capsys, monkeypatch):
    write(tmp_path, """
        import numpy as np


        def softplus(z):
            print("computing", z.shape)
            return np.log(1 + np.exp(z))


        def softplus_grad(z):
            return z.missing_attribute
        """, name="mine.py")
    monkeypatch.chdir(tmp_path)
    assert cli.main([SOFTPLUS, "mine.py", "--time-limit", "20"]) == 1
    out = capsys.readouterr().out
    assert out.startswith("Checking mine.py against activation-functions/softplus (Softplus)")
    assert "    expected: no warning\n    got:      RuntimeWarning: overflow encountered in exp" in out
    assert "    your code printed:\n    | computing (3,)" in out
    assert '      File "mine.py", line 10, in softplus_grad' in out
    assert "hint: differentiate log(1 + e^z)" in out
    assert "1 of 4 checks passed." in out


def test_marks_fall_back_to_words_where_the_terminal_cannot_print_them():
    class Ascii:
        encoding = "ascii"

    class Utf8:
        encoding = "utf-8"

    assert cli._marks(Ascii()) == ("PASS", "FAIL")
    assert cli._marks(Utf8()) == ("✓", "✗")


def test_a_load_failure_report_lists_every_check_as_not_run():
    exercise = registry.get(COUNTS)
    report = sandbox.Report(exercise, "x.py", load_failure={"status": "error", "message": "boom", "hint": "fix it"})
    text = cli.format_report(report)
    assert "✗ loading your file\n    raised an error: boom\n    hint: fix it" in text
    assert text.count("not run: your file did not load") == 2 and text.endswith("0 of 2 checks passed.")


@pytest.mark.parametrize("exercise", registry.EXERCISES.values(), ids=lambda e: e.id)
def test_every_check_states_a_title_and_a_hint(exercise):
    assert exercise.checks and all(check.title and check.hint for check in exercise.checks)


def test_list_is_grouped_by_chapter_in_book_order(capsys):
    assert cli.main(["--list"]) == 0
    listing = capsys.readouterr().out
    titles = [title for title, _ in registry.groups()]
    assert [listing.index(f"\n{title} (docs/") for title in titles] == sorted(listing.index(f"\n{title} (docs/")
                                                                             for title in titles)
    assert "starter: snippets/exercises/mlp_from_scratch.py" in listing


def test_comparisons_name_what_is_wrong():
    with pytest.raises(core.CheckFailed, match="has the wrong dtype") as failure:
        core.array(np.array([1, 2]), "the result")
    assert failure.value.expected == "a float dtype" and failure.value.got == "dtype int64"
    assert core.number(np.array(2.5), "x") == 2.5
    with pytest.raises(core.CheckFailed, match="should be a single whole number"):
        core.number(2.5, "x", integer=True)
    with pytest.raises(core.CheckFailed, match="should hold numbers"):
        core.close(np.array(["a"]), np.array([1.0]), "the result")
    with pytest.raises(core.CheckFailed, match="the pair is wrong") as failure:
        core.equal((1, 2), (1, 3), "the pair", hint="look again")
    assert (failure.value.expected, failure.value.got, failure.value.hint) == ("(1, 3)", "(1, 2)", "look again")
    assert core.show(np.int64(3)) == "3" and core.show((np.float64(0.5),)) == "(0.5,)"
    assert core.CheckFailed("m", expected=np.array([1, 2])).expected == "[1 2]"


def test_output_capture_and_traceback_trimming_edge_cases(tmp_path):
    output = learner_process.CappedOutput(limit=5)
    assert output.writable() and output.write("abcdefgh") == 8
    assert output.text() == "abcde\n[... 3 more characters cut]"
    try:
        compile("x = (", str(tmp_path / "long.py"), "exec")
    except SyntaxError as error:
        assert 'File "mine.py", line 1' in learner_process.trimmed_traceback(error, tmp_path / "long.py", display="mine.py")
    huge = ValueError("x" * 10_000)
    assert learner_process.trimmed_traceback(huge, __file__).endswith("x [...]")


def test_the_memory_limit_is_set_on_the_address_space(monkeypatch):
    calls = []
    monkeypatch.setattr(learner_process.resource, "setrlimit", lambda *args: calls.append(args))
    learner_process.limit_memory(0)
    learner_process.limit_memory(512)
    assert calls == [(learner_process.resource.RLIMIT_AS, (512 * 1024 * 1024, 512 * 1024 * 1024))]


def test_a_syntax_error_is_reported_by_the_sandbox_too(tmp_path):
    report = run_sandboxed(COUNTS, write(tmp_path, "def parameter_counts(sizes)\n"), time_limit=5)
    assert report.load_failure["message"].startswith("your file could not be loaded: SyntaxError")
    assert not report.passed and report.verdicts == []


def test_ctrl_c_stops_the_checker_quietly(monkeypatch, capsys):
    def interrupted(*args, **kwargs):
        raise sandbox.Stopped(signal.SIGINT)

    monkeypatch.setattr(sandbox, "check", interrupted)
    assert cli.main([COUNTS, str(registry.get(COUNTS).solution_file)]) == -signal.SIGINT
    assert capsys.readouterr().err == "stopped by SIGINT before the last check\n"


def _children(pid):
    """The processes whose parent is ``pid`` (Linux's /proc)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # it ended while we looked
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def _alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="finds the child through Linux's /proc")
@pytest.mark.parametrize("name", ["SIGTERM", "SIGHUP", "SIGINT"])
def test_a_stopped_checker_ends_the_code_it_runs_and_then_itself_by_the_same_signal(tmp_path, name):
    """A CI time-out (SIGTERM), a closed terminal (SIGHUP), Ctrl-C (SIGINT): no process keeps running."""
    busy = write(tmp_path, "def parameter_counts(sizes):\n    while True:\n        pass\n")
    checker = subprocess.Popen([sys.executable, "-m", "snippets.check", COUNTS, str(busy)], cwd=ROOT,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not (children := _children(checker.pid)) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert children, "the checker started no process for the learner's code"
    time.sleep(2)  # the learner's loop is running
    checker.send_signal(getattr(signal, name))
    _, err = checker.communicate(timeout=30)
    assert checker.returncode == -getattr(signal, name)
    assert f"stopped by {name} before the last check" in err
    assert not any(_alive(pid) for pid in children), "the process running the learner's code is still alive"


def test_a_passed_check_may_say_what_it_measured():
    assert cli.format_verdict("accuracy ≥ 92%", {"status": "pass", "message": "m", "measured": "94.22%"},
                              ("✓", "✗")) == "✓ accuracy ≥ 92% (yours: 94.22%)"
    assert cli.format_verdict("shapes", {"status": "pass", "message": "m"}, ("✓", "✗")) == "✓ shapes"


@pytest.mark.parametrize("source, where", [
    ("from snippets.solutions.activations import *\n",
     "line 1 imports snippets.solutions.activations"),
    ("import snippets.solutions.activations as book\n\n\ndef parameter_counts(sizes):\n"
     "    return book.parameter_counts(sizes)\n", "line 1 imports snippets.solutions.activations"),
    ("import importlib\n\nbook = importlib.import_module('snippets.solutions.activations')\n"
     "parameter_counts = book.parameter_counts\n", "line 3 names snippets.solutions.activations"),
    ("from snippets import solutions\n", "line 1 imports snippets.solutions"),
    ("BOOK = 'snippets/solutions/activations.py'\n", "line 1 names snippets.solutions.activations"),
])
def test_a_file_that_hands_in_the_reference_solution_gets_that_verdict_and_no_check_runs(tmp_path, source, where):
    report = run_sandboxed(COUNTS, write(tmp_path, source))
    assert report.load_failure["status"] == "reference" and not report.passed
    assert report.load_failure["message"] == (f"your file uses the book's reference solution ({where}), "
                                              "so there is nothing of yours to check")
    text = cli.format_report(report)
    assert "✗ your own work" in text and "not run: your file hands in the book's solution" in text


def test_a_reference_function_reached_without_naming_it_is_recognised_by_where_its_code_lives(tmp_path):
    hidden = write(tmp_path, """
        book = __import__("snippets.solu" + "tions.activations", fromlist=["parameter_counts"])
        parameter_counts = book.parameter_counts
        """)
    report = run_sandboxed(COUNTS, hidden)
    assert report.load_failure["message"].startswith(
        "your file uses the book's reference solution (parameter_counts is the reference's own function)")


def test_the_book_may_be_run_under_main_and_its_other_modules_imported(tmp_path):
    solution = registry.get(COUNTS).solution_file.read_text()
    own = write(tmp_path, "from snippets.activations import relu  # the book's modules are there to be used\n"
                + solution + "\n\nif __name__ == '__main__':\n"
                "    from snippets.solutions.activations import parameter_counts as book\n")
    assert run_sandboxed(COUNTS, own).passed


MLP = "mlp-from-scratch"
RIGHT_BACKWARD = '    return {"W1": X.T @ dZ1, "b1": dZ1.sum(axis=0), "W2": A1.T @ dZ2, "b2": dZ2.sum(axis=0)}'


@pytest.mark.parametrize("wrong, words", [
    (RIGHT_BACKWARD.replace('"W2": A1.T @ dZ2', '"W2": A1.T @ dZ2 * len(y)'),
     "your dW2 is 6× the numerical gradient, which is the batch size m = 6: is the 1/m of the mean missing?"),
    (RIGHT_BACKWARD.replace('"W1": X.T @ dZ1', '"W1": dZ1.T @ X'), "dW1 is the transpose of the right gradient"),
    (RIGHT_BACKWARD.replace('"W2": A1.T @ dZ2', '"W2": -(A1.T @ dZ2)'),
     "dW2 is the exact negative of the right gradient"),
    (RIGHT_BACKWARD.replace('"b1": dZ1.sum(axis=0)', '"b1": 0 * dZ1.sum(axis=0)'), "db1 is all zeros"),
    (RIGHT_BACKWARD.replace('"W2": A1.T @ dZ2', '"W2": 2 * A1.T @ dZ2'),
     "your dW2 is twice the right gradient"),
])
def test_a_wrong_gradient_is_told_the_usual_cause_its_numbers_fit(tmp_path, wrong, words):
    solution = registry.get(MLP).solution_file.read_text()
    assert RIGHT_BACKWARD in solution
    verdict = run_one_mlp_backward(tmp_path, solution.replace(RIGHT_BACKWARD, wrong))
    assert verdict["status"] == "fail"
    assert words in verdict["message"] + " " + verdict.get("hint", "") + " " + verdict.get("got", "")
    if "transpose" not in words:
        assert "relative error" in verdict["message"] and "> tolerance 1e-06" in verdict["message"]


def run_one_mlp_backward(folder, source):
    from checker_helpers import run_one

    return run_one(MLP, write(folder, source), "backward: dW1, db1, dW2, db2")


def test_a_gradient_off_by_no_usual_cause_gets_the_generic_hint(tmp_path):
    solution = registry.get(MLP).solution_file.read_text()
    noisy = RIGHT_BACKWARD.replace('"W2": A1.T @ dZ2', '"W2": A1.T @ dZ2 + 0.01 * np.cos(A1.T @ dZ2)')
    verdict = run_one_mlp_backward(tmp_path, solution.replace(RIGHT_BACKWARD, noisy))
    assert verdict["status"] == "fail" and verdict["hint"].startswith("dZ2 = (softmax(scores) − Y) / m")


@pytest.mark.parametrize("factor, words", [
    (-1, "is the exact negative of the right gradient: a sign is flipped"),
    (1 / 8, "is 1/8 of the numerical gradient, the batch size: is it divided by m twice?"),
    (0.5, "is half the right gradient"),
    (3.7, "is 3.7× the numerical gradient everywhere: a constant factor is off"),
])
def test_a_gradient_off_by_a_constant_factor_is_told_which(factor, words):
    numerical = np.random.default_rng(0).normal(size=(3, 3))
    with pytest.raises(core.CheckFailed) as failure:
        core.gradient(factor * numerical, numerical, "dW", batch=8)
    assert failure.value.hint == f"your dW {words}" or words in failure.value.hint


def test_a_square_gradient_transposed_is_recognised():
    numerical = np.random.default_rng(1).normal(size=(3, 3))
    with pytest.raises(core.CheckFailed) as failure:
        core.gradient(numerical.T, numerical, "dW")
    assert failure.value.hint == "dW is the transpose of the right gradient: dW = Xᵀ dZ, not dZᵀ X"


def test_a_train_that_never_shuffles_fails_the_random_order_check(tmp_path):
    """mlp-from-scratch's docstring asks for a random order; taking the examples as they come must fail."""
    solution = registry.get(MLP).solution_file.read_text()
    shuffle = "order = rng.permutation(len(X))"
    assert shuffle in solution
    from checker_helpers import run_one

    verdict = run_one(MLP, write(tmp_path, solution.replace(shuffle, "order = np.arange(len(X))")), "random order")
    assert verdict["status"] == "fail" and "are the examples shuffled?" in verdict["message"]
    assert run_one(MLP, write(tmp_path, solution, "mine.py"), "random order")["status"] == "pass"


def test_a_librarys_notice_about_its_own_code_is_not_the_learners_output(tmp_path):
    output, mine = learner_process.CappedOutput(), str(tmp_path / "mine.py")
    runner._show_warning(output, mine, "old API", DeprecationWarning, "/site-packages/keras/core.py", 276)
    assert output.size == 0
    runner._show_warning(output, mine, "np.product is deprecated", DeprecationWarning, mine, 3)
    runner._show_warning(output, mine, "overflow in exp", RuntimeWarning, "/site-packages/numpy/x.py", 9)
    assert "np.product is deprecated" in output.text() and "overflow in exp" in output.text()


@pytest.mark.parametrize("exercise_id, old, new, failing", [
    ("backpropagation/gradient-norms", "    rng = np.random.default_rng(seed)", "    rng = np.random.default_rng(0)",
     "the network follows its arguments"),
    ("mnist-project/expected-calibration-error", "bins = np.minimum((confidence * n_bins).astype(int), n_bins - 1)",
     "bins = np.maximum(np.ceil(confidence * n_bins).astype(int) - 1, 0)", "a bin's lower edge"),
    ("perceptron/xnor-network", "    return predict(hidden, *GATE_WEIGHTS[\"OR\"])",
     "    return predict(hidden, *GATE_WEIGHTS[\"OR\"]) == 1", "XNOR's truth table"),
    ("gradient-descent/find-stable-learning-rate", "    for _ in range(iterations):", "    for _ in range(30):",
     "follows its arguments"),
    ("gradient-descent/find-stable-learning-rate", "        for _ in range(steps):", "        for _ in range(1000):",
     "follows its arguments"),
    (MLP, "for start in range(0, len(X), batch_size):", "for start in range(0, len(X) - batch_size + 1, batch_size):",
     "a smaller last one"),
    (MLP, "params = init_params(X.shape[1], n_hidden, n_classes, seed)",
     "params = init_params(X.shape[1], n_hidden, n_classes, 0)", "starts from init_params"),
    (MLP, "epoch_losses.append(float(np.mean(batch_losses)))", "epoch_losses.append(float(np.sum(batch_losses)))",
     "starts from init_params"),
])
def test_a_requirement_of_the_starters_docstring_that_the_solution_breaks_is_caught(tmp_path, exercise_id, old, new,
                                                                                    failing):
    """Found by reading each starter's docstring against its checks: these passed every check before."""
    from checker_helpers import run_one

    solution = registry.get(exercise_id).solution_file.read_text()
    assert old in solution
    verdict = run_one(exercise_id, write(tmp_path, solution.replace(old, new)), failing)
    assert verdict["status"] == "fail", verdict


def test_a_relu_mask_that_lets_the_kink_through_is_named(tmp_path):
    """ReLU′(0) = 0, as the starter says: a mask Z1 >= 0 passes the numerical check (no random Z1 is exactly 0),
    and is caught, with its cause, where Z1 is 0."""
    from checker_helpers import run_one

    solution = registry.get(MLP).solution_file.read_text()
    assert "(Z1 > 0)" in solution
    path = write(tmp_path, solution.replace("(Z1 > 0)", "(Z1 >= 0)"))
    assert run_one(MLP, path, "equal numerical gradients")["status"] == "pass"
    verdict = run_one(MLP, path, "at the ReLU's kink")
    assert verdict["status"] == "fail" and verdict["message"].startswith("db1 with Z1 = 0 in 4 places is wrong")
    assert verdict["hint"] == ("db1 is off only where Z1 = 0, the ReLU's kink: there ReLU′ is taken as 0, so the "
                               "mask is Z1 > 0, not Z1 >= 0")


WAYS_THE_STARTER_RULES_OUT = {
    "computes σ from np.tanh": ("activation-functions/sigmoid-via-tanh", """
        import numpy as np
        def sigmoid_via_tanh(z):
            return 0.5 * (1 + np.tanh(z / 2)) + 0 * _exp(z)
        def _exp(z):  # the file's own helper: what it uses counts too
            return np.exp(-np.abs(z))
        """, "sigmoid_via_tanh uses np.exp, which the starter rules out"),
    "without a one-hot matrix": ("loss-functions/cross-entropy-from-labels", """
        import numpy as np
        from snippets.losses import log_softmax
        def cross_entropy_from_labels(logits, labels):
            rows = np.eye(logits.shape[1])[labels]
            return -np.mean(np.sum(rows * log_softmax(logits), axis=1))
        """, "cross_entropy_from_labels uses np.eye, which the starter rules out"),
    "with no Python loop": ("network-types/avg-pool", """
        import numpy as np
        def avg_pool(X, size):
            m, h, w, C = X.shape
            return np.array([[[X[:, r:r + size, c:c + size].mean(axis=(1, 2))
                               for c in range(0, w - size + 1, size)] for r in range(0, h - size + 1, size)]]
                            )[0].transpose(2, 0, 1, 3)
        """, "avg_pool has a Python loop, which the starter rules out: avg_pool: [[X[:, r:r + size"),
    "goes through the softmax Jacobian": ("loss-functions/grad-via-jacobian", """
        from snippets.activations import softmax
        def grad_via_jacobian(z, y):
            return softmax(z) - y
        """, "grad_via_jacobian does not use softmax_jacobian"),
    "with cross_entropy on two-class scores": ("loss-functions/bce-as-cross-entropy", """
        from snippets.losses import binary_cross_entropy_with_logits as bce
        def bce_as_cross_entropy(z, y):
            return bce(z, y)
        """, "bce_as_cross_entropy does not use cross_entropy"),
    "the book's neuron(X, w, b)": ("neural-networks/logic-neurons", """
        import numpy as np
        from snippets.neuron import neuron
        def not_neuron(X):
            return neuron(X, np.array([-20.0]), 10.0)
        def and_neuron(X):
            return (X.sum(axis=1) == 2).astype(float)
        """, "and_neuron does not use neuron(X, w, b)"),
    "the book's predict": ("perceptron/xnor-network", """
        def xnor_network(X):
            return (X[:, 0] == X[:, 1]).astype(float)
        """, "xnor_network does not use predict"),
    "the book's rnn_forward": ("network-types/seen-a-one", """
        def seen_a_one(X):
            return X.max(axis=(1, 2)) > 0.5
        """, "seen_a_one does not use rnn_forward"),
    "written by hand: without the book's Momentum class": ("gradient-descent/momentum-path", """
        import numpy as np
        from snippets.optimizers import Momentum
        def momentum_path(grad, theta, learning_rate, beta, steps):
            theta, optimizer = np.array(theta, dtype=float), Momentum(learning_rate, beta)
            path = [theta.copy()]
            for _ in range(steps):
                optimizer.step([theta], [grad(theta)])
                path.append(theta.copy())
            return np.array(path)
        """, "momentum_path uses the Momentum class, which the starter rules out"),
}


@pytest.mark.parametrize("title", sorted(WAYS_THE_STARTER_RULES_OUT))
def test_a_way_of_computing_that_the_starter_rules_out_fails_its_check_and_the_books_way_passes(tmp_path, title):
    """Right numbers, reached the way the starter's docstring rules out (the other checks may pass)."""
    from checker_helpers import run_one

    exercise_id, source, message = WAYS_THE_STARTER_RULES_OUT[title]
    verdict = run_one(exercise_id, write(tmp_path, source), title)
    assert verdict["status"] == "fail" and message in verdict["message"], verdict
    solution = registry.get(exercise_id).solution_file
    assert run_one(exercise_id, solution, title)["status"] == "pass"


def test_an_mlp_that_borrows_a_book_module_reaches_its_accuracy_but_not_with_numpy_only(tmp_path):
    """mlp-from-scratch asks for NumPy only; the last check says which function reached for what."""
    from checker_helpers import run_one

    solution = registry.get(MLP).solution_file.read_text()
    assert "    A1 = np.maximum(Z1, 0)  # ReLU" in solution
    borrowing = solution.replace("import numpy as np\n", "import numpy as np\nfrom snippets import activations\n", 1)
    borrowing = borrowing.replace("    A1 = np.maximum(Z1, 0)  # ReLU", "    A1 = activations.relu(Z1)")
    verdict = run_one(MLP, write(tmp_path, borrowing), "with NumPy only")
    assert verdict["status"] == "fail", verdict
    assert "but not with NumPy only" in verdict["message"] and "forward uses snippets.activations" in verdict["message"]
    assert run_one(MLP, registry.get(MLP).solution_file, "with NumPy only")["status"] == "pass"
