"""Exercise 4 of "Types of neural networks": a memory by hand.

Choose the weights of a one-unit RNN (n = n_h = 1) so that its last state tells whether
a sequence of 0s and 1s contained a 1 anywhere.

Check:  python -m snippets.check network-types/seen-a-one seen_a_one.py
"""

import numpy as np

from snippets.rnn import rnn_forward


def seen_a_one(X):
    """For sequences X of 0s and 1s, shape (m, T, 1): a boolean array of shape (m,), True
    for each sequence that contains a 1; computed with rnn_forward and your weights.

    Example: seen_a_one(np.array([[[0.0], [1.0], [0.0]], [[0.0], [0.0], [0.0]]])).tolist() == [True, False]
    """
    raise NotImplementedError("seen_a_one: your code goes here")
