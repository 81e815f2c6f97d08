"""Checks of the exercises of the chapter "What is a neural network"."""

import numpy as np

from snippets.check.core import CheckFailed, Exercise, close, equal, number, seeded, uses
from snippets.neuron import count_parameters, neuron

TITLE = "What is a neural network"
PAGE = "chapters/neural-networks.md#exercises"
SOLUTION = "snippets.solutions.neuron"

# ---------------------------------------------------------------- 1. parameters on a budget
budget = Exercise("neural-networks/hidden-width-for-budget", "Parameters on a budget", PAGE,
                  ("hidden_width_for_budget",), SOLUTION)


def _width_is_largest(learner, n_in, n_out, budget_):
    h = number(learner.hidden_width_for_budget(n_in, n_out, budget_),
               f"hidden_width_for_budget({n_in}, {n_out}, {budget_})", integer=True)
    fits = lambda width: count_parameters([n_in, width, n_out]) <= budget_  # noqa: E731
    if h < 0 or (h > 0 and not fits(h)) or fits(h + 1):
        raise CheckFailed(
            f"hidden_width_for_budget({n_in}, {n_out}, {budget_}) is not the largest width within the budget",
            expected="the largest h with (n_in + 1)·h + (h + 1)·n_out ≤ budget (or 0 if none)",
            got=f"h = {h}, a network of {count_parameters([n_in, h, n_out]):,} parameters; "
                f"h + 1 would have {count_parameters([n_in, h + 1, n_out]):,}")


@budget.check("784 → h → 10 within 100,000 parameters: the largest h that fits", hint=(
    "write the parameter count of n_in → h → n_out as a linear function of h, solve for h and "
    "round down with integer division //"))
def _(learner):
    _width_is_largest(learner, 784, 10, 100_000)


@budget.check("the same on 40 seeded (n_in, n_out, budget) triples not shown in the starter", hint=(
    "the answer must follow from the formula for any sizes, including a budget that fits exactly"))
def _(learner):
    rng = seeded(1)
    for _ in range(40):
        n_in, n_out, h = (int(v) for v in rng.integers(1, 500, size=3))
        exact = count_parameters([n_in, h, n_out])
        _width_is_largest(learner, n_in, n_out, exact + int(rng.integers(0, 2)) * int(rng.integers(0, n_in)))


@budget.check("0 when not even one hidden neuron fits", hint=(
    "with a budget below n_in + 2·n_out + 1 the formula gives 0 or a negative number: return 0 then"))
def _(learner):
    for n_in, n_out, budget_ in [(784, 10, 500), (3, 4, 2), (20, 5, 0)]:
        _width_is_largest(learner, n_in, n_out, budget_)


# ---------------------------------------------------------------- 2. logic from one neuron
logic = Exercise("neural-networks/logic-neurons", "Logic from one neuron", PAGE, ("not_neuron", "and_neuron"), SOLUTION)


def _gate(learner, name, X, truth):
    got = getattr(learner, name)(X)
    close(got, truth, f"{name}(X)", rtol=0, atol=1e-4, inputs=("input row", X))


@logic.check("not_neuron: 1 for input 0, 0 for input 1 (within 1e-4), one output per row", hint=(
    "pick w and b so that z = w·x + b is positive for x = 0 and negative for x = 1, equally far from 0, "
    "then scale both up until σ(z) is within 1e-4 of 0 and 1; pass w as an array of shape (1,)"))
def _(learner):
    _gate(learner, "not_neuron", np.array([[0.0], [1.0]]), np.array([1.0, 0.0]))


@logic.check("and_neuron: AND's truth table on the four inputs (within 1e-4), one output per row", hint=(
    "the sum w·x + b must be negative for (0, 0), (0, 1), (1, 0) and positive for (1, 1): put the bias "
    "between one input on and two, then scale up"))
def _(learner):
    X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    _gate(learner, "and_neuron", X, np.array([0.0, 0.0, 0.0, 1.0]))


@logic.check("both gates on 24 seeded rows in a random order (within 1e-4)", hint=(
    "compute the answer from each row of X: a result that only fits the four rows in their usual order "
    "is not a neuron"))
def _(learner):
    X = seeded(2).integers(0, 2, size=(24, 2)).astype(float)
    _gate(learner, "not_neuron", X[:, :1], 1 - X[:, 0])
    _gate(learner, "and_neuron", X, X[:, 0] * X[:, 1])


@logic.check("both gates are the book's neuron(X, w, b) with weights you chose", hint=(
    "the exercise is to choose w and b: return neuron(X, w, b), not a formula or a comparison of your own"))
def _(learner):
    for name in ("not_neuron", "and_neuron"):
        uses(learner, name, needs=[(neuron, "neuron(X, w, b)")])


# ---------------------------------------------------------------- 3. which input sees which pixel
pixels = Exercise("neural-networks/pixel-index", "Which input sees which pixel?", PAGE,
                  ("pixel_index", "pixel_position"), SOLUTION)


def _check_width(learner, width, positions):
    image = seeded(width).random((width, width))  # a square image and its flattened row
    flat = image.reshape(-1)
    for row, col in positions:
        index = number(learner.pixel_index(row, col, width=width), f"pixel_index({row}, {col}, width={width})",
                       integer=True)
        if not 0 <= index < flat.size or flat[index] != image[row, col]:
            raise CheckFailed(f"pixel_index({row}, {col}, width={width}) is not the input that sees that pixel",
                              expected=f"the index of pixel ({row}, {col}) in image.reshape(-1)", got=index)
        position = learner.pixel_position(index, width=width)
        if not isinstance(position, (tuple, list, np.ndarray)) or len(position) != 2:
            raise CheckFailed(f"pixel_position({index}, width={width}) should be a pair (row, col)",
                              expected="a tuple of two ints", got=repr(position))
        equal(tuple(int(v) for v in position), (row, col), f"pixel_position({index}, width={width})",
              hint="row = index // width and col = index % width: divmod gives both")


@pixels.check("pixel_index and pixel_position for every pixel of a 28 × 28 image", hint=(
    "flattening lays the rows end to end: row r starts at input 28·r"))
def _(learner):
    _check_width(learner, 28, [(row, col) for row in range(28) for col in range(28)])


@pixels.check("the same for widths 5 and 37, on seeded pixels", hint=(
    "use the width argument wherever the formula needs the number of pixels per row"))
def _(learner):
    for width in (5, 37):
        positions = seeded(width + 1).integers(0, width, size=(30, 2))
        _check_width(learner, width, [tuple(int(v) for v in p) for p in positions])


EXERCISES = [budget, logic, pixels]
