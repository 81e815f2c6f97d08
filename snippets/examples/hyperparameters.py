"""The page "Hyper-parameters": its setup, and small runs of the batches, the sweeps and the starting weights."""

from snippets.gradient_descent import minibatches
from snippets.hyperparameters import (ACTIVATIONS, SIZES, batch_size_sweep, learning_rate_sweep, mnist_subset,
                                      train_epochs)
from snippets.initialization import LayerStatistics, constant_params, layer_statistics, normal_params, unit_spread
from snippets.optimizers import SGD

# --8<-- [start:setup]
import math
from typing import NamedTuple

import numpy as np

from snippets.forward import activation, forward, init_params  # built in "Forward propagation"
from snippets.mnist import load_mnist  # the book's MNIST loader
from snippets.training import TrainingDiverged, evaluate, fit  # built in "Overfitting and regularization"
# --8<-- [end:setup]

# --8<-- [start:minibatches]
rng = np.random.default_rng(0)
for batch in minibatches(10, 4, rng):  # N = 10 examples, m = 4
    print("batch:", batch)

batches = list(minibatches(55_000, 128, rng))
print(f"N = 55,000, m = 128: {len(batches)} batches, ⌈N/m⌉ = {math.ceil(55_000 / 128)}, "
      f"the last one of {len(batches[-1])} examples")
# --8<-- [end:minibatches]

# --8<-- [start:sgd]
w, b = np.array([1.0, -2.0]), np.array([0.5])
SGD(learning_rate=0.1).step([w, b], [np.array([0.5, -1.0]), np.array([2.0])])
print("w =", w, " b =", b)  # each moved by −0.1 times its gradient
# --8<-- [end:sgd]

# --8<-- [start:train_epochs]
X, y, validation = mnist_subset(500)
for eta in [0.1, 10.0]:
    params = init_params(SIZES, np.random.default_rng(0))
    val_losses, diverged_at = train_epochs(params, ACTIVATIONS, X, y, eta, epochs=3, batch_size=64, seed=0,
                                           measure=lambda: evaluate(params, ACTIVATIONS, *validation)[0])
    outcome = f"diverged in epoch {diverged_at}" if diverged_at else "ran 3 epochs"
    print(f"η = {eta:g}: {outcome}; validation loss after each finished epoch:",
          " ".join(f"{loss:.3f}" for loss in val_losses) or "none")
# --8<-- [end:train_epochs]

# --8<-- [start:batch_size_sweep]
for run in batch_size_sweep([16, 256], learning_rate=0.1, epochs=2, seed=0, n_train=1_000):
    accuracy = ", ".join(f"{a:.1%}" for a in run["val_accuracy"])
    print(f"m = {run['batch_size']:3}: {run['updates']:3} updates, {np.mean(run['seconds']) * 1000:4.0f} ms per epoch, "
          f"validation accuracy after each epoch {accuracy}")
# --8<-- [end:batch_size_sweep]

# --8<-- [start:params]
sizes = [784, 256, 10]
starts = {"all 0.004": constant_params(sizes, 0.004),
          "N(0, 0.01²)": normal_params(sizes, 0.01, np.random.default_rng(0)),
          "He": init_params(sizes, np.random.default_rng(0), scheme="he")}
for name, params in starts.items():
    print(f"{name:12}", "  ".join(f"W{layer} {W.shape} std {W.std():.4f}" for layer, (W, _) in enumerate(params, 1)))
# --8<-- [end:params]

# --8<-- [start:statistics]
X_val = validation[0][:1_000]  # the 1,000 validation images of the tables below
sizes, tanh = [784, 256, 256, 256, 256, 10], ["tanh"] * 4 + ["identity"]
starts = {"N(0, 0.01²)": normal_params(sizes, 0.01, np.random.default_rng(0)),
          "Xavier": init_params(sizes, np.random.default_rng(0), scheme="xavier"),
          "N(0, 1)": normal_params(sizes, 1.0, np.random.default_rng(0))}
for name, params in starts.items():
    statistics: list[LayerStatistics] = layer_statistics(X_val, params, tanh)
    print(f"{name:12} std of a in layers 1-4:", " ".join(f"{s.std:.3g}" for s in statistics),
          " saturated:", " ".join(f"{s.saturated:.1%}" for s in statistics))
print(f"spread of W[1]'s units: all 0.004 {unit_spread(constant_params(sizes, 0.004)[0][0]):.2g}, "
      f"Xavier {unit_spread(starts['Xavier'][0][0]):.2g}")
# --8<-- [end:statistics]

# --8<-- [start:learning_rate_sweep]
for run in learning_rate_sweep([0.001, 0.01, 0.1, 1.0, 10.0], n_train=500, epochs=1, batch_size=64, seed=0):
    if run["diverged_at"]:
        outcome = f"diverged in epoch {run['diverged_at']}"
    else:
        outcome = f"training loss {run['losses'][-1][0]:.3f}"
    print(f"η = {run['learning_rate']:<5g} {outcome:20}  validation accuracy {run['val_accuracy']:5.1%}, "
          f"dead hidden units {run['dead_units']:.0%}")
