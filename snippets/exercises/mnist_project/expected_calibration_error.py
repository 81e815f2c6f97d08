"""Exercise 3 of the MNIST project: is 90% sure right 90% of the time?

probabilities has shape (m, K), one row of class probabilities per example (what
predict_proba returns); labels has shape (m,), the true classes.

Check:  python -m snippets.check mnist-project/expected-calibration-error expected_calibration_error.py
"""

import numpy as np


def expected_calibration_error(probabilities, labels, n_bins=10):
    """The expected calibration error, a float: the sum over bins of
    (share of all rows in the bin) × |accuracy of the bin's rows − their mean confidence|.

    A row's confidence is its highest probability, its answer the class of that probability.
    Bin i holds the rows with confidence in [i / n_bins, (i + 1) / n_bins); the last bin also
    holds confidence 1.0. Empty bins add nothing.

    Example: expected_calibration_error(np.array([[0.9, 0.1], [0.3, 0.7]]), np.array([0, 0]), 10) is close to 0.4
    (two bins of one row each: 0.5 × |1 − 0.9| + 0.5 × |0 − 0.7|)
    """
    raise NotImplementedError("expected_calibration_error: your code goes here")
