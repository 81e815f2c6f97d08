"""Exercise 3 of "Loss functions": two classes are a special case.

softmax((0, z)) = (1 − σ(z), σ(z)): a score z for class 1 is the two-class score row (0, z).

Check:  python -m snippets.check loss-functions/bce-as-cross-entropy bce_as_cross_entropy.py
"""

import numpy as np

from snippets.losses import cross_entropy, one_hot


def bce_as_cross_entropy(z, y):
    """The binary cross-entropy of scores z and labels y in {0, 1} (both of shape (m,)),
    computed with cross_entropy on two-class scores; it equals
    binary_cross_entropy_with_logits(z, y).
    """
    raise NotImplementedError("bce_as_cross_entropy: your code goes here")
