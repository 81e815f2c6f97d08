"""Exercise 2 of "The perceptron": one epoch.

Check:  python -m snippets.check perceptron/perceptron-epoch perceptron_epoch.py
"""

from snippets.perceptron import predict, update


def perceptron_epoch(X, y, w, b, learning_rate=1.0):
    """Apply the perceptron rule to the rows of X (m, n) in order, with labels y (m,).

    Return (w, b, mistakes): the new weights and bias, and the number of rows that were
    misclassified when their turn came. Twenty calls from w = 0, b = 0 must give exactly
    what train_perceptron(X, y, epochs=20) returns.
    """
    raise NotImplementedError("perceptron_epoch: your code goes here")
