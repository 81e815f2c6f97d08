import numpy as np
import pytest

from snippets import gradient_descent as gd
from snippets.figures import gradient_descent as figures
from snippets.gradcheck import numerical_gradient, relative_error
from snippets.losses import mse
from snippets.optimizers import SGD

H = np.diag([1.0, 10.0])
START = np.array([-9.0, 1.5])


def bowl_grad(theta):
    return gd.quadratic_grad(theta, H)


def test_quadratic_closed_form_and_stacked_points():
    assert gd.quadratic(np.array([2.0, 1.0]), H) == 0.5 * (4 + 10)
    points = np.array([[0.0, 0.0], [1.0, 0.0], [0.0, 1.0]])
    np.testing.assert_array_equal(gd.quadratic(points, H), [0.0, 0.5, 5.0])
    assert gd.quadratic(np.zeros((7, 5, 2)), H).shape == (7, 5)  # a grid of points, as the contour plot uses


def test_quadratic_gradient_matches_central_differences():
    rng = np.random.default_rng(0)
    A = rng.normal(size=(3, 3))
    H3 = A @ A.T + np.eye(3)  # symmetric positive definite
    theta = rng.normal(size=3)
    numeric = numerical_gradient(lambda t: gd.quadratic(t, H3), theta)
    assert relative_error(gd.quadratic_grad(theta, H3), numeric) < 1e-6


def test_two_valleys_gradient_matches_central_differences():
    theta = np.linspace(-2, 2, 9)
    numeric = np.array([numerical_gradient(gd.two_valleys, t) for t in theta])
    assert relative_error(gd.two_valleys_grad(theta), numeric) < 1e-6


def test_linear_regression_gradient_is_the_chain_rule():
    X, Y, _ = gd.make_regression(20, 4, 0.3, seed=1)
    W = np.random.default_rng(2).normal(size=(4, 1))
    numeric = numerical_gradient(lambda V: gd.linear_regression_loss(V, X, Y), W)
    assert relative_error(gd.linear_regression_grad(W, X, Y), numeric) < 1e-6


def test_descend_records_the_path_and_leaves_the_start_alone():
    start = START.copy()
    path = gd.descend(bowl_grad, start, SGD(0.1), 3)
    assert path.shape == (4, 2)
    np.testing.assert_array_equal(start, START)
    np.testing.assert_allclose(path[1], START - 0.1 * H @ START)
    np.testing.assert_allclose(path[3], START * (1 - 0.1 * np.diag(H)) ** 3)  # (1 − ηλ)ᵗ per direction


def test_steps_to_reach():
    assert gd.steps_to_reach([5.0, 2.0, 0.5, 0.1], 1.0) == 2
    assert gd.steps_to_reach([5.0, 2.0], 1.0) is None


def test_stability_threshold_is_exactly_two_over_lambda_max():
    rng = np.random.default_rng(4)
    Q = np.linalg.qr(rng.normal(size=(3, 3)))[0]
    H3 = Q @ np.diag([1.0, 3.0, 8.0]) @ Q.T
    eta_max = gd.largest_stable_learning_rate(H3)
    assert eta_max == pytest.approx(0.25)
    start = rng.normal(size=3)
    for bowl, limit, x0 in [(H, 0.2, START), (H3, eta_max, start)]:
        below = gd.quadratic(gd.descend(lambda t: gd.quadratic_grad(t, bowl), x0, SGD(0.99 * limit), 2000), bowl)
        above = gd.quadratic(gd.descend(lambda t: gd.quadratic_grad(t, bowl), x0, SGD(1.01 * limit), 2000), bowl)
        assert below[-1] < 1e-6 * below[0]
        assert above[-1] > 1e6 * above[0]


def test_minibatches_cover_every_index_once_per_epoch():
    batches = list(gd.minibatches(10, 4, np.random.default_rng(0)))
    assert [len(batch) for batch in batches] == [4, 4, 2]  # the last batch gets the rest
    np.testing.assert_array_equal(np.sort(np.concatenate(batches)), np.arange(10))
    assert not np.array_equal(np.concatenate(batches), np.arange(10))  # shuffled
    again = list(gd.minibatches(10, 4, np.random.default_rng(0)))
    assert all(np.array_equal(a, b) for a, b in zip(batches, again))  # same seed, same batches
    rng = np.random.default_rng(0)
    first, second = np.concatenate(list(gd.minibatches(10, 4, rng))), np.concatenate(list(gd.minibatches(10, 4, rng)))
    assert not np.array_equal(first, second)  # a new order every epoch
    assert [len(b) for b in gd.minibatches(64, 32, rng)] == [32, 32]


def test_make_regression_is_seeded():
    X, Y, W_true = gd.make_regression(50, 3, 0.1, seed=7)
    assert X.shape == (50, 3) and Y.shape == (50, 1) and W_true.shape == (3, 1)
    np.testing.assert_array_equal(gd.make_regression(50, 3, 0.1, seed=7)[1], Y)
    assert mse(X @ W_true, Y) == pytest.approx(0.01, rel=0.5)  # the noise variance


def test_full_batch_training_is_plain_gradient_descent():
    X, Y, _ = gd.make_regression(40, 3, 0.2, seed=3)
    W = np.zeros((3, 1))
    updates = list(gd.train_linear_regression(X, Y, W, SGD(0.1), 40, 5, np.random.default_rng(0)))
    assert len(updates) == 5 and all(update is W for update in updates)  # W changes in place
    expected = gd.descend(lambda V: gd.linear_regression_grad(V, X, Y), np.zeros((3, 1)), SGD(0.1), 5)[-1]
    np.testing.assert_allclose(W, expected, rtol=1e-12)


def test_minibatch_training_reaches_least_squares():
    X, Y, _ = gd.make_regression(500, 5, 0.5, seed=5)
    W = np.zeros((5, 1))
    updates = list(gd.train_linear_regression(X, Y, W, SGD(0.02), 32, 30, np.random.default_rng(0)))
    assert len(updates) == 30 * 16  # ceil(500 / 32) = 16 updates per epoch
    W_best = np.linalg.lstsq(X, Y, rcond=None)[0]
    assert gd.linear_regression_loss(W, X, Y) < 1.01 * gd.linear_regression_loss(W_best, X, Y)


def test_the_chapters_claims_about_batch_sizes():
    """The page says: per epoch mini-batches win; stochastic steps stay noisy; small batches cost time."""
    runs, best = figures._regression_runs()
    final = {label: losses[-1] for _, label, _, _, losses, _ in runs}
    seconds = {label: time for _, label, _, _, _, time in runs}
    after_20 = {label: losses[list(updates).index(20)] for _, label, _, updates, losses, _ in runs}
    assert abs(after_20["mini-batch"] - after_20["batch"]) < 0.1 * after_20["batch"]  # per update, about equal
    _, _, _, updates, losses, _ = runs[2]
    assert losses[updates >= updates[-1] // 2].min() > 1.1 * best  # stochastic steps never settle
    assert final["mini-batch"] < 1.02 * best
    assert final["mini-batch"] < final["stochastic"] and final["mini-batch"] < final["batch"]
    assert final["batch"] > 1.5 * best  # 20 full-batch steps are not enough
    assert seconds["stochastic"] > 5 * seconds["mini-batch"] and seconds["stochastic"] > 5 * seconds["batch"]
