"""Reference solutions: the exercises of the MNIST project (measuring a trained classifier)."""

import numpy as np


# --8<-- [start:top_k_accuracy]
def top_k_accuracy(probabilities, labels, k):
    """The share of rows whose true label is among the row's k highest probabilities."""
    top_k = np.argsort(probabilities, axis=1)[:, -k:]  # argsort is ascending: the k highest come last
    return float(np.mean(np.any(top_k == labels[:, None], axis=1)))
# --8<-- [end:top_k_accuracy]


# --8<-- [start:accuracy_when_confident]
def accuracy_when_confident(probabilities, labels, threshold):
    """(coverage, accuracy) of a classifier that answers only when its highest probability is
    at least ``threshold``: the share of rows it answers, and its accuracy on those rows
    (NaN if it answers none)."""
    answered = probabilities.max(axis=1) >= threshold
    if not answered.any():
        return 0.0, float("nan")
    correct = probabilities[answered].argmax(axis=1) == labels[answered]
    return float(answered.mean()), float(correct.mean())
# --8<-- [end:accuracy_when_confident]


# --8<-- [start:expected_calibration_error]
def expected_calibration_error(probabilities, labels, n_bins=10):
    """Σ over bins of (share of rows in the bin) × |accuracy in the bin − mean confidence in it|.

    A row's confidence is its highest probability; bin i holds the confidences in
    [i / n_bins, (i + 1) / n_bins), the last bin also 1.0. Empty bins add nothing.
    """
    confidence = probabilities.max(axis=1)
    correct = probabilities.argmax(axis=1) == labels
    bins = np.minimum((confidence * n_bins).astype(int), n_bins - 1)
    error = 0.0
    for b in np.unique(bins):
        in_bin = bins == b
        error += in_bin.mean() * abs(correct[in_bin].mean() - confidence[in_bin].mean())
    return float(error)
# --8<-- [end:expected_calibration_error]
