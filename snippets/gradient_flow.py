"""How the gradient reaches the early layers of a deep network, measured layer by layer.

Backpropagation multiplies the gradient, on its way down through layer ℓ, by f'(Z^[ℓ])
and by W^[ℓ]ᵀ. When those factors are small, the product shrinks geometrically with
depth: the first layers get almost no gradient and learn almost nothing. Here we
measure ‖dW^[ℓ]‖ for every layer, with the forward and backward passes of the
earlier chapters, and train deep networks to see what that does to learning.
"""

import numpy as np

from snippets.backprop import backward, train_step
from snippets.forward import activation, forward, init_params
from snippets.gradient_descent import minibatches
from snippets.losses import cross_entropy_grad, one_hot
from snippets.mnist import load_mnist
from snippets.optimizers import SGD
from snippets.sitebuild.experiments import experiment
from snippets.training import evaluate

# --8<-- [start:deep_mlp]
# The initialization made for each activation (see ``init_params``).
SCHEME = {"sigmoid": "xavier", "tanh": "xavier", "relu": "he"}


def deep_mlp(n_in, width, depth, n_out, activation, rng, scheme=None):
    """A fresh MLP with ``depth`` layers of weights: n_in → width → … → width → n_out.

    The ``depth − 1`` hidden layers use ``activation``; the output layer gives raw scores
    for softmax cross-entropy. The initialization defaults to the one made for the
    activation: He for ReLU, Xavier for sigmoid and tanh. Returns (params, activations).
    """
    sizes = [n_in] + [width] * (depth - 1) + [n_out]
    params = init_params(sizes, rng, scheme=scheme or SCHEME[activation])
    return params, [activation] * (depth - 1) + ["identity"]
# --8<-- [end:deep_mlp]


# --8<-- [start:gradient_norms]
def layer_gradient_norms(X, Y, params, activations):
    """‖dW^[ℓ]‖ for ℓ = 1, …, L, shape (L,): how much gradient each layer's weights receive.

    One forward and one backward pass of the cross-entropy on the batch (X, Y);
    ‖·‖ is the Frobenius norm, the square root of the sum of the squared entries.
    """
    logits, cache = forward(X, params, activations)
    grads = backward(cross_entropy_grad(logits, Y), cache, params, activations)
    return np.array([np.linalg.norm(dW) for dW, _ in grads])
# --8<-- [end:gradient_norms]


def mean_derivatives(X, params, activations):
    """The mean of f'(Z^[ℓ]) over the batch and the units, for each hidden layer ℓ, shape (L − 1,)."""
    _, cache = forward(X, params, activations)
    return np.array([activation(name)[1](Z).mean() for (_, Z), name in zip(cache, activations) if name != "identity"])


def training_run(activation, depth, width, steps, batch_size, learning_rate, seed):
    """Train a fresh ``deep_mlp`` on MNIST with plain SGD: (loss of each step, test accuracy).

    The first ``steps × batch_size`` training images (at most 60,000) are visited once,
    in random order, ``batch_size`` at a time. Cheap enough to run inside the build.
    """
    data = load_mnist()
    rng = np.random.default_rng(seed)
    params, activations = deep_mlp(784, width, depth, 10, activation, rng)
    X, Y = data.train_images, one_hot(data.train_labels, 10)
    optimizer = SGD(learning_rate)
    losses = [float(train_step(X[batch], Y[batch], params, activations, optimizer))
              for batch in minibatches(steps * batch_size, batch_size, rng)]
    return np.array(losses), evaluate(params, activations, data.test_images, data.test_labels)[1]


# The build and its tests cache this result (see snippets.sitebuild.experiments); for a reader it is
# a plain call. Wrapped here, below the definition, so that the page shows the definition as it is.
training_run = experiment(training_run)
