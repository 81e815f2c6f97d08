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

# --8<-- [start:multiply-adds-answer]
count = multiply_adds([784, 128], m=10_000)  # the solution above
print(f"784 → 128, 10,000 rows: {count:,} multiply-adds")
# --8<-- [end:multiply-adds-answer]

# --8<-- [start:reproduce-init]
import numpy as np

from snippets.forward import forward, init_params  # built in "Forward propagation"

rng = np.random.default_rng(0)
X = rng.normal(size=(1000, 256))  # 1,000 random inputs
small = [(rng.normal(0, 0.01, size=(256, 256)), np.zeros(256)) for _ in range(15)]
schemes = {"He": init_params([256] * 16, rng, "he", np.float64),
           "Xavier": init_params([256] * 16, rng, "xavier", np.float64), "std 0.01": small}
for name in ["ReLU", "tanh"]:
    for label, params in schemes.items():
        out, cache = forward(X, params, [name.lower()] * 15)
        spread = [A.std() for A, _ in cache[1:]] + [out.std()]  # layers 1 to 15
        print(f"{name}, {label}: std {spread[0]:.2g} at layer 1, {spread[-1]:.2g} at layer 15, "
              f"multiplied by {(spread[-1] / spread[0]) ** (1 / 14):.2f} per layer")
# --8<-- [end:reproduce-init]

# --8<-- [start:reproduce-worked-example]
X, ((W1, b1), (W2, b2)), ((_, Z1), (A1, Z2)), scores, Y_hat = worked_example()  # the function shown above
for name, M, decimals in [("X", X, 0), ("W1", W1, 1), ("b1", b1[None, :], 1), ("Z1", Z1, 1), ("A1", A1, 1),
                          ("W2", W2, 1), ("b2", b2[None, :], 1), ("Z2", Z2, 2), ("Y_hat", Y_hat, 3)]:
    print(f"{name}, {M.shape[0]} × {M.shape[1]}:")
    for row in M:
        print("   ", " ".join(f"{v + 0.0:{decimals + 4}.{decimals}f}" for v in row))  # + 0.0 turns -0 into 0
# --8<-- [end:reproduce-worked-example]

# --8<-- [start:reproduce-timing]
# time_loop_vs_matmul is the function shown above. Its times change from run to run, and the last digits of
# its rounding difference with the number of threads NumPy multiplies on: they are kept in `best`, not printed.
best = {}
for n_in, n_out in [(784, 128), (32, 32)]:
    runs = [time_loop_vs_matmul(n_in, n_out, m=10_000, seed=seed) for seed in range(3)]
    best[f"{n_in} → {n_out}"] = {"loop, s": min(r[0] for r in runs), "one product, s": min(r[1] for r in runs),
                                  "relative difference": max(r[2] for r in runs)}
    agree = all(r[2] < 1e-5 for r in runs)
    print(f"{n_in} → {n_out}, 10,000 rows, three runs: both ways agree up to float32 rounding: {agree}")
# --8<-- [end:reproduce-timing]
