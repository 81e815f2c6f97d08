"""The page "The perceptron": its setup, a call of the prediction, and the lines that reproduce each table and figure."""

from snippets.perceptron import predict, step

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

# --8<-- [start:reproduce-and-trace]
import numpy as np

from snippets.perceptron import GATE_INPUTS, LOGIC_GATES, predict, update  # built in "The perceptron"

w, b = np.zeros(2), 0.0  # update's learning rate is η = 1
for x, y in zip(GATE_INPUTS, LOGIC_GATES["AND"]):
    z, y_hat = x @ w + b, predict(x, w, b)
    w, b = update(x, y, w, b)
    print(f"x = ({x[0]:g}, {x[1]:g}), y = {y:g}: z = {z:g}, ŷ = {y_hat:g}, y − ŷ = {y - y_hat:g}"
          f"  ->  w = ({w[0]:g}, {w[1]:g}), b = {b:g}")
# --8<-- [end:reproduce-and-trace]

# --8<-- [start:reproduce-training]
from snippets.perceptron import GATE_INPUTS, LOGIC_GATES, train_perceptron  # built in "The perceptron"

for gate, y in LOGIC_GATES.items():
    w, b, mistakes = train_perceptron(GATE_INPUTS, y, learning_rate=1.0, epochs=20)
    clean = next((epoch for epoch, wrong in enumerate(mistakes, start=1) if wrong == 0), "none in 20")
    print(f"{gate}: first epoch without a mistake {clean}, w = ({w[0]:g}, {w[1]:g}), b = {b:g}, "
          f"mistakes in epochs 1–10: {', '.join(map(str, mistakes[:10]))}, …")
# --8<-- [end:reproduce-training]

# --8<-- [start:reproduce-truth-tables]
from snippets.perceptron import GATE_INPUTS, LOGIC_GATES, predict, train_perceptron  # built in "The perceptron"

for gate, y in LOGIC_GATES.items():
    w, b, _ = train_perceptron(GATE_INPUTS, y, epochs=20)
    on_line = [f"({x[0]:g},{x[1]:g})" for x in GATE_INPUTS[GATE_INPUTS @ w + b == 0]]
    print(f"{gate}: w = ({w[0]:g}, {w[1]:g}), b = {b:g}; y = {y.astype(int)}, "
          f"ŷ = {predict(GATE_INPUTS, w, b).astype(int)}; z = 0 at {' and '.join(on_line)}")
# --8<-- [end:reproduce-truth-tables]

# --8<-- [start:reproduce-xor]
from snippets.perceptron import GATE_INPUTS, LOGIC_GATES, predict, train_perceptron  # built in "The perceptron"

y = LOGIC_GATES["XOR"]
w, b, _ = train_perceptron(GATE_INPUTS, y, epochs=20)
wrong = [f"({x[0]:g},{x[1]:g})" for x in GATE_INPUTS[predict(GATE_INPUTS, w, b) != y]]
print(f"XOR after 20 epochs: w = ({w[0]:g}, {w[1]:g}), b = {b:g}, misclassified: {' and '.join(wrong)}")
for gate in ("AND", "OR", "XOR"):
    mistakes = train_perceptron(GATE_INPUTS, LOGIC_GATES[gate], epochs=20)[2]
    print(f"{gate}, mistakes in each of the 20 epochs: {', '.join(map(str, mistakes))}")
# --8<-- [end:reproduce-xor]

# --8<-- [start:reproduce-xor-cycle]
from snippets.perceptron import GATE_INPUTS, LOGIC_GATES, predict, train_perceptron, update  # built in "The perceptron"

w, b, _ = train_perceptron(GATE_INPUTS, LOGIC_GATES["XOR"], epochs=19)
print(f"Start of epoch 20: w = ({w[0]:g}, {w[1]:g}), b = {b:g}")
for x, y in zip(GATE_INPUTS, LOGIC_GATES["XOR"]):
    z, y_hat = x @ w + b, predict(x, w, b)
    w, b = update(x, y, w, b)
    print(f"x = ({x[0]:g}, {x[1]:g}), y = {y:g}: z = {z:g}, ŷ = {y_hat:g}, y − ŷ = {y - y_hat:g}"
          f"  ->  w = ({w[0]:g}, {w[1]:g}), b = {b:g}")
# --8<-- [end:reproduce-xor-cycle]

# --8<-- [start:reproduce-xor-attempts]
import numpy as np

from snippets.perceptron import GATE_INPUTS, LOGIC_GATES, predict, train_perceptron  # built in "The perceptron"

y = LOGIC_GATES["XOR"]
print("Each run lasts 1,000 epochs.")
for seed in (None, 0, 1, 2, 3, 4):  # None: start from zeros
    for learning_rate in (1.0, 0.1):
        rng = None if seed is None else np.random.default_rng(seed)
        w, b, mistakes = train_perceptron(GATE_INPUTS, y, learning_rate=learning_rate, epochs=1000, rng=rng)
        wrong = int((predict(GATE_INPUTS, w, b) != y).sum())
        start = "zeros" if seed is None else f"random, seed {seed}"
        print(f"{start}, η = {learning_rate:g}: fewest mistakes in an epoch {min(mistakes)}, "
              f"final line misclassifies {wrong} of 4")
# --8<-- [end:reproduce-xor-attempts]

# --8<-- [start:reproduce-xor-network]
from snippets.perceptron import GATE_INPUTS, LOGIC_GATES, xor_network  # built in "The perceptron"

hidden, y_hat = xor_network(GATE_INPUTS)
for x, h, out, y in zip(GATE_INPUTS, hidden, y_hat, LOGIC_GATES["XOR"]):
    print(f"({x[0]:g},{x[1]:g}) goes to (h1, h2) = (OR, NAND) = ({h[0]:g},{h[1]:g}), "
          f"ŷ = AND(h1, h2) = {out:g}, XOR y = {y:g}")
# --8<-- [end:reproduce-xor-network]
