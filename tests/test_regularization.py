import numpy as np
import pytest

from snippets import losses
from snippets.backprop import backward, train_step
from snippets.forward import forward, init_params
from snippets.gradcheck import numerical_gradient, relative_error
from snippets.optimizers import SGD
from snippets.regularization import (EarlyStopping, add_penalty_grads, gradient_check_regularized, l1_penalty,
                                     l1_penalty_grad, l2_penalty, l2_penalty_grad, penalized_loss, regularized_step,
                                     train_step_regularized)
from snippets.training import History, evaluate, fit


def network(sizes, seed, dtype=np.float64):
    """Random parameters with non-zero biases, a batch and one-hot targets."""
    rng = np.random.default_rng(seed)
    params = [(W, (0.1 * rng.normal(size=b.shape)).astype(dtype)) for W, b in init_params(sizes, rng, dtype=dtype)]
    X = rng.normal(size=(7, sizes[0])).astype(dtype)
    Y = losses.one_hot(rng.integers(0, sizes[-1], size=7), sizes[-1], dtype=dtype)
    return params, X, Y


def test_penalties_closed_form_and_biases_are_not_penalized():
    params = [(np.array([[1.0, -2.0], [0.0, 3.0]]), np.array([100.0, -100.0])), (np.array([[-1.0], [2.0]]), np.array([7.0]))]
    assert l2_penalty(params, 0.5) == pytest.approx(0.25 * (1 + 4 + 0 + 9 + 1 + 4))
    assert l1_penalty(params, 0.5) == pytest.approx(0.5 * (1 + 2 + 0 + 3 + 1 + 2))
    np.testing.assert_array_equal(l2_penalty_grad(params[0][0], 0.5), [[0.5, -1.0], [0.0, 1.5]])
    np.testing.assert_array_equal(l1_penalty_grad(params[0][0], 0.5), [[0.5, -0.5], [0.0, 0.5]])


@pytest.mark.parametrize("penalty, penalty_grad, lam", [(l2_penalty, l2_penalty_grad, 0.3), (l1_penalty, l1_penalty_grad, 0.2)])
def test_penalty_gradient_matches_central_differences(penalty, penalty_grad, lam):
    W = np.random.default_rng(1).normal(size=(5, 4))  # no entry within h of 0, where |w| has its kink
    numeric = numerical_gradient(lambda V: penalty([(V, np.zeros(4))], lam), W)
    assert relative_error(penalty_grad(W, lam), numeric) < 1e-6


@pytest.mark.parametrize("options", [dict(l2=0.1), dict(l1=0.05), dict(l2=0.1, l1=0.05)])
@pytest.mark.parametrize("hidden", ["relu", "tanh"])
def test_penalized_network_gradients_match_central_differences(options, hidden):
    params, X, Y = network([4, 6, 5, 3], seed=3)
    errors = gradient_check_regularized(X, Y, params, [hidden, hidden, "identity"], **options)
    assert max(max(pair) for pair in errors) < 1e-6, errors


def test_leaving_the_penalty_out_of_the_gradient_is_caught():
    params, X, Y = network([4, 5, 3], seed=4)
    activations = ["relu", "identity"]
    scores, cache = forward(X, params, activations)
    data_only = backward(losses.cross_entropy_grad(scores, Y), cache, params, activations)
    (W1, b1), layer2 = params

    def loss_of_W1(V):
        trial = [(V, b1), layer2]
        return penalized_loss(forward(X, trial, activations)[0], Y, trial, l2=1.0)

    numeric = numerical_gradient(loss_of_W1, W1)
    assert relative_error(data_only[0][0], numeric) > 0.1
    assert relative_error(add_penalty_grads(data_only, params, l2=1.0)[0][0], numeric) < 1e-6


def test_add_penalty_grads_changes_dW_only():
    params, _, _ = network([3, 4, 2], seed=5)
    grads = [(np.zeros_like(W), np.zeros_like(b)) for W, b in params]
    assert add_penalty_grads(grads, params) is grads  # no penalty: the very same gradients
    for (dW, db), (W, _) in zip(add_penalty_grads(grads, params, l2=0.5, l1=0.1), params):
        np.testing.assert_allclose(dW, 0.5 * W + 0.1 * np.sign(W))
        np.testing.assert_array_equal(db, 0)


def test_without_penalty_or_dropout_the_step_is_train_step():
    params, X, Y = network([4, 6, 3], seed=6)
    twin = [(W.copy(), b.copy()) for W, b in params]
    loss = train_step_regularized(X, Y, params, ["relu", "identity"], SGD(0.1))
    assert loss == pytest.approx(train_step(X, Y, twin, ["relu", "identity"], SGD(0.1)))
    for (W, b), (W2, b2) in zip(params, twin):
        np.testing.assert_allclose(W, W2, rtol=1e-12)
        np.testing.assert_allclose(b, b2, rtol=1e-12)


