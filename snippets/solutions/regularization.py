"""Solutions to the exercises of the overfitting-and-regularization chapter."""

import numpy as np

from snippets.activations import softmax
from snippets.dropout import dropout_masks, forward_with_dropout


# --8<-- [start:weight_decay_step]
def weight_decay_step(W, dW, learning_rate, lam):
    """One SGD step on the L2-penalised loss, W − η(dW + λW), written as decay then step: (1 − ηλ)W − η dW."""
    return (1 - learning_rate * lam) * W - learning_rate * dW
# --8<-- [end:weight_decay_step]


# --8<-- [start:max_norm]
def max_norm(W, c):
    """W with every column (one unit's incoming weights) longer than c scaled back to length c."""
    norms = np.linalg.norm(W, axis=0, keepdims=True)
    return W * np.minimum(1, c / np.maximum(norms, 1e-12))  # the floor avoids 0/0 for an all-zero column
# --8<-- [end:max_norm]


# --8<-- [start:mc_dropout]
def mc_dropout_predict(X, params, activations, keep_prob, rng, samples):
    """Class probabilities averaged over ``samples`` forward passes, each with fresh dropout masks.

    Returns the mean, shape (m, K), and the standard deviation across the passes, a measure
    of how much the prediction depends on which units happen to be kept.
    """
    runs = np.stack([softmax(forward_with_dropout(X, params, activations,
                                                  dropout_masks(len(X), params, keep_prob, rng))[0])
                     for _ in range(samples)])
    return runs.mean(axis=0), runs.std(axis=0)
# --8<-- [end:mc_dropout]
