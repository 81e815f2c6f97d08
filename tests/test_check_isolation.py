"""The learner's code runs in a process of its own: only plain data crosses, and no verdict depends on it."""

import functools
import os
import warnings

import numpy as np
import pytest

from checker_helpers import run_in_process, run_one, run_sandboxed, write
from snippets.check import core, learner_process, registry, runner, wire
from snippets.gradient_descent import quadratic

COUNTS = "activation-functions/parameter-counts"  # two quick checks
MLP = "mlp-from-scratch"


def roundtrip(value):
    tree, buffers = wire.encode(value, lambda v: pytest.fail(f"{v!r} is not data"))
    read_end, write_end = os.pipe()
    channel = wire.Channel(read_end, write_end)
    try:
        if sum(len(b) for b in buffers) < 32_768:  # what fits in the pipe before anyone reads
            channel.send(tree, buffers)
            tree, buffers = channel.receive()
        return wire.decode(tree, buffers, lambda tag, decode: pytest.fail(f"tag {tag}"))
    finally:
        channel.close()


def test_plain_data_crosses_with_its_types():
    value = {"ints": (1, -2**70), 3: [0.5, float("nan"), float("inf")], "set": {1, 2}, "c": 1 + 2j,
             "f32": np.float32(1.5), "i64": np.int64(7), "b": np.bool_(True), "none": None, "s": "ü",
             "zero-d": np.array(2.5), "empty": np.zeros((0, 3)), "objects": np.array([1, "a", None], dtype=object),
             "dtype": np.dtype("float32"), "type": np.float64, "flags": np.array([True, False])}
    back = roundtrip(value)
    assert back.keys() == value.keys()
    assert back["ints"] == (1, -2**70) and isinstance(back["ints"], tuple)
    assert back[3][0] == 0.5 and np.isnan(back[3][1]) and back[3][2] == float("inf")
    assert back["set"] == {1, 2} and back["c"] == 1 + 2j and back["none"] is None and back["s"] == "ü"
    assert type(back["f32"]) is np.float32 and type(back["i64"]) is np.int64 and type(back["b"]) is np.bool_
    assert isinstance(back["zero-d"], np.ndarray) and back["zero-d"].shape == () and back["zero-d"] == 2.5
    assert back["empty"].shape == (0, 3) and list(back["objects"]) == [1, "a", None]
    assert back["dtype"] == np.float32 and back["type"] is np.float64 and back["flags"].dtype == bool


def test_arrays_cross_with_dtype_shape_and_order_and_come_back_writable():
    for array in (np.arange(12, dtype=np.float32).reshape(3, 4), np.arange(12).reshape(3, 4).T,
                  np.array([[1, 2]], dtype=np.uint8), np.ones((2, 2), dtype=">f8")):
        back = roundtrip(array)
        assert back.dtype == array.dtype and back.shape == array.shape and np.array_equal(back, array)
        back[...] = 0  # a check may work on what it got
        assert back.flags.aligned


def test_a_generator_crosses_as_its_state_and_draws_the_same_numbers():
    generator = np.random.default_rng(5)
    generator.normal(size=3)
    back = roundtrip(generator)
    assert np.array_equal(back.normal(size=4), generator.normal(size=4))


def test_a_large_message_crosses_whole():
    read_end, write_end = os.pipe()
    channel = wire.Channel(read_end, write_end)
    big = np.random.default_rng(0).normal(size=(600, 784))  # 3.8 MB: more than one write, and the pipe's capacity
    pid = os.fork()
    if pid == 0:  # the writer
        channel.send(*wire.encode([big, "after"], None))
        os._exit(0)
    try:
        tree, buffers = channel.receive()
        got, after = wire.decode(tree, buffers, None)
    finally:
        os.waitpid(pid, 0)
        channel.close()
    assert np.array_equal(got, big) and after == "after"


@pytest.mark.parametrize("tree, buffers, words", [
    ({"$": "nope"}, [], "unknown"),
    ({"$": "array", "dtype": "<f8", "shape": [2], "buffer": 0}, [bytearray(15)], "with 15 bytes"),
    ({"$": "array", "dtype": "|O", "shape": [1], "buffer": 0}, [bytearray(8)], "cannot be sent as bytes"),
    ({"$": "array", "dtype": "<f8", "shape": [1], "buffer": 3}, [], "malformed"),
    ({"$": "generator", "bit_generator": "os.system", "state": None}, [], "unknown bit generator"),
    ([1, 2], [], "not a value of this format"),
])
def test_a_malformed_value_is_refused_with_what_was_wrong(tree, buffers, words):
    with pytest.raises(wire.WireError, match=words):
        wire.decode(tree, buffers, lambda tag, decode: (_ for _ in ()).throw(wire.WireError(f"unknown {tag}")))


