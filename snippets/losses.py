"""Loss functions: one number saying how wrong a batch of predictions is, and its gradient.

Each loss is the mean over the examples of a per-example loss ℓ(ŷ, y), and each
``*_grad`` returns the gradient of the loss with respect to its first argument (the
predictions, or the scores they come from), an array of that shape. The classification
losses come in two forms: on probabilities (clipped, for plots and for models that
output probabilities) and on raw scores, "logits" (exact and stable: use these to train).
"""

import numpy as np

from snippets.activations import sigmoid, softmax


# --8<-- [start:mse]
def mse(Y_hat, Y):
    """Mean squared error: the average of (ŷ − y)² over all m·n_L entries of Y."""
    return np.mean((Y_hat - Y) ** 2)


def mse_grad(Y_hat, Y):
    """∂L/∂Ŷ = 2(Ŷ − Y) / (m·n_L): each prediction is pushed towards its target."""
    return 2 * (Y_hat - Y) / Y.size
# --8<-- [end:mse]


# --8<-- [start:binary_cross_entropy]
def binary_cross_entropy(p, y, eps=1e-7):
    """BCE on probabilities: L = −mean(y log p + (1 − y) log(1 − p)), p = predicted P(y = 1).

    A confident wrong answer, p = 0 for y = 1, costs −log 0 = ∞. Clipping p to
    [eps, 1 − eps] caps that cost at −log eps ≈ 16 and keeps log from warning; the price
    is that a clipped p has zero gradient. When you have the score z with p = σ(z),
    use ``binary_cross_entropy_with_logits`` instead: it needs no clipping at all.
    """
    p = np.clip(p, eps, 1 - eps)
    return -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))
# --8<-- [end:binary_cross_entropy]


# --8<-- [start:bce_with_logits]
def binary_cross_entropy_with_logits(z, y):
    """BCE of p = σ(z), computed from the score z: ℓ = max(z, 0) − yz + log(1 + e^(−|z|)).

    Algebra: −log σ(z) = log(1 + e^(−z)) and −log(1 − σ(z)) = log(1 + e^z), so
    ℓ = log(1 + e^z) − yz; writing log(1 + e^z) = max(z, 0) + log(1 + e^(−|z|)) only
    exponentiates −|z| ≤ 0. Nothing overflows, and ℓ is exact even at z = ±1000.
    """
    return np.mean(np.maximum(z, 0) - y * z + np.log1p(np.exp(-np.abs(z))))


def binary_cross_entropy_with_logits_grad(z, y):
    """∂L/∂z = (σ(z) − y) / z.size: prediction minus target, nothing else."""
    return (sigmoid(z) - y) / np.size(z)
# --8<-- [end:bce_with_logits]


# --8<-- [start:log_softmax]
def log_softmax(Z):
    """log softmax(Z), row by row: Z − max − log Σ_j e^(Z_j − max), never −∞ for finite Z.

    Subtracting the row's maximum makes the largest exponent e^0 = 1, so the sum lies
    in [1, K] and its log is finite; no probability is formed, so none can round to 0.
    """
    shifted = Z - Z.max(axis=-1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))
# --8<-- [end:log_softmax]


# --8<-- [start:cross_entropy]
def cross_entropy(logits, Y):
    """Categorical cross-entropy from scores: L = −(1/m) Σ_i Σ_k Y_ik log softmax(Z_i)_k.

    ``logits`` Z has shape (m, K), one row of raw scores per example; Y is one-hot, (m, K).
    Only the true class's log-probability survives the sum over k.
    """
    return -np.sum(Y * log_softmax(logits)) / len(logits)


def cross_entropy_grad(logits, Y):
    """∂L/∂Z = (softmax(Z) − Y) / m, shape (m, K): the famous ŷ − y, averaged over the batch."""
    return (softmax(logits) - Y) / len(logits)
# --8<-- [end:cross_entropy]


# --8<-- [start:categorical_cross_entropy]
def categorical_cross_entropy(P, Y, eps=1e-7):
    """Cross-entropy of probability rows P, shape (m, K): −(1/m) Σ_i Σ_k Y_ik log P_ik.

    P is clipped at eps for the same reason as in ``binary_cross_entropy``. Prefer
    ``cross_entropy`` on logits: a probability that rounded to 0 has lost its information.
    """
    return -np.sum(Y * np.log(np.clip(P, eps, 1.0))) / len(P)
# --8<-- [end:categorical_cross_entropy]


# --8<-- [start:one_hot]
def one_hot(labels, K, dtype=np.float32):
    """Labels (m,) with values in 0..K−1 -> one-hot rows (m, K): row i is 1 at column labels[i]."""
    return np.eye(K, dtype=dtype)[labels]
# --8<-- [end:one_hot]
