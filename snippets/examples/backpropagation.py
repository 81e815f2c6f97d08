"""The page "Backpropagation": its setup, and calls of backward, train_step, the gradient check and XOR."""

from snippets.backprop import XOR_X, XOR_Y, backward, gradient_check, train_step, train_xor_network
from snippets.gradcheck import numerical_gradient, numerical_parameter_gradients, relative_error

# --8<-- [start:setup]
import numpy as np

from snippets.activations import sigmoid, softmax  # built in "Activation functions"
from snippets.forward import activation, forward, init_params  # built in "Forward propagation"
from snippets.losses import cross_entropy, cross_entropy_grad, mse, mse_grad, one_hot  # built in "Loss functions"
from snippets.losses import binary_cross_entropy_with_logits  # built in "Loss functions"
from snippets.losses import binary_cross_entropy_with_logits_grad  # built in "Loss functions"
from snippets.optimizers import SGD  # built in "Gradient descent"
# --8<-- [end:setup]

# --8<-- [start:backward]
rng = np.random.default_rng(0)
params = init_params([3, 4, 2], rng, scheme="xavier", dtype=np.float64)  # the two-layer network above
activations = ["sigmoid", "identity"]  # f = sigmoid, then raw scores for the softmax cross-entropy
X = rng.normal(size=(5, 3))
Y = one_hot(np.array([0, 1, 1, 0, 1]), 2, dtype=np.float64)

scores, cache = forward(X, params, activations)
grads = backward(cross_entropy_grad(scores, Y), cache, params, activations)
for layer, ((W, b), (dW, db)) in enumerate(zip(params, grads), start=1):
    print(f"layer {layer}: W {W.shape}, dW {dW.shape}; b {b.shape}, db {db.shape}")

optimizer = SGD(learning_rate=1.0)
history = [train_step(X, Y, params, activations, optimizer) for _ in range(100)]
print("loss before steps 1, 10, 100:", [round(float(history[i]), 4) for i in (0, 9, 99)])
# --8<-- [end:backward]

# --8<-- [start:numerical_gradient]
x = np.array([1.0, 2.0, 3.0])
numeric = numerical_gradient(lambda v: np.sum(v**3), x)  # the exact gradient is 3x²
print("central differences:", numeric.round(6), f"relative error {relative_error(numeric, 3 * x**2):.1e}")
# --8<-- [end:numerical_gradient]

# --8<-- [start:parameter_gradients]
numeric = numerical_parameter_gradients(lambda trial: cross_entropy(forward(X, trial, activations)[0], Y), params)
scores, cache = forward(X, params, activations)
grads = backward(cross_entropy_grad(scores, Y), cache, params, activations)
print("db of layer 1, backward:           ", grads[0][1].round(6))
print("db of layer 1, central differences:", numeric[0][1].round(6))
# --8<-- [end:parameter_gradients]

# --8<-- [start:gradient_check]
rng = np.random.default_rng(0)  # the first network of the table below
params = [(W, 0.1 * rng.normal(size=b.shape)) for W, b in init_params([4, 5, 4, 3], rng, "xavier", np.float64)]
X = rng.normal(size=(6, 4))
Y = one_hot(rng.integers(0, 3, size=6), 3, dtype=np.float64)
errors = gradient_check(X, Y, params, ["tanh", "relu", "identity"])
for layer, (error_W, error_b) in enumerate(errors, start=1):
    print(f"layer {layer}: relative error {error_W:.1e} in dW, {error_b:.1e} in db")
# --8<-- [end:gradient_check]

# --8<-- [start:worked_backward]
X = np.array([[2, -2, -2], [-1, -2, 2], [2, 0, -2], [-2, -1, 0]], dtype=np.float64)  # the forward chapter's batch
W1 = np.array([[-1.6, -0.2, -0.7, 2.7], [0.2, -0.3, -0.2, -0.5], [-0.9, -0.3, 0.4, -0.2]])
b1 = np.array([1.0, -0.1, -0.1, 0.5])
W2 = np.array([[0.7, -0.1], [0.0, 1.1], [0.4, -0.4], [-0.1, 0.4]])
b2 = np.array([-0.4, -0.1])
Y = one_hot(np.array([1, 0, 1, 1]), 2, dtype=np.float64)  # the classes of the four examples
params, activations = [(W1, b1), (W2, b2)], ["relu", "identity"]
scores, cache = forward(X, params, activations)  # the forward pass, as in the forward chapter
(_, Z1), (A1, Z2) = cache
Y_hat, m = softmax(Z2), len(X)
print(f"loss L = {cross_entropy(scores, Y):.3f}")

