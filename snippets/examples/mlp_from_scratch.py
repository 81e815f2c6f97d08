"""The page "Mini-assignment 3: an MLP from scratch": the setup its starter and solution need."""

# --8<-- [start:setup]
import numpy as np

from snippets.mnist import load_mnist  # the book's MNIST loader
# --8<-- [end:setup]

# --8<-- [start:reproduce-gradient-check]
import numpy as np

# The book's reference solution; to check yours, import the same names from your mlp_from_scratch.py instead.
from snippets.solutions.mlp_from_scratch import backward, forward, loss  # built in "Mini-assignment 3: an MLP from scratch"
from snippets.gradcheck import numerical_gradient, relative_error  # built in "Backpropagation"

rng = np.random.default_rng(0)
shapes = {"W1": (5, 4), "b1": (4,), "W2": (4, 3), "b2": (3,)}  # a 5 → 4 → 3 network
params = {name: rng.normal(size=shape) for name, shape in shapes.items()}
X, y = rng.normal(size=(6, 5)), rng.integers(0, 3, size=6)
scores, cache = forward(X, params)
grads = backward(scores, y, cache, params)
for name, value in params.items():
    numerical = numerical_gradient(lambda v: loss(forward(X, {**params, name: v})[0], y), value)
    print(f"d{name} {value.shape}: relative error {relative_error(grads[name], numerical):.1e}")
# --8<-- [end:reproduce-gradient-check]

# --8<-- [start:reproduce-training]
import numpy as np

# The book's reference solution; to train yours, import the same names from your mlp_from_scratch.py instead.
from snippets.solutions.mlp_from_scratch import forward, train  # built in "Mini-assignment 3: an MLP from scratch"
from snippets.mnist import load_mnist  # the book's MNIST loader

data = load_mnist()
params, losses = train(data.train_images[:10_000], data.train_labels[:10_000],
                       n_hidden=64, epochs=10, batch_size=32, learning_rate=0.1, seed=0)
scores, _ = forward(data.test_images, params)
print(f"accuracy on the 10,000 test digits: {np.mean(scores.argmax(axis=1) == data.test_labels):.2%}")
for epoch, value in enumerate(losses, start=1):
    print(f"epoch {epoch:2}: mean training loss {value:.4f}")
# --8<-- [end:reproduce-training]
