"""The page "Why deep networks": its setup, and calls of the sawtooth, the hidden-unit tools and the gradient norms."""

from snippets.depth import count_linear_pieces, hidden_activations, label_purity, sawtooth_network, top_examples
from snippets.gradient_flow import SCHEME, deep_mlp, layer_gradient_norms

# --8<-- [start:setup]
import numpy as np

from snippets.activations import ACTIVATIONS  # built in "Activation functions"
from snippets.forward import forward, init_params  # built in "Forward propagation"
from snippets.losses import cross_entropy_grad, one_hot  # built in "Loss functions"
from snippets.backprop import backward  # built in "Backpropagation"
# --8<-- [end:setup]

# --8<-- [start:sawtooth]
x = np.linspace(0, 1, 9)[:, None]  # x = 0, 1/8, …, 1 as a batch of 9 examples
for depth in (1, 2, 3):
    output, _ = forward(x, *sawtooth_network(depth))
    print(f"S = {depth}, output at x = 0, 1/8, …, 1:", output[:, 0])

x = np.linspace(0, 1, 2**14 + 1)[:, None]  # every kink, at a multiple of 2^-S, is a sample point
for depth in (1, 2, 3, 4, 10):
    params, activations = sawtooth_network(depth)
    n_params = sum(W.size + b.size for W, b in params)
    pieces = count_linear_pieces(forward(x, params, activations)[0][:, 0])
    print(f"S = {depth:2}: {n_params} parameters, {pieces:,} straight pieces")
# --8<-- [end:sawtooth]

# --8<-- [start:top_images]
rng = np.random.default_rng(0)
params = init_params([784, 128, 64, 10], rng)  # the shape of the chapter's network, untrained
X = rng.random((5, 784))  # five random "images" stand in for the 10,000 test images
print("activations of each layer:", [A.shape for A in hidden_activations(X, params, ["relu", "relu", "identity"])])

A = np.array([[0.9, 0.0], [0.8, 0.1], [0.1, 0.7], [0.7, 0.6], [0.0, 0.9], [0.2, 0.8]])  # 6 images, 2 units
labels = np.array([3, 3, 7, 3, 7, 1])
top = top_examples(A, unit=0, k=3)
print(f"unit 0: top 3 images {top}, labels {labels[top]}")
print("share of each unit's top 3 that are one digit:", label_purity(A, labels, k=3).round(2))
# --8<-- [end:top_images]

# --8<-- [start:gradient_norms]
rng = np.random.default_rng(0)
X = rng.random((256, 784), dtype=np.float32)  # 256 random "images", pixels uniform in [0, 1]
Y = one_hot(rng.integers(0, 10, size=256), 10)  # and random labels
for name in SCHEME:
    params, activations = deep_mlp(784, 64, 10, 10, name, np.random.default_rng(0))
    norms = layer_gradient_norms(X, Y, params, activations)
    print(f"{name:7} ‖dW‖ for layers 1 to 10:", " ".join(f"{norm:.1e}" for norm in norms))
# --8<-- [end:gradient_norms]

# --8<-- [start:reproduce-sawtooth-figure]
import numpy as np

from snippets.depth import sawtooth_network  # built in "Why deep networks"
from snippets.forward import forward  # built in "Forward propagation"

x = np.linspace(0, 1, 2**10 + 1)[:, None]  # the figure's grid
for depth in (1, 2, 3, 4):
    y = forward(x, *sawtooth_network(depth))[0][:, 0]
    tops = x[1:-1, 0][(y[1:-1] > y[:-2]) & (y[1:-1] > y[2:])]  # where a tent peaks
    print(f"S = {depth}, {2 * depth} ReLUs: {len(tops)} tent(s) rising from {y.min():g} to {y.max():g}, "
          f"the first peaking at x = {tops[0]:g}")
# --8<-- [end:reproduce-sawtooth-figure]

# --8<-- [start:reproduce-sawtooth-table]
import numpy as np

from snippets.depth import count_linear_pieces, sawtooth_network  # built in "Why deep networks"
from snippets.forward import forward  # built in "Forward propagation"
from snippets.neuron import count_parameters  # built in "What is a neural network"

x = np.linspace(0, 1, 2**14 + 1)[:, None]  # every kink, at a multiple of 2^-S, is a sample point
print("S | ReLU units | parameters | pieces | units one hidden layer needs | its parameters")
for depth in (1, 2, 3, 4, 6, 8, 10):
    params, activations = sawtooth_network(depth)
    pieces = count_linear_pieces(forward(x, params, activations)[0][:, 0])
    n_params = sum(W.size + b.size for W, b in params)
    print(f"{depth} | {2 * depth} | {n_params} | {pieces:,} | {pieces - 1:,} | {count_parameters([1, pieces - 1, 1]):,}")
