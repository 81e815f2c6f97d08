"""Exercise 3 of "Overfitting and regularization": Monte Carlo dropout.

Leave dropout on to predict: run the network many times, each time with fresh random
masks, and look at the spread of the predictions as well as their mean.

Check:  python -m snippets.check regularization/mc-dropout mc_dropout.py
"""

import numpy as np

from snippets.activations import softmax
from snippets.dropout import dropout_masks, forward_with_dropout


def mc_dropout_predict(X, params, activations, keep_prob, rng, samples):
    """(mean, std): the mean and the standard deviation, over `samples` forward passes
    of X (m, n) with dropout masks drawn from rng, of the class probabilities; both of
    shape (m, K). With keep_prob=1 the mean equals training.predict_proba.
    """
    raise NotImplementedError("mc_dropout_predict: your code goes here")
