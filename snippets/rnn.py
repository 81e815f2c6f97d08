"""A vanilla recurrent neural network: one cell, applied at every step of a sequence.

A batch of m sequences, each T steps of n features, is an array X of shape (m, T, n);
``X[:, t]`` holds step t of every sequence, shape (m, n). The cell keeps a hidden state
h of n_h numbers per sequence and updates it with the same weights at every step:

    h_t = tanh(x_t W_xh + h_{t−1} W_hh + b),   h_0 = 0

with W_xh (n, n_h), W_hh (n_h, n_h) and b (n_h,). The state is the network's memory:
h_t depends on x_1, …, x_t. Steps are counted from 1 in the formulas and from 0 in
Python: x_t is ``X[:, t − 1]``. The loop runs over time, because step t needs h_{t−1};
every step is still one matrix product for the whole batch.
"""

import numpy as np

from snippets.activations import tanh
from snippets.forward import init_params


# --8<-- [start:init_rnn]
def init_rnn(n_in, n_hidden, rng, dtype=np.float64):
    """(W_xh, W_hh, b): Xavier-initialized input and recurrent weights, zero biases."""
    (W_xh, b), = init_params([n_in, n_hidden], rng, scheme="xavier", dtype=dtype)
    (W_hh, _), = init_params([n_hidden, n_hidden], rng, scheme="xavier", dtype=dtype)
    return W_xh, W_hh, b
# --8<-- [end:init_rnn]


# --8<-- [start:rnn_forward]
def rnn_step(x_t, h_prev, W_xh, W_hh, b):
    """One step for the whole batch: h_t = tanh(x_t W_xh + h_{t−1} W_hh + b), shape (m, n_h).

    x_t (m, n) @ W_xh (n, n_h) brings in the new input; h_prev (m, n_h) @ W_hh (n_h, n_h)
    carries the memory forward.
    """
    return tanh(x_t @ W_xh + h_prev @ W_hh + b)


def rnn_forward(X, W_xh, W_hh, b, h0=None):
    """All hidden states H = (h_1, …, h_T), shape (m, T, n_h), of the RNN run over the sequences X (m, T, n).

    H[:, t − 1] is h_t, the state after reading x_t. The state before the sequence, h0,
    shape (m, n_h), defaults to zeros: no memory before the sequence starts.
    """
    h = np.zeros((len(X), W_hh.shape[0]), dtype=X.dtype) if h0 is None else h0
    states = []
    for t in range(X.shape[1]):
        h = rnn_step(X[:, t], h, W_xh, W_hh, b)
        states.append(h)
    return np.stack(states, axis=1)
# --8<-- [end:rnn_forward]


# --8<-- [start:rnn_backward]
def rnn_backward(dH, X, H, W_hh, h0=None):
    """Backpropagation through time: (dW_xh, dW_hh, db) from dH = ∂L/∂H, shape (m, T, n_h).

    Going back from the last step, the gradient reaching h_t is what the loss puts on
    it directly, dH[:, t], plus what flows back from h_{t+1}. Then, with
    tanh'(z_t) = 1 − h_t² read off the state itself,

        dz_t = dh_t ⊙ (1 − h_t²),   dW_xh += x_tᵀ dz_t,   dW_hh += h_{t−1}ᵀ dz_t,
        db += Σ_rows dz_t,           dh_{t−1} += dz_t W_hhᵀ

    The weights are shared by all steps, so their gradients add up over time.
    """
    h0 = np.zeros_like(H[:, 0]) if h0 is None else h0
    previous = np.concatenate([h0[:, None], H[:, :-1]], axis=1)  # h_{t−1} for every t
    dW_xh = np.zeros((X.shape[2], H.shape[2]), dtype=H.dtype)
    dW_hh, db = np.zeros_like(W_hh), np.zeros(H.shape[2], dtype=H.dtype)
    dh_from_next = np.zeros_like(H[:, 0])
    for t in reversed(range(X.shape[1])):
        dz = (dH[:, t] + dh_from_next) * (1 - H[:, t] ** 2)
        dW_xh += X[:, t].T @ dz
        dW_hh += previous[:, t].T @ dz
        db += dz.sum(axis=0)
        dh_from_next = dz @ W_hh.T
    return dW_xh, dW_hh, db
# --8<-- [end:rnn_backward]
