import numpy as np

from snippets.forward import init_params
from snippets.hyperparameters import (N_VALIDATION, batch_size_sweep, initialization_runs, learning_rate_sweep,
                                      mnist_subset, train_epochs)
from snippets.training import evaluate


def test_mnist_subset_is_a_prefix_of_the_training_split_and_a_fixed_validation_set():
    X, y, (X_val, y_val) = mnist_subset(300)
    X2, _, (X_val2, _) = mnist_subset(100)
    assert X.shape == (300, 784) and y.shape == (300,) and X.dtype == np.float32
    assert X_val.shape == (N_VALIDATION, 784) and y_val.shape == (N_VALIDATION,)
    np.testing.assert_array_equal(X2, X[:100])
    np.testing.assert_array_equal(X_val, X_val2)


def test_train_epochs_measures_after_each_epoch_and_reports_divergence():
    X, y, _ = mnist_subset(200)
    params = init_params([784, 16, 10], np.random.default_rng(0))
    losses, diverged_at = train_epochs(params, ["relu", "identity"], X, y, 0.1, 3, 20, 0,
                                       lambda: evaluate(params, ["relu", "identity"], X, y)[0])
    assert diverged_at is None and len(losses) == 3 and losses[-1] < losses[0]
    params = init_params([784, 16, 10], np.random.default_rng(0))
    losses, diverged_at = train_epochs(params, ["relu", "identity"], X, y, 1e4, 3, 20, 0, lambda: 0.0)
    assert diverged_at == 1 and losses == []


def test_learning_rate_sweep_small():
    runs = learning_rate_sweep(learning_rates=[0.1, 1e4], n_train=300, epochs=2, batch_size=30, seed=0)
    good, exploded = runs
    assert good["learning_rate"] == 0.1 and good["diverged_at"] is None
    assert len(good["losses"]) == 3 and good["losses"][-1][0] < good["losses"][0][0]
    assert good["losses"][0] == exploded["losses"][0]  # the same initial weights for every η
    assert exploded["diverged_at"] == 1 and len(exploded["losses"]) == 1
    assert 0 <= exploded["dead_units"] <= 1 and 0 <= good["val_accuracy"] <= 1


def test_batch_size_sweep_counts_updates_and_times_epochs():
    [run] = batch_size_sweep(batch_sizes=[4096], learning_rate=0.1, epochs=1, seed=0)
    assert run["updates"] == 14  # ⌈55,000 / 4,096⌉
    assert len(run["seconds"]) == 1 and run["seconds"][0] > 0
    assert 0.5 < run["val_accuracy"][0] <= 1


def test_initialization_runs_show_symmetry_and_divergence():
    zeros, constant, he = initialization_runs(
        schemes=[("zeros", "tanh"), ("constant 0.004", "tanh"), ("he", "relu")],
        sizes=[784, 256, 10], n_train=500, epochs=2, batch_size=50, learning_rate=0.05, seed=0)
    assert zeros["spread_after"] == 0 and zeros["moved"] == 0  # no gradient reaches a weight: nothing moves
    # The units moved, all in step: they differ only by float32 rounding, far less than they moved.
    assert constant["spread_before"] == 0 and constant["moved"] > 1e-4
    assert constant["spread_after"] < 1e-3 * constant["moved"]
    assert he["spread_after"] > 0.1 and he["val_accuracy"][-1] > 0.5
    [large] = initialization_runs(schemes=[("std 1", "relu")], sizes=[784, 64, 64, 64, 10], n_train=200, epochs=2,
                                  batch_size=50, learning_rate=0.05, seed=0)
    assert large["diverged_at"] is not None and len(large["val_accuracy"]) == large["diverged_at"] - 1
