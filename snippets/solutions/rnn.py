"""Solution to the recurrent-network exercise of the network-types chapter."""

import numpy as np

from snippets.rnn import rnn_forward


# --8<-- [start:seen_a_one]
def seen_a_one(X):
    """True for each sequence of 0s and 1s, shape (m, T, 1), that contains a 1 somewhere.

    One tanh unit, h_t = tanh(20 x_t + 10 h_{t−1} − 5), remembers:
    from h_0 = 0 or h ≈ −1, input 0 gives z ≤ −5, so h ≈ −1 ("no 1 yet");
    input 1 gives z ≥ 20 − 10 − 5 = 5, so h ≈ +1; once h ≈ +1,
    z ≥ 10 − 5 = 5 whatever the input, so h stays ≈ +1 to the end.
    """
    W_xh, W_hh, b = np.array([[20.0]]), np.array([[10.0]]), np.array([-5.0])
    return rnn_forward(X, W_xh, W_hh, b)[:, -1, 0] > 0
# --8<-- [end:seen_a_one]
