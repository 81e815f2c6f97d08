"""The page "Loss functions": its setup, and calls of each loss and its gradient."""

from snippets.figures.loss_functions import naive_log_softmax
from snippets.losses import (binary_cross_entropy, binary_cross_entropy_with_logits,
                             binary_cross_entropy_with_logits_grad, categorical_cross_entropy, cross_entropy,
                             cross_entropy_grad, log_softmax, mse, mse_grad, one_hot)

# --8<-- [start:setup]
import numpy as np

from snippets.activations import sigmoid, softmax, softmax_jacobian  # built in "Activation functions"
# --8<-- [end:setup]

# --8<-- [start:mse]
Y = np.array([[0.0], [0.0], [0.0]])
Y_hat = np.array([[1.0], [2.0], [0.0]])  # errors of 1, 2 and 0
print(f"MSE = {mse(Y_hat, Y):.4f}")  # (1 + 4 + 0) / 3
print("dL/dY_hat:", mse_grad(Y_hat, Y).ravel().round(4))
# --8<-- [end:mse]

# --8<-- [start:binary_cross_entropy]
y = np.array([1.0, 0.0, 1.0, 0.0])
print(f"always 0.5:          {binary_cross_entropy(np.full(4, 0.5), y):.4f}  (log 2 = {np.log(2):.4f})")
print(f"confident and right: {binary_cross_entropy(np.array([0.99, 0.01, 0.99, 0.01]), y):.4f}")
print(f"certain and wrong:   {binary_cross_entropy(np.array([0.0]), np.array([1.0])):.4f}  (clipped at 1e-7)")
# --8<-- [end:binary_cross_entropy]

# --8<-- [start:one_hot]
print(one_hot(np.array([2, 0, 1]), 3))
# --8<-- [end:one_hot]

# --8<-- [start:categorical_cross_entropy]
K = 10
Y = one_hot(np.array([3, 7]), K)
uniform = np.full((2, K), 1 / K)
print(f"uniform guess: {categorical_cross_entropy(uniform, Y):.4f}  (log {K} = {np.log(K):.4f})")
# --8<-- [end:categorical_cross_entropy]

# --8<-- [start:naive]
z = np.array([[1000.0, 0.0]])  # two classes; exactly, the log-probabilities are 0 and -1000
with np.errstate(over="ignore", divide="ignore", invalid="ignore"):  # overflow is the point of this demo
    print("naive_log_softmax(z):", naive_log_softmax(z))
    print("np.log(softmax(z)):  ", np.log(softmax(z)))
Y = one_hot(np.array([1]), 2)  # the second class is the true one
print(f"clipped at 1e-7, the loss is {categorical_cross_entropy(softmax(z), Y):.4f}")
# --8<-- [end:naive]

# --8<-- [start:log_softmax]
print(log_softmax(z))
# --8<-- [end:log_softmax]

# --8<-- [start:cross_entropy]
print(f"loss with the second class true: {cross_entropy(z, Y):g}")

z3, y3 = np.array([[2.0, 1.0, 0.1]]), one_hot(np.array([0]), 3)  # the example of the gradient section below
print(f"loss {cross_entropy(z3, y3):.4f}, gradient {cross_entropy_grad(z3, y3).round(4)}")
# --8<-- [end:cross_entropy]

# --8<-- [start:bce_with_logits]
for z_i, y_i in [(1000.0, 0.0), (-1000.0, 0.0), (0.0, 1.0)]:  # confidently wrong, confidently right, undecided
    exact = binary_cross_entropy_with_logits(z_i, y_i)
    clipped = binary_cross_entropy(sigmoid(z_i), y_i)
    print(f"z = {z_i:5g}, y = {y_i:g}: loss {exact:.4f}, from the clipped probability {clipped:.4f}")

z, y = np.array([1000.0, -1000.0, 0.0]), np.array([0.0, 0.0, 1.0])
print("gradient (σ(z) − y)/m:", binary_cross_entropy_with_logits_grad(z, y).round(4))
# --8<-- [end:bce_with_logits]

# --8<-- [start:reproduce-loss-curves]
import numpy as np

