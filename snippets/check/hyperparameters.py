"""Checks of the exercises of the chapter "Training terminology and hyper-parameters"."""

import math

import numpy as np

from snippets.check.core import CheckFailed, Exercise, array, close, follows_the_seed, number, seeded
from snippets.gradient_descent import minibatches
from snippets.solutions import hyperparameters as reference

TITLE = "Training terminology and hyper-parameters"
PAGE = "practice/hyperparameters.md#exercises"
SOLUTION = "snippets.solutions.hyperparameters"

# ---------------------------------------------------------------- 1. counting iterations
iterations = Exercise("hyperparameters/iterations-per-epoch", "Counting iterations", PAGE,
                      ("iterations_per_epoch",), SOLUTION)


def _count(learner, n, batch_size, drop_last, expected):
    call = f"iterations_per_epoch({n}, {batch_size}, drop_last={drop_last})"
    got = number(learner.iterations_per_epoch(n, batch_size, drop_last=drop_last), call, integer=True)
    if got != expected:
        rounded_the_other_way = n // batch_size if not drop_last else math.ceil(n / batch_size)
        hint = ("this is the count with the other setting of drop_last: the incomplete last batch is an update "
                "of its own unless it is dropped" if got == rounded_the_other_way != expected else None)
        raise CheckFailed(f"{call} is wrong", expected=expected, got=got, hint=hint)


@iterations.check("55,000 examples in batches of 128: 430 updates, 429 when the incomplete last batch is dropped",
                  hint="the last batch holds the 88 examples left over: it counts unless drop_last drops it")
def _(learner):
    _count(learner, 55_000, 128, False, 430)
    _count(learner, 55_000, 128, True, 429)


@iterations.check("40 seeded (n, batch_size) pairs: as many updates as minibatches yields batches, "
                  "and as it yields full batches with drop_last=True", hint=(
                      "use the arguments: the count follows from n and batch_size alone, rounded up without "
                      "drop_last and down with it"))
def _(learner):
    rng = seeded(1)
    for _ in range(40):
        n, batch_size = int(rng.integers(1, 5_000)), int(rng.integers(1, 300))
        batches = [len(batch) for batch in minibatches(n, batch_size, rng)]
        _count(learner, n, batch_size, False, len(batches))
        _count(learner, n, batch_size, True, batches.count(batch_size))


@iterations.check("nothing left over (60,000 in batches of 100, 640 in batches of 64): the same count either way; "
                  "a batch larger than n: 1 update, or 0 when it is dropped", hint=(
                      "n // batch_size + 1 counts one batch too many when batch_size divides n: round "
                      "n / batch_size up instead"))
