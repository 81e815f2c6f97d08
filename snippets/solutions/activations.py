"""Solutions to the exercises of the activation-functions chapter."""

import numpy as np

from snippets.activations import sigmoid


# --8<-- [start:sigmoid_via_tanh]
def sigmoid_via_tanh(z):
    """σ(z) = (1 + tanh(z/2)) / 2, which follows from tanh(u) = 2σ(2u) − 1 with u = z/2.

    np.tanh never overflows, so this form is stable for any z as well.
    """
    return 0.5 * (1 + np.tanh(0.5 * np.asarray(z, dtype=float)))
# --8<-- [end:sigmoid_via_tanh]


# --8<-- [start:log_sigmoid]
def log_sigmoid(z):
    """log σ(z) = −log(1 + e^(−z)), computed as −logaddexp(0, −z).

    np.logaddexp(a, b) = log(e^a + e^b) factors out the larger exponent itself,
    so log σ(−1000) = −1000 exactly, where log(sigmoid(−1000)) = log(0) = −inf.
    """
    return -np.logaddexp(0, -np.asarray(z, dtype=float))
# --8<-- [end:log_sigmoid]


# --8<-- [start:softplus]
def softplus(z):
    """softplus(z) = log(1 + e^z), a smooth ReLU; = logaddexp(0, z), stable for any z."""
    return np.logaddexp(0, np.asarray(z, dtype=float))


def softplus_grad(z):
    """d/dz log(1 + e^z) = e^z / (1 + e^z) = σ(z): the derivative of softplus is the sigmoid."""
    return sigmoid(z)
# --8<-- [end:softplus]


# --8<-- [start:parameter_counts]
def parameter_counts(sizes):
    """(parameters of the stack of linear layers, parameters of the single collapsed layer).

    A layer from n_in to n_out units has n_in·n_out weights and n_out biases; the collapsed
    layer maps the n₀ inputs straight to the n_L outputs.
    """
    stack = sum(n_in * n_out + n_out for n_in, n_out in zip(sizes[:-1], sizes[1:]))
    return stack, sizes[0] * sizes[-1] + sizes[-1]
# --8<-- [end:parameter_counts]
