"""Solutions to the exercises of the chapter "What is a neural network"."""

import numpy as np

from snippets.neuron import neuron


# --8<-- [start:hidden_width_for_budget]
def hidden_width_for_budget(n_in, n_out, budget):
    """The widest hidden layer h such that the network n_in → h → n_out has at most ``budget`` parameters.

    The network has (n_in·h + h) + (h·n_out + n_out) = h·(n_in + n_out + 1) + n_out
    parameters, which grows by n_in + n_out + 1 with every extra hidden neuron.
    """
    return max(0, (budget - n_out) // (n_in + n_out + 1))
# --8<-- [end:hidden_width_for_budget]


# --8<-- [start:logic_neurons]
def not_neuron(X):
    """NOT x for each row of X (shape (m, 1)): σ(−20x + 10) is σ(10) ≈ 1 for x = 0, σ(−10) ≈ 0 for x = 1."""
    return neuron(X, np.array([-20.0]), 10.0)


def and_neuron(X):
    """x₁ AND x₂ for each row of X (shape (m, 2)): the sum 20x₁ + 20x₂ − 30 is positive only when both are 1.

    The sums are −30, −10, −10, +10: the bias sits between one input on and two,
    and large weights push σ close to 0 or 1.
    """
    return neuron(X, np.array([20.0, 20.0]), -30.0)
# --8<-- [end:logic_neurons]


# --8<-- [start:pixel_index]
def pixel_index(row, col, width=28):
    """The input neuron that sees pixel (row, col): rows are laid end to end, ``width`` pixels each."""
    return width * row + col


def pixel_position(index, width=28):
    """The (row, col) of the pixel that input neuron ``index`` sees: the inverse of ``pixel_index``."""
    return divmod(index, width)
# --8<-- [end:pixel_index]
