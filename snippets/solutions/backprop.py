"""Solutions to the exercises of the backpropagation chapter."""

import numpy as np

from snippets.activations import sigmoid
from snippets.backprop import XOR_X, XOR_Y, backward, train_step
from snippets.forward import forward, init_params
from snippets.losses import (binary_cross_entropy_with_logits, binary_cross_entropy_with_logits_grad,
                             cross_entropy_grad, one_hot)
from snippets.optimizers import SGD


# --8<-- [start:xor_cross_entropy]
def train_xor_with_cross_entropy(learning_rate=1.0, epochs=2000, seed=1):
    """The XOR network with a raw-score output trained on binary cross-entropy instead of MSE.

    The output layer is "identity" and the loss takes the score z: its gradient is
    (σ(z) − y)/m, with no σ'(z) factor to shrink it when the output unit is saturated.
    Returns the predicted probabilities σ(z), shape (4, 1), and the loss history.
    """
    activations = ["sigmoid", "identity"]
    params = init_params([3, 4, 1], np.random.default_rng(seed), scheme="xavier", dtype=np.float64)
    optimizer = SGD(learning_rate)
    history = [train_step(XOR_X, XOR_Y, params, activations, optimizer,
                          binary_cross_entropy_with_logits, binary_cross_entropy_with_logits_grad)
               for _ in range(epochs)]
    return sigmoid(forward(XOR_X, params, activations)[0]), np.array(history)
# --8<-- [end:xor_cross_entropy]


# --8<-- [start:gradient_norms]
def gradient_norms(activation_name, depth=10, width=32, seed=0):
    """‖dW^[ℓ]‖ for ℓ = 1 … depth + 1 in a deep network: `depth` hidden layers, 10 output scores.

    One backward pass of the cross-entropy on a random batch; the norm shows how much
    gradient reaches each layer on its way back from the loss.
    """
    rng = np.random.default_rng(seed)
    scheme = "xavier" if activation_name in ("sigmoid", "tanh") else "he"
    params = init_params([width] * (depth + 1) + [10], rng, scheme=scheme, dtype=np.float64)
    activations = [activation_name] * depth + ["identity"]
    X, Y = rng.normal(size=(64, width)), one_hot(rng.integers(0, 10, size=64), 10, dtype=np.float64)
    scores, cache = forward(X, params, activations)
    grads = backward(cross_entropy_grad(scores, Y), cache, params, activations)
    return [float(np.linalg.norm(dW)) for dW, _ in grads]
# --8<-- [end:gradient_norms]


# --8<-- [start:backward_with_l2]
def backward_with_l2(dOut, cache, params, activations, lam):
    """Gradients of L + (λ/2) Σ_ℓ ‖W^[ℓ]‖²: the penalty adds λW to each dW; biases are not penalised."""
    return [(dW + lam * W, db) for (dW, db), (W, _) in zip(backward(dOut, cache, params, activations), params)]
# --8<-- [end:backward_with_l2]
