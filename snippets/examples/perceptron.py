"""The page "The perceptron": its setup, and calls of the prediction, the learning rule and the XOR network."""

from snippets.perceptron import GATE_INPUTS, LOGIC_GATES, predict, step, train_perceptron, update, xor_network

# --8<-- [start:setup]
import numpy as np

from snippets.neuron import neuron  # built in "What is a neural network"
# --8<-- [end:setup]

# --8<-- [start:predict]
w, b = np.array([1.0, 1.0]), -1.0  # the line that OR learns below
X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
print("z =", X @ w + b)
print("ŷ =", predict(X, w, b))
print("step(0) =", step(0.0))
# --8<-- [end:predict]

# --8<-- [start:first_epoch]
w, b = np.zeros(2), 0.0
for x, y in zip(GATE_INPUTS, LOGIC_GATES["AND"]):
    y_hat = predict(x, w, b)
    w, b = update(x, y, w, b)
    print(f"x = {x}, y = {y:.0f}, ŷ = {y_hat:.0f}, y − ŷ = {y - y_hat:.0f}  ->  w = {w}, b = {b:.0f}")
# --8<-- [end:first_epoch]

# --8<-- [start:train]
for gate, y in LOGIC_GATES.items():
    w, b, mistakes = train_perceptron(GATE_INPUTS, y, epochs=20)
    print(f"{gate:>3}: w = {w}, b = {b:.0f}, mistakes per epoch: {mistakes}")
# --8<-- [end:train]

# --8<-- [start:xor_network]
hidden, y_hat = xor_network(GATE_INPUTS)
for x, h, out, y in zip(GATE_INPUTS, hidden, y_hat, LOGIC_GATES["XOR"]):
    print(f"x = {x}  ->  h = (OR, NAND) = {h}  ->  ŷ = {out:.0f}   XOR: {y:.0f}")
# --8<-- [end:xor_network]
