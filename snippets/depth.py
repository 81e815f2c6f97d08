"""What depth buys: functions a deep network computes cheaply, and what trained hidden units respond to.

Two exhibits. The *sawtooth*: a ReLU network with S hidden layers of 2 units each folds
[0, 1] onto itself S times and draws 2^S straight pieces, which a network with one
hidden layer can only draw with 2^S units. And a trained MNIST network, whose hidden
units we describe by the test images that excite them most.
"""

import numpy as np

from snippets.forward import forward, init_params
from snippets.mnist import load_mnist
from snippets.optimizers import Momentum
from snippets.sitebuild.experiments import experiment
from snippets.training import evaluate, fit


# --8<-- [start:sawtooth]
def sawtooth_network(depth):
    """Params and activations of a ReLU network that computes the tent map S = ``depth`` times.

    The tent map τ(x) = 2·ReLU(x) − 4·ReLU(x − ½) is 2x on [0, ½] and 2 − 2x on [½, 1]:
    it folds [0, 1] onto itself. Each hidden layer holds the two ReLUs of one fold; the
    combination 2a₁ − 4a₂ that finishes the fold is merged into the next layer's weights.
    Shape: 1 → 2 → 2 → … → 2 → 1, ``depth`` hidden layers, float64.
    """
    fold = np.array([0.0, -0.5])  # biases of the two ReLUs: kinks at x = 0 and x = ½
    finish = np.array([[2.0], [-4.0]])  # t = 2a₁ − 4a₂
    params = [(np.ones((1, 2)), fold)]
    params += [(finish @ np.ones((1, 2)), fold) for _ in range(depth - 1)]
    params += [(finish, np.zeros(1))]
    return params, ["relu"] * depth + ["identity"]


def count_linear_pieces(y, atol=1e-9):
    """Number of straight pieces of a piecewise linear curve sampled at equally spaced x.

    The slope between neighbouring samples is constant along a piece; every change of
    slope starts a new piece. (Exact when every kink falls on a sample point.)
    """
    slopes = np.diff(y)
    return 1 + int(np.sum(np.abs(np.diff(slopes)) > atol))
# --8<-- [end:sawtooth]


def train_mnist_mlp(sizes, epochs, batch_size, learning_rate, seed):
    """An MNIST classifier with ReLU hidden layers, trained on all 60,000 training images.

    Momentum SGD (β = 0.9), He initialization, softmax cross-entropy. Returns the
    parameters and (test loss, test accuracy). Slow (seconds per epoch): the build
    caches its result (``snippets.sitebuild.experiments``).
    """
    data = load_mnist()
    activations = ["relu"] * (len(sizes) - 2) + ["identity"]
    params = init_params(sizes, np.random.default_rng(seed))
    fit(params, activations, data.train_images, data.train_labels, Momentum(learning_rate, 0.9),
        epochs=epochs, batch_size=batch_size, seed=seed, track_train_accuracy=False, progress=False)
    return params, evaluate(params, activations, data.test_images, data.test_labels)


# --8<-- [start:top_images]
def hidden_activations(X, params, activations):
    """[A^[1], A^[2], …, A^[L]]: every layer's activations for the batch X, each of shape (m, n_ℓ)."""
    output, cache = forward(X, params, activations)
    return [A for A, _ in cache[1:]] + [output]


def top_examples(A, unit, k):
    """Row indices of the k examples that drive column ``unit`` of A highest, strongest first."""
    return np.argsort(A[:, unit], kind="stable")[::-1][:k]


def label_purity(A, labels, k):
    """For each unit (column of A): the share of its k top examples that carry its most common label.

    1.0 means all k examples that excite the unit most are the same digit; about 0.1
    would mean the unit does not care which digit it sees.
    """
    top_labels = labels[np.argsort(A, axis=0, kind="stable")[::-1][:k]]  # (k, n_units)
    counts = np.sum(top_labels[:, :, None] == np.arange(labels.max() + 1), axis=0)  # (n_units, classes)
    return counts.max(axis=1) / k
# --8<-- [end:top_images]


# The build and its tests cache this result (see snippets.sitebuild.experiments); for a reader it is
# a plain call. Wrapped here, below the definition, so that the page shows the definition as it is.
train_mnist_mlp = experiment(train_mnist_mlp)