def _(learner):
    for n, batch_size in [(60_000, 100), (640, 64), (128, 128)]:
        _count(learner, n, batch_size, False, n // batch_size)
        _count(learner, n, batch_size, True, n // batch_size)
    _count(learner, 50, 128, False, 1)
    _count(learner, 50, 128, True, 0)


# ---------------------------------------------------------------- 2. Xavier, uniform
uniform = Exercise("hyperparameters/xavier-uniform", "Xavier, uniform", PAGE, ("xavier_uniform",), SOLUTION)


def _draw(learner, n_in, n_out, seed, dtype=None):
    """The learner's matrix, drawn from a seeded generator, checked for its shape and dtype (float32 by default)."""
    if dtype is None:  # the page's call, which relies on the default
        call, W = f"xavier_uniform({n_in}, {n_out}, rng)", learner.xavier_uniform(n_in, n_out, seeded(seed))
    else:
        call = f"xavier_uniform({n_in}, {n_out}, rng, dtype=np.{dtype.__name__})"
        W = learner.xavier_uniform(n_in, n_out, seeded(seed), dtype=dtype)
    W, expected_dtype = array(W, call, shape=(n_in, n_out)), np.dtype(dtype or np.float32)
    if W.dtype != expected_dtype:
        raise CheckFailed(f"{call} has the wrong dtype", expected=f"dtype {expected_dtype}", got=f"dtype {W.dtype}",
                          hint="convert the matrix with .astype(dtype) before returning it")
    return W, call


@uniform.check("a matrix of shape (n_in, n_out), float32 by default and float64 with dtype=np.float64",
               hint="draw a matrix of size (n_in, n_out) and convert it with .astype(dtype)")
def _(learner):
    _draw(learner, 784, 128, 1)
    _draw(learner, 3, 5, 2)
    _draw(learner, 5, 3, 3, dtype=np.float64)


@uniform.check("every entry within [−r, r], r = √(6/(n_in + n_out)), and the largest |w| of a 400 × 600 draw "
               "above 0.99·r: the whole interval is used", hint=(
                   "a uniform distribution on [−r, r] has variance r²/3: set it equal to Xavier's variance "
                   "2/(n_in + n_out) and solve for r"))
def _(learner):
    for n_in, n_out, seed in [(400, 600, 4), (37, 11, 5)]:
        W, call = _draw(learner, n_in, n_out, seed)
        r = math.sqrt(6 / (n_in + n_out))
        largest = float(np.abs(W).max())
        if largest > r * (1 + 1e-6):
            raise CheckFailed(f"{call} has entries outside [−r, r]", expected=f"|w| ≤ r = {r:.6g}",
                              got=f"largest |w| = {largest:.6g}",
                              hint="a normal distribution has no bound: draw with rng.uniform(−r, r, size=...)")
        if n_in * n_out > 10_000 and largest < 0.99 * r:
            raise CheckFailed(f"{call} does not reach the ends of [−r, r]", expected=f"largest |w| near r = {r:.6g}",
                              got=f"largest |w| = {largest:.6g}, {largest / r:.3g}·r")


@uniform.check("mean within 0.01·r of 0 and variance within 2% of 2/(n_in + n_out), for seeded sizes "
               "with at least 100,000 weights", hint=(
                   "the variance of a uniform distribution on [−r, r] is r²/3, not r²: solve r²/3 = 2/(n_in + n_out)"))
def _(learner):
    rng = seeded(6)
    for seed in range(7, 10):
        n_in, n_out = int(rng.integers(320, 800)), int(rng.integers(320, 800))
        W, call = _draw(learner, n_in, n_out, seed)
        r, target = math.sqrt(6 / (n_in + n_out)), 2 / (n_in + n_out)
        close(W.mean(dtype=np.float64), 0.0, f"the mean of {call}", rtol=0, atol=0.01 * r)
        close(W.var(dtype=np.float64), target, f"the variance of {call}", rtol=0.02, atol=0,
              mistakes=[(target / 3, "this is the variance for r = √(2/(n_in + n_out)): a uniform distribution "
                                     "on [−r, r] has variance r²/3, so r must be larger")])


@uniform.check("draws from the rng it is given: the same seed gives the same matrix, another seed another one",
               hint="call rng.uniform (or another method of rng), not np.random.uniform or a generator of your own")
def _(learner):
    follows_the_seed(lambda rng: learner.xavier_uniform(20, 30, rng), "xavier_uniform(20, 30, rng)")


# ---------------------------------------------------------------- 3. a learning-rate schedule
decay = Exercise("hyperparameters/step-decay", "A learning-rate schedule", PAGE, ("step_decay",), SOLUTION)


def _schedule(learner, learning_rate, epochs, drop, every):
    call = f"step_decay({learning_rate:g}, epoch, drop={drop:g}, every={every})"
    got = np.array([number(learner.step_decay(learning_rate, int(epoch), drop=drop, every=every),
                           f"step_decay({learning_rate:g}, {epoch}, drop={drop:g}, every={every})")
                    for epoch in epochs])
    drops = lambda count: learning_rate * drop ** count  # noqa: E731
    close(got, [reference.step_decay(learning_rate, int(e), drop, every) for e in epochs], call,
          rtol=1e-12, atol=0, inputs=("epoch", epochs), mistakes=[
              (drops(epochs / every), "the rate drops in steps, not continuously: count whole drops with //"),
              (drops(epochs // every + 1), "epoch 0 uses the initial rate: no drop has happened yet"),
              (drops((epochs + 1) // every), "epochs count from 0: the first drop is at epoch `every`, "
                                             "so epochs 0 … every − 1 use the initial rate"),
              (learning_rate * drop * (epochs // every), "each drop multiplies the rate by `drop`: "
                                                           "k drops multiply it by drop to the power k")])


@decay.check("η = 0.1 with the defaults (halved every 10 epochs): 0.1 in epochs 0–9, 0.05 in 10–19, 0.025 "
             "in 20–29 (tolerance 1e-12·η)", hint="count how many times the rate has dropped by epoch `epoch`")
def _(learner):
    _schedule(learner, 0.1, np.arange(30), 0.5, 10)


@decay.check("30 seeded settings of η, drop and every, over their first 60 epochs (tolerance 1e-12·η)", hint=(
    "use the drop and every arguments rather than 0.5 and 10"))
def _(learner):
    rng = seeded(13)
    for _ in range(30):
        _schedule(learner, float(rng.uniform(0.001, 1)), np.arange(60), float(rng.uniform(0.1, 0.9)),
                  int(rng.integers(1, 20)))


EXERCISES = [iterations, uniform, decay]
