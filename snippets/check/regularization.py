"""Checks of the exercises of the chapter "Overfitting and regularization"."""

import numpy as np

from snippets.activations import softmax
from snippets.check.core import CheckFailed, Exercise, array, close, follows_the_seed, no_warnings, seeded
from snippets.dropout import dropout_masks, forward_with_dropout
from snippets.forward import init_params
from snippets.optimizers import SGD
from snippets.regularization import add_penalty_grads
from snippets.solutions import regularization as reference
from snippets.training import predict_proba

TITLE = "Overfitting and regularization"
PAGE = "practice/regularization.md#exercises"
SOLUTION = "snippets.solutions.regularization"

# ---------------------------------------------------------------- 1. decay, then step
decay = Exercise("regularization/weight-decay-step", "Decay, then step", PAGE, ("weight_decay_step",), SOLUTION)


def _sgd_on_penalised_loss(W, dW, learning_rate, lam):
    """What the chapter's training does: SGD(η).step with the gradient from add_penalty_grads."""
    [(penalised, _)] = add_penalty_grads([(dW, np.zeros(W.shape[1]))], [(W, np.zeros(W.shape[1]))], l2=lam)
    new_W = W.copy()
    SGD(learning_rate).step([new_W], [penalised])
    return new_W


def _decay_step(learner, W, dW, learning_rate, lam, tolerance):
    call = f"weight_decay_step(W, dW, {learning_rate:g}, {lam:g})"
    got = learner.weight_decay_step(W, dW, learning_rate, lam)
    close(array(got, call, shape=W.shape, dtype=W.dtype), _sgd_on_penalised_loss(W, dW, learning_rate, lam), call,
          rtol=tolerance, atol=tolerance, mistakes=[
              ((1 + learning_rate * lam) * W - learning_rate * dW,
               "the weights grow: the penalty's gradient +λW is subtracted, so W shrinks by the factor 1 − ηλ"),
              ((1 - lam) * W - learning_rate * dW, "the decay factor is 1 − ηλ: the penalty's gradient is "
                                                   "scaled by the learning rate like the data gradient"),
              (W - learning_rate * dW, "this is the step without the penalty: W should first shrink by 1 − ηλ"),
              ((1 - learning_rate * lam) * W - dW, "the data gradient is scaled by the learning rate too")])


@decay.check("equals SGD(η).step with the gradient from add_penalty_grads, on seeded (5, 3) W and dW with η = 0.1, "
             "λ = 0.2 (tolerance 1e-12 + 1e-12·|value|)", hint=(
                 "one SGD step on the penalised loss is W − η(dW + λW): multiply out and collect the terms in W"))
def _(learner):
    rng = seeded(1)
    _decay_step(learner, rng.normal(size=(5, 3)), rng.normal(size=(5, 3)), 0.1, 0.2, 1e-12)


@decay.check("20 seeded float32 W and dW of various shapes, η and λ: float32 results (tolerance 1e-6 + "
             "1e-6·|value|), and with dW = 0 a pure shrink by 1 − ηλ", hint=(
                 "use the arguments learning_rate and lam, and multiply the arrays by Python numbers, "
                 "so that float32 weights stay float32"))
def _(learner):
    rng = seeded(2)
    for _ in range(20):
        shape = tuple(int(v) for v in rng.integers(1, 9, size=2))
        W, dW = (rng.normal(size=shape).astype(np.float32) for _ in range(2))
        learning_rate, lam = float(rng.uniform(0.001, 0.5)), float(rng.uniform(0, 0.1))
        _decay_step(learner, W, dW, learning_rate, lam, 1e-6)
        _decay_step(learner, W, np.zeros_like(W), learning_rate, lam, 1e-6)


# ---------------------------------------------------------------- 2. max-norm
cap = Exercise("regularization/max-norm", "Max-norm", PAGE, ("max_norm",), SOLUTION)


def _capped(learner, W, c, tolerance):
    call = f"max_norm(W, {c:g}) for W of shape {W.shape}"
    got = array(learner.max_norm(W, c), call, shape=W.shape, dtype=W.dtype)
    rows_capped = reference.max_norm(W.T, c).T
    every_column_at_c = W * c / np.maximum(np.linalg.norm(W, axis=0, keepdims=True), 1e-12)
    close(got, reference.max_norm(W, c), call, rtol=tolerance, atol=tolerance, mistakes=[
        (rows_capped, "the rows were capped: a unit's incoming weights are a column of W, "
                      "so measure lengths with axis=0"),
        (every_column_at_c, "every column was set to length c: columns already shorter than c stay as they are")])


@cap.check("W = [[3, 0.3], [4, 0.4]], c = 1: the first column (length 5) becomes [0.6, 0.8], the second "
           "(length 0.5) stays (tolerance 1e-12)", hint=(
               "scale each column by min(1, c / its length): long columns shrink to length c, short ones keep 1"))
def _(learner):
    _capped(learner, np.array([[3.0, 0.3], [4.0, 0.4]]), 1.0, 1e-12)


