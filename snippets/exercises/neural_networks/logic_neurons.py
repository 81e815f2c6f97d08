"""Exercise 2 of "What is a neural network": logic from one neuron.

Choose weights and a bias so that one sigmoid neuron, `neuron(X, w, b)`, computes a
logic gate on inputs that are 0 or 1, each output within 1e-4 of the truth table.

Check:  python -m snippets.check neural-networks/logic-neurons logic_neurons.py
"""

import numpy as np

from snippets.neuron import neuron


def not_neuron(X):
    """NOT x for each row of X, shape (m, 1): 1 for x = 0, 0 for x = 1; returns shape (m,).

    Example: not_neuron(np.array([[0.0], [1.0]])) is close to array([1., 0.])
    """
    raise NotImplementedError("not_neuron: your code goes here")


def and_neuron(X):
    """x1 AND x2 for each row of X, shape (m, 2): 1 only for (1, 1); returns shape (m,)."""
    raise NotImplementedError("and_neuron: your code goes here")
