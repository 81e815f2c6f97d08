import numpy as np
import pytest

from snippets import gradient_descent as gd
from snippets.gradcheck import numerical_gradient, relative_error
from snippets.losses import mse
from snippets.optimizers import Momentum
from snippets.solutions import gradient_descent as solutions


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_bisection_finds_two_over_lambda_max(seed):
    rng = np.random.default_rng(seed)
    A = rng.normal(size=(3, 3))
    H = A @ A.T + 0.5 * np.eye(3)
    theta = rng.normal(size=3)
    found = solutions.find_stable_learning_rate(
        lambda t: gd.quadratic(t, H), lambda t: gd.quadratic_grad(t, H), theta, low=0.0, high=10.0
    )
    assert found == pytest.approx(gd.largest_stable_learning_rate(H), rel=1e-2)


def test_momentum_path_matches_the_optimizer():
    H = np.diag([1.0, 10.0])
    grad = lambda t: gd.quadratic_grad(t, H)  # noqa: E731
    start = np.array([-9.0, 1.5])
    for eta, beta in [(0.02, 0.8), (0.1, 0.0), (0.05, 0.95)]:
        expected = gd.descend(grad, start, Momentum(eta, beta), 100)
        path = solutions.momentum_path(grad, start, eta, beta, 100)
        np.testing.assert_allclose(path, expected, rtol=1e-12, atol=1e-14)


def test_linear_regression_grads_match_central_differences():
    X, Y, _ = gd.make_regression(15, 3, 0.3, seed=2)
    rng = np.random.default_rng(3)
    W, b = rng.normal(size=(3, 1)), rng.normal(size=(1, 1))
    dW, db = solutions.linear_regression_grads(X, Y, W, b)
    assert dW.shape == W.shape and db.shape == b.shape
    loss = lambda W, b: mse(X @ W + b, Y)  # noqa: E731
    assert relative_error(dW, numerical_gradient(lambda V: loss(V, b), W)) < 1e-6
    assert relative_error(db, numerical_gradient(lambda c: loss(W, c), b)) < 1e-6