# --8<-- [end:reproduce-sawtooth-table]

# --8<-- [start:reproduce-mnist-mlp]
from snippets.depth import train_mnist_mlp  # built in "Why deep networks"
from snippets.neuron import count_parameters  # built in "What is a neural network"

params, (loss, accuracy) = train_mnist_mlp(sizes=[784, 128, 64, 10], epochs=5, batch_size=128, learning_rate=0.05,
                                           seed=0)
print(f"784 → 128 → 64 → 10: {count_parameters([784, 128, 64, 10]):,} parameters, "
      f"test accuracy {accuracy:.2%}, test loss {loss:.3f}")
# --8<-- [end:reproduce-mnist-mlp]

# --8<-- [start:reproduce-units]
import numpy as np

from snippets.depth import hidden_activations, top_examples, train_mnist_mlp  # built in "Why deep networks"
from snippets.mnist import load_mnist  # the book's MNIST loader

data = load_mnist()
params, _ = train_mnist_mlp(sizes=[784, 128, 64, 10], epochs=5, batch_size=128, learning_rate=0.05, seed=0)
layers = hidden_activations(data.test_images, params, ["relu", "relu", "identity"])
for layer, A in zip((1, 2), layers):
    for unit in range(6):
        labels = data.test_labels[top_examples(A, unit, 100)]  # its top 100, strongest first
        print(f"layer {layer}, unit {unit}: labels of its top 8", *labels[:8],
              f"| most common digit in its top 100: {np.bincount(labels).argmax()}")
# --8<-- [end:reproduce-units]

# --8<-- [start:reproduce-selectivity]
import numpy as np

from snippets.depth import hidden_activations, label_purity, train_mnist_mlp  # built in "Why deep networks"
from snippets.mnist import load_mnist  # the book's MNIST loader

data = load_mnist()
params, _ = train_mnist_mlp(sizes=[784, 128, 64, 10], epochs=5, batch_size=128, learning_rate=0.05, seed=0)
layers = hidden_activations(data.test_images, params, ["relu", "relu", "identity"])
for name, A in zip(["hidden layer 1", "hidden layer 2", "output layer"], layers):
    silent = np.all(A <= 0, axis=0) if name.startswith("hidden") else np.zeros(A.shape[1], bool)
    purity = label_purity(A[:, ~silent], data.test_labels, 100)
    print(f"{name}: {A.shape[1]} units, {silent.sum()} silent, median share one digit {np.median(purity):.0%}, "
          f"units with ≥ 90% one digit {np.mean(purity >= 0.9):.0%}")
# --8<-- [end:reproduce-selectivity]

# --8<-- [start:reproduce-gradient-norms]
import numpy as np

from snippets.gradient_flow import deep_mlp, layer_gradient_norms, mean_derivatives  # built in "Why deep networks"
from snippets.losses import one_hot  # built in "Loss functions"
from snippets.mnist import load_mnist  # the book's MNIST loader

data = load_mnist()
X, Y = data.train_images[:256], one_hot(data.train_labels[:256], 10)  # the first 256 training images
for name in ["sigmoid", "tanh", "relu"]:  # deep_mlp picks Xavier, Xavier, He
    runs = [deep_mlp(784, 64, 10, 10, name, np.random.default_rng(seed)) for seed in range(5)]
    norms = np.exp(np.log([layer_gradient_norms(X, Y, *run) for run in runs]).mean(axis=0))  # geometric mean
    derivative = np.mean([mean_derivatives(X, *run) for run in runs])
    print(f"{name:7} ‖dW[1]‖ {norms[0]:.1e}, ‖dW[10]‖ {norms[-1]:.1e}, ratio {norms[0] / norms[-1]:.1e}, "
          f"mean f'(Z) {derivative:.2f}")
# --8<-- [end:reproduce-gradient-norms]

# --8<-- [start:reproduce-training]
from snippets.gradient_flow import training_run  # built in "Why deep networks"

for activation, depth in [("sigmoid", 10), ("tanh", 10), ("relu", 10), ("sigmoid", 2)]:
    losses, accuracy = training_run(activation=activation, depth=depth, width=64, steps=600, batch_size=64,
                                    learning_rate=0.1, seed=0)
    print(f"{activation}, {depth} layers: training loss {losses[-50:].mean():.3f} (mean of the last 50 steps), "
          f"test accuracy {accuracy:.1%}")
# --8<-- [end:reproduce-training]
