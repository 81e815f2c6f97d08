"""Exercise 1 of "Why deep networks": the same sawtooth with one hidden layer.

sawtooth_network(S) draws 2^S straight pieces with S hidden layers of 2 ReLU units.
Draw the same curve on [0, 1] with one hidden layer.

Check:  python -m snippets.check deep-networks/shallow-sawtooth shallow_sawtooth.py
"""

import numpy as np

from snippets.depth import count_linear_pieces, sawtooth_network  # to compare with
from snippets.forward import forward


def shallow_sawtooth(depth):
    """(params, activations) of a 1 → 2^depth → 1 network, params = [(W1, b1), (W2, b2)]
    with W1 (1, 2^depth), b1 (2^depth,), W2 (2^depth, 1), b2 (1,), and activations
    ["relu", "identity"], whose output equals sawtooth_network(depth)'s for every x in [0, 1].
    """
    raise NotImplementedError("shallow_sawtooth: your code goes here")
