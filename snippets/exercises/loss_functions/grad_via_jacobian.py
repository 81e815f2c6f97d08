"""Exercise 2 of "Loss functions": the long way round.

Check:  python -m snippets.check loss-functions/grad-via-jacobian grad_via_jacobian.py
"""

import numpy as np

from snippets.activations import softmax, softmax_jacobian


def grad_via_jacobian(z, y):
    """∂Lᵢ/∂z for one example, z and the one-hot y of shape (K,), by the chain rule: the
    gradient of Lᵢ = −Σ_k y_k log ŷ_k with respect to ŷ = softmax(z), multiplied by the
    softmax Jacobian. The result has shape (K,) and equals softmax(z) − y.
    """
    raise NotImplementedError("grad_via_jacobian: your code goes here")
