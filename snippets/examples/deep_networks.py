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
    print(f"k = {depth}, output at x = 0, 1/8, …, 1:", output[:, 0])

x = np.linspace(0, 1, 2**14 + 1)[:, None]  # every kink, at a multiple of 2^-k, is a sample point
for depth in (1, 2, 3, 4, 10):
    params, activations = sawtooth_network(depth)
    n_params = sum(W.size + b.size for W, b in params)
    pieces = count_linear_pieces(forward(x, params, activations)[0][:, 0])
    print(f"k = {depth:2}: {n_params} parameters, {pieces:,} straight pieces")
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
