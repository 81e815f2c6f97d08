"""Exercise 1 of "Gradient descent": find the stable learning rate by experiment.

Check:  python -m snippets.check gradient-descent/find-stable-learning-rate find_stable_learning_rate.py
"""

import numpy as np


def find_stable_learning_rate(loss, grad, theta, low, high, steps=1000, iterations=30):
    """The learning rate at which gradient descent from theta turns from converging to
    diverging, found by `iterations` bisection steps between `low` (converges) and
    `high` (diverges); each trial runs at most `steps` steps of θ ← θ − η grad(θ).

    loss(θ) and grad(θ) are functions of an array θ. On a quadratic bowl the answer is
    close to largest_stable_learning_rate(H) = 2 / λ_max.
    """
    raise NotImplementedError("find_stable_learning_rate: your code goes here")
