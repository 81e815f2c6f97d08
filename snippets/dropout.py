"""Dropout: during training, silence each hidden unit at random, so that no unit can rely on another.

*Inverted* dropout keeps each hidden activation with probability p (``keep_prob``) and
divides the survivors by p. Written as a mask D with entries 1/p (kept) or 0 (dropped),
a hidden layer's output becomes A ⊙ D. Because E[D] = p · 1/p = 1, the expected output of
every unit is unchanged, so at evaluation time dropout is simply switched off: the network
used for predictions is the plain one, deterministic, with nothing to rescale.
"""

import numpy as np

from snippets.forward import activation, dense


# --8<-- [start:mask]
def dropout_mask(shape, keep_prob, rng, dtype=np.float32):
    """D with entries 1/p (probability p) or 0 (probability 1 − p): E[D] = 1, entry by entry."""
    keep = rng.random(shape) < keep_prob
    return keep.astype(dtype) / keep_prob  # a Python float: float32 stays float32


def inverted_dropout(A, keep_prob, rng, training=True):
    """A ⊙ D while training; A itself, untouched, when evaluating (or when nothing is dropped)."""
    if not training or keep_prob == 1:
        return A
    return A * dropout_mask(A.shape, keep_prob, rng, A.dtype)
# --8<-- [end:mask]


# --8<-- [start:forward]
def dropout_masks(m, params, keep_prob, rng):
    """One fresh mask per hidden layer for a batch of m examples: shapes (m, n_ℓ), ℓ = 1 … L − 1."""
    return [dropout_mask((m, W.shape[1]), keep_prob, rng, W.dtype) for W, _ in params[:-1]]


def forward_with_dropout(X, params, activations, masks):
    """``forward.forward``, with the output of hidden layer ℓ multiplied by masks[ℓ − 1].

    The cache is forward's [(A^[ℓ-1], Z^[ℓ])], where A^[ℓ-1] is the masked output that the
    next layer really received. With ``masks = []`` this is exactly ``forward``.
    """
    A, cache = X, []
    for layer, ((W, b), name) in enumerate(zip(params, activations, strict=True)):
        Z, A_next = dense(A, W, b, name)
        cache.append((A, Z))
        A = A_next * masks[layer] if layer < len(masks) else A_next
    return A, cache
# --8<-- [end:forward]


# --8<-- [start:backward]
def backward_with_dropout(dOut, cache, params, activations, masks):
    """Gradients [(dW, db) per layer] of a network run by ``forward_with_dropout`` with these masks.

    This is ``backprop.backward`` with one line added: a unit dropped in the forward pass
    passed nothing on, so no gradient flows back through it, and a kept unit's output was
    scaled by 1/p, so its gradient is too: dA^[ℓ] ← dA^[ℓ] ⊙ D^[ℓ]. (``backward`` cannot be
    reused as it is: it runs from the loss to the input in one go, and the mask must act
    between two of its layers.)
    """
    grads = [None] * len(params)
    dA = dOut
    for layer in reversed(range(len(params))):
        (A_prev, Z), (W, _), f = cache[layer], params[layer], activation(activations[layer])
        if layer < len(masks):
            dA = dA * masks[layer]  # the added line
        dZ = dA if f is None else dA * f[1](Z)
        grads[layer] = (A_prev.T @ dZ, dZ.sum(axis=0))
        if layer > 0:
            dA = dZ @ W.T
    return grads
# --8<-- [end:backward]
