"""Solutions to the exercises of the gradient-descent chapter."""

import numpy as np

from snippets.losses import mse_grad


# --8<-- [start:find_stable_learning_rate]
def find_stable_learning_rate(loss, grad, theta, low, high, steps=1000, iterations=30):
    """The learning rate where gradient descent from θ turns from converging to diverging.

    A run diverges if its loss ever climbs above the starting loss (on a quadratic,
    a stable run never does); stopping there also keeps the numbers from overflowing.
    Bisection then halves [low, high] until the boundary is pinned down.
    """
    start_loss = loss(np.asarray(theta, dtype=float))

    def diverges(learning_rate):
        point = np.array(theta, dtype=float)
        for _ in range(steps):
            point = point - learning_rate * grad(point)
            if loss(point) > start_loss:
                return True
        return False

    for _ in range(iterations):
        middle = (low + high) / 2
        low, high = (low, middle) if diverges(middle) else (middle, high)
    return (low + high) / 2
# --8<-- [end:find_stable_learning_rate]


# --8<-- [start:momentum_path]
def momentum_path(grad, theta, learning_rate, beta, steps):
    """Gradient descent with momentum from θ; returns every point visited, one row each.

    v ← βv − η ∂L/∂θ, then θ ← θ + v, with v = 0 at the start.
    """
    theta = np.array(theta, dtype=float)
    v = np.zeros_like(theta)
    path = [theta]
    for _ in range(steps):
        v = beta * v - learning_rate * grad(theta)
        theta = theta + v
        path.append(theta)
    return np.array(path)
# --8<-- [end:momentum_path]


# --8<-- [start:linear_regression_grads]
def linear_regression_grads(X, Y, W, b):
    """(∂L/∂W, ∂L/∂b) for the MSE of Ŷ = XW + b, b a row added to every example.

    The chain rule through Ŷ gives ∂L/∂W = Xᵀ ∂L/∂Ŷ; b is added to every row, so its
    gradient collects ∂L/∂Ŷ from every example: the column sums.
    """
    dY_hat = mse_grad(X @ W + b, Y)
    return X.T @ dY_hat, dY_hat.sum(axis=0, keepdims=True)
# --8<-- [end:linear_regression_grads]
