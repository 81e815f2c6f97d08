"""The page "Activation functions": its setup, and a call of each function on a few concrete inputs."""

from snippets.activations import (
    ACTIVATIONS, collapse_linear_layers, elu, elu_grad, gelu, gelu_grad, gelu_tanh, gelu_tanh_grad, leaky_relu,
    leaky_relu_grad, normal_cdf, relu, relu_grad, sigmoid, sigmoid_grad, softmax, softmax_jacobian, swish,
    swish_grad, tanh, tanh_grad,
)

# --8<-- [start:setup]
import math

import numpy as np
# --8<-- [end:setup]

# --8<-- [start:collapse]
rng = np.random.default_rng(0)
sizes = [4, 8, 8, 3]
weights = [rng.normal(size=(n_in, n_out)) for n_in, n_out in zip(sizes[:-1], sizes[1:])]
biases = [rng.normal(size=n_out) for n_out in sizes[1:]]
X = rng.normal(size=(5, sizes[0]))
stacked = X
for W_layer, b_layer in zip(weights, biases):
    stacked = stacked @ W_layer + b_layer  # no activation between the layers
W, b = collapse_linear_layers(weights, biases)
print(f"collapsed W: {W.shape}, b: {b.shape}")
print(f"largest difference from the three layers: {np.abs(stacked - (X @ W + b)).max():.1e}")
# --8<-- [end:collapse]

# --8<-- [start:sigmoid]
z = np.array([-1000.0, -2.0, 0.0, 2.0, 1000.0])
print("sigmoid(z):     ", sigmoid(z).round(4))
print("sigmoid_grad(z):", sigmoid_grad(z).round(4))
print(f"ten layers of the largest derivative, (1/4)^10: {sigmoid_grad(0.0) ** 10:.1e}")
# --8<-- [end:sigmoid]

# --8<-- [start:tanh]
z = np.array([-3.0, -1.0, 0.0, 1.0, 3.0])
print("tanh(z):        ", tanh(z).round(4))
print("2 sigmoid(2z)-1:", (2 * sigmoid(2 * z) - 1).round(4))
print("tanh_grad(z):   ", tanh_grad(z).round(4))
# --8<-- [end:tanh]

# --8<-- [start:relu]
z = np.array([-2.0, -0.5, 0.0, 0.5, 2.0])
print("relu(z):     ", relu(z))
print("relu_grad(z):", relu_grad(z))
# --8<-- [end:relu]

# --8<-- [start:leaky_relu]
print("leaky_relu(z):          ", leaky_relu(z))
print("leaky_relu(z, alpha=0.1):", leaky_relu(z, alpha=0.1))
print("leaky_relu_grad(z):     ", leaky_relu_grad(z))
# --8<-- [end:leaky_relu]

# --8<-- [start:elu]
z = np.array([-1000.0, -1.0, 0.0, 1.0])
print("elu(z):     ", elu(z).round(4))
print("elu_grad(z):", elu_grad(z).round(4))
# --8<-- [end:elu]

# --8<-- [start:swish]
z = np.linspace(-5, 5, 100_001)
print(f"smallest swish(z): {swish(z).min():.3f}, at z = {z[swish(z).argmin()]:.3f}")
print("swish_grad at -1, 0, 1:", swish_grad(np.array([-1.0, 0.0, 1.0])).round(4))
# --8<-- [end:swish]

# --8<-- [start:gelu]
z = np.array([-3.0, -1.0, 0.0, 1.0, 3.0])
print("normal_cdf(z):    ", normal_cdf(z).round(4))
print("gelu(z):          ", gelu(z).round(4))
print("gelu_tanh(z):     ", gelu_tanh(z).round(4))
print("gelu_grad(z):     ", gelu_grad(z).round(4))
print("gelu_tanh_grad(z):", gelu_tanh_grad(z).round(4))
# --8<-- [end:gelu]

# --8<-- [start:softmax]
scores = np.array([3.0, 1.0, 0.2, -1.0])
for temperature in [0.25, 1.0, 4.0]:
    print(f"T = {temperature}: {softmax(scores, temperature=temperature).round(2)}")
print("huge scores, no overflow:", softmax(np.array([1000.0, 999.0])).round(4))
print("Jacobian for T = 1 (each row sums to 0):")
print(softmax_jacobian(scores).round(3))
# --8<-- [end:softmax]

