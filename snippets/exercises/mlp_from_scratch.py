"""Mini-assignment 3: a two-layer network for MNIST, from scratch in NumPy.

    X (m, 784) → Z1 = X W1 + b1 → A1 = ReLU(Z1) (m, h) → scores Z2 = A1 W2 + b2 (m, 10)

trained on the softmax cross-entropy by mini-batch gradient descent. Fill in the six
functions in order; each docstring says what to compute, with the shapes. Check your
work at any time (functions you have not written yet are reported as such):

    python -m snippets.check mlp-from-scratch mlp_from_scratch.py

When every check passes, run this file to train on 10,000 MNIST digits:

    python mlp_from_scratch.py

Use NumPy only: the point is to write every line of the network yourself.
"""

import numpy as np


def init_params(n_in, n_hidden, n_out, seed=0):
    """Random weights and zero biases, as a dict of float32 arrays:

        {"W1": (n_in, n_hidden), "b1": (n_hidden,), "W2": (n_hidden, n_out), "b2": (n_out,)}

    Draw the weights of each layer from a normal distribution with spread √(2 / n_in),
    n_in being that layer's number of inputs (He initialization, made for ReLU), using
    np.random.default_rng(seed): the same seed must give the same weights.

    Example: init_params(784, 64, 10)["W2"].shape == (64, 10)
    """
    raise NotImplementedError("init_params: your code goes here")


def forward(X, params):
    """The forward pass for a batch X of shape (m, n_in): return (scores, cache).

    Z1 = X W1 + b1, A1 = ReLU(Z1) = max(Z1, 0), scores = A1 W2 + b2, of shape (m, n_out).
    The cache is whatever `backward` will need, for example the tuple (X, Z1, A1).
    float32 inputs and parameters give float32 scores.
    """
    raise NotImplementedError("forward: your code goes here")


def loss(scores, y):
    """The mean softmax cross-entropy: one number, −(1/m) Σ_i log softmax(scores_i)[y_i].

    scores has shape (m, K); y holds the m integer labels 0 … K−1, shape (m,). Softmax
    normalises each row (each example) over its K classes. Make it stable: scores of
    ±1000 must give a finite loss (subtract each row's maximum first).
    """
    raise NotImplementedError("loss: your code goes here")


def backward(scores, y, cache, params):
    """The gradient of loss(scores, y) with respect to every parameter, as a dict with
    the keys of params, each gradient of the same shape as its parameter.

    Start from dZ2 = (softmax(scores) − Y) / m, Y being the one-hot rows of y, then go
    back through the second layer (dW2, db2, dA1), the ReLU (dZ1) and the first layer
    (dW1, db1). The checker compares each with a numerical gradient. Where Z1 is exactly
    0 the ReLU has no slope of its own: take ReLU′(0) = 0, as the book does.
    """
    raise NotImplementedError("backward: your code goes here")


def update(params, grads, learning_rate):
    """One step of gradient descent: θ ← θ − η ∂L/∂θ for every parameter θ in params.

    Either change the arrays of params in place (and return nothing) or return a new dict.
    """
    raise NotImplementedError("update: your code goes here")


def train(X, y, n_hidden=64, n_classes=10, epochs=10, batch_size=32, learning_rate=0.1, seed=0):
    """Train a new network on (X, y): return (params, losses), losses holding the mean
    batch loss of each epoch (a list of `epochs` numbers).

    Start from init_params(X.shape[1], n_hidden, n_classes, seed). Each epoch visits
    the examples in a random order, in batches of batch_size, the last one smaller if
    batch_size does not divide len(X); each batch is one forward, loss, backward and
    update. Suggestion: draw a new order every epoch from one generator,
    np.random.default_rng(seed).permutation(len(X)), as the book's solution does.
    """
    raise NotImplementedError("train: your code goes here")


if __name__ == "__main__":
    from snippets.mnist import load_mnist

    data = load_mnist()
    try:
        params, losses = train(data.train_images[:10_000], data.train_labels[:10_000])
        scores, _ = forward(data.test_images, params)
    except NotImplementedError as missing:
        print(f"Not written yet: {missing}. Check your file as you go with\n"
              "    python -m snippets.check mlp-from-scratch mlp_from_scratch.py")
    else:
        print("loss per epoch:", " ".join(f"{value:.3f}" for value in losses))
        print(f"test accuracy: {np.mean(scores.argmax(axis=1) == data.test_labels):.2%}")
