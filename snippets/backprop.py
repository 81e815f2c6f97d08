"""Backpropagation: the chain rule, applied layer by layer from the loss back to the input.

For each layer ℓ = L, ..., 1, with dA = ∂L/∂A^[ℓ] arriving from the layer above
(m examples, n_ℓ units in layer ℓ):

    dZ      = dA ⊙ f'(Z)     (m, n_ℓ)
    dW      = A_prevᵀ dZ     (n_{ℓ-1}, n_ℓ)
    db      = Σ_rows dZ      (n_ℓ,)
    dA_prev = dZ Wᵀ          (m, n_{ℓ-1}), handed down to layer ℓ − 1

``dW`` stands for ∂L/∂W, and so on: every gradient has the shape of what it is the gradient of.
"""

import numpy as np

from snippets.forward import activation, forward, init_params
from snippets.gradcheck import numerical_parameter_gradients, relative_error
from snippets.losses import cross_entropy, cross_entropy_grad, mse, mse_grad
from snippets.optimizers import SGD


# --8<-- [start:backward]
def backward(dOut, cache, params, activations):
    """Gradients [(dW, db) for each layer] of the loss, from dOut = ∂L/∂A^[L], shape (m, n_L).

    ``cache`` is the list of (A^[ℓ-1], Z^[ℓ]) that ``forward`` returned. For an "identity"
    output layer A^[L] = Z^[L], so with cross-entropy on logits dOut is already
    dZ^[L] = (softmax(Z^[L]) − Y)/m. The 1/m of the mean loss is inside dOut, so summing
    over the rows of the batch (in A_prevᵀ dZ and in db) averages over the examples.
    """
    grads = [None] * len(params)
    dA = dOut
    for layer in reversed(range(len(params))):
        (A_prev, Z), (W, _), f = cache[layer], params[layer], activation(activations[layer])
        dZ = dA if f is None else dA * f[1](Z)
        grads[layer] = (A_prev.T @ dZ, dZ.sum(axis=0))
        if layer > 0:  # the input X needs no gradient: skip the largest matrix product
            dA = dZ @ W.T
    return grads
# --8<-- [end:backward]


# --8<-- [start:train_step]
def train_step(X, Y, params, activations, optimizer, loss=cross_entropy, loss_grad=cross_entropy_grad):
    """One step of training on the batch (X, Y): forward pass, loss, backward pass, update.

    ``optimizer`` is one of ``snippets.optimizers`` (SGD(η) is θ ← θ − η ∂L/∂θ); it changes
    every W and b in place. Returns the loss on the batch, measured before the update.
    """
    Y_hat, cache = forward(X, params, activations)
    grads = backward(loss_grad(Y_hat, Y), cache, params, activations)
    optimizer.step([p for layer in params for p in layer], [g for layer in grads for g in layer])
    return loss(Y_hat, Y)
# --8<-- [end:train_step]


# --8<-- [start:gradient_check]
def gradient_check(X, Y, params, activations, loss=cross_entropy, loss_grad=cross_entropy_grad):
    """Relative error between backward's gradients and central differences: [(error in dW, error in db)].

    Use float64 parameters: in float32 the central difference itself is good to only ~1e-3.
    """
    Y_hat, cache = forward(X, params, activations)
    grads = backward(loss_grad(Y_hat, Y), cache, params, activations)
    numeric = numerical_parameter_gradients(lambda trial: loss(forward(X, trial, activations)[0], Y), params)
    return [(relative_error(dW, num_dW), relative_error(db, num_db))
            for (dW, db), (num_dW, num_db) in zip(grads, numeric, strict=True)]
# --8<-- [end:gradient_check]


# --8<-- [start:xor]
XOR_X = np.array([[0, 0, 1], [0, 1, 1], [1, 0, 1], [1, 1, 1]], dtype=np.float64)
XOR_Y = np.array([[0], [1], [1], [0]], dtype=np.float64)  # a column: XOR of the first two inputs


def train_xor_network(learning_rate=0.1, epochs=10_000, seed=1):
    """The chapter's XOR network: 3 inputs, 4 sigmoid hidden units, 1 sigmoid output, trained
    on XOR_X, XOR_Y by full-batch gradient descent on the mean squared error.

    Weights are drawn by ``init_params`` (Xavier, as suits sigmoid units) from
    np.random.default_rng(seed). Returns the 4 final predictions (shape (4, 1)), the loss
    before each epoch (shape (epochs,)) and the prediction for the unseen input [1, 0, 0].
    """
    activations = ["sigmoid", "sigmoid"]
    params = init_params([3, 4, 1], np.random.default_rng(seed), scheme="xavier", dtype=np.float64)
    optimizer = SGD(learning_rate)
    history = [train_step(XOR_X, XOR_Y, params, activations, optimizer, mse, mse_grad) for _ in range(epochs)]
    predictions = forward(XOR_X, params, activations)[0]
    unseen = forward(np.array([[1.0, 0.0, 0.0]]), params, activations)[0]
    return predictions, np.array(history), unseen.item()
# --8<-- [end:xor]
