"""The page "Forward propagation": its setup, and calls of the layer, the network, the initialization and the timing."""

from snippets.figures.forward_propagation import time_loop_vs_matmul, worked_example
from snippets.forward import activation, dense, forward, init_params

# --8<-- [start:setup]
import time

import numpy as np

from snippets.activations import ACTIVATIONS, softmax  # built in "Activation functions"
# --8<-- [end:setup]

# --8<-- [start:dense]
A_prev = np.array([[1.0, 2.0, 0.0], [0.0, -1.0, 1.0]])  # m = 2 examples, 3 features each
W = np.array([[0.5, -1.0], [1.0, 0.0], [0.0, 2.0]])  # 3 inputs -> 2 units
b = np.array([0.1, -0.1])  # one row, added to both examples
Z, A = dense(A_prev, W, b, "relu")
print("Z =", Z.tolist())
print("A =", A.tolist())
print("no activation for 'identity':", activation("identity"))
# --8<-- [end:dense]

# --8<-- [start:forward]
params = [(W, b), (np.array([[1.0], [-1.0]]), np.array([0.5]))]  # then 2 units -> 1 raw score
scores, cache = forward(A_prev, params, ["relu", "identity"])
print("scores =", scores.tolist())
print("cache, (A^[l-1], Z^[l]) shapes per layer:", [(A.shape, Z.shape) for A, Z in cache])
# --8<-- [end:forward]

# --8<-- [start:init_params]
rng = np.random.default_rng(0)
for W, b in init_params([784, 128, 10], rng):
    print(f"W {W.shape} {W.dtype}, std {W.std():.4f} (He: {np.sqrt(2 / W.shape[0]):.4f}); "
          f"b {b.shape}, {np.count_nonzero(b)} non-zero")

X = rng.normal(size=(1000, 256))
for scheme in ["he", "xavier"]:
    out, _ = forward(X, init_params([256] * 16, rng, scheme, np.float64), ["relu"] * 15)
    print(f"{scheme:>6}: std of A^[15] = {out.std():.2g}")
out, _ = forward(X, [(rng.normal(0, 0.01, size=(256, 256)), np.zeros(256)) for _ in range(15)], ["relu"] * 15)
print(f"std 0.01: std of A^[15] = {out.std():.2g}")
# --8<-- [end:init_params]

# --8<-- [start:worked_example]
X, ((W1, b1), (W2, b2)), ((_, Z1), (A1, Z2)), scores, Y_hat = worked_example()
print(f"Z1[0, 0] = X[0] @ W1[:, 0] + b1[0] = {X[0] @ W1[:, 0] + b1[0]:.1f}")
print(f"scores Z2:\n{scores.round(2)}")
print(f"probabilities, one row per example:\n{Y_hat.round(3)}")
print("row sums:", Y_hat.sum(axis=1))
# --8<-- [end:worked_example]

# --8<-- [start:timing]
loop, matmul, difference = time_loop_vs_matmul(784, 128)
print(f"784 -> 128, 10,000 rows: loop {loop * 1e3:.1f} ms, one product {matmul * 1e3:.2f} ms, "
      f"{loop / matmul:.0f}× faster; relative difference {difference:.1e}")
# --8<-- [end:timing]