def test_garbage_on_the_pipe_is_not_a_message():
    read_end, write_end = os.pipe()
    channel = wire.Channel(read_end, write_end)
    try:
        os.write(write_end, wire.LENGTH.pack(9) + b"not json!")
        with pytest.raises(wire.WireError, match="not of this format"):
            channel.receive()
        os.close(write_end)
        channel.write_fd = None
        with pytest.raises(wire.ChannelClosed):
            channel.receive()
    finally:
        channel.close()


def test_nesting_is_bounded():
    deep = []
    for _ in range(wire.MAX_DEPTH + 2):
        deep = [deep]
    with pytest.raises(wire.WireError, match="nested"):
        wire.encode(deep, None)


LEARNER = """
import warnings

import numpy as np


class Counter:
    def __init__(self):
        self.value = 0

    def bump(self):
        self.value += 1
        return self

    def __len__(self):
        return 3

    def __iter__(self):
        return iter([1, 2, 3])

    def __array__(self, dtype=None, copy=None):
        return np.full(2, self.value, dtype=float)


def make():
    return Counter()


def apply(function, x):
    return function(x)


def what_came(function):
    return type(function).__name__


def division(function):
    try:
        function(0)
    except ZeroDivisionError as error:
        return "caught: " + str(error)


def update(params):
    params["W"] -= 1
    params["new"] = np.zeros(2)
    del params["old"]


def noisy():
    print("hello from the learner")
    warnings.warn("careful", RuntimeWarning)
    return 1


def broken():
    return {"a": 1}["b"]
"""


@pytest.fixture
def learner(tmp_path):
    with runner.load(str(write(tmp_path, LEARNER))) as process:
        yield core.Learner(process)


def test_an_object_that_is_not_data_is_used_where_it_lives(learner):
    counter = learner.make()
    assert repr(counter).startswith("<submission.Counter object") and core.type_name(counter) == "Counter"
    assert core.kinds(counter) == ["Counter", "object"]
    assert counter.value == 0 and counter.bump().value == 1 and counter.value == 1
    assert len(counter) == 3 and list(counter) == [1, 2, 3] and np.array_equal(np.asarray(counter), [1.0, 1.0])
    assert not hasattr(counter, "missing")


def test_the_checkers_functions_are_called_back_and_the_books_run_where_they_are_called(learner):
    H = np.diag([1.0, 10.0])
    assert learner.apply(lambda x: 2 * x, 21) == 42
    assert learner.what_came(lambda x: x) == "function"  # a stand-in that calls back
    assert learner.what_came(functools.partial(quadratic, H=H)) == "partial"  # the book's function itself
    assert learner.apply(functools.partial(quadratic, H=H), np.array([1.0, 1.0])) == 5.5
    assert learner.division(lambda x: 1 / x) == "caught: division by zero"  # the checker's error, raised in their code


def test_only_the_books_own_modules_are_sent_by_name():
    from snippets.solutions import gradient_descent as solution

    assert learner_process.book_function(quadratic)
    assert not learner_process.book_function(solution.find_stable_learning_rate)
    assert not learner_process.book_function(core.close) and not learner_process.book_function(print)


def test_in_place_leaves_in_the_arguments_what_the_function_left_in_its_copies(learner):
    W = np.ones(3)
    params = {"W": W, "old": 1}
    assert learner.update.in_place(params) is None
    assert params.keys() == {"W", "new"} and params["W"] is W and np.array_equal(W, np.zeros(3))
    fresh = {"W": np.ones(3), "old": 1}
    learner.update(fresh)
    assert fresh["old"] == 1 and np.array_equal(fresh["W"], np.ones(3))  # a plain call changes nothing here


def test_output_and_warnings_come_back_as_if_the_code_had_run_here(learner):
    output = learner_process.CappedOutput()
    saved = os.sys.stdout
    os.sys.stdout = output
    try:
        with pytest.raises(core.CheckFailed) as failure, core.no_warnings("noisy()"):
            learner.noisy()
    finally:
        os.sys.stdout = saved
    assert output.value() == "hello from the learner\n"
    assert failure.value.got == "RuntimeWarning: careful"


