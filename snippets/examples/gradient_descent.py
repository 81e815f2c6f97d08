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

# --8<-- [start:reproduce-walk]
import numpy as np

from snippets.gradient_descent import descend, two_valleys_grad  # built in "Gradient descent"
from snippets.optimizers import SGD  # built in "Gradient descent"

for start in (-0.1, 0.4):
    theta = descend(two_valleys_grad, [start], SGD(0.1), steps=15)[-1, 0]
    print(f"from θ = {start}: θ = {theta:.2f} after 15 steps")
print("valley bottoms and hilltop, where the slope θ³ − 2θ + 0.3 is 0:", np.sort(np.roots([1, 0, -2, 0.3])).round(2))
# --8<-- [end:reproduce-walk]

# --8<-- [start:reproduce-learning-rates]
import numpy as np

from snippets.gradient_descent import descend, quadratic, quadratic_grad  # built in "Gradient descent"
from snippets.optimizers import SGD  # built in "Gradient descent"

H, start = np.diag([1.0, 10.0]), np.array([-9.0, 1.5])
for learning_rate in (0.02, 0.15, 0.21):
    path = descend(lambda theta: quadratic_grad(theta, H), start, SGD(learning_rate), steps=25)
    print(f"η = {learning_rate}: L = {quadratic(path[-1], H):.3g} after 25 steps")
# --8<-- [end:reproduce-learning-rates]

# --8<-- [start:reproduce-learning-rate-table]
import numpy as np

from snippets.gradient_descent import descend, largest_stable_learning_rate, quadratic, quadratic_grad  # built in "Gradient descent"
from snippets.optimizers import SGD  # built in "Gradient descent"

H, start = np.diag([1.0, 10.0]), np.array([-9.0, 1.5])
print(f"start θ = (-9, 1.5), L = {quadratic(start, H):.4g}; 2/λ_max = {largest_stable_learning_rate(H):.3f}")
for learning_rate in (0.02, 0.15, 0.199, 0.201, 0.21):
    losses = quadratic(descend(lambda theta: quadratic_grad(theta, H), start, SGD(learning_rate), steps=100), H)
    print(f"η = {learning_rate:.3f}: 1 − ηλ = {1 - learning_rate:+.3f}, {1 - 10 * learning_rate:+.3f}; "
          f"L after 10, 50, 100 steps = {losses[10]:.3g}, {losses[50]:.3g}, {losses[100]:.3g}")
# --8<-- [end:reproduce-learning-rate-table]

# --8<-- [start:reproduce-gradcheck]
import numpy as np

from snippets.gradcheck import numerical_gradient, relative_error  # built in "Backpropagation"
from snippets.gradient_descent import linear_regression_grad, linear_regression_loss, make_regression  # built in "Gradient descent"
from snippets.gradient_descent import quadratic, quadratic_grad, two_valleys, two_valleys_grad  # built in "Gradient descent"

rng, H = np.random.default_rng(0), np.diag([1.0, 10.0])
point, points = rng.normal(size=2), np.linspace(-2, 2, 9)  # a random point of the bowl, 9 of the valleys
X, Y, _ = make_regression(50, 4, noise=0.5, seed=1)
W = rng.normal(size=(4, 1))
checks = {"bowl": (quadratic_grad(point, H), numerical_gradient(lambda t: quadratic(t, H), point)),
          "two valleys, at 9 points": (two_valleys_grad(points),
                                       numerical_gradient(lambda t: two_valleys(t).sum(), points)),
          "linear regression MSE": (linear_regression_grad(W, X, Y),
                                    numerical_gradient(lambda V: linear_regression_loss(V, X, Y), W))}
for name, (exact, numeric) in checks.items():
    print(f"{name}: relative error {relative_error(exact, numeric):.1e}")
# --8<-- [end:reproduce-gradcheck]

# --8<-- [start:reproduce-batch-sizes]
import numpy as np

from snippets.gradient_descent import linear_regression_loss, make_regression, train_linear_regression  # built in "Gradient descent"
from snippets.optimizers import SGD  # built in "Gradient descent"

X, Y, _ = make_regression(1000, 10, noise=0.5, seed=0)
print(f"least-squares optimum L = {linear_regression_loss(np.linalg.lstsq(X, Y, rcond=None)[0], X, Y):.4f}")
for batch_size in (1000, 32, 1):  # the wall times of the table change from run to run: not printed
    W = np.zeros((10, 1))
    updates = sum(1 for _ in train_linear_regression(X, Y, W, SGD(0.05), batch_size, epochs=20,
                                                      rng=np.random.default_rng(1)))
    print(f"m = {batch_size}: {updates:,} updates, final L = {linear_regression_loss(W, X, Y):.4f}")
# --8<-- [end:reproduce-batch-sizes]

# --8<-- [start:reproduce-momentum]
import numpy as np

from snippets.gradient_descent import descend, quadratic, quadratic_grad  # built in "Gradient descent"
from snippets.optimizers import Momentum  # built in "Gradient descent"

H, start = np.diag([1.0, 10.0]), np.array([-9.0, 1.5])
for beta in (0.0, 0.8, 0.95):  # β = 0 is plain gradient descent
    path = descend(lambda theta: quadratic_grad(theta, H), start, Momentum(0.02, beta), steps=60)
    print(f"β = {beta:g}: L = {quadratic(path[-1], H):.3g} after 60 steps, largest θ₁ = {path[:, 0].max():.2f}")
# --8<-- [end:reproduce-momentum]

# --8<-- [start:reproduce-momentum-table]
import numpy as np

from snippets.gradient_descent import descend, quadratic, quadratic_grad, steps_to_reach  # built in "Gradient descent"
from snippets.optimizers import Momentum  # built in "Gradient descent"

H, start = np.diag([1.0, 10.0]), np.array([-9.0, 1.5])
for learning_rate in (0.02, 0.1):
    counts = [steps_to_reach(quadratic(descend(lambda theta: quadratic_grad(theta, H), start,
                                               Momentum(learning_rate, beta), steps=2000), H), 1e-6)
              for beta in (0.0, 0.5, 0.8, 0.9, 0.95)]
    print(f"η = {learning_rate}: steps until L < 1e-6 for β = 0, 0.5, 0.8, 0.9, 0.95:", ", ".join(map(str, counts)))
# --8<-- [end:reproduce-momentum-table]

# --8<-- [start:reproduce-adam]
import numpy as np

from snippets.optimizers import SGD, Adam  # built in "Gradient descent"

g = np.array([0.0001, -0.5, 3.0, -2000.0])
for optimizer in (SGD(0.01), Adam(0.01)):
    theta = np.zeros_like(g)
    optimizer.step([theta], [g])  # from θ = 0, the new θ is the first step
    print(f"{type(optimizer).__name__:4} first step:", "  ".join(f"{step:+.3g}" for step in theta))
# --8<-- [end:reproduce-adam]
