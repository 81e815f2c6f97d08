"""Where the weights start, and how to see a bad start: starts that fail, and two measurements.

``forward.init_params`` draws He or Xavier weights, scaled to each layer's size. To see
why, we also need the starts it avoids: every weight equal (all zeros, or any constant),
and normal weights with one fixed spread for every layer, too small or too large. Two
measurements tell the starts apart: statistics of each hidden layer's activations, and
how different the units of a layer are from each other.
"""

from typing import NamedTuple

import numpy as np

from snippets.forward import activation, forward, init_params


# --8<-- [start:params]
def constant_params(sizes, value=0.0, dtype=np.float32):
    """Every weight equal to ``value`` and every bias 0: [(W, b)] shaped as ``init_params`` makes them."""
    return [(np.full((n_in, n_out), value, dtype=dtype), np.zeros(n_out, dtype=dtype))
            for n_in, n_out in zip(sizes[:-1], sizes[1:])]


def normal_params(sizes, std, rng, dtype=np.float32):
    """Weights from a normal distribution N(0, std²), the same ``std`` whatever the layer's size; biases 0."""
    return [(rng.normal(0.0, std, size=(n_in, n_out)).astype(dtype), np.zeros(n_out, dtype=dtype))
            for n_in, n_out in zip(sizes[:-1], sizes[1:])]


def make_params(scheme, sizes, seed):
    """Parameters for a scheme named "zeros", "constant <c>", "std <s>", "he" or "xavier"."""
    kind, _, value = scheme.partition(" ")
    if kind == "zeros":
        return constant_params(sizes, 0.0)
    if kind == "constant":
        return constant_params(sizes, float(value))
    if kind == "std":
        return normal_params(sizes, float(value), np.random.default_rng(seed))
    return init_params(sizes, np.random.default_rng(seed), scheme=kind)
# --8<-- [end:params]


# --8<-- [start:statistics]
class LayerStatistics(NamedTuple):
    mean: float  # of the activations A^[ℓ], over the examples and the units
    std: float
    saturated: float  # share of entries with f'(Z) < 0.01: they pass back less than 1% of the gradient
    dead: float  # share of units with f'(Z) = 0 for every example: none of their weights can learn


def layer_statistics(X, params, activations):
    """``LayerStatistics`` of each hidden layer ℓ = 1 … L − 1, for the batch X."""
    _, cache = forward(X, params, activations)
    statistics = []
    for (_, Z), (A, _), name in zip(cache[:-1], cache[1:], activations):
        f_grad = activation(name)[1](Z)
        statistics.append(LayerStatistics(float(A.mean()), float(A.std()), float(np.mean(f_grad < 0.01)),
                                          float(np.mean(np.all(f_grad == 0, axis=0)))))
    return statistics


def unit_spread(W):
    """The largest difference between two units' weights from the same input: 0 when every unit
    (column of W) is a copy of every other."""
    return float(np.ptp(W, axis=1).max())
# --8<-- [end:statistics]
