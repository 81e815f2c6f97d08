import numpy as np

from snippets import losses
from snippets.gradcheck import numerical_gradient, relative_error


def test_mse_closed_form():
    assert losses.mse(np.array([1.0, 2.0, 3.0]), np.array([1.0, 0.0, 6.0])) == (0 + 4 + 9) / 3
    assert losses.mse(np.ones((4, 2)), np.ones((4, 2))) == 0.0


def test_mse_gradient_matches_central_differences():
    rng = np.random.default_rng(0)
    Y_hat, Y = rng.normal(size=(5, 3)), rng.normal(size=(5, 3))
    numeric = numerical_gradient(lambda P: losses.mse(P, Y), Y_hat)
    assert relative_error(losses.mse_grad(Y_hat, Y), numeric) < 1e-6
