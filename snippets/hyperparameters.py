"""Hyper-parameters on real data: what the learning rate, the batch size and the initial
weights do to a network learning MNIST.

Each experiment function trains fresh networks with ``training.fit`` (plain SGD, softmax
cross-entropy) and returns what was measured, as plain lists and numbers. They take
seconds, so the site's build runs each once (the result is cached, see
``snippets.sitebuild.experiments``) and draws its figures and tables from the result.
"""

import math

import numpy as np

from snippets.forward import init_params
from snippets.initialization import layer_statistics, make_params, unit_spread
from snippets.mnist import load_mnist
from snippets.optimizers import SGD
from snippets.sitebuild.experiments import experiment
from snippets.training import TrainingDiverged, evaluate, fit, train_validation_split

# --8<-- [start:data]
SIZES = [784, 128, 10]  # one hidden layer of 128 ReLU units, 10 output scores
ACTIVATIONS = ["relu", "identity"]
N_VALIDATION = 5_000  # held out of the 60,000 training images, as in the MNIST project


def mnist_subset(n_train, seed=0):
    """(X, y) = the first ``n_train`` of the 55,000 training images, and the 5,000 validation images."""
    data = load_mnist()
    (X, y), validation = train_validation_split(data.train_images, data.train_labels, N_VALIDATION, seed)
    return X[:n_train], y[:n_train], validation
# --8<-- [end:data]


# --8<-- [start:learning_rate_sweep]
def train_epochs(params, activations, X, y, learning_rate, epochs, batch_size, seed, measure):
    """Train with SGD one epoch at a time, calling ``measure()`` after each; stop if the loss blows up.

    Returns (the list of measurements, the epoch in which ``fit`` raised TrainingDiverged,
    or None): a run that diverges keeps what it measured before.
    """
    measurements = []
    for epoch in range(1, epochs + 1):
        try:
            fit(params, activations, X, y, SGD(learning_rate), epochs=1, batch_size=batch_size,
                seed=seed + epoch, track_train_accuracy=False, progress=False)
        except TrainingDiverged:
            return measurements, epoch
        measurements.append(measure())
    return measurements, None


def learning_rate_sweep(learning_rates, n_train, epochs, batch_size, seed):
    """For each η, train a fresh 784-128-10 network with SGD(η) from the same initial weights.

    Returns one dict per η: the (training, validation) loss before training and after
    each epoch, the epoch in which the loss blew up (None if it never did), and at the
    end the validation accuracy and the share of dead hidden units.
    """
    X, y, validation = mnist_subset(n_train)
    runs = []
    for eta in learning_rates:
        params = init_params(SIZES, np.random.default_rng(seed))

        def losses():  # on the whole training subset, and on the validation set
            return evaluate(params, ACTIVATIONS, X, y)[0], evaluate(params, ACTIVATIONS, *validation)[0]

        start = losses()
        curve, diverged_at = train_epochs(params, ACTIVATIONS, X, y, eta, epochs, batch_size, seed, losses)
        runs.append({"learning_rate": eta, "losses": [start, *curve], "diverged_at": diverged_at,
                     "val_accuracy": evaluate(params, ACTIVATIONS, *validation)[1],
                     "dead_units": layer_statistics(validation[0], params, ACTIVATIONS)[0].dead})
    return runs
# --8<-- [end:learning_rate_sweep]


# --8<-- [start:batch_size_sweep]
def batch_size_sweep(batch_sizes, learning_rate, epochs, seed, n_train=55_000):
    """For each batch size m, train a fresh 784-128-10 network on the first ``n_train`` training images.

    Same initial weights, same η, same number of epochs; by default all 55,000 training
    images (a few hundred show the effect in seconds). Returns one dict per m: the number
    of updates, the training time of each epoch in seconds (measured by ``fit``, evaluation
    excluded) and the validation accuracy after each epoch.
    """
    X, y, validation = mnist_subset(n_train)
    runs = []
    for m in batch_sizes:
        params = init_params(SIZES, np.random.default_rng(seed))
        history = fit(params, ACTIVATIONS, X, y, SGD(learning_rate), epochs=epochs, batch_size=m,
                      seed=seed, validation=validation, track_train_accuracy=False, progress=False)
        runs.append({"batch_size": m, "updates": epochs * math.ceil(len(X) / m),
                     "seconds": history.seconds, "val_accuracy": history.val_accuracy})
    return runs
# --8<-- [end:batch_size_sweep]


# --8<-- [start:initialization_runs]
def initialization_runs(schemes, sizes, n_train, epochs, batch_size, learning_rate, seed):
    """Train one network per (scheme, hidden activation) in ``schemes``, starting from ``make_params``.

    Returns one dict per scheme: the validation accuracy after each epoch (fewer if the
    loss blew up, in epoch ``diverged_at``), the spread of the first layer's units
    (``unit_spread``) before and after, and the largest change of a first-layer weight.
    """
    X, y, validation = mnist_subset(n_train)
    runs = []
    for scheme, hidden in schemes:
        params = make_params(scheme, sizes, seed)
        activations = [hidden] * (len(sizes) - 2) + ["identity"]
        W1_start = params[0][0].copy()
        accuracies, diverged_at = train_epochs(params, activations, X, y, learning_rate, epochs, batch_size, seed,
                                               lambda: evaluate(params, activations, *validation)[1])
        runs.append({"scheme": scheme, "activation": hidden, "val_accuracy": accuracies,
                     "diverged_at": diverged_at, "spread_before": unit_spread(W1_start),
                     "spread_after": unit_spread(params[0][0]),
                     "moved": float(np.abs(params[0][0] - W1_start).max())})
    return runs
# --8<-- [end:initialization_runs]

# The build and its tests cache these results (see snippets.sitebuild.experiments); for a reader they
# are plain calls. Wrapped here, below their definitions, so that the pages show the definitions as they are.
learning_rate_sweep = experiment(learning_rate_sweep)
batch_size_sweep = experiment(batch_size_sweep)
initialization_runs = experiment(initialization_runs)
