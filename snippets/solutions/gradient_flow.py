"""Solution to the gradient-flow exercise of the "Why deep networks" chapter."""

import numpy as np

from snippets.activations import ACTIVATIONS
from snippets.losses import cross_entropy_grad


# --8<-- [start:residual_gradient_norms]
def residual_gradient_norms(X, Y, params, activation):
    """‖dW^[ℓ]‖ for every layer of a network whose square hidden layers add their input back.

    A hidden layer with n_in = n_out computes A^[ℓ] = A^[ℓ−1] + f(Z^[ℓ]) (a skip
    connection); the others compute f(Z^[ℓ]), and the last layer returns raw scores.
    Backwards, a skip layer hands down dA^[ℓ−1] = dZ^[ℓ] W^[ℓ]ᵀ + dA^[ℓ]: the second
    term reaches the layer below untouched by f' or W.
    """
    f, f_grad = ACTIVATIONS[activation]
    last = len(params) - 1
    skips = [W.shape[0] == W.shape[1] and layer < last for layer, (W, _) in enumerate(params)]
    A, cache = X, []
    for layer, ((W, b), skip) in enumerate(zip(params, skips)):
        Z = A @ W + b
        cache.append((A, Z))
        A = Z if layer == last else A + f(Z) if skip else f(Z)
    dA, norms = cross_entropy_grad(A, Y), []
    for layer in reversed(range(len(params))):
        (A_prev, Z), W, skip = cache[layer], params[layer][0], skips[layer]
        dZ = dA if layer == last else dA * f_grad(Z)
        norms.append(np.linalg.norm(A_prev.T @ dZ))
        dA = dZ @ W.T + (dA if skip else 0)
    return np.array(norms[::-1])
# --8<-- [end:residual_gradient_norms]
