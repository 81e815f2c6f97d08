"""Solutions to the exercises of the loss-functions chapter."""

import numpy as np

from snippets.activations import softmax, softmax_jacobian
from snippets.losses import cross_entropy, log_softmax, one_hot


# --8<-- [start:cross_entropy_from_labels]
def cross_entropy_from_labels(logits, labels):
    """Cross-entropy with integer labels (m,) instead of one-hot rows: −mean_i log softmax(z_i)[labels_i].

    Multiplying by a one-hot row only picks one entry, so pick it directly.
    """
    return -log_softmax(logits)[np.arange(len(labels)), labels].mean()
# --8<-- [end:cross_entropy_from_labels]


# --8<-- [start:grad_via_jacobian]
def grad_via_jacobian(z, y):
    """∂Lᵢ/∂z for one example, Lᵢ = −Σ_k y_k log ŷ_k with ŷ = softmax(z), by the chain rule.

    ∂Lᵢ/∂ŷ_k = −y_k / ŷ_k, and ∂Lᵢ/∂z_j = Σ_k (∂ŷ_k/∂z_j)(∂Lᵢ/∂ŷ_k) = (Jᵀ ∂Lᵢ/∂ŷ)_j.
    """
    return softmax_jacobian(z).T @ (-y / softmax(z))
# --8<-- [end:grad_via_jacobian]


# --8<-- [start:bce_as_cross_entropy]
def bce_as_cross_entropy(z, y):
    """Binary cross-entropy from scores z (m,) and labels y (m,) in {0, 1}, via the K = 2 cross-entropy.

    softmax([0, z]) = [1 − σ(z), σ(z)]: a score z for class 1 is the two-class score row [0, z].
    """
    two_class_logits = np.column_stack([np.zeros_like(z), z])
    return cross_entropy(two_class_logits, one_hot(np.asarray(y, dtype=int), 2, dtype=two_class_logits.dtype))
# --8<-- [end:bce_as_cross_entropy]
