import numpy as np

from conftest import markdown_table_rows
from snippets.forward import init_params
from snippets.hyperparameters import (N_VALIDATION, batch_size_sweep, initialization_runs, learning_rate_sweep,
                                      mnist_subset, train_epochs)
from snippets.sitebuild.experiments import cached
from snippets.training import evaluate, fit


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


# The chapter's claims about the build's runs. Each test reads the runs the figures and tables
# draw (cached by the build) and fails if a run stops saying what the page says about it.

def test_the_chapters_claims_about_the_schedule(tmp_path):
    """The table of iterations per epoch: ``minibatches`` yields ⌈N/m⌉ batches, the last one the remainder."""
    from snippets.figures.hyperparameters import N_TRAIN, schedule

    schedule(tmp_path / "schedule.md")
    rows = [[int(cell.replace(",", "")) for cell in row] for row in markdown_table_rows(tmp_path / "schedule.md")]
    assert len(rows) == 5
    for m, formula, counted, last, updates in rows:
        assert counted == formula
        assert last == N_TRAIN - (counted - 1) * m and 0 < last <= m
        assert updates == 10 * counted


def test_the_chapters_claims_about_the_learning_rate(monkeypatch):
    """The sweep: too small creeps, good rates are fast and bumpy, η = 5 is stuck with dead units, η = 10 diverges."""
    import snippets.hyperparameters as experiments
    from snippets.figures.hyperparameters import LEARNING_RATES
    from snippets.training import train_step

    runs = {run["learning_rate"]: run for run in cached(learning_rate_sweep, **LEARNING_RATES)}
    assert sorted(runs) == [0.001, 0.01, 0.1, 0.5, 1.0, 5.0, 10.0]
    losses = {eta: np.array(run["losses"]) for eta, run in runs.items()}  # rows: epoch 0 … 5; columns: train, val
    accuracy = {eta: run["val_accuracy"] for eta, run in runs.items()}
    start = losses[0.001][0]
    chance = 0.15
    # All runs start from the same loss; only η = 10 stopped, in epoch 1, keeping the epochs it finished.
    assert all(np.allclose(curve[0], start, rtol=1e-6) for curve in losses.values())
    assert [eta for eta, run in runs.items() if run["diverged_at"]] == [10.0]
    assert runs[10.0]["diverged_at"] == 1 and len(losses[10.0]) == 1
    assert all(len(losses[eta]) == LEARNING_RATES["epochs"] + 1 for eta in runs if eta != 10.0)
    # The diverged run is marked at the top of the plot, above every finite loss.
    assert max(curve.max() for curve in losses.values()) < 20
    # Too small: the loss decreases at every epoch (training and validation), but after 5 epochs
    # η = 0.001 is far from trained, worse than every larger working rate after a single epoch.
    for eta in (0.001, 0.01):
        assert np.all(np.diff(losses[eta], axis=0) < 0)
    assert losses[0.001][-1, 0] > start[0] / 2
    assert all(losses[0.001][-1, 0] > losses[eta][1, 0] for eta in (0.01, 0.1, 0.5, 1.0))
    assert accuracy[0.001] < max(accuracy.values()) - 0.2
    # Good: 0.1, 0.5 and 1 drop fastest in the first epoch and keep falling.
    good = (0.1, 0.5, 1.0)
    assert all(losses[eta][1, 0] < losses[0.01][1, 0] / 1.5 for eta in good)
    assert all(losses[eta][-1, 0] < 0.75 * losses[eta][1, 0] for eta in good)
    # The accuracy curve rises to a plateau at 0.5 to 1, the largest rates that still work, then falls off a cliff.
    assert accuracy[0.001] + 0.1 < accuracy[0.01] < accuracy[0.1] - 0.02
    assert min(accuracy[0.5], accuracy[1.0]) > accuracy[0.1] + 0.01
    assert max(accuracy, key=accuracy.get) in (0.5, 1.0)

    # Bumps: the loss rises by more than 5% in one epoch and comes back down later.
    def bumpy(curve):
        return any(curve[e] > 1.05 * curve[e - 1] and curve[e + 1:].min() < curve[e] for e in range(1, len(curve) - 1))

    assert [eta for eta in good if bumpy(losses[eta][:, 0]) or bumpy(losses[eta][:, 1])] == [0.5, 1.0]
    # Too large, stuck: at η = 5 the loss did not explode, it stayed flat near its start, at chance level,
    # with almost every hidden unit dead; already at η = 1 a share died while the rest learned.
    assert np.all(np.abs(losses[5.0] / start - 1) < 0.1)
    assert accuracy[5.0] < chance and runs[5.0]["dead_units"] > 0.9
    assert 0.05 < runs[1.0]["dead_units"] < 0.5 and accuracy[1.0] > 0.9
    assert all(runs[eta]["dead_units"] < runs[1.0]["dead_units"] / 4 for eta in (0.001, 0.01, 0.1, 0.5))
    # Too large, diverged: chance level at η = 10 too.
    assert accuracy[10.0] < chance
    # The loss at η = 10 grew a hundredfold within a few batches, each step overshooting more than the last:
    # the first epoch again (it stops after a few batches), counting the batches.
    batch_losses = []

    def counting_step(*args):
        batch_losses.append(float(train_step(*args)))
        return batch_losses[-1]

    monkeypatch.setattr(experiments, "fit", lambda *args, **kwargs: fit(*args, **kwargs, step=counting_step))
    [again] = learning_rate_sweep(**{**LEARNING_RATES, "learning_rates": [10.0]})
    assert again["diverged_at"] == 1
    assert 2 <= len(batch_losses) <= 5 and batch_losses[-1] > 100 * batch_losses[0]
    assert all(later > 2 * earlier for earlier, later in zip(batch_losses, batch_losses[1:]))


