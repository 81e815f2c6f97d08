"""Exercise 1 of the MNIST project: top-k accuracy.

probabilities has shape (m, K), one row of class probabilities per example (what
predict_proba returns); labels has shape (m,), the true classes.

Check:  python -m snippets.check mnist-project/top-k-accuracy top_k_accuracy.py
"""

import numpy as np


def top_k_accuracy(probabilities, labels, k):
    """The share of rows whose true label is among the row's k highest probabilities, a float.

    With k = 1 this is the ordinary accuracy; with k = K it is 1.0.

    Example: top_k_accuracy(np.array([[0.1, 0.6, 0.3], [0.5, 0.2, 0.3]]), np.array([2, 1]), 2) == 0.5
    """
    raise NotImplementedError("top_k_accuracy: your code goes here")
