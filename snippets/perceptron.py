"""Rosenblatt's perceptron: a neuron with a step activation, and the rule that trains it.

The perceptron predicts 1 when x·w + b ≥ 0 and 0 otherwise. It learns online, one
example at a time, and only from its mistakes: each wrong prediction moves the
boundary x·w + b = 0 towards the misclassified example.
"""

import numpy as np

from snippets.neuron import neuron

# --8<-- [start:gates]
# The four possible inputs of a two-input logic gate, one per row ...
GATE_INPUTS = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=np.float64)
# ... and the output each gate gives for them (its truth table).
LOGIC_GATES = {
    "AND": np.array([0, 0, 0, 1], dtype=np.float64),
    "OR": np.array([0, 1, 1, 1], dtype=np.float64),
    "XOR": np.array([0, 1, 1, 0], dtype=np.float64),
}
# --8<-- [end:gates]


# --8<-- [start:predict]
def step(z):
    """step(z) = 1 if z ≥ 0 else 0 (at exactly 0 the perceptron fires)."""
    return np.heaviside(z, 1.0)


def predict(X, w, b):
    """ŷ = step(x·w + b) for each row of X: a neuron whose activation is a step."""
    return neuron(X, w, b, activation=step)
# --8<-- [end:predict]


# --8<-- [start:train]
def update(x, y, w, b, learning_rate=1.0):
    """The perceptron rule for one example: w ← w + η(y − ŷ)x, b ← b + η(y − ŷ).

    y − ŷ is 0 when the prediction is right (nothing changes), +1 when the perceptron
    said 0 but should have said 1 (w moves towards x), −1 the other way round.
    """
    error = y - predict(x, w, b)
    return w + learning_rate * error * x, b + learning_rate * error


def train_perceptron(X, y, learning_rate=1.0, epochs=20, rng=None):
    """Run the perceptron rule over the examples in order, ``epochs`` times.

    Starts from w = 0, b = 0, or from small random values if a NumPy Generator
    ``rng`` is given. Returns the final w and b and, per epoch, how many examples
    were misclassified when it was their turn (0 means the epoch changed nothing).
    """
    w = np.zeros(X.shape[1]) if rng is None else rng.normal(scale=0.1, size=X.shape[1])
    b = 0.0 if rng is None else rng.normal(scale=0.1)
    mistakes = []
    for _ in range(epochs):
        wrong = 0
        for x_i, y_i in zip(X, y):  # online: each example updates w and b before the next is seen
            wrong += predict(x_i, w, b) != y_i
            w, b = update(x_i, y_i, w, b, learning_rate)
        mistakes.append(int(wrong))
    return w, b, mistakes
# --8<-- [end:train]


# --8<-- [start:xor_network]
# Weights set by hand: each line x·w + b = 0 separates a gate's ones from its zeros.
GATE_WEIGHTS = {
    "AND": (np.array([1.0, 1.0]), -1.5),
    "OR": (np.array([1.0, 1.0]), -0.5),
    "NAND": (np.array([-1.0, -1.0]), 1.5),
}


def xor_network(X):
    """XOR(x₁, x₂) = AND(OR(x₁, x₂), NAND(x₁, x₂)): two perceptrons feed a third.

    Returns the hidden layer's outputs (one column per hidden perceptron) and the
    network's prediction.
    """
    hidden = np.column_stack([predict(X, *GATE_WEIGHTS["OR"]), predict(X, *GATE_WEIGHTS["NAND"])])
    return hidden, predict(hidden, *GATE_WEIGHTS["AND"])
# --8<-- [end:xor_network]
