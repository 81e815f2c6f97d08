"""One artificial neuron, and how many parameters a network of such neurons has.

A neuron weighs each of its inputs, adds a bias and passes the sum through an
activation function: a = f(x·w + b). Examples are rows, as everywhere in this book,
so the same line of code handles one example or a whole batch.
"""

from snippets.activations import sigmoid


# --8<-- [start:neuron]
def weighted_sum(x, w, b):
    """z = x·w + b = Σᵢ xᵢwᵢ + b: how strongly the inputs, weighted, push the neuron, plus a shift.

    x is one example (shape (n,)) or a batch with one example per row (shape (m, n));
    w has one weight per input (shape (n,)) and b is a number. Given a matrix w with
    one column per neuron and a row b of their biases, the same line computes a layer.
    """
    return x @ w + b


def neuron(x, w, b, activation=sigmoid):
    """a = f(x·w + b): one activation per example (a number for one example, shape (m,) for a batch)."""
    return activation(weighted_sum(x, w, b))
# --8<-- [end:neuron]


# --8<-- [start:count_parameters]
def count_parameters(sizes):
    """Weights and biases of a fully connected network with layer sizes n₀, n₁, ..., n_L.

    Layer ℓ connects each of its n_ℓ neurons to all n_(ℓ−1) neurons before it
    (n_(ℓ−1)·n_ℓ weights) and gives each neuron one bias (n_ℓ biases).
    """
    return sum(n_in * n_out + n_out for n_in, n_out in zip(sizes[:-1], sizes[1:]))
# --8<-- [end:count_parameters]
