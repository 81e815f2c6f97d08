"""Exercise 2 of "Why deep networks": skip connections.

A hidden layer whose W is square (n_in = n_out) gets a skip connection: it computes
A^[ℓ] = A^[ℓ−1] + f(Z^[ℓ]) instead of f(Z^[ℓ]). The other hidden layers compute f(Z^[ℓ]),
and the output layer returns raw scores Z^[L] for the softmax cross-entropy.

Check:  python -m snippets.check deep-networks/residual-gradient-norms residual_gradient_norms.py
"""

import numpy as np

from snippets.activations import ACTIVATIONS
from snippets.gradient_flow import deep_mlp, layer_gradient_norms  # to compare with
from snippets.losses import cross_entropy_grad


def residual_gradient_norms(X, Y, params, activation):
    """‖dW^[ℓ]‖ for every layer ℓ = 1 … L, an array of shape (L,), after one forward and
    one backward pass of the cross-entropy on the batch X (m, n_0), Y one-hot (m, n_L),
    through the network with these params, `activation` (a name, such as "sigmoid") in
    every hidden layer and skip connections where W is square.
    """
    raise NotImplementedError("residual_gradient_norms: your code goes here")
