import warnings

import numpy as np

from snippets import activations as act
from snippets.gradcheck import numerical_derivative, relative_error
from snippets.solutions import activations as solutions

Z = np.linspace(-30, 30, 601)


def test_sigmoid_via_tanh_equals_sigmoid():
    np.testing.assert_allclose(solutions.sigmoid_via_tanh(Z), act.sigmoid(Z), rtol=1e-12, atol=1e-15)
    np.testing.assert_array_equal(solutions.sigmoid_via_tanh(np.array([-1000.0, 1000.0])), [0.0, 1.0])


def test_log_sigmoid_is_stable_and_correct():
    middle = np.linspace(-20, 20, 81)
    np.testing.assert_allclose(solutions.log_sigmoid(middle), np.log(act.sigmoid(middle)), rtol=1e-12, atol=1e-15)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        np.testing.assert_array_equal(solutions.log_sigmoid(np.array([-1000.0, 1000.0])), [-1000.0, 0.0])


def test_softplus_and_its_derivative():
    assert solutions.softplus(0.0) == np.log(2.0)
    np.testing.assert_array_equal(solutions.softplus(np.array([-1000.0, 1000.0])), [0.0, 1000.0])
    assert relative_error(solutions.softplus_grad(Z), numerical_derivative(solutions.softplus, Z)) < 1e-6


def test_parameter_counts_match_the_collapsed_matrices():
    sizes = [784, 256, 128, 64, 10]
    rng = np.random.default_rng(0)
    weights = [rng.normal(size=(m, n)) for m, n in zip(sizes[:-1], sizes[1:])]
    biases = [rng.normal(size=n) for n in sizes[1:]]
    W, b = act.collapse_linear_layers(weights, biases)
    stack, collapsed = solutions.parameter_counts(sizes)
    assert stack == sum(w.size for w in weights) + sum(v.size for v in biases) == 242_762
    assert collapsed == W.size + b.size == 7_850
