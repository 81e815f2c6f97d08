"""Solutions to the exercises of the perceptron chapter."""

import numpy as np

from snippets.perceptron import GATE_INPUTS, GATE_WEIGHTS, predict, train_perceptron, update


# --8<-- [start:train_nand]
def train_nand(epochs=20):
    """Train a perceptron on NAND (1 unless both inputs are 1); return the learned w and b."""
    nand = np.array([1.0, 1.0, 1.0, 0.0])  # the truth table, in the order of GATE_INPUTS
    w, b, _ = train_perceptron(GATE_INPUTS, nand, epochs=epochs)
    return w, b
# --8<-- [end:train_nand]


# --8<-- [start:perceptron_epoch]
def perceptron_epoch(X, y, w, b, learning_rate=1.0):
    """One pass of the perceptron rule over the rows of X, in order; returns w, b and the number of mistakes."""
    mistakes = 0
    for x_i, y_i in zip(X, y):
        mistakes += int(predict(x_i, w, b) != y_i)
        w, b = update(x_i, y_i, w, b, learning_rate)
    return w, b, mistakes
# --8<-- [end:perceptron_epoch]


# --8<-- [start:xnor_network]
NOR = (np.array([-1.0, -1.0]), 0.5)  # fires only when x₁ + x₂ ≤ 0.5, that is for (0, 0)


def xnor_network(X):
    """XNOR(x₁, x₂) = OR(AND(x₁, x₂), NOR(x₁, x₂)): 1 when the inputs agree."""
    hidden = np.column_stack([predict(X, *GATE_WEIGHTS["AND"]), predict(X, *NOR)])
    return predict(hidden, *GATE_WEIGHTS["OR"])
# --8<-- [end:xnor_network]