def test_an_error_in_their_code_arrives_as_its_kind_with_its_traceback(learner):
    with pytest.raises(core.LearnerRaised) as raised:
        learner.broken()
    error = raised.value.error
    line = LEARNER.lstrip().splitlines().index('    return {"a": 1}["b"]') + 1
    assert isinstance(error, KeyError) and str(error) == "'b'"
    assert f"line {line}, in broken" in error.traceback_text and error.traceback_text.endswith("KeyError: 'b'")


def test_a_file_that_replaces_the_checks_at_import_changes_no_verdict(tmp_path):
    path = write(tmp_path, """
        from snippets.check import core, registry

        for exercise in registry.EXERCISES.values():
            for check in exercise.checks:
                check.run = lambda learner: None
        core.close = core.equal = core.gradient = lambda *args, **kwargs: None


        def parameter_counts(sizes):
            return (0, 0)
        """)
    report = run_sandboxed(COUNTS, path, time_limit=20)
    assert [v["status"] for v in report.verdicts] == ["fail", "fail"]
    assert report.verdicts[0]["message"].endswith("is wrong")


def test_a_file_that_patches_numpys_comparisons_changes_no_verdict(tmp_path):
    patch = ("\nnp.allclose = np.array_equal = lambda *args, **kwargs: {}\n"
             "np.testing.assert_allclose = lambda *args, **kwargs: None\n")
    right = registry.get(MLP).solution_file.read_text()
    wrong = right.replace("np.sqrt(2 / n_in)", "np.sqrt(8 / n_in)", 1)  # twice the spread
    assert wrong != right
    for source, verdict in ((right + patch.format("False"), "pass"), (wrong + patch.format("True"), "fail")):
        result = run_one(MLP, write(tmp_path, source), "init_params: weights spread like")
        assert result["status"] == verdict, result


def test_the_learners_process_holds_no_check_and_is_given_no_results_pipe(tmp_path):
    path = write(tmp_path, """
        import sys


        def parameter_counts(sizes):
            print("checker modules:", sorted(name for name in sys.modules if name.startswith("snippets.")))
            print("arguments:", sys.argv[1:])
            return (0, 0)
        """)
    _, verdicts, _ = run_in_process(COUNTS, path)
    printed = verdicts[0]["output"]
    assert "checker modules: ['snippets.check', 'snippets.check.wire']" in printed  # the process's own code, no more
    assert "--requests-fd" in printed and "--results-fd" not in printed


def test_a_process_that_dies_mid_check_gets_a_crash_and_a_new_process_runs_the_next_check(tmp_path):
    path = write(tmp_path, """
        import os
        from pathlib import Path

        MARK = Path(__file__).with_name("ended-once")


        def parameter_counts(sizes):
            if not MARK.exists():
                MARK.touch()
                os._exit(3)
            return (0, 0)
        """)
    load, verdicts, _ = run_in_process(COUNTS, path)
    assert load is None
    assert verdicts[0]["status"] == "crash" and "(exit code 3)" in verdicts[0]["message"]
    assert verdicts[1]["status"] == "fail"  # a new process loaded the file and ran the next check


def test_a_warning_of_their_code_reaches_the_checkers_own_filters(learner):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert learner.noisy() == 1
    assert [str(w.message) for w in caught] == ["careful"]


def test_what_a_file_printed_before_it_failed_to_load_is_shown(tmp_path):
    path = write(tmp_path, """
        print("setting up")
        raise RuntimeError("no data here")
        """)
    load, _, _ = run_in_process(COUNTS, path)
    assert load["message"] == "your file could not be loaded: RuntimeError: no data here"
    assert load["output"] == "setting up\n"


def test_a_file_that_writes_on_the_checkers_pipe_while_loading_is_stopped_and_told_why(tmp_path):
    path = write(tmp_path, """
        import os

        for fd in range(3, 256):
            try:
                os.write(fd, b'{"event": "done"}\\n')
            except OSError:
                pass
        """)
    load, verdicts, _ = run_in_process(COUNTS, path)
    assert load["status"] == "error" and verdicts == []
    assert load["message"].startswith("while your file loaded, the process running your code sent something "
                                      "that is not an answer (")