def test_the_chapters_claims_about_the_batch_size():
    """Same η, same epochs: fewer updates and a lower accuracy after each epoch as the batch grows.

    The times per epoch are not checked: they vary with the load of the machine.
    """
    from snippets.figures.hyperparameters import BATCH_SIZES, N_TRAIN

    runs = cached(batch_size_sweep, **BATCH_SIZES)
    assert [run["batch_size"] for run in runs] == [16, 64, 256, 1024]
    for run in runs:
        assert run["updates"] == BATCH_SIZES["epochs"] * -(-N_TRAIN // run["batch_size"])
        assert len(run["val_accuracy"]) == BATCH_SIZES["epochs"]
    for smaller, larger in zip(runs, runs[1:]):
        assert larger["updates"] < smaller["updates"] / 3  # proportionally fewer steps
        # Accuracy after a fixed number of epochs falls with the batch size, after every epoch.
        assert all(b < a - 0.005 for a, b in zip(smaller["val_accuracy"], larger["val_accuracy"]))


def test_the_chapters_claims_about_initialization():
    """Before training: vanishing, saturated, exploding and well-scaled layers; after: who learns and who cannot."""
    from snippets.figures.hyperparameters import INITIALIZATION, activations_at_start
    from snippets.forward import forward
    from snippets.initialization import layer_statistics

    start = {}  # (scheme, hidden) -> (per-layer statistics, hidden activations, output scores)
    for scheme, hidden in INITIALIZATION["schemes"]:
        X, params, activations, layers = activations_at_start(scheme, hidden)
        start[scheme, hidden] = (layer_statistics(X, params, activations), layers, forward(X, params, activations)[0])

    def stat(key, field):
        return np.array([getattr(s, field) for s in start[key][0]])

    def ratios(values):
        return values[1:] / values[:-1]

    # All zeros: every hidden activation is 0.
    assert all(np.all(A == 0) for A in start["zeros", "tanh"][1])
    # All 0.004: the activations neither vanish nor saturate.
    assert np.all(stat(("constant 0.004", "tanh"), "mean") > 0.1)
    assert np.all(stat(("constant 0.004", "tanh"), "saturated") < 1e-3)
    # Too small: each layer multiplies the spread by about 0.16 (tanh) or 0.11 (ReLU), about ten times smaller;
    # by layer 4 hundreds of times smaller than in layer 1; tanh layers 2 to 4 a spike at 0 (narrower than a
    # histogram bin); ReLU ending near 10⁻⁴; the output hardly depends on the input.
    for hidden, factor in (("tanh", 0.16), ("relu", 0.11)):
        std = stat(("std 0.01", hidden), "std")
        assert np.all(np.abs(ratios(std) / factor - 1) < 0.25)
        assert std[0] > 100 * std[-1]
        assert start["std 0.01", hidden][2].std(axis=0).max() < 1e-3
        assert start[("xavier", "tanh") if hidden == "tanh" else ("he", "relu")][2].std(axis=0).min() > 0.05
    assert np.all(stat(("std 0.01", "tanh"), "std")[1:] < 2 / 80)
    last = start["std 0.01", "relu"][1][-1]
    assert 1e-5 < np.median(last[last > 0]) < 1e-3
    # Too large, tanh: pre-activations with a spread of about 10 or more; most entries saturated
    # (f' < 0.01) and almost all activations piled up at -1 and +1.
    X, params, activations, layers = activations_at_start("std 1", "tanh")
    _, cache = forward(X, params, activations)
    assert all(Z.std() > 5 for _, Z in cache)
    assert np.all(stat(("std 1", "tanh"), "saturated") > 0.5)
    assert all(np.mean(np.abs(A) > 0.9) > 0.8 for A in start["std 1", "tanh"][1])
    # Too large, ReLU: the activations grow about tenfold per layer, ending near 10⁴, and so do the scores.
    std = stat(("std 1", "relu"), "std")
    assert np.all((7 < ratios(std)) & (ratios(std) < 15))
    last = start["std 1", "relu"][1][-1]
    assert 1e3 < np.median(last[last > 0]) < 1e5
    assert start["std 1", "relu"][2].std() > 5 * std[-1]
    # Scaled to the layer: the spread stays of the same order in every layer; no tanh unit starts saturated;
    # the He layers overlap around 10⁻¹ to 1.
    for key in (("xavier", "tanh"), ("he", "relu")):
        assert stat(key, "std").max() < 2 * stat(key, "std").min()
    assert np.all(stat(("xavier", "tanh"), "saturated") < 1e-3)
    assert all(0.1 < np.median(A[A > 0]) < 1 for A in start["he", "relu"][1])
    # ReLU is blind to the scale: the three ReLU starts share the same inactive entries and dead units, and
    # multiplying the weights by c = 100 multiplies layer ℓ's activations by c^ℓ.
    relu = [("std 0.01", "relu"), ("he", "relu"), ("std 1", "relu")]
    for field in ("saturated", "dead"):
        assert all(np.allclose(stat(key, field), stat(relu[0], field), atol=1e-3) for key in relu)
    powers = 100.0 ** np.arange(1, 5)
    assert np.allclose(stat(("std 1", "relu"), "std") / stat(("std 0.01", "relu"), "std"), powers, rtol=1e-2)
    # He shows dead units in the deeper layers, not in the first.
    assert stat(("he", "relu"), "dead")[0] == 0 and stat(("he", "relu"), "dead")[-1] > 0.01

    runs = {(run["scheme"], run["activation"]): run for run in cached(initialization_runs, **INITIALIZATION)}
    assert list(runs) == list(INITIALIZATION["schemes"])
    _, _, (_, y_val) = mnist_subset(0)
    digit_shares = [np.mean(y_val == digit) for digit in range(10)]
    # The symmetry measure is 0 for the "all equal" starts, not for the random ones.
    assert all((run["spread_before"] == 0) == (key[0] in ("zeros", "constant 0.004")) for key, run in runs.items())
    # All zeros: not a single weight of W[1] moved; the network gives the same digit for every image.
    zeros = runs["zeros", "tanh"]
    assert zeros["moved"] == 0 and zeros["spread_after"] == 0
    assert len(zeros["val_accuracy"]) == INITIALIZATION["epochs"]
    assert all(np.isclose(digit_shares, accuracy).any() for accuracy in zeros["val_accuracy"])
    # All 0.004 learned: W[1] moved by orders of magnitude more than the spread between its units,
    # which stays at the level of rounding.
    constant = runs["constant 0.004", "tanh"]
    assert constant["val_accuracy"][-1] > constant["val_accuracy"][0] + 0.05 and constant["val_accuracy"][-1] > 0.2
    assert constant["moved"] > 1e-3 and constant["spread_after"] < 1e-3 * constant["moved"]
    # Too small starts learn nothing in 3 epochs: the first layer hardly moves.
    for hidden, scaled in (("tanh", "xavier"), ("relu", "he")):
        small = runs["std 0.01", hidden]
        assert len(small["val_accuracy"]) == INITIALIZATION["epochs"] and max(small["val_accuracy"]) < 0.15
        assert small["moved"] < runs[scaled, hidden]["moved"] / 20
    # Too large: tanh learns poorly; ReLU blew the loss up in the first epoch.
    large_tanh = runs["std 1", "tanh"]
    assert len(large_tanh["val_accuracy"]) == INITIALIZATION["epochs"] and large_tanh["diverged_at"] is None
    assert 0.15 < min(large_tanh["val_accuracy"]) and max(large_tanh["val_accuracy"]) < 0.6
    assert runs["std 1", "relu"]["diverged_at"] == 1 and runs["std 1", "relu"]["val_accuracy"] == []
    # Xavier and He train normally.
    for key in (("xavier", "tanh"), ("he", "relu")):
        assert runs[key]["diverged_at"] is None and runs[key]["val_accuracy"][-1] > 0.85
    assert [key for key, run in runs.items() if run["diverged_at"]] == [("std 1", "relu")]
