import numpy as np
import pytest

from snippets import activations as act
from snippets.forward import IDENTITY, activation, dense, forward, init_params


def test_init_params_shapes_dtype_and_zero_biases():
    params = init_params([784, 256, 10], np.random.default_rng(0))
    assert [(W.shape, b.shape) for W, b in params] == [((784, 256), (256,)), ((256, 10), (10,))]
    for W, b in params:
        assert W.dtype == b.dtype == np.float32
        assert not b.any()
    assert init_params([3, 2], np.random.default_rng(0), dtype=np.float64)[0][0].dtype == np.float64


@pytest.mark.parametrize("scheme, expected_std", [("he", np.sqrt(2 / 400)), ("xavier", np.sqrt(2 / (400 + 600)))])
def test_init_params_spread_follows_the_scheme(scheme, expected_std):
    (W, _), = init_params([400, 600], np.random.default_rng(1), scheme=scheme)
    assert W.std() == pytest.approx(expected_std, rel=0.01)  # 240,000 draws: the std is within 0.3%
    assert abs(W.mean()) < 0.01 * expected_std


def test_init_params_is_seeded_and_rejects_unknown_schemes():
    a, b = (init_params([5, 4, 3], np.random.default_rng(7)) for _ in range(2))
    for (Wa, _), (Wb, _) in zip(a, b):
        np.testing.assert_array_equal(Wa, Wb)
    with pytest.raises(ValueError, match="unknown initialization"):
        init_params([5, 4], np.random.default_rng(0), scheme="uniform")


def test_activation_lookup():
    assert activation("relu") is act.ACTIVATIONS["relu"]
    for name in IDENTITY:
        assert activation(name) is None
    with pytest.raises(KeyError):
        activation("softplus")


def test_dense_closed_form_and_bias_broadcast():
    A_prev = np.array([[1.0, 2.0], [-3.0, 0.5]])
    W = np.array([[1.0, -1.0, 0.0], [2.0, 0.0, 1.0]])
    b = np.array([0.5, 1.0, -1.0])
    Z, A = dense(A_prev, W, b, "relu")
    np.testing.assert_array_equal(Z, [[5.5, 0.0, 1.0], [-1.5, 4.0, -0.5]])  # same b added to each row
    np.testing.assert_array_equal(A, [[5.5, 0.0, 1.0], [0.0, 4.0, 0.0]])
    Z, A = dense(A_prev, W, b, "identity")
    assert A is Z  # identity: no copy


def test_forward_matches_layer_by_layer_computation_and_fills_the_cache():
    rng = np.random.default_rng(2)
    X = rng.normal(size=(6, 3))
    params = init_params([3, 5, 4, 2], rng, dtype=np.float64)
    names = ["tanh", "relu", None]
    out, cache = forward(X, params, names)
    (W1, b1), (W2, b2), (W3, b3) = params
    A1 = np.tanh(X @ W1 + b1)
    A2 = np.maximum(A1 @ W2 + b2, 0)
    np.testing.assert_allclose(out, A2 @ W3 + b3, rtol=1e-12)
    assert len(cache) == 3 and cache[0][0] is X
    np.testing.assert_allclose(cache[1][0], A1, rtol=1e-12)
    np.testing.assert_allclose(cache[2][1], A2 @ W3 + b3, rtol=1e-12)
    assert [Z.shape for _, Z in cache] == [(6, 5), (6, 4), (6, 2)]


def test_rows_are_independent_examples():
    rng = np.random.default_rng(3)
    X = rng.normal(size=(5, 4))
    params = init_params([4, 6, 3], rng, dtype=np.float64)
    batch, _ = forward(X, params, ["gelu", "identity"])
    one_by_one = np.vstack([forward(x[None, :], params, ["gelu", "identity"])[0] for x in X])
    np.testing.assert_allclose(batch, one_by_one, rtol=1e-12)


@pytest.mark.parametrize("name", sorted(act.ACTIVATIONS) + ["identity"])
def test_float32_stays_float32(name):
    rng = np.random.default_rng(4)
    X = rng.normal(size=(8, 5)).astype(np.float32)
    out, cache = forward(X, init_params([5, 7, 3], rng), [name, name])
    assert out.dtype == np.float32
    assert all(A.dtype == Z.dtype == np.float32 for A, Z in cache)


def test_mismatched_activation_list_is_an_error():
    with pytest.raises(ValueError):
        forward(np.ones((2, 3)), init_params([3, 4, 2], np.random.default_rng(0)), ["relu"])