# --8<-- [start:registry]
z = -0.5  # a negative input, where the functions differ most
for name, (f, f_grad) in ACTIVATIONS.items():
    slope = (f(z + 1e-6) - f(z - 1e-6)) / 2e-6  # a central difference, to check f' against f
    print(f"{name:>10}: f({z}) = {f(z):+.4f}, f'({z}) = {f_grad(z):.4f}, measured slope {slope:.4f}")
# --8<-- [end:registry]

# --8<-- [start:reproduce-linear-collapse]
rng = np.random.default_rng(0)
sizes = [4, 8, 8, 3]
weights = [rng.normal(size=(n_in, n_out)) for n_in, n_out in zip(sizes[:-1], sizes[1:])]
biases = [rng.normal(size=n_out) for n_out in sizes[1:]]
X = rng.normal(size=(5, sizes[0]))
stacked, hidden = X, X
for W_layer, b_layer in zip(weights, biases):
    stacked = stacked @ W_layer + b_layer
for W_layer, b_layer in zip(weights[:-1], biases[:-1]):
    hidden = np.maximum(hidden @ W_layer + b_layer, 0)  # ReLU after each layer but the last
with_relu = hidden @ weights[-1] + biases[-1]
W, b = collapse_linear_layers(weights, biases)
print(f"three linear layers vs. one layer (W, b): {np.abs(stacked - (X @ W + b)).max():.1e}")
print(f"three layers with ReLU in between vs. the same (W, b): {np.abs(with_relu - (X @ W + b)).max():.2f}")
# --8<-- [end:reproduce-linear-collapse]

# --8<-- [start:reproduce-activation-curves]
z = np.linspace(-5, 5, 1001)  # the figure's grid
sigma = 1 / (1 + np.exp(-z))  # the formulas of the table below
phi = 0.5 * (1 + np.array([math.erf(v / math.sqrt(2)) for v in z]))
print(f"largest derivative, at z = 0: sigmoid {np.max(sigma * (1 - sigma)):g}, tanh {np.max(1 - np.tanh(z) ** 2):g}")
for name, values in [("Swish", z * sigma), ("GELU", z * phi)]:
    print(f"smallest {name}(z): {values.min():.3f}, at z = {z[values.argmin()]:.2f}")
# --8<-- [end:reproduce-activation-curves]

# --8<-- [start:reproduce-saturation]
rng = np.random.default_rng(0)
for spread in [1, 3, 10]:
    z = rng.normal(scale=spread, size=1_000_000)  # a million pre-activations
    s, t = sigmoid_grad(z), tanh_grad(z)
    print(f"spread {spread:>2}: mean sigmoid' {s.mean():.3f}, tanh' {t.mean():.3f}; "
          f"below 0.01: sigmoid' {np.mean(s < 0.01):.1%}, tanh' {np.mean(t < 0.01):.1%}")
# --8<-- [end:reproduce-saturation]

# --8<-- [start:reproduce-dead-units]
rng = np.random.default_rng(0)
X = rng.normal(size=(1000, 20))  # 1,000 examples, 20 inputs
W = rng.normal(scale=1 / np.sqrt(20), size=(20, 1000))  # 1,000 units
for bias in [0.0, -1.0, -2.0, -3.0, -4.0]:
    Z = X @ W + bias
    derivatives = {"ReLU": relu_grad(Z),  # Leaky ReLU (alpha = 0.01) and ELU are defined in the next section
                   "Leaky ReLU": np.where(Z > 0, 1, 0.01), "ELU": np.where(Z > 0, 1, np.exp(np.minimum(Z, 0)))}
    dead = {name: np.mean(np.all(d == 0, axis=0)) for name, d in derivatives.items()}  # 0 on every example
    print(f"b = {bias:2g}: dead units " + ", ".join(f"{name} {share:.1%}" for name, share in dead.items()))
# --8<-- [end:reproduce-dead-units]

# --8<-- [start:reproduce-gelu-error]
z = np.linspace(-10, 10, 200_001)
for name, exact, approximation in [("GELU(z) ", gelu, gelu_tanh), ("GELU'(z)", gelu_grad, gelu_tanh_grad)]:
    gap = np.abs(exact(z) - approximation(z))
    print(f"{name}: largest absolute difference {gap.max():.2e}, at z = {z[gap.argmax()]:+.3f}")
# --8<-- [end:reproduce-gelu-error]

# --8<-- [start:reproduce-softmax-temperature]
scores = np.array([3.0, 1.0, 0.2, -1.0])
for temperature in [0.25, 1.0, 4.0]:
    print(f"T = {temperature:g}:", ", ".join(f"{p:.2f}" for p in softmax(scores, temperature=temperature)))
# --8<-- [end:reproduce-softmax-temperature]
