"""Exercise 1 of "Training terminology and hyper-parameters": counting iterations.

One update per mini-batch. The last batch of an epoch holds what is left over, and may
be smaller than the others; with drop_last=True it is dropped.

Check:  python -m snippets.check hyperparameters/iterations-per-epoch iterations_per_epoch.py
"""

import math


def iterations_per_epoch(n, batch_size, drop_last=False):
    """The number of updates (an int) in one epoch over n examples in batches of batch_size,
    with the incomplete last batch kept (drop_last=False) or dropped (drop_last=True).

    Example: iterations_per_epoch(1000, 64) == 16
    Example: iterations_per_epoch(1000, 64, drop_last=True) == 15
    """
    raise NotImplementedError("iterations_per_epoch: your code goes here")
