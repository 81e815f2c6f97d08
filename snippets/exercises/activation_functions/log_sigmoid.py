"""Exercise 2 of "Activation functions": a stable log-sigmoid.

np.log(sigmoid(z)) returns -inf for z = -1000, although log σ(-1000) ≈ -1000.

Check:  python -m snippets.check activation-functions/log-sigmoid log_sigmoid.py
"""

import numpy as np


def log_sigmoid(z):
    """log σ(z) for every entry of z, finite and warning-free for any finite z.

    Example: log_sigmoid(np.array([-1000.0])) is array([-1000.])
    """
    raise NotImplementedError("log_sigmoid: your code goes here")
