"""Checks of the exercises of the chapter "Activation functions"."""

import math

import numpy as np

from snippets.activations import sigmoid
from snippets.check.core import CheckFailed, Exercise, array, close, gradient, no_warnings, number, seeded, uses
from snippets.gradcheck import numerical_derivative
from snippets.solutions import activations as reference

TITLE = "Activation functions"
PAGE = "chapters/activation-functions.md#exercises"
SOLUTION = "snippets.solutions.activations"
EXTREMES = np.array([-1000.0, 0.0, 1000.0])


def points(seed, low=-30.0, high=30.0, size=401):
    """``size`` seeded points in [low, high], sorted: the inputs of an activation's checks."""
    return np.sort(seeded(seed).uniform(low, high, size))


def _elementwise(learner, name, z, expected, rtol=1e-9, atol=1e-12):
    close(getattr(learner, name)(z), expected, f"{name}(z)", rtol=rtol, atol=atol, inputs=("z", z))


def stable_at_extremes(learner, name, expected):
    """The learner's ``name`` gives ``expected`` at z = −1000, 0, 1000, with no overflow warning."""
    with no_warnings(f"{name}(np.array([-1000.0, 0.0, 1000.0]))"):
        got = getattr(learner, name)(EXTREMES)
    close(got, expected, f"{name}(np.array([-1000.0, 0.0, 1000.0]))", rtol=1e-9, atol=1e-12, inputs=("z", EXTREMES))


def matches_numerical_derivative(learner, name, function, z):
    """The learner's derivative ``name`` at ``z`` against central differences of ``function``."""
    gradient(getattr(learner, name)(z), numerical_derivative(function, z), f"{name}(z)")


def _keeps_shape(learner, name):
    z = seeded(9).normal(size=(3, 4))
    array(getattr(learner, name)(z), f"{name} of a (3, 4) array", shape=(3, 4))


# ---------------------------------------------------------------- 1. sigmoid from tanh
via_tanh = Exercise("activation-functions/sigmoid-via-tanh", "Sigmoid from tanh", PAGE, ("sigmoid_via_tanh",), SOLUTION)


@via_tanh.check("equals σ(z) on 401 seeded points in [−30, 30] (tolerance 1e-12 + 1e-9·|σ(z)|)", hint=(
    "substitute u = z/2 in tanh(u) = 2σ(2u) − 1 and solve for σ(z)"))
def _(learner):
    z = points(1)
    _elementwise(learner, "sigmoid_via_tanh", z, sigmoid(z))


@via_tanh.check("σ(−1000) = 0, σ(0) = 0.5, σ(1000) = 1, with no overflow warning", hint=(
    "np.tanh never overflows: compute everything from np.tanh(z / 2), with no np.exp"))
def _(learner):
    stable_at_extremes(learner, "sigmoid_via_tanh", [0.0, 0.5, 1.0])


@via_tanh.check("works elementwise on an array of any shape", hint="use NumPy operations, not math.tanh or a loop")
def _(learner):
    _keeps_shape(learner, "sigmoid_via_tanh")


@via_tanh.check("computes σ from np.tanh, with no exponential and not with the book's sigmoid", hint=(
    "the exercise is the identity σ(z) = (1 + tanh(z/2)) / 2: use np.tanh and arithmetic only"))
def _(learner):
    uses(learner, "sigmoid_via_tanh", needs=[(np.tanh, "np.tanh")],
         avoids=[(np.exp, "np.exp"), (np.expm1, "np.expm1"), (np.exp2, "np.exp2"), (np.power, "np.power"),
                 (math.exp, "math.exp"), (sigmoid, "the book's sigmoid")])


# ---------------------------------------------------------------- 2. a stable log-sigmoid
log_sig = Exercise("activation-functions/log-sigmoid", "A stable log-sigmoid", PAGE, ("log_sigmoid",), SOLUTION)


