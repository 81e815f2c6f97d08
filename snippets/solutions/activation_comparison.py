"""Mini-assignment 2: train the same network with each activation function and compare.

Everything but the activation is held fixed: the same training digits, a 784 → h → 10
network whose weights come from the same seed, the same mini-batches in the same
order, the same learning rate and number of steps. The learner adds an activation of
their own, Mish, and runs it through the same experiment.
"""

import math

import numpy as np

from snippets.activations import ACTIVATIONS, sigmoid
from snippets.backprop import train_step
from snippets.forward import init_params
from snippets.gradient_descent import minibatches
from snippets.losses import one_hot
from snippets.mnist import load_mnist
from snippets.optimizers import SGD
from snippets.training import evaluate

# --8<-- [start:mish]
def mish(z):
    """Mish(z) = z·tanh(softplus(z)): smooth like Swish, with the same dip below zero.

    softplus(z) = log(1 + e^z) = log(e⁰ + e^z) is np.logaddexp(0, z), which never forms e^z;
    tanh never overflows.
    """
    return z * np.tanh(np.logaddexp(0, z))


def mish_grad(z):
    """Mish'(z) = tanh(s) + z·(1 − tanh²(s))·σ(z), with s = softplus(z), since s'(z) = σ(z)."""
    t = np.tanh(np.logaddexp(0, z))
    return t + z * (1 - t * t) * sigmoid(z)
# --8<-- [end:mish]


# --8<-- [start:experiment]
# The seven activations of the chapter, in its order, with the names the registry knows them by.
NAMES = ["sigmoid", "tanh", "relu", "leaky_relu", "elu", "swish", "gelu"]


def train_with_activation(name, functions=None, n_train=10_000, n_hidden=128, epochs=3, batch_size=64,
                          learning_rate=0.1, checkpoints_per_epoch=5, seed=0):
    """Train 784 → n_hidden → 10 with the hidden activation ``name`` on the first n_train digits.

    ``functions`` = (f, f_grad) for an activation the registry lacks, lent to it under ``name``
    for this run. The weights come from ``seed``, scaled for the activation (Xavier for sigmoid
    and tanh, He for the ReLU family); so does the order of the batches. Returns a dict: the
    training accuracy before training and ``checkpoints_per_epoch`` times per epoch (and the
    epoch of each), and the final test accuracy.
    """
    if functions is not None and name in ACTIVATIONS:
        raise ValueError(f"{name!r} is already an activation of the registry: pick another name")
    data = load_mnist()
    X, y = data.train_images[:n_train], data.train_labels[:n_train]
    Y = one_hot(y, 10, dtype=X.dtype)
    if functions is not None:
        ACTIVATIONS[name] = functions
    try:
        scheme = "xavier" if name in ("sigmoid", "tanh") else "he"
        params = init_params([X.shape[1], n_hidden, 10], np.random.default_rng(seed), scheme=scheme)
        activations, optimizer, rng = [name, "identity"], SGD(learning_rate), np.random.default_rng(seed)
        steps_per_epoch = math.ceil(n_train / batch_size)
        every = math.ceil(steps_per_epoch / checkpoints_per_epoch)
        result = {"name": name, "epoch": [0.0], "train_accuracy": [evaluate(params, activations, X, y)[1]]}
        for epoch in range(epochs):
            for step, batch in enumerate(minibatches(n_train, batch_size, rng), start=1):
                train_step(X[batch], Y[batch], params, activations, optimizer)
                if step % every == 0 or step == steps_per_epoch:
                    result["epoch"].append(epoch + step / steps_per_epoch)
                    result["train_accuracy"].append(evaluate(params, activations, X, y)[1])
        result["test_accuracy"] = evaluate(params, activations, data.test_images, data.test_labels)[1]
        return result
    finally:
        if functions is not None:
            del ACTIVATIONS[name]


def compare_activations(names=tuple(NAMES), extra=None, **settings):
    """``train_with_activation`` for each name, then for each of your own: ``extra`` = {name: (f, f_grad)}."""
    return ([train_with_activation(name, **settings) for name in names]
            + [train_with_activation(name, pair, **settings) for name, pair in (extra or {}).items()])
# --8<-- [end:experiment]


# --8<-- [start:summary]
def summary(results):
    """The final table: header and one row of strings per activation."""
    header = ["activation", "final training accuracy", "test accuracy"]
    rows = [[r["name"], f"{r['train_accuracy'][-1]:.2%}", f"{r['test_accuracy']:.2%}"] for r in results]
    return header, rows


def main():
    header, rows = summary(compare_activations(extra={"mish": (mish, mish_grad)}))
    for row in [header, *rows]:
        print("  ".join(f"{cell:>23}" for cell in row))
# --8<-- [end:summary]


if __name__ == "__main__":
    main()
