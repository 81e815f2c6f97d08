"""Exercise 2 of "Forward propagation": the column convention.

Many books store one example per column and write a layer as z = Wx + b (their W is
our Wᵀ). Keep our params: W of shape (n_in, n_out) and b of shape (n_out,).

Check:  python -m snippets.check forward-propagation/forward-columns forward_columns.py
"""

import numpy as np

from snippets.forward import activation


def forward_columns(X_T, params, activations):
    """The network's output for the batch given as the columns of X_T, shape (n_0, m):
    one example per column, shape (n_L, m).

    It must equal forward(X_T.T, params, activations)[0].T. activation(name) gives the
    pair (f, f') of a layer's activation, or None for "identity".
    """
    raise NotImplementedError("forward_columns: your code goes here")
