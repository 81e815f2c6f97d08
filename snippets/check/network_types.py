"""Checks of the exercises of the chapter "Types of neural networks"."""

import itertools

import numpy as np

from snippets.check.core import CheckFailed, Exercise, array, close, number, seeded, uses
from snippets.convolution import conv2d, max_pool
from snippets.rnn import rnn_forward
from snippets.solutions import convolution as reference

TITLE = "Types of neural networks"
PAGE = "practice/network-types.md#exercises"
SOLUTION = "snippets.solutions.convolution"

# ---------------------------------------------------------------- 1. output sizes
sizes = Exercise("network-types/conv2d-output-shape", "Output sizes", PAGE, ("conv2d_output_shape",), SOLUTION)


def _feature_map_shape(h, w, q, stride, padding):
    """(h_out, w_out) as conv2d really produces them, for one grey h × w image and one q × q filter."""
    return conv2d(np.zeros((1, h, w, 1)), np.zeros((q, q, 1, 1)), np.zeros(1), stride, padding).shape[1:3]


def _output_shape(learner, h, w, q, stride, padding):
    call = f"conv2d_output_shape({h}, {w}, {q}, {stride}, {padding})"
    got = learner.conv2d_output_shape(h, w, q, stride, padding)
    if not isinstance(got, (tuple, list, np.ndarray)) or len(got) != 2:
        raise CheckFailed(f"{call} should return the pair (h_out, w_out)", expected="a tuple of two ints",
                          got=repr(got)[:80])
    got = tuple(number(size, f"a size from {call}", integer=True) for size in got)
    expected = _feature_map_shape(h, w, q, stride, padding)
    if got != expected:
        def along(n, formula):
            return formula(n + 2 * padding - q)
        mistakes = [(lambda room: -(-room // stride) + 1, "a window that would stick out past the padded edge is "
                                                          "not used: round down, with //"),
                    (lambda room: room // stride, "the window's first position, offset 0, counts too: add 1"),
                    (lambda room: (room - padding) // stride + 1, "padding adds p pixels on both sides: h + 2p")]
        hint = next((hint for formula, hint in mistakes if got == (along(h, formula), along(w, formula))), None)
        raise CheckFailed(f"{call} is wrong", expected=f"{expected}, the shape conv2d's feature map has",
                          got=got, hint=hint)


@sizes.check("28 × 28 with a 5 × 5 filter: (24, 24) without padding, (28, 28) with padding 2, (14, 14) with "
             "stride 2 and padding 2", hint=(
                 "along each axis the window's top row can sit at 0, s, 2s, … up to h + 2p − q: count those rows"))
def _(learner):
    _output_shape(learner, 28, 28, 5, 1, 0)
    _output_shape(learner, 28, 28, 5, 1, 2)
    _output_shape(learner, 28, 28, 5, 2, 2)


@sizes.check("40 seeded (h, w, q, stride, padding) with h ≠ w: the shape of conv2d's output", hint=(
    "use h for the first size and w for the second, and round down when the stride does not divide h + 2p − q"))
def _(learner):
    rng = seeded(1)
    for _ in range(40):
        q, stride, padding = int(rng.integers(1, 8)), int(rng.integers(1, 5)), int(rng.integers(0, 4))
        h, w = (int(n) for n in rng.choice(np.arange(max(1, q - 2 * padding), 60), size=2, replace=False))
        _output_shape(learner, h, w, q, stride, padding)


# ---------------------------------------------------------------- 2. average pooling
pooling = Exercise("network-types/avg-pool", "Average pooling", PAGE, ("avg_pool",), SOLUTION)


def _pooled(learner, X, size, expected, tolerance):
    call = f"avg_pool(X, {size}) for X of shape {X.shape}"
    got = array(learner.avg_pool(X, size), call, shape=expected.shape, dtype=X.dtype)
    close(got, expected, call, rtol=tolerance, atol=tolerance, mistakes=[
        (max_pool(X, size), "this is max_pool: average pooling takes the mean of each block, not its largest value")])


@pooling.check("np.arange(16.0) as one 4 × 4 image, size 2: the block means [[2.5, 4.5], [10.5, 12.5]], "
               "shape (1, 2, 2, 1) (tolerance 1e-12)", hint=(
                   "blocks do not overlap: the window moves by `size` pixels, as in max_pool"))
def _(learner):
    _pooled(learner, np.arange(16.0).reshape(1, 4, 4, 1), 2, np.array([[2.5, 4.5], [10.5, 12.5]])[None, :, :, None],
            1e-12)


@pooling.check("seeded float32 batches with several channels and sizes that do not divide h or w: float32, each "
               "channel pooled on its own, the last rows and columns that fill no block dropped "
               "(tolerance 1e-6 + 1e-6·|value|)", hint=(
                   "sliding_window_view(X, (size, size), axis=(1, 2))[:, ::size, ::size] gives the blocks, as "
                   "in max_pool: average over the two window axes, the last two, and keep the channel axis"))
def _(learner):
    rng = seeded(2)
    for shape, size in [((3, 7, 8, 4), 3), ((2, 9, 6, 2), 2), ((1, 5, 5, 3), 4)]:
        X = rng.normal(size=shape).astype(np.float32)
        _pooled(learner, X, size, reference.avg_pool(X, size), 1e-6)


@pooling.check("size 1 returns X itself; size = h = w gives each channel's mean over the whole image "
               "(tolerance 1e-12 + 1e-12·|value|)", hint=(
                   "a block of size 1 is one pixel; a block as large as the image covers all of it"))
def _(learner):
    X = seeded(3).normal(size=(2, 5, 5, 3))
    _pooled(learner, X, 1, X, 1e-12)
    _pooled(learner, X, 5, X.mean(axis=(1, 2), keepdims=True), 1e-12)


@pooling.check("the block means of the 4 × 4 example with no Python loop (for, while or a comprehension)", hint=(
    "let NumPy visit the pixels: take the blocks with sliding_window_view (or a reshape) and average them "
    "with one .mean"))
def _(learner):
    _pooled(learner, np.arange(16.0).reshape(1, 4, 4, 1), 2, np.array([[2.5, 4.5], [10.5, 12.5]])[None, :, :, None],
            1e-12)
    loops = learner.loops("avg_pool")
    if loops:
        raise CheckFailed("avg_pool has a Python loop, which the starter rules out: " + "; ".join(loops))


# ---------------------------------------------------------------- 3. a convolution is a sparse dense layer
dense = Exercise("network-types/conv-as-dense", "A convolution is a sparse dense layer", PAGE, ("conv_as_dense",),
                 SOLUTION)
FLIP_HINT = ("this W flips the filter: the book's conv2d does not, output (r, c) gets F[u, v] · X[r + u, c + v] "
             "for u, v counted from the filter's top-left corner")


def _dense_matrix(learner, F, h, w):
    call = f"conv_as_dense(F, {h}, {w}) for F of shape {F.shape}"
    shape = (h * w, (h - F.shape[0] + 1) * (w - F.shape[1] + 1))
    return array(learner.conv_as_dense(F, h, w), call, shape=shape, dtype=F.dtype), call


@dense.check("F = [[1, 2], [3, 4]] on a 3 × 3 image: W of shape (9, 4), one row per input pixel and one column "
             "per output pixel, exactly the reference's entries", hint=(
                 "column r·w_out + c holds output pixel (r, c): it has F[u, v] in row (r + u)·w + (c + v) and 0 "
                 "elsewhere"))
def _(learner):
    F = np.array([[1.0, 2.0], [3.0, 4.0]])
    W, call = _dense_matrix(learner, F, 3, 3)
    close(W, reference.conv_as_dense(F, 3, 3), call, rtol=0, atol=0,
          mistakes=[(reference.conv_as_dense(F[::-1, ::-1], 3, 3), FLIP_HINT)])


@dense.check("seeded filters of shapes (2, 3) and (3, 3) on 7 × 6 and 5 × 8 images: X.reshape(m, −1) @ W equals "
             "conv2d's flattened feature maps for 4 seeded images (tolerance 1e-9 + 1e-9·|value|)", hint=(
                 "the image is h × w, not square: rows are w pixels long in the input and w_out long in the output"))
def _(learner):
    rng = seeded(4)
    for (k_h, k_w), (h, w) in [((2, 3), (7, 6)), ((3, 3), (5, 8))]:
        F, X = rng.normal(size=(k_h, k_w)), rng.normal(size=(4, h, w))
        W, call = _dense_matrix(learner, F, h, w)
        feature_maps = conv2d(X[..., None], F[:, :, None, None], np.zeros(1))[..., 0]
        flipped = X.reshape(4, -1) @ reference.conv_as_dense(F[::-1, ::-1], h, w)
        close(X.reshape(4, -1) @ W, feature_maps.reshape(4, -1), f"X.reshape(m, −1) @ W, W from {call},", rtol=1e-9,
              atol=1e-9, mistakes=[(flipped, FLIP_HINT)])


@dense.check("a float32 filter gives a float32 W", hint="create W with np.zeros(..., dtype=F.dtype)")
def _(learner):
    _dense_matrix(learner, seeded(5).normal(size=(3, 2)).astype(np.float32), 4, 5)


# ---------------------------------------------------------------- 4. a memory by hand
memory = Exercise("network-types/seen-a-one", "A memory by hand", PAGE, ("seen_a_one",), "snippets.solutions.rnn")
LAST_STEP_HINT = ("this is whether the last step is a 1: once the state has seen a 1 it must stay near +1, "
                  "whatever comes after")


def _seen(learner, X):
    call = f"seen_a_one(X) for X of shape {X.shape}"
    got = array(learner.seen_a_one(X), call, shape=(len(X),), kind="bool")
    expected = X[:, :, 0].max(axis=1) == 1
    wrong = np.flatnonzero(got != expected)
    if wrong.size:
        first = wrong[0]
        ones = ", ".join(str(t) for t in np.flatnonzero(X[first, :, 0]))
        sequence = (f"the sequence of {X.shape[1]} steps with a 1 at step{'s' if ',' in ones else ''} {ones}"
                    if ones else f"the sequence of {X.shape[1]} zeros")
        raise CheckFailed(f"{call} is wrong for {wrong.size} of {len(X)} sequences",
                          expected=f"{bool(expected[first])} for {sequence} (steps counted from 0)",
                          got=str(bool(got[first])),
                          hint=LAST_STEP_HINT if np.array_equal(got, X[:, -1, 0] == 1) else None)


@memory.check("all 64 sequences of length 6: a boolean array of shape (64,), True exactly for those with a 1",
              hint=("pick w_x, w_h and b so that z = w_x·x_t + w_h·h_{t−1} + b is at least 5 from 0 with the right "
                    "sign in all four cases (h_{t−1} ≈ ±1, x_t = 0 or 1) and at the start, h_0 = 0; then compare "
                    "the last state with 0"))
def _(learner):
    _seen(learner, np.array(list(itertools.product([0.0, 1.0], repeat=6)))[:, :, None])


@memory.check("seeded sequences of length 1 and 100: a single 1 at the first step, at the last step, anywhere, "
              "or none", hint=(
                  "from h ≈ +1 the state must stay ≈ +1 for 99 steps of 0: w_h·1 + b must be well above 0; "
                  "from h ≈ −1, a 0 must keep it there: −w_h + b must be well below 0"))
def _(learner):
    rng = seeded(6)
    _seen(learner, rng.integers(0, 2, size=(8, 1, 1)).astype(float))
    X = np.zeros((12, 100, 1))
    X[0, 0], X[1, -1] = 1.0, 1.0
    X[np.arange(2, 8), rng.integers(0, 100, size=6)] = 1.0  # rows 8 to 11 stay all 0
    _seen(learner, X)


@memory.check("the answer is the last state of the book's rnn_forward with weights you chose", hint=(
    "the exercise is the memory: run rnn_forward on X with your weights and read its last state"))
def _(learner):
    uses(learner, "seen_a_one", needs=[(rnn_forward, "rnn_forward")])


EXERCISES = [sizes, pooling, dense, memory]
