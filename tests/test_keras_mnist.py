"""Mini-assignment 1 for real: the Keras solution trains on MNIST and reaches the required
accuracy, checked through the sandboxed checker. Keras is an optional extra
(pip install -e ".[keras]"): without it these tests are skipped, except in CI, where a
missing Keras is a failure, so that CI really runs the solution.

Keras and PyTorch are only ever imported in child processes: importing PyTorch makes a
process about 300 MB larger for good, and later tests measure this process's peak memory.
"""

import importlib.util
import json
import os
import subprocess
import sys
import time

import pytest

from checker_helpers import run_sandboxed, verdict_of, write
from conftest import ROOT
from snippets.check import keras_mnist as checks
from snippets.check import registry

if not (importlib.util.find_spec("keras") and importlib.util.find_spec("torch")):
    if os.environ.get("CI"):
        pytest.fail('CI must run the Keras solution, but Keras or PyTorch is missing: pip install -e ".[keras]"',
                    pytrace=False)
    pytest.skip('Keras is not installed (pip install -e ".[keras]"); CI installs it and runs these tests',
                allow_module_level=True)

EXERCISE = registry.get("keras-mnist")


def test_the_solution_passes_every_check_in_the_sandbox():
    """The whole workflow, as a learner runs it: build, compile, train on 60,000 digits, ≥ 97.5% on the test set."""
    start = time.monotonic()
    report = run_sandboxed("keras-mnist", EXERCISE.solution_file)
    assert [v["status"] for v in report.verdicts] == ["pass"] * len(EXERCISE.checks), report.verdicts
    assert float(report.verdicts[-1]["measured"].removesuffix("%")) >= 100 * checks.REQUIRED_ACCURACY
    print(f"keras-mnist: every check passed in {time.monotonic() - start:.0f} s")


def test_the_untouched_starter_is_not_implemented_yet():
    report = run_sandboxed("keras-mnist", EXERCISE.starter)
    assert {v["status"] for v in report.verdicts} == {"not-implemented"}
    assert report.not_implemented == list(EXERCISE.functions)


SMOKE = """
import json
import os

os.environ["KERAS_BACKEND"] = "torch"
from snippets.solutions import keras_mnist as solution

data = solution.load_mnist()
model = solution.compile_model(solution.build_model(hidden_units=32))
history = solution.train(model, data.train_images[:1000], data.train_labels[:1000], epochs=1, batch_size=16)
accuracy = solution.test_accuracy(model, data.test_images[:500], data.test_labels[:500])
small = data._replace(train_images=data.train_images[:600], train_labels=data.train_labels[:600])
solution.load_mnist = lambda: small
solution.main()
print(json.dumps({"history": sorted(history.history), "epochs": len(history.history["loss"]), "accuracy": accuracy}))
"""


