"""Gradient checking: compare a derivative worked out by hand (or by backpropagation)
with one measured by nudging the input, the yardstick every gradient in this book is
tested against.

The central difference (f(x + h) − f(x − h)) / 2h has error O(h²), so in float64
with h = 1e-6 it agrees with a correct analytic gradient to about 1e-9 relative
error; a wrong gradient is off by far more than 1e-6.
"""

import numpy as np


# --8<-- [start:numerical_gradient]
def numerical_gradient(f, x, h=1e-6):
    """∂f/∂x for a scalar function f of an array x: one central difference per entry."""
    x = np.array(x, dtype=np.float64)  # a float64 copy: we nudge its entries in place
    grad = np.zeros_like(x)
    for index in np.ndindex(x.shape):
        original = x[index]
        x[index] = original + h
        f_plus = f(x)
        x[index] = original - h
        f_minus = f(x)
        x[index] = original
        grad[index] = (f_plus - f_minus) / (2 * h)
    return grad


def relative_error(a, b):
    """max |a − b| / max(|a|, |b|): scale-free, so 1e-6 means about six matching digits."""
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    return float(np.max(np.abs(a - b)) / max(np.max(np.abs(a)), np.max(np.abs(b)), 1e-12))
# --8<-- [end:numerical_gradient]


# --8<-- [start:parameter_gradients]
def numerical_parameter_gradients(loss_of, params):
    """Central differences of a network's loss with respect to every W and b: [(dW, db) per layer].

    ``loss_of(params)`` computes the loss from a list of (W, b) pairs; each array is
    nudged in turn, in a copy of the list, with the others left as they are.
    """
    def loss_with(layer, part, value):  # the loss with params[layer][part] replaced by value
        trial = [list(Wb) for Wb in params]
        trial[layer][part] = value
        return loss_of(trial)

    return [tuple(numerical_gradient(lambda v: loss_with(layer, part, v), params[layer][part]) for part in (0, 1))
            for layer in range(len(params))]
# --8<-- [end:parameter_gradients]


def numerical_derivative(f, z, h=1e-6):
    """Elementwise f'(z) ≈ (f(z + h) − f(z − h)) / 2h for an elementwise function f."""
    z = np.asarray(z, dtype=np.float64)
    return (f(z + h) - f(z - h)) / (2 * h)
