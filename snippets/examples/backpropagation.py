"""The page "Backpropagation": its setup, and calls of backward, train_step, the gradient check and XOR."""

from snippets.backprop import XOR_X, XOR_Y, backward, gradient_check, train_step, train_xor_network
from snippets.gradcheck import numerical_gradient, numerical_parameter_gradients, relative_error

# --8<-- [start:setup]
import numpy as np

from snippets.activations import sigmoid  # built in "Activation functions"
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

# --8<-- [start:xor]
for learning_rate in (0.1, 1.0):  # the notes' rate and a ten times larger one (the table below adds 10)
    predictions, _, unseen = train_xor_network(learning_rate, epochs=10_000, seed=1)
    print(f"η = {learning_rate:g}: predictions {predictions.ravel().round(3)}, "
          f"final loss {mse(predictions, XOR_Y):.1e}, unseen [1, 0, 0] -> {unseen:.3f}")
# --8<-- [end:xor]
