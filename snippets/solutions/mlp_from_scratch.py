"""Mini-assignment 3: a two-layer network for MNIST, every step written out.

    X (m, 784) → Z1 = X W1 + b1 → A1 = ReLU(Z1) (m, h) → scores Z2 = A1 W2 + b2 (m, 10)

trained on the softmax cross-entropy by mini-batch gradient descent. ``snippets.forward``
and ``snippets.backprop`` do the same for any number of layers; here the two layers are
spelled out line by line in NumPy alone, as the task asks of the learner. Parameters live
in a dict {"W1", "b1", "W2", "b2"}, and every gradient has the shape of its parameter.
"""

import time

import numpy as np


# --8<-- [start:init_params]
def init_params(n_in, n_hidden, n_out, seed=0):
    """{"W1": (n_in, n_hidden), "b1": (n_hidden,), "W2": (n_hidden, n_out), "b2": (n_out,)}, float32.

    He initialization (spread √(2/n_in) of each layer's own n_in) suits the ReLU hidden
    layer; biases start at 0.
    """
    rng = np.random.default_rng(seed)
    W1 = rng.normal(0.0, np.sqrt(2 / n_in), size=(n_in, n_hidden)).astype(np.float32)
    W2 = rng.normal(0.0, np.sqrt(2 / n_hidden), size=(n_hidden, n_out)).astype(np.float32)
    return {"W1": W1, "b1": np.zeros(n_hidden, np.float32), "W2": W2, "b2": np.zeros(n_out, np.float32)}
# --8<-- [end:init_params]


# --8<-- [start:forward]
def forward(X, params):
    """The scores Z2, shape (m, n_out), and the cache (X, Z1, A1) that ``backward`` needs."""
    Z1 = X @ params["W1"] + params["b1"]
    A1 = np.maximum(Z1, 0)  # ReLU
    scores = A1 @ params["W2"] + params["b2"]
    return scores, (X, Z1, A1)
# --8<-- [end:forward]


def log_softmax(scores):
    """log softmax of each row, computed after subtracting the row's maximum so that no exp overflows."""
    shifted = scores - scores.max(axis=1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))


# --8<-- [start:loss]
def loss(scores, y):
    """Mean softmax cross-entropy of the scores (m, K) against the integer labels y (m,)."""
    return -log_softmax(scores)[np.arange(len(y)), y].mean()
# --8<-- [end:loss]


# --8<-- [start:backward]
def backward(scores, y, cache, params):
    """∂L/∂θ for every parameter θ: a dict with the keys and shapes of ``params``."""
    X, Z1, A1 = cache
    Y = np.eye(scores.shape[1], dtype=scores.dtype)[y]  # one-hot rows
    dZ2 = (np.exp(log_softmax(scores)) - Y) / len(y)  # (softmax − Y) / m
    dZ1 = (dZ2 @ params["W2"].T) * (Z1 > 0)  # back through W2, then through the ReLU
    return {"W1": X.T @ dZ1, "b1": dZ1.sum(axis=0), "W2": A1.T @ dZ2, "b2": dZ2.sum(axis=0)}
# --8<-- [end:backward]


# --8<-- [start:update]
def update(params, grads, learning_rate):
    """One step of gradient descent, in place: θ ← θ − η ∂L/∂θ for every parameter."""
    for name in params:
        params[name] -= learning_rate * grads[name]
# --8<-- [end:update]


# --8<-- [start:train]
def train(X, y, n_hidden=64, n_classes=10, epochs=10, batch_size=32, learning_rate=0.1, seed=0):
    """Train a new network on (X, y) by mini-batch gradient descent: (params, mean loss of each epoch)."""
    params = init_params(X.shape[1], n_hidden, n_classes, seed)
    rng = np.random.default_rng(seed)
    epoch_losses = []
    for _ in range(epochs):
        order = rng.permutation(len(X))  # a new random order every epoch
        batch_losses = []
        for start in range(0, len(X), batch_size):
            batch = order[start:start + batch_size]
            scores, cache = forward(X[batch], params)
            batch_losses.append(loss(scores, y[batch]))
            update(params, backward(scores, y[batch], cache, params), learning_rate)
        epoch_losses.append(float(np.mean(batch_losses)))
    return params, epoch_losses
# --8<-- [end:train]


# --8<-- [start:main]
def run(n_train=10_000):
    """Train with the defaults on the first n_train MNIST digits: the epoch losses, test accuracy and seconds."""
    from snippets.mnist import load_mnist  # the book's loader: the data, not the network

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