def test_weight_decay_step_shrinks_weights_by_one_minus_eta_lambda():
    """SGD on the L2-penalised loss is W ← (1 − ηλ)W − η dW: with zero data gradient, pure shrinkage."""
    params, _, _ = network([4, 3], seed=7)
    W0, b0 = params[0][0].copy(), params[0][1].copy()
    data_grad = [(np.zeros_like(W0), np.zeros_like(b0))]
    grads = add_penalty_grads(data_grad, params, l2=0.5)
    SGD(0.1).step([params[0][0], params[0][1]], list(grads[0]))
    np.testing.assert_allclose(params[0][0], (1 - 0.1 * 0.5) * W0)
    np.testing.assert_array_equal(params[0][1], b0)


def test_regularized_step_keeps_float32_and_returns_the_penalized_loss():
    params, X, Y = network([5, 8, 3], seed=8, dtype=np.float32)
    before = penalized_loss(forward(X, params, ["relu", "identity"])[0], Y, params, l2=0.01, l1=0.001)
    loss = train_step_regularized(X, Y, params, ["relu", "identity"], SGD(0.1), l2=0.01, l1=0.001,
                                  keep_prob=0.5, rng=np.random.default_rng(0))
    assert all(W.dtype == np.float32 and b.dtype == np.float32 for W, b in params)
    assert np.isfinite(loss) and loss != pytest.approx(before, rel=1e-9)  # a random half of the units was dropped


def test_early_stopping_on_a_synthetic_validation_curve():
    stopper = EarlyStopping(patience=3)
    val_losses = [1.0, 0.8, 0.7, 0.75, 0.72, 0.71, 0.9, 0.5]
    stopped = next(epoch for epoch, loss in enumerate(val_losses, start=1) if stopper.update(epoch, loss))
    assert stopped == 6  # epochs 4, 5, 6 brought no new low after epoch 3
    assert stopper.best_epoch == 3 and stopper.best_loss == 0.7


def test_early_stopping_never_stops_while_improving_and_restores_the_best_weights():
    stopper = EarlyStopping(patience=2)
    params = [(np.zeros((2, 2)), np.zeros(2))]
    for epoch, loss in enumerate([3.0, 2.0, 1.0], start=1):
        params[0][0][...] = epoch  # the weights change every epoch
        assert not stopper.update(epoch, loss, params)
    params[0][0][...] = 99.0
    assert not stopper.update(4, 1.5, params)
    assert stopper.update(5, 1.2, params)
    stopper.restore(params)
    np.testing.assert_array_equal(params[0][0], 3.0)  # epoch 3's weights, written back in place


def tiny_data(seed=0, m=60):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(m, 5)).astype(np.float32)
    y = (X[:, 0] > 0).astype(np.int64) + (X[:, 1] > 0)  # three classes
    return X, y


def test_fit_with_the_regularized_step_learns_records_history_and_is_seeded():
    X, y = tiny_data()
    results = []
    for _ in range(2):
        params = init_params([5, 16, 3], np.random.default_rng(1))
        history = fit(params, ["relu", "identity"], X, y, SGD(0.5), epochs=30, batch_size=10, seed=2,
                      validation=(X[:20], y[:20]), step=regularized_step(l2=1e-3, keep_prob=0.8, seed=3))
        results.append(history)
    history = results[0]
    assert isinstance(history, History) and len(history.val_loss) == len(history.train_accuracy) == 30
    assert history.train_accuracy[-1] > 0.9 and history.val_loss[-1] < history.val_loss[0]
    assert history.val_loss == results[1].val_loss  # same seeds, same masks, same numbers


def test_the_regularized_step_without_penalty_or_dropout_trains_exactly_like_train_step():
    X, y = tiny_data()
    runs = []
    for step in ({}, {"step": regularized_step(seed=7)}):
        params = init_params([5, 16, 3], np.random.default_rng(1))
        runs.append((fit(params, ["relu", "identity"], X, y, SGD(0.5), epochs=3, batch_size=10, seed=2, **step), params))
    (plain, plain_params), (regularized, regularized_params) = runs
    assert plain.train_loss == regularized.train_loss  # same batches in the same order, same updates
    for (W, b), (W2, b2) in zip(plain_params, regularized_params):
        np.testing.assert_array_equal(W, W2)


def test_fit_with_early_stopping_keeps_the_best_epoch():
    X, y = tiny_data(m=40)
    X_val, y_val = tiny_data(seed=1, m=40)
    X_val = X_val + np.float32(1.5)  # a shifted validation set, so that its loss soon gets worse
    params = init_params([5, 32, 3], np.random.default_rng(3))
    stopper = EarlyStopping(patience=3)
    history = fit(params, ["relu", "identity"], X, y, SGD(0.5), epochs=200, batch_size=8, seed=4,
                  validation=(X_val, y_val), early_stopping=stopper)
    assert len(history.val_loss) == stopper.best_epoch + 3 < 200
    assert evaluate(params, ["relu", "identity"], X_val, y_val)[0] == pytest.approx(min(history.val_loss))


def test_the_chapters_gradient_check_table_passes(tmp_path):
    from snippets.figures.regularization import gradient_checks

    gradient_checks(tmp_path / "checks.md")
    rows = [line.split("|")[2:4] for line in (tmp_path / "checks.md").read_text().splitlines() if "e-" in line or "e+" in line]
    assert len(rows) == 4
    assert all(float(value) < 1e-6 for row in rows for value in row), rows
