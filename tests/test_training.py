"""The MNIST trainer: a full-network gradient check, a short real training run, clear errors."""

import importlib.util
import json
import os
import subprocess
import sys

import numpy as np
import pytest

from snippets.backprop import gradient_check
from snippets.forward import init_params
from snippets.mnist import load_mnist
from snippets.optimizers import SGD, Momentum
from snippets.training import (TrainingDiverged, check_inputs, evaluate, fit, predict_proba,
                               train_validation_split)


@pytest.fixture(scope="module")
def mnist():
    return load_mnist()


@pytest.fixture
def small_params():
    return init_params([784, 32, 10], np.random.default_rng(0), dtype=np.float32)


def test_full_mnist_network_gradient_check(mnist):
    """The project's architecture (784 → hidden ReLU → 10 scores), in float64, on real digits."""
    params = init_params([784, 16, 10], np.random.default_rng(1), dtype=np.float64)
    X = mnist.train_images[:8].astype(np.float64)
    Y = np.eye(10)[mnist.train_labels[:8]]
    for dW_error, db_error in gradient_check(X, Y, params, ["relu", "identity"]):
        assert dW_error < 1e-6 and db_error < 1e-6


def test_short_training_run_on_real_digits_learns(mnist, small_params):
    """3,000 training images, 3 epochs: far above the 10% of guessing on 1,000 unseen images."""
    X, y = mnist.train_images[:3000], mnist.train_labels[:3000]
    history = fit(small_params, ["relu", "identity"], X, y, Momentum(0.1, 0.9), epochs=3, batch_size=64,
                  seed=0, validation=(mnist.test_images[:1000], mnist.test_labels[:1000]), progress=False)
    assert history.train_loss[-1] < history.train_loss[0]
    assert history.val_accuracy[-1] >= 0.85
    assert len(history.seconds) == len(history.train_accuracy) == len(history.val_loss) == 3
    assert small_params[0][0].dtype == np.float32  # trained in float32 throughout


def test_training_is_deterministic_for_a_seed(mnist):
    X, y = mnist.train_images[:1000], mnist.train_labels[:1000]
    runs = []
    for _ in range(2):
        params = init_params([784, 16, 10], np.random.default_rng(3))
        fit(params, ["relu", "identity"], X, y, SGD(0.1), epochs=1, batch_size=100, seed=7, progress=False)
        runs.append(params)
    for (W1, b1), (W2, b2) in zip(*runs):
        np.testing.assert_array_equal(W1, W2)
        np.testing.assert_array_equal(b1, b2)


def test_divergence_stops_training_with_advice(mnist, small_params):
    with pytest.raises(TrainingDiverged, match=r"started at .*smaller learning rate than 50, for example 5\."):
        fit(small_params, ["relu", "identity"], mnist.train_images[:2000], mnist.train_labels[:2000],
            SGD(50), epochs=2, batch_size=100, seed=0, progress=False)


def test_a_non_finite_loss_stops_training(mnist, small_params):
    small_params[0][0][0, 0] = np.nan  # a poisoned weight: every loss from now on is NaN
    with pytest.raises(TrainingDiverged, match="the loss became nan in epoch 1, batch 1"):
        fit(small_params, ["relu", "identity"], mnist.train_images[:500], mnist.train_labels[:500],
            SGD(0.1), epochs=1, batch_size=100, seed=0, progress=False)


@pytest.mark.parametrize(
    "X, y, message",
    [
        (np.zeros((5, 28, 28), np.float32), np.zeros(5, np.int64), r"shape \(m, 784\).*got shape \(5, 28, 28\)"),
        (np.zeros((5, 100), np.float32), np.zeros(5, np.int64), r"shape \(m, 784\).*got shape \(5, 100\)"),
        (np.zeros((5, 784), np.uint8), np.zeros(5, np.int64), r"floating-point inputs.*got dtype uint8"),
        (np.zeros((5, 784), np.float32), np.zeros(4, np.int64), r"labels y of shape \(5,\).*got shape \(4,\)"),
        (np.zeros((5, 784), np.float32), np.zeros(5, np.float32), r"integer class labels.*got dtype float32"),
        (np.zeros((5, 784), np.float32), np.array([0, 1, 2, 3, 10]), r"labels in 0\.\.9.*from 0 to 10"),
        (np.zeros((5, 784), np.float32), np.array([0, -1, 2, 3, 4]), r"labels in 0\.\.9.*from -1 to 4"),
    ],
)
def test_bad_input_says_what_was_expected_and_what_came(small_params, X, y, message):
    with pytest.raises(ValueError, match=message):
        check_inputs(X, y, small_params)
    with pytest.raises(ValueError, match=message):
        fit(small_params, ["relu", "identity"], X, y, SGD(0.1), epochs=1, batch_size=2, seed=0, progress=False)


