"""Gradient descent: walk downhill on a loss surface, one step of size η at a time.

Two surfaces are used. A quadratic bowl L(θ) = ½ θHθᵀ, small enough to draw and to
solve exactly, shows what the learning rate does. Linear regression with the mean
squared error, Ŷ = XW, shows batch, mini-batch and stochastic gradient descent on data.
The update rules themselves live in ``snippets.optimizers``.
"""

import numpy as np

from snippets.losses import mse, mse_grad


# --8<-- [start:two_valleys]
def two_valleys(theta):
    """A 1-D loss with two valleys: L(θ) = θ⁴/4 − θ² + 0.3θ (deeper one on the left)."""
    return 0.25 * theta**4 - theta**2 + 0.3 * theta


def two_valleys_grad(theta):
    """dL/dθ = θ³ − 2θ + 0.3."""
    return theta**3 - 2 * theta + 0.3
# --8<-- [end:two_valleys]


# --8<-- [start:quadratic]
def quadratic(theta, H):
    """L(θ) = ½ θHθᵀ for a row θ: a bowl with its minimum at θ = 0. θ may be a stack of rows."""
    return 0.5 * np.sum((theta @ H) * theta, axis=-1)


def quadratic_grad(theta, H):
    """∂L/∂θ = θH, for symmetric H."""
    return theta @ H
# --8<-- [end:quadratic]


# --8<-- [start:descend]
def descend(grad, theta, optimizer, steps):
    """Take ``steps`` optimizer steps from θ; return every point visited, one row each."""
    theta = np.array(theta, dtype=float)  # a copy: the optimizer updates it in place
    path = [theta.copy()]
    for _ in range(steps):
        optimizer.step([theta], [grad(theta)])
        path.append(theta.copy())
    return np.array(path)


def steps_to_reach(losses, tolerance):
    """The first step at which the loss is below ``tolerance`` (None if it never is)."""
    below = np.flatnonzero(np.asarray(losses) < tolerance)
    return int(below[0]) if below.size else None
# --8<-- [end:descend]


# --8<-- [start:stability]
def largest_stable_learning_rate(H):
    """2 / λ_max: on L = ½ θHθᵀ, gradient descent converges exactly when 0 < η < 2/λ_max.

    Along the eigenvector with eigenvalue λ, each step multiplies θ by (1 − ηλ);
    |1 − ηλ| < 1 for every λ holds when η < 2/λ for the largest λ.
    """
    return 2 / np.linalg.eigvalsh(H).max()
# --8<-- [end:stability]


# --8<-- [start:linear_regression]
def linear_regression_loss(W, X, Y):
    """L(W) = MSE of the predictions Ŷ = XW (one linear unit, no bias)."""
    return mse(X @ W, Y)


def linear_regression_grad(W, X, Y):
    """∂L/∂W = Xᵀ ∂L/∂Ŷ, by the chain rule through Ŷ = XW."""
    return X.T @ mse_grad(X @ W, Y)
# --8<-- [end:linear_regression]


# --8<-- [start:minibatches]
def minibatches(n, batch_size, rng):
    """Index arrays covering 0 … n − 1 once, in a fresh random order (one epoch).

    Every batch has ``batch_size`` indices except possibly the last, which gets the rest.
    """
    order = rng.permutation(n)
    for start in range(0, n, batch_size):
        yield order[start:start + batch_size]
# --8<-- [end:minibatches]


# --8<-- [start:train]
def train_linear_regression(X, Y, W, optimizer, batch_size, epochs, rng):
    """Fit Ŷ = XW by mini-batch gradient descent; W changes in place.

    Yields W after every update, so a caller can watch the loss fall (or just loop).
    batch_size = len(X) is batch gradient descent, batch_size = 1 stochastic.
    """
    for _ in range(epochs):
        for batch in minibatches(len(X), batch_size, rng):
            dW = linear_regression_grad(W, X[batch], Y[batch])
            optimizer.step([W], [dW])
            yield W
# --8<-- [end:train]


# --8<-- [start:data]
def make_regression(m, n, noise, seed):
    """Noisy linear data: rows of X ~ N(0, I), Y = XW* + noise, with a random W* of shape (n, 1)."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(m, n))
    W_true = rng.normal(size=(n, 1))
    Y = X @ W_true + noise * rng.normal(size=(m, 1))
    return X, Y, W_true
# --8<-- [end:data]
