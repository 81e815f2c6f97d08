"""Exercise 2 of "Training terminology and hyper-parameters": Xavier, uniform.

Draw the weights from a uniform distribution on [−r, r], with r chosen so that their
variance is Xavier's, 2/(n_in + n_out).

Check:  python -m snippets.check hyperparameters/xavier-uniform xavier_uniform.py
"""

import math

import numpy as np


def xavier_uniform(n_in, n_out, rng, dtype=np.float32):
    """A weight matrix of shape (n_in, n_out) and dtype `dtype`, every entry drawn from
    the uniform distribution on [−r, r] with the random generator rng.

    Example: xavier_uniform(3, 5, np.random.default_rng(0)).shape == (3, 5)
    """
    raise NotImplementedError("xavier_uniform: your code goes here")
