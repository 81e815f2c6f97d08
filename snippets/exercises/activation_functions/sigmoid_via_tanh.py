"""Exercise 1 of "Activation functions": sigmoid from tanh.

Show that σ(z) = (1 + tanh(z/2)) / 2, then compute σ with np.tanh and arithmetic only.

Check:  python -m snippets.check activation-functions/sigmoid-via-tanh sigmoid_via_tanh.py
"""

import numpy as np


def sigmoid_via_tanh(z):
    """σ(z) for every entry of the array z, from np.tanh; stable at z = ±1000.

    Example: sigmoid_via_tanh(np.array([0.0])) is array([0.5])
    """
    raise NotImplementedError("sigmoid_via_tanh: your code goes here")
