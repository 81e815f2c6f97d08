"""Solutions to the exercises of the hyper-parameters chapter."""

import math

import numpy as np


# --8<-- [start:iterations_per_epoch]
def iterations_per_epoch(n, batch_size, drop_last=False):
    """Updates in one epoch over n examples: ⌈n/m⌉, or ⌊n/m⌋ when the incomplete last batch is dropped."""
    return n // batch_size if drop_last else math.ceil(n / batch_size)
# --8<-- [end:iterations_per_epoch]


# --8<-- [start:xavier_uniform]
def xavier_uniform(n_in, n_out, rng, dtype=np.float32):
    """W of shape (n_in, n_out) uniform on [−r, r] with r = √(6/(n_in + n_out)).

    A uniform distribution on [−r, r] has variance r²/3 = 2/(n_in + n_out): Xavier's variance.
    """
    r = math.sqrt(6 / (n_in + n_out))
    return rng.uniform(-r, r, size=(n_in, n_out)).astype(dtype)
# --8<-- [end:xavier_uniform]


# --8<-- [start:step_decay]
def step_decay(learning_rate, epoch, drop=0.5, every=10):
    """η for epoch 0, 1, 2, …: the initial η multiplied by ``drop`` once every ``every`` epochs."""
    return learning_rate * drop ** (epoch // every)
# --8<-- [end:step_decay]