def test_the_solution_steps_on_a_small_subset():
    result = subprocess.run([sys.executable, "-c", SMOKE], capture_output=True, text=True, cwd=ROOT, timeout=600,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert result.returncode == 0, result.stderr
    *printed, last = result.stdout.strip().splitlines()
    summary = json.loads(last)
    assert summary["history"] == ["accuracy", "loss"] and summary["epochs"] == 1
    assert 0.5 < summary["accuracy"] <= 1
    assert printed[-1].startswith("test accuracy: ")


def test_a_model_that_outputs_probabilities_fails_with_the_intended_hint(tmp_path):
    path = write(tmp_path, """
        import os

        os.environ.setdefault("KERAS_BACKEND", "torch")
        import keras


        def build_model(hidden_units=256, seed=0):
            return keras.Sequential([keras.Input(shape=(784,)), keras.layers.Dense(10, activation="softmax")])
        """)
    scores, layers, *others = run_sandboxed("keras-mnist", path).verdicts
    assert scores["status"] == "fail" and "from_logits=True" in scores["hint"], scores
    assert layers["status"] == "fail" and "['Dense']" in layers["got"]
    assert {v["message"] for v in others} == {"your file defines no function `compile_model`",
                                              "build_model(hidden_units=32, seed=3) has no hidden layer of 32 units"}


def test_a_loss_that_takes_the_scores_for_probabilities_is_named(tmp_path):
    source = EXERCISE.solution_file.read_text()
    on_probabilities = source.replace("keras.losses.SparseCategoricalCrossentropy(from_logits=True)",
                                      '"sparse_categorical_crossentropy"')
    assert on_probabilities != source
    verdicts = run_sandboxed("keras-mnist", write(tmp_path, on_probabilities)).verdicts
    assert [v["status"] for v in verdicts[:3]] == ["pass", "pass", "fail"], verdicts
    assert "from_logits=True" in verdicts[2]["hint"]


def test_a_one_hot_loss_for_integer_labels_is_told_in_the_learners_terms(tmp_path):
    """Keras's own shape error becomes its cause; the backend's DeprecationWarning is not the learner's output."""
    source = EXERCISE.solution_file.read_text()
    one_hot = source.replace("SparseCategoricalCrossentropy(from_logits=True)", "CategoricalCrossentropy(from_logits=True)")
    assert one_hot != source
    verdicts = run_sandboxed("keras-mnist", write(tmp_path, one_hot)).verdicts
    assert [v["status"] for v in verdicts] == ["pass", "pass"] + ["fail"] * 3 + ["pass", "pass", "fail"], verdicts
    for verdict in verdicts[2:5] + verdicts[7:]:
        assert verdict["message"] == ("the loss wants one-hot rows of 10 targets, but MNIST's labels are integers "
                                      "0-9, one per digit")
        assert "SparseCategoricalCrossentropy(from_logits=True)" in verdict["hint"]
        assert "DeprecationWarning" not in verdict.get("output", "")


def test_a_missing_metric_and_a_compile_that_returns_nothing_are_named(tmp_path):
    source = EXERCISE.solution_file.read_text()
    no_metric = source.replace('metrics=["accuracy"]', "metrics=[]")
    verdicts = run_sandboxed("keras-mnist", write(tmp_path, no_metric)).verdicts
    assert verdicts[2]["status"] == "fail" and verdicts[2]["message"] == "the model does not report accuracy"
    not_returned = source.replace("    return model\n# --8<-- [end:compile_model]", "# --8<-- [end:compile_model]")
    assert not_returned != source
    verdicts = run_sandboxed("keras-mnist", write(tmp_path, not_returned, name="other.py")).verdicts
    assert verdicts[2]["status"] == "fail" and verdicts[2]["got"] == "None"


def test_too_small_a_model_trained_too_briefly_misses_the_accuracy(tmp_path):
    """Every step right, but 32 hidden units and one epoch: only the accuracy goal fails."""
    source = EXERCISE.solution_file.read_text()
    for old, new in (("hidden_units=256", "hidden_units=32"), ("epochs=8", "epochs=1")):
        assert old in source
        source = source.replace(old, new)
    report = run_sandboxed("keras-mnist", write(tmp_path, source))
    assert [v["status"] for v in report.verdicts] == ["pass"] * 7 + ["fail"], report.verdicts
    assert report.verdicts[-1]["expected"] == f"≥ {checks.REQUIRED_ACCURACY:.1%}"


def test_a_build_that_ignores_its_seed_and_a_compile_without_adam_are_caught(tmp_path):
    """The starter asks for keras.utils.set_random_seed(seed) and Adam at the given learning rate."""
    source = EXERCISE.solution_file.read_text()
    fixed_seed = source.replace("    keras.utils.set_random_seed(seed)", "    keras.utils.set_random_seed(0)")
    sgd = source.replace("optimizer=keras.optimizers.Adam(learning_rate)", "optimizer=keras.optimizers.SGD(learning_rate)")
    fixed_rate = source.replace("optimizer=keras.optimizers.Adam(learning_rate)", "optimizer=keras.optimizers.Adam(2e-3)")
    assert source not in (fixed_seed, sgd, fixed_rate)
    for name, broken, title, message in [
            ("seed.py", fixed_seed, "the same seed", "build_model(seed=3) and build_model(seed=4) start from the same weights"),
            ("sgd.py", sgd, "with the Adam optimizer", "the model is not compiled with Adam"),
            ("rate.py", fixed_rate, "with the Adam optimizer", "the optimizer's learning rate")]:
        verdict = verdict_of("keras-mnist", run_sandboxed("keras-mnist", write(tmp_path, broken, name=name)).verdicts, title)
        assert verdict["status"] == "fail" and message in verdict["message"], (name, verdict)