relu_derivative = activation("relu")[1]  # 1 where Z > 0, else 0
dZ2 = (Y_hat - Y) / m  # step 1
dW2 = A1.T @ dZ2  # step 2
db2 = dZ2.sum(axis=0)  # step 3
dA1 = dZ2 @ W2.T  # step 4
dZ1 = dA1 * relu_derivative(Z1)  # step 5
dW1 = X.T @ dZ1  # step 6
db1 = dZ1.sum(axis=0)  # step 7
for formula, V in [("dZ[2] = (Ŷ − Y)/m", dZ2), ("dW[2] = A[1]ᵀ dZ[2]", dW2),
                   ("db[2] = sum of the rows of dZ[2]", db2), ("dA[1] = dZ[2] W[2]ᵀ", dA1),
                   ("dZ[1] = dA[1] ⊙ ReLU′(Z[1])", dZ1), ("dW[1] = Xᵀ dZ[1]", dW1),
                   ("db[1] = sum of the rows of dZ[1]", db1)]:
    print(f"{formula}:\n{np.array2string(V.round(3) + 0.0, precision=3, floatmode='fixed')}")  # + 0.0: no -0.000

grads = backward(cross_entropy_grad(scores, Y), cache, params, activations)
numeric = numerical_parameter_gradients(lambda trial: cross_entropy(forward(X, trial, activations)[0], Y), params)
by_hand = [(dW1, db1), (dW2, db2)]
for name, other in [("backward", grads), ("central differences", numeric)]:
    error = max(relative_error(a, b) for mine, theirs in zip(by_hand, other) for a, b in zip(mine, theirs))
    print(f"largest relative error against {name}: {error:.1e}")
# --8<-- [end:worked_backward]

# --8<-- [start:xor]
for learning_rate in (0.1, 1.0):  # the classic rate and a ten times larger one (the table below adds 10)
    predictions, _, unseen = train_xor_network(learning_rate, epochs=10_000, seed=1)
    print(f"η = {learning_rate:g}: predictions {predictions.ravel().round(3)}, "
          f"final loss {mse(predictions, XOR_Y):.1e}, unseen [1, 0, 0] -> {unseen:.3f}")
# --8<-- [end:xor]

# --8<-- [start:reproduce-gradient-check]
import numpy as np

from snippets.backprop import gradient_check  # built in "Backpropagation"
from snippets.forward import init_params  # built in "Forward propagation"
from snippets.losses import cross_entropy, cross_entropy_grad, mse, mse_grad, one_hot  # built in "Loss functions"

rng = np.random.default_rng(0)
cases = [("cross-entropy on scores", ["tanh", "relu", "identity"], cross_entropy, cross_entropy_grad),
         ("MSE, sigmoid output", ["gelu", "elu", "sigmoid"], mse, mse_grad)]
for name, activations, loss, loss_grad in cases:
    params = [(W, 0.1 * rng.normal(size=b.shape)) for W, b in init_params([4, 5, 4, 3], rng, "xavier", np.float64)]
    X = rng.normal(size=(6, 4))
    Y = one_hot(rng.integers(0, 3, size=6), 3, dtype=np.float64) if loss is cross_entropy else rng.uniform(size=(6, 3))
    for layer, (error_W, error_b) in enumerate(gradient_check(X, Y, params, activations, loss, loss_grad), start=1):
        print(f"{name}, layer {layer} ({activations[layer - 1]}): {error_W:.1e} in dW, {error_b:.1e} in db")
# --8<-- [end:reproduce-gradient-check]

# --8<-- [start:reproduce-xor]
import numpy as np

from snippets.backprop import XOR_Y, train_xor_network  # built in "Backpropagation"
from snippets.losses import mse  # built in "Loss functions"

for learning_rate in (0.1, 1.0, 10.0):
    predictions, history, unseen = train_xor_network(learning_rate, epochs=10_000, seed=1)
    until = [f"{np.argmax(history < level):,}" if (history < level).any() else "not within 10,000"
             for level in (0.2, 0.01)]  # the loss history holds the loss before each epoch
    print(f"η = {learning_rate:g}: predictions {', '.join(f'{p:.3f}' for p in predictions.ravel())}, "
          f"final loss {mse(predictions, XOR_Y):.1e}, unseen [1, 0, 0] -> {unseen:.3f}")
    print(f"    loss {history[0]:.3f} at the start; epochs until it is below 0.2: {until[0]}, below 0.01: {until[1]}")
# --8<-- [end:reproduce-xor]