@log_sig.check("equals log σ(z) on 401 seeded points in [−30, 30] (tolerance 1e-12 + 1e-9·|log σ(z)|)", hint=(
    "log σ(z) = −log(1 + e^(−z)); np.logaddexp(0, −z) is log(e^0 + e^(−z))"))
def _(learner):
    z = points(2)
    _elementwise(learner, "log_sigmoid", z, np.log(sigmoid(z)))


@log_sig.check("log σ(−1000) = −1000, log σ(0) = −log 2, log σ(1000) = 0, with no warning", hint=(
    "np.log(sigmoid(z)) gives −inf at z = −1000, because σ(−1000) rounds to 0: never form σ(z) first"))
def _(learner):
    stable_at_extremes(learner, "log_sigmoid", [-1000.0, -np.log(2.0), 0.0])


@log_sig.check("works elementwise on an array of any shape", hint="use NumPy operations, not math functions")
def _(learner):
    _keeps_shape(learner, "log_sigmoid")


# ---------------------------------------------------------------- 3. softplus
softplus = Exercise("activation-functions/softplus", "Softplus", PAGE, ("softplus", "softplus_grad"), SOLUTION)


@softplus.check("softplus(z) equals log(1 + e^z) on 401 seeded points in [−30, 30] (tolerance 1e-12 + 1e-9·|value|)",
                hint="log(1 + e^z) is np.logaddexp(0, z)")
def _(learner):
    z = points(3)
    _elementwise(learner, "softplus", z, reference.softplus(z))


@softplus.check("softplus(−1000) = 0 and softplus(1000) = 1000, with no warning", hint=(
    "np.log(1 + np.exp(z)) overflows at z = 1000: use the trick of the log-sigmoid exercise"))
def _(learner):
    stable_at_extremes(learner, "softplus", [0.0, np.log(2.0), 1000.0])


@softplus.check("softplus_grad matches the numerical derivative of softplus (relative error < 1e-6)", hint=(
    "differentiate log(1 + e^z) with the chain rule, then divide numerator and denominator by e^z"))
def _(learner):
    matches_numerical_derivative(learner, "softplus_grad", reference.softplus, points(4, -20, 20))


@softplus.check("softplus_grad(−1000) = 0 and softplus_grad(1000) = 1, with no warning", hint=(
    "the derivative is a function from the chapter that is already stable at ±1000"))
def _(learner):
    stable_at_extremes(learner, "softplus_grad", [0.0, 0.5, 1.0])


# ---------------------------------------------------------------- 4. parameter counts
counts = Exercise("activation-functions/parameter-counts", "What depth buys without non-linearity", PAGE,
                  ("parameter_counts",), SOLUTION)


def _counts(learner, sizes):
    call = f"parameter_counts({sizes})"
    result = learner.parameter_counts(sizes)
    if not isinstance(result, (tuple, list)) or len(result) != 2:
        raise CheckFailed(f"{call} should return a pair", expected="(stack count, collapsed count)",
                          got=repr(result)[:80])
    got = tuple(number(v, call, integer=True) for v in result)
    expected = reference.parameter_counts(sizes)
    if got != expected:
        raise CheckFailed(f"{call} is wrong", expected=expected, got=got)


@counts.check("784 → 256 → 128 → 64 → 10: (parameters of the stack, of the collapsed layer)", hint=(
    "each layer has n_in·n_out weights and n_out biases; the collapsed layer goes from the first size to the last"))
def _(learner):
    _counts(learner, [784, 256, 128, 64, 10])


@counts.check("20 seeded lists of 2 to 6 layer sizes", hint=(
    "sum over consecutive pairs of sizes: zip(sizes[:-1], sizes[1:])"))
def _(learner):
    rng = seeded(5)
    for _ in range(20):
        _counts(learner, [int(n) for n in rng.integers(1, 300, size=rng.integers(2, 7))])


EXERCISES = [via_tanh, log_sig, softplus, counts]
