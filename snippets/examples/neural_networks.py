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

# --8<-- [start:reproduce-neuron]
import numpy as np

from snippets.neuron import neuron, weighted_sum  # built in "What is a neural network"

x, w, b = np.array([0.9, 0.2, 0.5]), np.array([1.5, -2.0, 0.5]), -0.4  # the worked example
print("x_i w_i:", ", ".join(f"{v:.2f}" for v in x * w), f"and the bias {b:.2f}")
X = np.array([[0.9, 0.2, 0.5], [0.0, 0.0, 0.0], [0.1, 0.9, 0.3]])  # the batch; its first row is x
for i, (z, a) in enumerate(zip(weighted_sum(X, w, b), neuron(X, w, b)), start=1):
    print(f"row {i}: z = {z:.2f}, a = σ(z) = {a:.4f}")
# --8<-- [end:reproduce-neuron]

# --8<-- [start:reproduce-mnist-digit]
from snippets.mnist import load_mnist  # the book's MNIST loader

data = load_mnist()
image = data.train_images[0].reshape(28, 28)  # the first training image
patch = image[8:14, 9:15]  # rows 8 to 13, columns 9 to 14
print(f"a handwritten {data.train_labels[0]}, {image.size} pixels")
print(f"patch: inputs {28 * 8 + 9} to {28 * 13 + 14}, values from {patch.min():.2f} to {patch.max():.2f}")
# --8<-- [end:reproduce-mnist-digit]

# --8<-- [start:reproduce-parameters]
from snippets.neuron import count_parameters  # built in "What is a neural network"

sizes = [784, 16, 16, 10]
for layer, (n_in, n_out) in enumerate(zip(sizes[:-1], sizes[1:]), start=1):
    print(f"layer {layer}, {n_in} → {n_out}: {n_in * n_out:,} weights, {n_out} biases, "
          f"{count_parameters([n_in, n_out]):,} parameters")
print(f"total: {count_parameters(sizes):,}")
# --8<-- [end:reproduce-parameters]
