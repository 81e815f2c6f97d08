"""Exercise 3 of "Activation functions": softplus.

The smooth version of ReLU is softplus(z) = log(1 + e^z). Its derivative is a function
you already know.

Check:  python -m snippets.check activation-functions/softplus softplus.py
"""

import numpy as np

from snippets.activations import sigmoid  # built in "Activation functions", stable at ±1000


def softplus(z):
    """log(1 + e^z) for every entry of z, with no overflow or warning at z = ±1000.

    Example: softplus(np.array([-1000.0, 1000.0])) is array([   0., 1000.])
    """
    raise NotImplementedError("softplus: your code goes here")


def softplus_grad(z):
    """The derivative of softplus, for every entry of z; stable at z = ±1000."""
    raise NotImplementedError("softplus_grad: your code goes here")
