import numpy as np
import pytest

from snippets.gradient_descent import descend, quadratic, quadratic_grad, steps_to_reach
from snippets.optimizers import SGD, Adam, Momentum

H = np.diag([1.0, 10.0])  # the chapter's elongated bowl
START = np.array([-9.0, 1.5])


def bowl_grad(theta):
    return quadratic_grad(theta, H)


def test_sgd_step_is_the_formula():
    W, b = np.array([[1.0, -2.0], [0.5, 3.0]]), np.array([0.25, -1.0])
    dW, db = np.array([[2.0, 4.0], [-1.0, 0.0]]), np.array([10.0, -10.0])
    SGD(0.1).step([W, b], [dW, db])
    np.testing.assert_allclose(W, [[0.8, -2.4], [0.6, 3.0]])
    np.testing.assert_allclose(b, [-0.75, 0.0])


def test_two_momentum_steps_are_the_formula():
    theta = np.array([1.0, -1.0])
    g1, g2 = np.array([2.0, 0.5]), np.array([-1.0, 3.0])
    optimizer = Momentum(0.1, beta=0.9)
    optimizer.step([theta], [g1])
    v1 = -0.1 * g1
    np.testing.assert_allclose(theta, [1.0, -1.0] + v1)
    optimizer.step([theta], [g2])
    v2 = 0.9 * v1 - 0.1 * g2
    np.testing.assert_allclose(theta, [1.0, -1.0] + v1 + v2)
    np.testing.assert_allclose(theta, [0.72, -1.395])  # v₁ = (−0.2, −0.05), v₂ = (−0.08, −0.345)


def test_momentum_equals_the_pytorch_form():
    """PyTorch keeps u ← βu + g and steps θ ← θ − ηu; with a fixed η, u = −v/η exactly."""
    eta, beta = 0.02, 0.8
    theta, u = START.copy(), np.zeros(2)
    pytorch_path = [theta.copy()]
    for _ in range(50):
        u = beta * u + bowl_grad(theta)
        theta = theta - eta * u
        pytorch_path.append(theta.copy())
    np.testing.assert_allclose(descend(bowl_grad, START, Momentum(eta, beta), 50), pytorch_path, rtol=1e-12, atol=1e-12)


def test_two_adam_steps_are_the_formula():
    eta, b1, b2, eps = 0.01, 0.9, 0.999, 1e-8
    theta = np.array([0.5, -2.0])
    g1, g2 = np.array([0.2, -3.0]), np.array([-0.1, -1.0])
    optimizer = Adam(eta, b1, b2, eps)
    optimizer.step([theta], [g1])
    v, s = (1 - b1) * g1, (1 - b2) * g1**2
    expected = np.array([0.5, -2.0]) - eta * (v / (1 - b1)) / (np.sqrt(s / (1 - b2)) + eps)
    np.testing.assert_allclose(theta, expected, rtol=1e-12)
    optimizer.step([theta], [g2])
    v, s = b1 * v + (1 - b1) * g2, b2 * s + (1 - b2) * g2**2
    expected = expected - eta * (v / (1 - b1**2)) / (np.sqrt(s / (1 - b2**2)) + eps)
    np.testing.assert_allclose(theta, expected, rtol=1e-12)


def test_adam_bias_correction_makes_the_first_step_eta_times_the_sign():
    grads = np.array([1e-3, -0.5, 7.0, -2000.0])  # sizes spanning six orders of magnitude
    theta = np.zeros(4)
    Adam(0.01).step([theta], [grads])
    np.testing.assert_allclose(theta, -0.01 * np.sign(grads), rtol=1e-4)
    uncorrected = 0.01 * (0.1 * grads) / np.sqrt(0.001 * grads**2)  # what Adam would step without correction
    assert np.all(np.abs(uncorrected) > 0.03)  # about 3η: the correction matters


