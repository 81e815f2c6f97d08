"""Exercise 2 of "Gradient descent": momentum by hand.

Check:  python -m snippets.check gradient-descent/momentum-path momentum_path.py
"""

import numpy as np


def momentum_path(grad, theta, learning_rate, beta, steps):
    """Every point visited by gradient descent with momentum, v ← βv − η grad(θ) then
    θ ← θ + v, starting from theta with zero velocity: an array of shape
    (steps + 1, len(theta)) whose first row is theta. Do not use the Momentum class.
    """
    raise NotImplementedError("momentum_path: your code goes here")
