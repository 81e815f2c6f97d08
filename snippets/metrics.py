"""Measuring a classifier beyond accuracy: the confusion matrix, precision and recall."""

import numpy as np


# --8<-- [start:confusion_matrix]
def confusion_matrix(y_true, y_pred, n_classes):
    """C[i, j] = how many examples of true class i were predicted as class j.

    The diagonal counts the correct predictions; row i shows where class i's examples went.
    """
    return np.bincount(y_true * n_classes + y_pred, minlength=n_classes * n_classes).reshape(n_classes, n_classes)


def precision_recall(confusion):
    """Per class k: precision = C[k, k] / Σ_i C[i, k] (of the predictions "k", how many were right)
    and recall = C[k, k] / Σ_j C[k, j] (of the true k's, how many were found)."""
    correct = np.diag(confusion).astype(np.float64)
    with np.errstate(invalid="ignore", divide="ignore"):  # a class never predicted: precision undefined (NaN)
        return correct / confusion.sum(axis=0), correct / confusion.sum(axis=1)
# --8<-- [end:confusion_matrix]
