"""Checks of mini-assignment 2: an activation function of your own (Mish) and its derivative."""

import numpy as np

from snippets.check.activation_functions import matches_numerical_derivative, points, stable_at_extremes
from snippets.check.core import CheckFailed, Exercise, array, close, finite, seeded
from snippets.solutions import activation_comparison as reference

TITLE = "Mini-assignments"
PAGE = "exercises/activation-comparison.md"
SOLUTION = "snippets.solutions.activation_comparison"
MIN_ACCURACY = 0.80  # training accuracy of the short run through the experiment

mish = Exercise("activation-comparison", "Comparing activation functions: Mish", PAGE, ("mish", "mish_grad"), SOLUTION)


@mish.check("mish(z) equals z·tanh(softplus(z)) on 401 seeded points in [−20, 20] (tolerance 1e-12 + 1e-9·|value|)",
            hint="softplus(z) = log(1 + e^z) is np.logaddexp(0, z); then multiply z by np.tanh of it")
def _(learner):
    z = points(1, -20, 20)
    close(learner.mish(z), reference.mish(z), "mish(z)", rtol=1e-9, atol=1e-12, inputs=("z", z))


@mish.check("mish(−1000) = 0, mish(0) = 0, mish(1000) = 1000, with no warning", hint=(
    "np.log(1 + np.exp(z)) overflows at z = 1000: compute softplus with np.logaddexp(0, z)"))
def _(learner):
    stable_at_extremes(learner, "mish", [0.0, 0.0, 1000.0])


@mish.check("mish_grad matches the numerical derivative of Mish on 401 seeded points in [−10, 10] "
            "(relative error < 1e-6)", hint=(
                "product rule: Mish'(z) = tanh(s) + z·tanh'(s)·s'(z) with s = softplus(z), "
                "tanh'(s) = 1 − tanh²(s) and s'(z) = σ(z)"))
def _(learner):
    matches_numerical_derivative(learner, "mish_grad", reference.mish, points(2, -10, 10))


@mish.check("mish_grad(−1000) = 0, mish_grad(0) = tanh(log 2) = 0.6, mish_grad(1000) = 1, with no warning", hint=(
    "use the stable sigmoid of snippets.activations for σ(z), and softplus through np.logaddexp"))
def _(learner):
    stable_at_extremes(learner, "mish_grad", [0.0, 0.6, 1.0])


@mish.check("both work elementwise on arrays of any shape", hint="use NumPy operations only, no math module or loop")
def _(learner):
    z = seeded(3).normal(size=(3, 4))
    for name in ("mish", "mish_grad"):
        array(getattr(learner, name)(z), f"{name} of a (3, 4) array", shape=(3, 4))


@mish.check(f"your Mish trains the experiment's network: 784 → 128 → 10 on 2,000 digits, 3 epochs, "
            f"at least {MIN_ACCURACY:.0%} training accuracy", time_limit=60, hint=(
                "the network calls mish on (batch, 128) arrays of float32: make sure nothing assumes one dimension"))
def _(learner):
    Z = seeded(4).normal(size=(4, 128)).astype(np.float32)  # what the hidden layer hands them: a batch of rows
    for name in ("mish", "mish_grad"):
        finite(array(getattr(learner, name)(Z), f"{name} of a (4, 128) float32 array", shape=(4, 128)), name)
    result = reference.train_with_activation("mish", functions=(learner.mish, learner.mish_grad), n_train=2000,
                                             n_hidden=128, epochs=3, checkpoints_per_epoch=1)
    accuracy = result["train_accuracy"][-1]
    if not accuracy >= MIN_ACCURACY:
        raise CheckFailed("the network trained with your Mish did not learn", expected=f"≥ {MIN_ACCURACY:.0%}",
                          got=f"{accuracy:.2%} training accuracy")


EXERCISES = [mish]
