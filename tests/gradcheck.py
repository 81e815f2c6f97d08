"""Central-difference derivatives, the yardstick every analytic gradient is tested against."""

import numpy as np


def numerical_derivative(f, z, h=1e-6):
    """Elementwise f'(z) ≈ (f(z + h) − f(z − h)) / 2h, in float64 (error O(h²))."""
    z = np.asarray(z, dtype=np.float64)
    return (f(z + h) - f(z - h)) / (2 * h)


def numerical_gradient(f, x, h=1e-6):
    """∂f/∂x for a scalar function f of an array x, one central difference per entry."""
    x = np.array(x, dtype=np.float64)
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
    """max |a − b| / max(|a|, |b|, tiny): scale-free, so 1e-6 means six matching digits."""
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    return float(np.max(np.abs(a - b)) / max(np.max(np.abs(a)), np.max(np.abs(b)), 1e-12))