@pytest.mark.parametrize("make", [lambda: SGD(0.1), lambda: Momentum(0.1), lambda: Adam(0.1)])
def test_steps_are_in_place_and_keep_float32(make):
    rng = np.random.default_rng(0)
    params = [rng.normal(size=(784, 256)).astype(np.float32), np.zeros((1, 256), np.float32),
              rng.normal(size=(256, 10)).astype(np.float32), np.zeros((1, 10), np.float32)]
    ids, before = [id(p) for p in params], [p.copy() for p in params]
    optimizer = make()
    for _ in range(3):
        grads = [rng.normal(size=p.shape).astype(np.float32) for p in params]
        optimizer.step(params, grads)
    assert [id(p) for p in params] == ids
    assert all(p.dtype == np.float32 for p in params)
    assert all(not np.array_equal(p, q) for p, q in zip(params, before))
    buffers = [b for value in vars(optimizer).values() if isinstance(value, list) for b in value]
    assert all(buffer.dtype == np.float32 for buffer in buffers)


def test_buffers_are_allocated_once():
    params, grads = [np.ones(3)], [np.ones(3)]
    momentum, adam = Momentum(0.1), Adam()
    momentum.step(params, grads)
    adam.step(params, grads)
    velocity, first_moment = momentum.velocities[0], adam.v[0]
    momentum.step(params, grads)
    adam.step(params, grads)
    assert momentum.velocities[0] is velocity and adam.v[0] is first_moment
    assert adam.t == 2


def test_sgd_converges_to_the_minimum_of_a_quadratic():
    rng = np.random.default_rng(3)
    Q = np.linalg.qr(rng.normal(size=(4, 4)))[0]
    H4 = Q @ np.diag([0.5, 1.0, 2.0, 4.0]) @ Q.T  # a rotated bowl, minimum at 0
    path = descend(lambda t: quadratic_grad(t, H4), rng.normal(size=4), SGD(0.3), 300)
    np.testing.assert_allclose(path[-1], 0, atol=1e-10)
    assert np.all(np.diff(quadratic(path, H4)) <= 0)  # below 2/λ_max the loss never rises


def steps_needed(optimizer):
    return steps_to_reach(quadratic(descend(bowl_grad, START, optimizer, 2000), H), 1e-6)


def test_momentum_needs_fewer_steps_than_plain_gradient_descent():
    for eta, beta in [(0.02, 0.8), (0.1, 0.5)]:
        plain, heavy = steps_needed(SGD(eta)), steps_needed(Momentum(eta, beta))
        assert heavy < plain / 2, (eta, beta, heavy, plain)
    assert steps_needed(Momentum(0.02, 0.0)) == steps_needed(SGD(0.02))  # β = 0 is plain descent
    assert steps_needed(Momentum(0.02, 0.95)) > 2 * steps_needed(Momentum(0.02, 0.8))  # too much momentum circles


def test_steps_fall_then_rise_as_beta_grows():
    """The chapter's momentum table: along each row the count has one minimum, strictly inside."""
    for eta in [0.02, 0.1]:
        counts = np.array([steps_needed(Momentum(eta, beta)) for beta in [0.0, 0.5, 0.8, 0.9, 0.95]])
        best = counts.argmin()
        assert 0 < best < len(counts) - 1
        assert np.all(np.diff(counts[: best + 1]) < 0) and np.all(np.diff(counts[best:]) > 0)


def test_momentum_is_stable_up_to_two_times_one_plus_beta_over_lambda_max():
    beta = 0.5
    limit = 2 * (1 + beta) / 10.0
    below = quadratic(descend(bowl_grad, START, Momentum(limit - 0.002, beta), 3000), H)
    above = quadratic(descend(bowl_grad, START, Momentum(limit + 0.002, beta), 3000), H)
    assert below[-1] < 1e-3 < 1e3 < above[-1]


def test_adam_approaches_the_minimum():
    path = descend(bowl_grad, START, Adam(0.1), 500)
    assert quadratic(path[-1], H) < 1e-3 * quadratic(START, H)
