"""The page "What is a neural network": its setup, and calls of the neuron and the parameter count."""

from snippets.neuron import count_parameters, neuron, weighted_sum

# --8<-- [start:setup]
import numpy as np

from snippets.activations import sigmoid  # built in "Activation functions"
# --8<-- [end:setup]

# --8<-- [start:neuron]
x = np.array([0.9, 0.2, 0.5])  # one example with three inputs
w = np.array([1.5, -2.0, 0.5])  # one weight per input
b = -0.4
print(f"z = {weighted_sum(x, w, b):.2f}, a = {neuron(x, w, b):.4f}")

X = np.array([[0.9, 0.2, 0.5], [0.0, 0.0, 0.0], [0.1, 0.9, 0.3]])  # a batch, one example per row
print("a for each row:", neuron(X, w, b).round(4))
# --8<-- [end:neuron]

# --8<-- [start:count_parameters]
print(count_parameters([784, 16, 16, 10]))
# --8<-- [end:count_parameters]
