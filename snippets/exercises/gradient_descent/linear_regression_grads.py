"""Exercise 3 of "Gradient descent": linear regression with a bias.

The predictions are Ŷ = XW + b, b a row added to every example, and the loss is the
mean squared error mse(Ŷ, Y).

Check:  python -m snippets.check gradient-descent/linear-regression-grads linear_regression_grads.py
"""

import numpy as np

from snippets.losses import mse, mse_grad


def linear_regression_grads(X, Y, W, b):
    """(dW, db): the gradients of the loss with respect to W and b, shaped like W and b.

    X is (m, n), Y is (m, k), W is (n, k) and b is (1, k).
    """
    raise NotImplementedError("linear_regression_grads: your code goes here")
