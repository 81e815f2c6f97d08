"""Checks of the exercises of the chapter "Forward propagation"."""

import numpy as np

from snippets.check.core import CheckFailed, Exercise, array, close, equal, number, seeded
from snippets.forward import forward, init_params
from snippets.solutions import forward as reference

TITLE = "Forward propagation"
PAGE = "chapters/forward-propagation.md#exercises"
SOLUTION = "snippets.solutions.forward"


def network(seed, sizes, dtype=np.float64):
    """Seeded parameters (with non-zero biases, so a forgotten bias shows) and a batch of inputs."""
    rng = seeded(seed)
    params = [(W, rng.normal(size=b.shape).astype(dtype)) for W, b in init_params(sizes, rng, dtype=dtype)]
    return params, rng.normal(size=(7, sizes[0])).astype(dtype)


# ---------------------------------------------------------------- 1. from scores to classes
predict = Exercise("forward-propagation/predict", "From scores to classes", PAGE, ("predict",), SOLUTION)


def _predict(learner, seed, sizes, activations):
    params, X = network(seed, sizes)
    got = array(learner.predict(X, params, activations), "predict(X, params, activations)", shape=(len(X),),
                 kind="int")
    expected = reference.predict(X, params, activations)
    if not np.array_equal(got, expected):
        raise CheckFailed(f"predict(X, params, activations) is wrong for {int(np.sum(got != expected))} of "
                          f"{len(X)} rows ({' → '.join(map(str, sizes))} network)", expected=expected, got=got,
                          hint="take the index of the largest score in each row: argmax over axis 1, the classes")


@predict.check("one class index per row, an integer array of shape (m,), for a 784 → 32 → 10 ReLU network", hint=(
    "run forward, then np.argmax over the classes (axis=1): one answer per example"))
def _(learner):
    _predict(learner, 1, [784, 32, 10], ["relu", "identity"])


@predict.check("the right class for every row of seeded 5 → 8 → 8 → 3 networks (tanh, sigmoid)", hint=(
    "pass `activations` on to forward unchanged"))
def _(learner):
    _predict(learner, 2, [5, 8, 8, 3], ["tanh", "sigmoid", "identity"])
    _predict(learner, 3, [5, 8, 8, 3], ["sigmoid", "relu", "identity"])


# ---------------------------------------------------------------- 2. the column convention
columns = Exercise("forward-propagation/forward-columns", "The column convention", PAGE, ("forward_columns",), SOLUTION)
BIAS_HINT = "the bias is missing: add b as a column, b[:, None], to every column of Wᵀ A"


def _columns(learner, seed, sizes, activations, dtype=np.float64):
    params, X = network(seed, sizes, dtype)
    got = learner.forward_columns(X.T.copy(), params, activations)
    expected = forward(X, params, activations)[0].T
    what = f"forward_columns(X_T, params, activations) for a {' → '.join(map(str, sizes))} network"
    no_bias = forward(X, [(W, np.zeros_like(b)) for W, b in params], activations)[0].T
    return close(got, expected, what, rtol=1e-5 if dtype == np.float32 else 1e-9, atol=1e-6,
                 mistakes=[(no_bias, BIAS_HINT)])


@columns.check("output of shape (n_L, m), one example per column, for 7 examples through 784 → 16 → 10", hint=(
    "transpose the layer equation: Z = Wᵀ A + b as a column; the result has one column per example"))
def _(learner):
    _columns(learner, 4, [784, 16, 10], ["relu", "identity"])


@columns.check("equals forward(X_T.T, params, activations)[0].T on seeded networks (tolerance 1e-6 + 1e-9·|value|)",
               hint="apply each layer's activation by name, as forward does, with snippets.forward.activation")
def _(learner):
    _columns(learner, 5, [6, 9, 4, 3], ["sigmoid", "tanh", "identity"])
    _columns(learner, 6, [3, 5, 2], ["elu", "sigmoid"])


@columns.check("float32 in, float32 out", hint="do not mix in float64 arrays (np.zeros defaults to float64)")
def _(learner):
    array(_columns(learner, 7, [10, 6, 4], ["relu", "identity"], np.float32), "forward_columns of float32 data",
          dtype=np.float32)


# ---------------------------------------------------------------- 3. counting the work
work = Exercise("forward-propagation/multiply-adds", "Counting the work", PAGE, ("multiply_adds",), SOLUTION)


def _work(learner, sizes, m):
    got = number(learner.multiply_adds(sizes, m), f"multiply_adds({sizes}, {m})", integer=True)
    equal(got, reference.multiply_adds(sizes, m), f"multiply_adds({sizes}, {m})",
          hint="Z of layer ℓ has m·n_ℓ entries, each a dot product of length n_(ℓ−1)")


@work.check("the 784 → 128 layer on 10,000 rows", hint="one multiply-add per weight and per example")
def _(learner):
    _work(learner, [784, 128], 10_000)


@work.check("20 seeded networks of 2 to 6 layers and batch sizes", hint="sum the layers' counts")
def _(learner):
    rng = seeded(8)
    for _ in range(20):
        _work(learner, [int(n) for n in rng.integers(1, 500, size=rng.integers(2, 7))], int(rng.integers(1, 5000)))


EXERCISES = [predict, columns, work]
