"""Mini-assignment 3: a two-layer network for MNIST, every step written out.

    X (m, 784) → Z1 = X W1 + b1 → A1 = ReLU(Z1) (m, h) → scores Z2 = A1 W2 + b2 (m, 10)

trained on the softmax cross-entropy by mini-batch gradient descent. ``snippets.forward``
and ``snippets.backprop`` do the same for any number of layers; here the two layers are
spelled out line by line, the way the learner writes them. Parameters live in a dict
{"W1", "b1", "W2", "b2"}, and every gradient has the shape of its parameter.
"""

import time

import numpy as np

from snippets import forward as layers
from snippets.activations import relu, relu_grad
from snippets.gradient_descent import minibatches
from snippets.losses import cross_entropy, cross_entropy_grad, one_hot
from snippets.mnist import load_mnist
from snippets.optimizers import SGD


# --8<-- [start:init_params]
def init_params(n_in, n_hidden, n_out, seed=0):
    """{"W1": (n_in, n_hidden), "b1": (n_hidden,), "W2": (n_hidden, n_out), "b2": (n_out,)}, float32.

    He initialization (spread √(2/n_in)) suits the ReLU hidden layer; biases start at 0.
    """
    (W1, b1), (W2, b2) = layers.init_params([n_in, n_hidden, n_out], np.random.default_rng(seed))
    return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}
# --8<-- [end:init_params]


# --8<-- [start:forward]
def forward(X, params):
    """The scores Z2, shape (m, n_out), and the cache (X, Z1, A1) that ``backward`` needs."""
    Z1 = X @ params["W1"] + params["b1"]
    A1 = relu(Z1)
    scores = A1 @ params["W2"] + params["b2"]
    return scores, (X, Z1, A1)
# --8<-- [end:forward]


# --8<-- [start:loss]
def loss(scores, y):
    """Mean softmax cross-entropy of the scores (m, K) against the integer labels y (m,)."""
    return cross_entropy(scores, one_hot(y, scores.shape[1], scores.dtype))
# --8<-- [end:loss]


# --8<-- [start:backward]
def backward(scores, y, cache, params):
    """∂L/∂θ for every parameter θ: a dict with the keys and shapes of ``params``."""
    X, Z1, A1 = cache
    dZ2 = cross_entropy_grad(scores, one_hot(y, scores.shape[1], scores.dtype))  # (softmax − Y) / m
    dZ1 = (dZ2 @ params["W2"].T) * relu_grad(Z1)  # back through W2, then through the ReLU
    return {"W1": X.T @ dZ1, "b1": dZ1.sum(axis=0), "W2": A1.T @ dZ2, "b2": dZ2.sum(axis=0)}
# --8<-- [end:backward]


# --8<-- [start:update]
def update(params, grads, learning_rate):
    """One step of gradient descent, in place: θ ← θ − η ∂L/∂θ for every parameter."""
    SGD(learning_rate).step([params[name] for name in params], [grads[name] for name in params])
# --8<-- [end:update]


# --8<-- [start:train]
def train(X, y, n_hidden=64, n_classes=10, epochs=10, batch_size=32, learning_rate=0.1, seed=0):
    """Train a new network on (X, y) by mini-batch gradient descent: (params, mean loss of each epoch)."""
    params = init_params(X.shape[1], n_hidden, n_classes, seed)
    rng = np.random.default_rng(seed)
    epoch_losses = []
    for _ in range(epochs):
        batch_losses = []
        for batch in minibatches(len(X), batch_size, rng):
            scores, cache = forward(X[batch], params)
            batch_losses.append(loss(scores, y[batch]))
            update(params, backward(scores, y[batch], cache, params), learning_rate)
        epoch_losses.append(float(np.mean(batch_losses)))
    return params, epoch_losses
# --8<-- [end:train]


# --8<-- [start:main]
def run(n_train=10_000):
    """Train with the defaults on the first n_train MNIST digits: the epoch losses, test accuracy and seconds."""
    data = load_mnist()
    start = time.perf_counter()
    params, epoch_losses = train(data.train_images[:n_train], data.train_labels[:n_train])
    seconds = time.perf_counter() - start
    scores, _ = forward(data.test_images, params)
    return {"losses": epoch_losses, "accuracy": float(np.mean(scores.argmax(axis=1) == data.test_labels)),
            "seconds": seconds}


def main():
    result = run()
    print("loss per epoch:", " ".join(f"{value:.3f}" for value in result["losses"]))
    print(f"test accuracy: {result['accuracy']:.2%} after {result['seconds']:.1f} s of training")
# --8<-- [end:main]


if __name__ == "__main__":
    main()
