"""Solution to the depth exercise of the "Why deep networks" chapter."""

import numpy as np


# --8<-- [start:shallow_sawtooth]
def shallow_sawtooth(depth):
    """Params and activations of a 1 → 2^S → 1 ReLU network equal to ``sawtooth_network(S)`` on [0, 1].

    The sawtooth has 2^S pieces of width 2^−S, with slope +2^S on even pieces and −2^S on
    odd ones. Unit j computes ReLU(x − j/2^S) and so adds its output weight to the slope
    from x = j/2^S on: unit 0 sets the first slope, 2^S; every later unit flips the sign
    by adding ∓2·2^S.
    """
    n = 2**depth
    j = np.arange(n)
    W1, b1 = np.ones((1, n)), -j / n
    W2 = np.where(j == 0, n, 2 * n * (-1.0) ** j)[:, None]
    return [(W1, b1), (W2, np.zeros(1))], ["relu", "identity"]
# --8<-- [end:shallow_sawtooth]
