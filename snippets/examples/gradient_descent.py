"""The page "Gradient descent": its setup, and calls of the optimizers on the chapter's bowl and regression data."""

from snippets.gradient_descent import (descend, largest_stable_learning_rate, linear_regression_grad,
                                       linear_regression_loss, make_regression, minibatches, quadratic,
                                       quadratic_grad, steps_to_reach, train_linear_regression)
from snippets.optimizers import SGD, Adam, Momentum

# --8<-- [start:setup]
import numpy as np

from snippets.losses import mse, mse_grad  # built in "Loss functions"
# --8<-- [end:setup]

# --8<-- [start:sgd]
W = np.array([[1.0, -2.0]], dtype=np.float32)
b = np.zeros(2, dtype=np.float32)
dW, db = np.array([[0.5, -1.0]], dtype=np.float32), np.array([1.0, 0.0], dtype=np.float32)
SGD(learning_rate=0.1).step([W, b], [dW, db])
print("W:", W, "b:", b, W.dtype)  # the caller's arrays have moved, and are still float32
# --8<-- [end:sgd]

# --8<-- [start:descend]
for start in (-0.1, 0.4):  # the walks of the first figure, on L(θ) = θ⁴/4 − θ² + 0.3θ
    path = descend(lambda theta: theta**3 - 2 * theta + 0.3, [start], SGD(learning_rate=0.1), steps=15)
    print(f"from θ = {start}:", path.ravel().round(2))
# --8<-- [end:descend]

# --8<-- [start:quadratic]
H = np.diag([1.0, 10.0])  # curvature 1 along θ₁, 10 along θ₂
theta = np.array([-9.0, 1.5])  # where every path of this chapter starts
print(f"L = {quadratic(theta, H):.2f}, gradient = {quadratic_grad(theta, H)}")
# --8<-- [end:quadratic]

# --8<-- [start:stability]
print(f"2/λ_max = {largest_stable_learning_rate(H):.3f}")
for learning_rate in (0.15, 0.199, 0.201):
    path = descend(lambda t: quadratic_grad(t, H), theta, SGD(learning_rate), steps=100)
    print(f"η = {learning_rate}: L after 100 steps = {quadratic(path[-1], H):.3g}")
# --8<-- [end:stability]

# --8<-- [start:linear_regression]
X = np.array([[1.0, 2.0], [0.0, 1.0], [2.0, 0.0]])  # three examples, two features
Y = np.array([[1.0], [0.0], [2.0]])
W = np.zeros((2, 1))
print(f"L = {linear_regression_loss(W, X, Y):.4f}, dL/dW = {linear_regression_grad(W, X, Y).ravel().round(4)}")
# --8<-- [end:linear_regression]

# --8<-- [start:data]
X, Y, W_true = make_regression(1000, 10, noise=0.5, seed=0)  # the data of the comparison below
print(f"X {X.shape}, Y {Y.shape}")
print(f"L at W* = {linear_regression_loss(W_true, X, Y):.4f}, about the noise variance 0.5² = 0.25")
# --8<-- [end:data]

# --8<-- [start:minibatches]
for batch in minibatches(10, batch_size=4, rng=np.random.default_rng(0)):
    print(batch)
# --8<-- [end:minibatches]

# --8<-- [start:train]
for batch_size in (1000, 32, 1):  # batch, mini-batch and stochastic gradient descent
    W = np.zeros((10, 1))
    for _ in train_linear_regression(X, Y, W, SGD(0.05), batch_size, epochs=20, rng=np.random.default_rng(1)):
        pass
    print(f"m = {batch_size:4}: L after 20 epochs = {linear_regression_loss(W, X, Y):.4f}")
# --8<-- [end:train]

# --8<-- [start:momentum]
for beta in (0.0, 0.8, 0.95):
    path = descend(lambda t: quadratic_grad(t, H), theta, Momentum(0.02, beta), steps=2000)
    print(f"η = 0.02, β = {beta}: L < 1e-6 after {steps_to_reach(quadratic(path, H), 1e-6)} steps")
# --8<-- [end:momentum]

# --8<-- [start:adam]
g = np.array([1e-4, -0.5, 3.0, -2000.0])  # gradients of very different sizes
for optimizer in (SGD(0.01), Adam(0.01)):
    step = np.zeros_like(g)
    optimizer.step([step], [g])  # from θ = 0, the new θ is the step itself
    print(f"{type(optimizer).__name__:4} first step:", "  ".join(f"{entry:+.3g}" for entry in step))
# --8<-- [end:adam]
