import math
import warnings

import numpy as np
import pytest

from snippets.gradcheck import numerical_derivative, numerical_gradient, relative_error
from snippets import activations as act

# Points away from the kinks of ReLU-like functions at 0, where no derivative exists.
Z = np.concatenate([np.linspace(-6, -0.01, 60), np.linspace(0.01, 6, 60)])


@pytest.mark.parametrize("name", sorted(act.ACTIVATIONS))
def test_derivative_matches_central_differences(name):
    f, f_grad = act.ACTIVATIONS[name]
    assert relative_error(f_grad(Z), numerical_derivative(f, Z)) < 1e-6


@pytest.mark.parametrize("alpha", [0.01, 0.3])
def test_parametrised_derivatives_match_central_differences(alpha):
    assert relative_error(act.leaky_relu_grad(Z, alpha), numerical_derivative(lambda z: act.leaky_relu(z, alpha), Z)) < 1e-6
    assert relative_error(act.elu_grad(Z, alpha), numerical_derivative(lambda z: act.elu(z, alpha), Z)) < 1e-6


def test_closed_form_values():
    assert act.sigmoid(0.0) == 0.5
    assert act.sigmoid(np.log(3.0)) == pytest.approx(0.75)
    assert act.sigmoid_grad(0.0) == 0.25
    assert act.tanh(np.log(2.0)) == pytest.approx(0.6)  # (2 − 1/2) / (2 + 1/2)
    np.testing.assert_array_equal(act.relu(np.array([-2.0, 0.0, 3.0])), [0, 0, 3])
    np.testing.assert_allclose(act.leaky_relu(np.array([-2.0, 3.0]), 0.1), [-0.2, 3])
    assert act.elu(-np.log(2.0)) == pytest.approx(-0.5)  # e^(−ln 2) − 1
    assert act.swish(1.0) == pytest.approx(1 / (1 + math.exp(-1)))
    assert act.gelu(1.0) == pytest.approx(0.8413447460685429)  # Φ(1), tabulated
    assert act.normal_cdf(1.959963984540054) == pytest.approx(0.975)
    np.testing.assert_allclose(act.softmax(np.log([1.0, 2.0, 5.0])), [0.125, 0.25, 0.625])


def test_identities_between_functions():
    np.testing.assert_allclose(act.tanh(Z), 2 * act.sigmoid(2 * Z) - 1, atol=1e-15)
    np.testing.assert_allclose(act.sigmoid(-Z), 1 - act.sigmoid(Z), atol=1e-15)
    np.testing.assert_allclose(act.gelu(Z), act.gelu_tanh(Z), atol=5e-4)  # the approximation is close


def test_extreme_inputs_give_exact_limits_without_warnings():
    z = np.array([-1000.0, -50.0, 0.0, 50.0, 1000.0])
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # any overflow or invalid-value warning fails the test
        np.testing.assert_array_equal(act.sigmoid(np.array([-1000.0, 1000.0])), [0.0, 1.0])
        np.testing.assert_array_equal(act.sigmoid_grad(np.array([-1000.0, 1000.0])), [0.0, 0.0])
        np.testing.assert_array_equal(act.softmax(np.array([1000.0, -1000.0, 0.0])), [1.0, 0.0, 0.0])
        np.testing.assert_array_equal(act.softmax(np.array([1000.0, 1000.0])), [0.5, 0.5])
        np.testing.assert_array_equal(act.elu(np.array([-1000.0])), [-1.0])
        np.testing.assert_array_equal(act.gelu(np.array([-1000.0, 1000.0])), [0.0, 1000.0])
        for name, (f, f_grad) in act.ACTIVATIONS.items():
            assert np.all(np.isfinite(f(z))), name
            assert np.all(np.isfinite(f_grad(z))), name


@pytest.mark.parametrize("name", sorted(act.ACTIVATIONS))
def test_float32_stays_float32_and_shape_is_kept(name):
    f, f_grad = act.ACTIVATIONS[name]
    z = np.random.default_rng(0).normal(size=(4, 3)).astype(np.float32)
    for out in (f(z), f_grad(z)):
        assert out.dtype == np.float32
        assert out.shape == (4, 3)


def test_softmax_rows_are_distributions_and_temperature_works():
    z = np.random.default_rng(1).normal(scale=5, size=(6, 10))
    s = act.softmax(z)
    np.testing.assert_allclose(s.sum(axis=1), 1.0)
    assert np.all(s > 0)
    np.testing.assert_allclose(act.softmax(z + 123.0), s)  # shift invariance
    np.testing.assert_allclose(act.softmax(z, temperature=2.0), act.softmax(z / 2))
    cold, hot = act.softmax(z, temperature=0.01), act.softmax(z, temperature=1e6)
    np.testing.assert_allclose(cold, np.eye(10)[z.argmax(axis=1)], atol=1e-6)  # T → 0: one-hot
    np.testing.assert_allclose(hot, 0.1, atol=1e-5)  # T → ∞: uniform


def test_softmax_jacobian_matches_central_differences():
    z = np.array([0.5, -1.0, 2.0, 0.1])
    numeric = np.stack([numerical_gradient(lambda v: act.softmax(v)[k], z) for k in range(len(z))])
    assert relative_error(act.softmax_jacobian(z), numeric) < 1e-6


def test_stack_of_linear_layers_collapses_to_one():
    rng = np.random.default_rng(2)
    sizes = [5, 7, 6, 3]
    weights = [rng.normal(size=(m, n)) for m, n in zip(sizes[:-1], sizes[1:])]
    biases = [rng.normal(size=n) for n in sizes[1:]]
    X = rng.normal(size=(9, 5))
    out = X
    for W, b in zip(weights, biases):
        out = out @ W + b
    W, b = act.collapse_linear_layers(weights, biases)
    assert W.shape == (5, 3) and b.shape == (3,)
    np.testing.assert_allclose(X @ W + b, out, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("name", sorted(act.ACTIVATIONS))
@pytest.mark.parametrize("z", [-2.3, -0.4, 0.7, 3.1])
def test_stacked_derivative_is_the_derivative_of_the_stack(name, z):
    """∂a_n/∂z of n stacked units, against central differences of the composed function, in float64."""
    def stack(x, n):
        f = act.ACTIVATIONS[name][0]
        for _ in range(n):
            x = f(x)
        return float(x)
    products = act.stacked_derivative(name, z, 6)
    assert products.shape == (6,) and products.dtype == np.float64
    for n, product in enumerate(products, start=1):
        numerical = numerical_derivative(lambda x: stack(x, n), np.float64(z))
        assert abs(product - numerical) <= 1e-6 * max(1.0, abs(numerical)), (n, product, numerical)


def test_stacked_sigmoids_shrink_the_gradient_at_least_fourfold_per_layer_and_relus_pass_it_or_stop_it():
    for z in np.linspace(-5, 5, 21):
        products = act.stacked_derivative("sigmoid", z, 12)
        assert np.all(products <= 0.25 ** np.arange(1, 13))
    assert np.array_equal(act.stacked_derivative("relu", 1.5, 20), np.ones(20))
    assert np.array_equal(act.stacked_derivative("relu", -1.5, 20), np.zeros(20))
