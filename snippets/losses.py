"""Loss functions: one number saying how wrong a batch of predictions is, and its gradient.

Each loss is the mean over the examples of a per-example loss ℓ(ŷ, y), and each
``*_grad`` returns ∂L/∂ŷ, an array shaped like the predictions.
"""

import numpy as np


# --8<-- [start:mse]
def mse(Y_hat, Y):
    """Mean squared error: L = (1/N) Σ (ŷ − y)², averaged over all N entries of Y."""
    return np.mean((Y_hat - Y) ** 2)


def mse_grad(Y_hat, Y):
    """∂L/∂Ŷ = 2(Ŷ − Y) / N: each prediction is pushed towards its target."""
    return 2 * (Y_hat - Y) / Y.size
# --8<-- [end:mse]
