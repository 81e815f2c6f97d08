"""Exercise 2 of the MNIST project: answer only when sure.

probabilities has shape (m, K), one row of class probabilities per example (what
predict_proba returns); labels has shape (m,), the true classes.

Check:  python -m snippets.check mnist-project/accuracy-when-confident accuracy_when_confident.py
"""

import numpy as np


def accuracy_when_confident(probabilities, labels, threshold):
    """(coverage, accuracy), two floats, of a classifier that answers a row only when the row's
    highest probability is at least `threshold` (and says "not sure" otherwise):
    coverage is the share of rows it answers, accuracy its accuracy on the rows it answers,
    float("nan") if it answers none.

    Example: accuracy_when_confident(np.array([[0.9, 0.1], [0.4, 0.6], [0.2, 0.8]]), np.array([0, 0, 1]), 0.7) == (2 / 3, 1.0)
    """
    raise NotImplementedError("accuracy_when_confident: your code goes here")
