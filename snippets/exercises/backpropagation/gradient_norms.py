"""Exercise 2 of "Backpropagation": vanishing gradients.

Check:  python -m snippets.check backpropagation/gradient-norms gradient_norms.py
"""

import numpy as np

from snippets.backprop import backward
from snippets.forward import forward, init_params
from snippets.losses import cross_entropy_grad, one_hot


def gradient_norms(activation_name, depth=10, width=32, seed=0):
    """‖dW‖ of every layer, first to last (a list of depth + 1 numbers), for a network of
    `depth` hidden layers of `width` units with the given activation and 10 raw output
    scores, after one forward and backward pass of the cross-entropy on a random batch
    drawn from np.random.default_rng(seed).
    """
    raise NotImplementedError("gradient_norms: your code goes here")