def test_evaluate_and_predict_proba_agree(mnist, small_params):
    X, y = mnist.test_images[:2500], mnist.test_labels[:2500]
    probabilities = predict_proba(small_params, ["relu", "identity"], X, batch_size=1000)
    assert probabilities.shape == (2500, 10)
    np.testing.assert_allclose(probabilities.sum(axis=1), 1, rtol=1e-5)
    loss, accuracy = evaluate(small_params, ["relu", "identity"], X, y, batch_size=1000)
    assert accuracy == np.mean(probabilities.argmax(axis=1) == y)
    assert loss == pytest.approx(-np.mean(np.log(probabilities[np.arange(2500), y])), rel=1e-4)


def test_validation_split_is_a_seeded_partition(mnist):
    X, y = mnist.train_images[:1000], mnist.train_labels[:1000]
    (X_train, y_train), (X_val, y_val) = train_validation_split(X, y, 100, seed=0)
    assert len(X_train) == 900 and len(X_val) == 100
    rows = {row.tobytes() for row in X_train} | {row.tobytes() for row in X_val}
    assert len(rows) == len({row.tobytes() for row in X})  # every example lands in exactly one part
    again = train_validation_split(X, y, 100, seed=0)
    np.testing.assert_array_equal(again[1][1], y_val)


def test_bench_prints_a_json_line_last():
    # In its own process: the peak memory it reports is the whole process's, not only the benchmark's.
    result = subprocess.run([sys.executable, "-m", "snippets.bench", "--impl", "numpy", "--epochs", "1", "--limit", "2000"],
                            capture_output=True, text=True, check=True)
    record = json.loads(result.stdout.strip().splitlines()[-1])
    assert set(record) == {"impl", "hidden", "examples", "epochs", "batch", "threads", "train_seconds",
                           "samples_per_second", "test_accuracy", "peak_rss_mb"}
    assert record["examples"] == 2000
    assert record["impl"] == "numpy" and record["hidden"] == 256 and record["epochs"] == 1
    assert record["train_seconds"] > 0 and 0.5 < record["test_accuracy"] <= 1 and record["peak_rss_mb"] < 1024


def test_make_bench_ends_with_the_numpy_line():
    """The command `make bench` runs: each implementation in its own process, NumPy's line last."""
    result = subprocess.run([sys.executable, "-m", "snippets.bench", "--epochs", "1", "--limit", "1000"],
                            capture_output=True, text=True, check=True)
    lines = [json.loads(line) for line in result.stdout.strip().splitlines()]
    assert lines[-1]["impl"] == "numpy"
    assert [line["impl"] for line in lines] == (["torch", "numpy"] if importlib.util.find_spec("torch") else ["numpy"])
    for line in lines:  # the same threads for every run, and the share of the matrix products' own time it reaches
        assert line["threads"] == os.cpu_count() and line["gemm_gflops"] > 0
        # Both times are rounded to the millisecond, and this run takes only a few of them.
        assert line["gemm_limit_fraction"] == pytest.approx(line["gemm_limit_seconds"] / line["train_seconds"], abs=0.1)
        assert 0 < line["gemm_limit_fraction"] < 1.5
    assert "GEMM limit: the step's matrix products alone" in result.stderr


def test_the_step_products_are_the_networks_own():
    from snippets.bench import step_products

    flop = sum(2 * rows * inner * columns for rows, inner, columns in step_products(128))
    # Forward X W1 and backward Xᵀ dZ1 are the two large ones; A1 W2, A1ᵀ dZ2 and dZ2 W2ᵀ the three small ones.
    assert flop == 2 * (2 * 128 * 784 * 256 + 3 * 128 * 256 * 10)
    assert round(flop / 128 / 1e6, 2) == 0.82  # MFLOP per image, as the issue counted
    assert step_products(128) == [(128, 784, 256), (128, 256, 10), (256, 128, 10), (128, 10, 256), (784, 128, 256)]
    # A deeper network: every layer's forward and weight-gradient product, and the gradient sent down from all but the first.
    assert step_products(32, (784, 64, 32, 10)) == [
        (32, 784, 64), (32, 64, 32), (32, 32, 10),
        (32, 32, 10), (32, 10, 32), (64, 32, 32), (32, 32, 64), (784, 32, 64)]


def test_make_bench_fails_with_the_failing_runs_own_error(tmp_path):
    (tmp_path / "train-images-idx3-ubyte").write_bytes(b"not MNIST at all")
    result = subprocess.run([sys.executable, "-m", "snippets.bench", "--epochs", "1", "--limit", "100"],
                            capture_output=True, text=True, env={**os.environ, "MNIST_DIR": str(tmp_path)})
    assert result.returncode != 0 and result.stdout == ""
    assert "train-images-idx3-ubyte" in result.stderr
    assert "run failed (exit code 1); its error is above" in result.stderr


def test_bench_refuses_a_batch_size_of_zero():
    result = subprocess.run([sys.executable, "-m", "snippets.bench", "--batch", "0"], capture_output=True, text=True)
    assert result.returncode == 2 and "expected a whole number ≥ 1, got '0'" in result.stderr
