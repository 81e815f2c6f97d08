"""Checks of the exercises of the chapter "Gradient descent"."""

import functools

import numpy as np

from snippets.check.core import CheckFailed, Exercise, array, close, gradient, number, seeded, show, uses
from snippets.gradcheck import numerical_gradient
from snippets.gradient_descent import descend, largest_stable_learning_rate, quadratic, quadratic_grad
from snippets.losses import mse
from snippets.optimizers import Momentum

TITLE = "Gradient descent"
PAGE = "chapters/gradient-descent.md#exercises"
SOLUTION = "snippets.solutions.gradient_descent"
VISIBLE_BOWL = np.diag([1.0, 10.0])


def bowl(seed, n=3):
    """A seeded quadratic bowl L(θ) = ½ θHθᵀ: H symmetric positive definite."""
    A = seeded(seed).normal(size=(n, n))
    return A @ A.T + 0.5 * np.eye(n)


def _loss_and_grad(H):
    """L(θ) and its gradient on the bowl H, as functions of θ alone (the book's own, so they run in the
    learner's process: the exercise calls them thousands of times)."""
    return functools.partial(quadratic, H=H), functools.partial(quadratic_grad, H=H)


# ---------------------------------------------------------------- 1. the stable learning rate
stable = Exercise("gradient-descent/find-stable-learning-rate", "Find the stable learning rate by experiment", PAGE,
                  ("find_stable_learning_rate",), SOLUTION)


def _stable(learner, H, theta):
    loss, grad = _loss_and_grad(H)
    truth = largest_stable_learning_rate(H)
    low, high = 0.0, float(4 * truth)
    call = f"find_stable_learning_rate(loss, grad, theta, low={low:g}, high={high:.4g})"
    got = number(learner.find_stable_learning_rate(loss, grad, theta, low, high), call)
    close(got, truth, f"{call} for λ_max = {np.linalg.eigvalsh(H).max():.4g}", rtol=1e-2, atol=0)


@stable.check("within 1% of 2/λ_max on the bowl H = diag(1, 10) from θ = (1, 1)", hint=(
    "bisection: try the middle of [low, high]; if that run diverges, it becomes the new high, else the new low"))
def _(learner):
    _stable(learner, VISIBLE_BOWL, np.array([1.0, 1.0]))


@stable.check("within 1% of 2/λ_max on three seeded 3 × 3 bowls from seeded starting points", hint=(
    "call a run diverged as soon as its loss rises above the starting loss, and use the `steps` "
    "and `iterations` arguments rather than fixed numbers"))
def _(learner):
    for seed in (1, 2, 3):
        _stable(learner, bowl(seed), seeded(seed + 10).normal(size=3))


@stable.check("follows its arguments: iterations=6 gives the answer 6 halvings of [low, high] leave, and with "
              "steps=40 no more than 40 steps of descent per trial", hint=(
                  "use the `steps` and `iterations` arguments rather than fixed numbers: each of the `iterations` "
                  "trials halves the interval, and runs at most `steps` steps"))
def _(learner):
    loss, grad = _loss_and_grad(VISIBLE_BOWL)
    truth = largest_stable_learning_rate(VISIBLE_BOWL)
    low, high, steps, iterations = 0.0, float(4 * truth), 40, 6
    calls = []

    def counted_grad(theta):
        calls.append(1)
        return grad(theta)

    call = f"find_stable_learning_rate(loss, grad, theta, low=0, high={high:.4g}, steps={steps}, iterations={iterations})"
    got = number(learner.find_stable_learning_rate(loss, counted_grad, np.array([1.0, 1.0]), low, high,
                                                   steps=steps, iterations=iterations), call)
    width = (high - low) / 2 ** iterations
    if not abs(got - truth) <= width:
        raise CheckFailed(f"{call} is not in the interval that {iterations} halvings leave around 2/λ_max",
                          expected=f"{truth:.6g} ± {width:.3g}", got=show(got))
    grid = (got - low) / (width / 2)  # the ends and the middle of every interval 6 halvings can leave
    if not abs(grid - round(grid)) < 1e-6:
        raise CheckFailed(f"{call} is not where {iterations} halvings of [low, high] end: are all "
                          f"{iterations} iterations, and no more, used?", expected=f"a multiple of {width / 2:.6g}",
                          got=show(got))
    most = (iterations + 2) * steps  # a trial of low and of high beforehand is allowed
    if len(calls) > most:
        raise CheckFailed(f"{call} called grad {len(calls)} times: more than {iterations} trials of {steps} steps",
                          expected=f"at most {most} calls", got=str(len(calls)))