# --8<-- [end:learning_rate_sweep]

# --8<-- [start:reproduce-schedule]
import math

import numpy as np

from snippets.gradient_descent import minibatches  # built in "Gradient descent"

rng = np.random.default_rng(0)
for m in [1, 32, 128, 1_024, 55_000]:
    batches = list(minibatches(55_000, m, rng))  # the batches of one epoch over N = 55,000 examples
    print(f"m = {m:6,}: ⌈N/m⌉ = {math.ceil(55_000 / m):6,}, batches {len(batches):6,}, size of the last "
          f"{len(batches[-1]):6,}, updates in 10 epochs {10 * len(batches):7,}")
# --8<-- [end:reproduce-schedule]

# --8<-- [start:reproduce-learning-rate]
from snippets.hyperparameters import learning_rate_sweep  # built in "Hyper-parameters"

for run in learning_rate_sweep(learning_rates=[0.001, 0.01, 0.1, 0.5, 1.0, 5.0, 10.0], n_train=10_000, epochs=5,
                               batch_size=64, seed=0):
    if run["diverged_at"]:
        outcome = f"diverged in epoch {run['diverged_at']}"
    else:
        outcome = "ran 5 epochs, training loss {:.3f}, validation loss {:.3f}".format(*run["losses"][-1])
    print(f"η = {run['learning_rate']:<5g} {outcome:51} validation accuracy {run['val_accuracy']:5.1%}, "
          f"dead hidden units {run['dead_units']:.0%}")
# --8<-- [end:reproduce-learning-rate]

# --8<-- [start:reproduce-batch-size]
from snippets.hyperparameters import batch_size_sweep  # built in "Hyper-parameters"

# The times of each epoch (run["seconds"]) are measured anew on every run: they are not printed here.
for run in batch_size_sweep(batch_sizes=[16, 64, 256, 1_024], learning_rate=0.1, epochs=3, seed=0):
    accuracy = " ".join(f"{a:.1%}" for a in run["val_accuracy"])
    print(f"m = {run['batch_size']:5,}: {run['updates'] // 3:5,} updates per epoch, {run['updates']:6,} in all; "
          f"validation accuracy after each epoch {accuracy}")
# --8<-- [end:reproduce-batch-size]

# --8<-- [start:reproduce-initialization-statistics]
from snippets.hyperparameters import mnist_subset  # built in "Hyper-parameters"
from snippets.initialization import layer_statistics, make_params  # built in "Hyper-parameters"

X_val = mnist_subset(0)[2][0][:1_000]  # the first 1,000 validation images
sizes = [784, 256, 256, 256, 256, 10]
for scheme, hidden in [("zeros", "tanh"), ("constant 0.004", "tanh"), ("std 0.01", "tanh"), ("xavier", "tanh"),
                       ("std 1", "tanh"), ("std 0.01", "relu"), ("he", "relu"), ("std 1", "relu")]:
    statistics = layer_statistics(X_val, make_params(scheme, sizes, 0), [hidden] * 4 + ["identity"])
    print(f"{scheme:14} {hidden}: std of a", " ".join(f"{s.std:.3g}" for s in statistics),
          "| f′(z) < 0.01", " ".join(f"{s.saturated:.1%}" for s in statistics),
          "| dead units", " ".join(f"{s.dead:.1%}" for s in statistics))
# --8<-- [end:reproduce-initialization-statistics]

# --8<-- [start:reproduce-initialization]
from snippets.hyperparameters import initialization_runs  # built in "Hyper-parameters"

schemes = [("zeros", "tanh"), ("constant 0.004", "tanh"), ("std 0.01", "tanh"), ("xavier", "tanh"),
           ("std 1", "tanh"), ("std 0.01", "relu"), ("he", "relu"), ("std 1", "relu")]
for run in initialization_runs(schemes=schemes, sizes=[784, 256, 256, 256, 256, 10], n_train=10_000, epochs=3,
                               batch_size=64, learning_rate=0.05, seed=0):
    accuracy = [f"{a:.0%}" for a in run["val_accuracy"]]
    if run["diverged_at"]:
        print(f"{run['scheme']:14} {run['activation']}: diverged in epoch {run['diverged_at']}; "
              f"spread of W[1]'s units before {run['spread_before']:.2g}")
    else:
        print(f"{run['scheme']:14} {run['activation']}: {' → '.join(accuracy)}; spread of W[1]'s units before "
              f"{run['spread_before']:.2g}, after {run['spread_after']:.2g}; largest change {run['moved']:.2g}")
# --8<-- [end:reproduce-initialization]