@cap.check("15 seeded float32 matrices, with columns both longer and shorter than c: float32 results "
           "(tolerance 1e-6 + 1e-6·|value|)", hint=(
               "np.linalg.norm(W, axis=0, keepdims=True) has shape (1, n_out) and broadcasts over the rows"))
def _(learner):
    rng = seeded(3)
    for _ in range(15):
        W = (rng.normal(size=tuple(int(v) for v in rng.integers(2, 10, size=2)))
             * rng.uniform(0.1, 3, size=1)).astype(np.float32)
        lengths = np.linalg.norm(W, axis=0)
        _capped(learner, W, float(np.median(lengths)), 1e-6)  # about half the columns are longer than c


@cap.check("an all-zero column stays zero, with no warning and no NaN", hint=(
    "a column of length 0 gives c / 0: floor the lengths with np.maximum(lengths, 1e-12) before dividing"))
def _(learner):
    W = seeded(4).normal(size=(4, 5))
    W[:, 2] = 0.0
    with no_warnings("max_norm(W, 0.5) with an all-zero column"):
        _capped(learner, W, 0.5, 1e-12)


# ---------------------------------------------------------------- 3. Monte Carlo dropout
mc = Exercise("regularization/mc-dropout", "Monte Carlo dropout", PAGE, ("mc_dropout_predict",), SOLUTION)
ACTIVATIONS = ["relu", "tanh", "identity"]


def _network(seed, m=12, sizes=(6, 16, 8, 4)):
    rng = seeded(seed)
    return rng.normal(size=(m, sizes[0])), init_params(list(sizes), rng, dtype=np.float64)


def _scores_of_each_pass(X, params, keep_prob, rng, samples):
    """The raw scores of every dropout pass, shape (samples, m, K), drawing the masks as the chapter does."""
    return np.stack([forward_with_dropout(X, params, ACTIVATIONS, dropout_masks(len(X), params, keep_prob, rng))[0]
                     for _ in range(samples)])


def _mc(learner, X, params, keep_prob, rng, samples):
    call = f"mc_dropout_predict(X, params, activations, keep_prob={keep_prob:g}, rng, samples={samples})"
    result = learner.mc_dropout_predict(X, params, ACTIVATIONS, keep_prob, rng, samples)
    if not isinstance(result, (tuple, list)) or len(result) != 2:
        raise CheckFailed(f"{call} should return (mean, standard deviation)", expected="a pair of arrays",
                          got=repr(result)[:80])
    shape = (len(X), params[-1][0].shape[1])
    return (array(result[0], f"the mean from {call}", shape=shape),
            array(result[1], f"the standard deviation from {call}", shape=shape), call)


@mc.check("keep_prob = 1: the mean equals training.predict_proba and the standard deviation is 0, both of "
          "shape (m, K) (tolerance 1e-12)", hint=(
              "average softmax(scores) over the passes, not the scores: with nothing dropped every pass is "
              "the plain network"))
def _(learner):
    X, params = _network(1)
    mean, std, call = _mc(learner, X, params, 1.0, seeded(2), samples=5)
    close(mean, predict_proba(params, ACTIVATIONS, X), f"the mean from {call}", rtol=1e-12, atol=1e-12)
    close(std, np.zeros_like(std), f"the standard deviation from {call}", rtol=0, atol=1e-12)


@mc.check("keep_prob = 0.5 and 0.8 on seeded networks: the reference's mean and standard deviation for the same "
          "generator (tolerance 1e-9 + 1e-9·|value|)", hint=(
              "for each pass draw fresh masks with dropout_masks(len(X), params, keep_prob, rng), run "
              "forward_with_dropout, take softmax of the scores; np.stack the passes and reduce over axis 0"))
def _(learner):
    for seed, keep_prob, samples in [(3, 0.5, 40), (4, 0.8, 25)]:
        X, params = _network(seed)
        mean, std, call = _mc(learner, X, params, keep_prob, seeded(seed + 10), samples)
        expected_mean, expected_std = reference.mc_dropout_predict(X, params, ACTIVATIONS, keep_prob, seeded(seed + 10),
                                                                   samples)
        scores = _scores_of_each_pass(X, params, keep_prob, seeded(seed + 10), samples)
        close(mean, expected_mean, f"the mean from {call}", rtol=1e-9, atol=1e-9, mistakes=[
            (softmax(scores.mean(axis=0)), "this is softmax of the mean scores: average the probabilities, "
                                           "softmax of each pass's scores"),
            (softmax(scores[0]), "every pass gives the first pass's result: draw new masks for each pass")])
        close(std, expected_std, f"the standard deviation from {call}", rtol=1e-9, atol=1e-9, mistakes=[
            (expected_std * np.sqrt(samples / (samples - 1)), "use np.std's default ddof=0, as the reference does")])


@mc.check("draws its masks from the rng it is given: the same seed gives the same result, another seed another one",
          hint="pass rng on to dropout_masks; do not create a generator of your own or use np.random")
def _(learner):
    X, params = _network(5)
    follows_the_seed(lambda rng: _mc(learner, X, params, 0.5, rng, samples=10)[0],
                     "the mean from mc_dropout_predict(X, params, activations, keep_prob=0.5, rng, samples=10)")


EXERCISES = [decay, cap, mc]