# ---------------------------------------------------------------- 2. momentum by hand
momentum = Exercise("gradient-descent/momentum-path", "Momentum by hand", PAGE, ("momentum_path",), SOLUTION)


def _path(learner, H, theta, learning_rate, beta, steps):
    grad = _loss_and_grad(H)[1]
    call = f"momentum_path(grad, theta, learning_rate={learning_rate:g}, beta={beta:g}, steps={steps})"
    got = array(learner.momentum_path(grad, theta, learning_rate, beta, steps), call, shape=(steps + 1, len(theta)))
    expected = descend(grad, theta, Momentum(learning_rate, beta), steps)
    uphill = descend(grad, theta, Momentum(-learning_rate, beta), steps)
    close(got, expected, f"{call} (rows are steps)", rtol=1e-9, atol=1e-12,
          mistakes=[(uphill, "the path climbs where it should descend: v ← βv − η ∂L/∂θ, with a minus")])


@momentum.check("an array of shape (steps + 1, len(θ)) matching Momentum on H = diag(1, 10) "
                "(tolerance 1e-12 + 1e-9·|value|)", hint=(
                    "the first row is θ itself; each step first updates v from the gradient at the current "
                    "point, then moves θ by v"))
def _(learner):
    _path(learner, VISIBLE_BOWL, np.array([1.0, 1.0]), 0.05, 0.9, 30)


@momentum.check("the same on seeded bowls, starting points, learning rates and β", hint=(
    "build new arrays (theta = theta + v) instead of changing theta in place: every row of the path "
    "must keep the point it was"))
def _(learner):
    for seed in (4, 5):
        H = bowl(seed)
        _path(learner, H, seeded(seed).normal(size=3), 0.5 * largest_stable_learning_rate(H), 0.7 + 0.05 * seed, 25)


@momentum.check("the right path, written by hand: without the book's Momentum class", hint=(
    "the exercise is the two update lines: keep v and θ in your own variables"))
def _(learner):
    _path(learner, VISIBLE_BOWL, np.array([1.0, 1.0]), 0.05, 0.9, 30)
    uses(learner, "momentum_path", avoids=[(Momentum, "the Momentum class")])


# ---------------------------------------------------------------- 3. linear regression with a bias
regression = Exercise("gradient-descent/linear-regression-grads", "Linear regression with a bias", PAGE,
                      ("linear_regression_grads",), SOLUTION)


def _grads(learner, seed, m, n, k):
    rng = seeded(seed)
    X, Y, W, b = rng.normal(size=(m, n)), rng.normal(size=(m, k)), rng.normal(size=(n, k)), rng.normal(size=(1, k))
    result = learner.linear_regression_grads(X, Y, W, b)
    if not isinstance(result, (tuple, list)) or len(result) != 2:
        raise CheckFailed("linear_regression_grads should return the pair (dW, db)", expected="(dW, db)",
                          got=repr(result)[:80])
    dW, db = result
    gradient(dW, numerical_gradient(lambda V: mse(X @ V + b, Y), W), f"dW (shape {W.shape})", mistakes=[(
        numerical_gradient(lambda V: mse(X @ V, Y), W),
        "dW is the gradient of a model without bias: the predictions are Ŷ = XW + b")])
    gradient(db, numerical_gradient(lambda v: mse(X @ W + v, Y), b), f"db (shape {b.shape})")


@regression.check("dW and db shaped like W (n, 1) and b (1, 1), equal to numerical gradients "
                  "(relative error < 1e-6)", hint=(
                      "the predictions include the bias, Ŷ = XW + b; db sums ∂L/∂Ŷ over the examples "
                      "(keepdims=True keeps the shape (1, 1))"))
def _(learner):
    _grads(learner, 6, 20, 4, 1)


@regression.check("targets with 3 columns: W (n, 3), b (1, 3), on seeded data (relative error < 1e-6)", hint=(
    "nothing may assume one output column: sum over axis 0 only"))
def _(learner):
    _grads(learner, 7, 15, 5, 3)


EXERCISES = [stable, momentum, regression]