from snippets.losses import binary_cross_entropy, categorical_cross_entropy, mse, one_hot  # built in "Loss functions"

print("squared error for target 0 at predictions -2, 0, 2:",
      ", ".join(f"{mse(np.array([p]), np.array([0.0])):g}" for p in (-2.0, 0.0, 2.0)))
bce = [binary_cross_entropy(np.array([0.5]), np.array([y])) for y in (1.0, 0.0)]
print(f"binary cross-entropy at probability 0.5: {bce[0]:.3f} for y = 1, {bce[1]:.3f} for y = 0")
uniform, target = np.full((1, 10), 0.1), one_hot(np.array([0]), 10, dtype=np.float64)
print(f"cross-entropy of the uniform guess over 10 classes: {categorical_cross_entropy(uniform, target):.3f}")
# --8<-- [end:reproduce-loss-curves]

# --8<-- [start:reproduce-stability]
import numpy as np

from snippets.activations import softmax  # built in "Activation functions"
from snippets.losses import categorical_cross_entropy, cross_entropy, log_softmax, one_hot  # built in "Loss functions"


def show(values):
    return ", ".join(f"{v + 0.0:g}" for v in values)  # + 0.0 turns -0 into 0


z = np.array([[1000.0, 0.0]])
targets = [one_hot(np.array([k]), 2, dtype=np.float64) for k in (0, 1)]  # true class 1, true class 2
with np.errstate(over="ignore", divide="ignore", invalid="ignore"):  # the first two ways overflow
    for how, log_p in [("naive_log_softmax(z)", naive_log_softmax(z)[0]),  # the function shown above
                       ("np.log(softmax(z))", np.log(softmax(z))[0])]:
        print(f"{how}: log p {show(log_p)}; losses {show(-log_p)}")
clipped = [categorical_cross_entropy(softmax(z), y) for y in targets]
print(f"clipped at 1e-7: log p {show(np.log(np.clip(softmax(z)[0], 1e-7, 1)))}; losses {show(clipped)}")
print(f"cross_entropy(z, Y) via log_softmax: log p {show(log_softmax(z)[0])}; "
      f"losses {show([cross_entropy(z, y) for y in targets])}")
# --8<-- [end:reproduce-stability]

# --8<-- [start:reproduce-gradients]
import numpy as np

from snippets.activations import softmax, softmax_jacobian  # built in "Activation functions"
from snippets.gradcheck import numerical_gradient, relative_error  # built in "Backpropagation"
from snippets.losses import binary_cross_entropy_with_logits, binary_cross_entropy_with_logits_grad  # built in "Loss functions"
from snippets.losses import cross_entropy, cross_entropy_grad, mse, mse_grad, one_hot  # built in "Loss functions"

z, y = np.array([2.0, 1.0, 0.1]), np.array([1.0, 0.0, 0.0])
for how, gradient in [("softmax(z)", softmax(z)), ("chain rule", softmax_jacobian(z).T @ (-y / softmax(z))),
                      ("shortcut", softmax(z) - y),
                      ("central differences", numerical_gradient(lambda v: cross_entropy(v[None], y[None]), z))]:
    print(f"{how}: ({', '.join(f'{g:.4f}' for g in gradient)})")

rng = np.random.default_rng(0)  # a batch of 8 examples with 5 outputs each
Z, Y_hat, Y_reg = rng.normal(scale=3, size=(8, 5)), rng.normal(size=(8, 5)), rng.normal(size=(8, 5))
Y, y_bin = one_hot(rng.integers(0, 5, size=8), 5, dtype=np.float64), rng.integers(0, 2, size=(8, 1)).astype(float)
for name, loss, grad, P, T in [("MSE", mse, mse_grad, Y_hat, Y_reg),
                               ("binary cross-entropy from scores", binary_cross_entropy_with_logits,
                                binary_cross_entropy_with_logits_grad, Z[:, :1], y_bin),
                               ("cross-entropy from scores", cross_entropy, cross_entropy_grad, Z, Y)]:
    print(f"{name}: relative error {relative_error(grad(P, T), numerical_gradient(lambda v: loss(v, T), P)):.1e}")
# --8<-- [end:reproduce-gradients]
