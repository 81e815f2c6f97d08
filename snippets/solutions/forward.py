"""Solutions to the exercises of the forward-propagation chapter."""

from snippets.forward import activation, forward


# --8<-- [start:predict]
def predict(X, params, activations):
    """The predicted class of each row of X: the index of its largest output score.

    Softmax is increasing, so the largest score is also the largest probability:
    no need to compute the probabilities to pick the class.
    """
    scores, _ = forward(X, params, activations)
    return scores.argmax(axis=1)
# --8<-- [end:predict]


# --8<-- [start:forward_columns]
def forward_columns(X_T, params, activations):
    """The forward pass in the column convention: examples are the columns of X_T, shape (n_0, m).

    Each layer computes Z = Wᵀ A + bᵀ, the transpose of Z = A W + b, so the result is
    the transpose of forward(X_T.T, ...)[0], shape (n_L, m).
    """
    A = X_T
    for (W, b), name in zip(params, activations, strict=True):
        Z = W.T @ A + b[:, None]  # b as a column, added to every column
        f = activation(name)
        A = Z if f is None else f[0](Z)
    return A
# --8<-- [end:forward_columns]


# --8<-- [start:multiply_adds]
def multiply_adds(sizes, m):
    """Multiply-add operations in one forward pass of m examples through layers sizes[0] → ... → sizes[-1].

    Each entry of Z^[ℓ] (m × n_ℓ of them) is a dot product of length n_{ℓ-1}.
    """
    return m * sum(n_in * n_out for n_in, n_out in zip(sizes[:-1], sizes[1:]))
# --8<-- [end:multiply_adds]
