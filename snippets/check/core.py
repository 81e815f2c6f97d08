"""What a check is made of: exercises, their checks, and the comparisons they make.

An ``Exercise`` names the functions the learner writes and holds a list of checks.
A check is a plain function ``check(learner)`` that calls the learner's code through
``learner.<function name>(...)`` and raises ``CheckFailed`` (what was expected, what
came, a hint) when the answer is wrong. The comparisons below (``array``, ``close``,
``gradient``, ...) raise it with a precise message, so most checks are a few lines.

The learner's functions are wrapped: a function that still raises NotImplementedError
becomes ``NotImplementedYet``, any other exception from the learner's code becomes
``LearnerRaised`` carrying the original error (the runner trims its traceback to the
learner's file), and arguments are deep-copied so learner code cannot change the
checker's data in place.
"""

import ast
import builtins
import contextlib
import copy
import inspect
import sys
import textwrap
import traceback
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import numpy as np

from snippets.gradcheck import relative_error

SNIPPETS_DIR = Path(__file__).resolve().parents[1]
EXERCISES_DIR = SNIPPETS_DIR / "exercises"


class CheckFailed(Exception):
    """A check's ✗: a message, optionally what was expected and what came, and a hint."""

    def __init__(self, message, expected=None, got=None, hint=None):
        super().__init__(message)
        self.message, self.hint = message, hint
        self.expected, self.got = (value if value is None or isinstance(value, str) else show(value)
                                   for value in (expected, got))


class NotImplementedYet(Exception):
    """The learner's function (``name``) still raises NotImplementedError, as in the starter."""

    def __init__(self, name):
        super().__init__(name)
        self.name = name


class LearnerRaised(Exception):
    """The learner's function ``name`` raised ``error`` (any exception but NotImplementedError)."""

    def __init__(self, name, error):
        super().__init__(name)
        self.name, self.error = name, error


# --8<-- [start:exercise]
@dataclass
class Check:
    title: str  # what is checked, with the tolerance or limit it uses
    run: Callable  # run(learner): raises CheckFailed if wrong; returns if right, perhaps a string of what it measured
    hint: str  # shown when the check fails
    time_limit: float | None = None  # seconds; None: the checker's default


@dataclass
class Exercise:
    """One exercise: an id for the command line, the functions to write, and their checks."""

    id: str  # "chapter-slug/name" for a chapter's exercise, "name" for a mini-assignment
    title: str
    page: str  # where the task is stated, relative to docs/: "chapters/perceptron.md#exercises"
    functions: tuple  # the names the learner's file defines
    solution: str  # the reference solution's module, e.g. "snippets.solutions.perceptron"
    checks: list = field(default_factory=list)
    memory_limit: int | None = None  # megabytes; None: the checker's default
    time_limit: float | None = None  # seconds for loading and for each check; None: the checker's default

    def check(self, title, hint, time_limit=None):
        """Decorator: register ``function(learner)`` as the next check of this exercise."""
        def register(function):
            self.checks.append(Check(title, function, hint, time_limit))
            return function
        return register

    @property
    def starter(self) -> Path:
        """The starter file: snippets/exercises/<id with "-" as "_">.py."""
        return EXERCISES_DIR / f"{self.id.replace('-', '_')}.py"

    @property
    def solution_file(self) -> Path:
        return SNIPPETS_DIR.parent / f"{self.solution.replace('.', '/')}.py"
# --8<-- [end:exercise]


def reference_verdict(where):
    """The verdict for a file that hands in the book's reference solution; ``where`` says how it does."""
    return {"status": "reference", "title": "your own work", "not_run": "your file hands in the book's solution",
            "message": f"your file uses the book's reference solution ({where}), so there is nothing of yours to check",
            "hint": "write the functions yourself; the book's solution is on the exercise's page, collapsed, "
                    "for when you have tried. Other modules of the book (snippets.activations, ...) may be imported"}


class Learner:
    """The learner's module as the checks see it: ``learner.name`` is their function, wrapped."""

    def __init__(self, module):
        self._module = module

    def __getattr__(self, name):
        if not hasattr(self._module, name):
            raise CheckFailed(f"your file defines no function `{name}`",
                              hint=f"keep the name and the signature from the starter file: def {name}(...)")
        function = getattr(self._module, name)
        if not callable(function):
            raise CheckFailed(f"`{name}` in your file is a {type(function).__name__}, not a function",
                              hint=f"define it with def {name}(...):")
        return LearnerFunction(name, function)

    def borrowed(self, names):
        """The functions among ``names`` that come from the book's reference solutions, not from the file itself."""
        found, own = [], Path(self._module.__file__).resolve()
        for name in names:
            code = getattr(getattr(self._module, name, None), "__code__", None)
            origin = Path(code.co_filename).resolve() if code is not None else own
            if origin != own and origin.is_relative_to(SNIPPETS_DIR / "solutions"):
                found.append(name)
        return found

    def _own_code(self, name):
        """``(function, syntax tree)`` of the learner's ``name`` and of every function of the file that it
        calls, and that those call: what a requirement on ``name`` is about."""
        seen, todo = set(), [getattr(self._module, name, None)]
        while todo:
            function = todo.pop()
            if not inspect.isfunction(function) or function.__code__ in seen:
                continue
            seen.add(function.__code__)
            try:
                tree = ast.parse(textwrap.dedent(inspect.getsource(function)))
            except (OSError, TypeError, SyntaxError):
                continue
            yield function, tree
            todo += [value for value in _named(function, tree)
                     if inspect.isfunction(value) and value.__code__.co_filename == function.__code__.co_filename]

    def references(self, name):
        """Everything the function ``name`` of the learner's file refers to by name, read from its
        source: the objects that its names and dotted names (``np.tanh``, ``neuron``) stand for
        in the file, and those of the file's own functions that it calls, and theirs."""
        return [value for function, tree in self._own_code(name) for value in _named(function, tree)]

    def loops(self, name):
        """The Python loops (for, while, comprehensions) in ``name`` and the file's functions it calls, as line texts."""
        return [f"{function.__name__}: {ast.unparse(node).splitlines()[0][:60]}"
                for function, tree in self._own_code(name) for node in ast.walk(tree)
                if isinstance(node, (ast.For, ast.AsyncFor, ast.While, ast.ListComp, ast.SetComp, ast.DictComp,
                                     ast.GeneratorExp))]

    def foreign(self, names):
        """What the functions ``names`` use from outside NumPy, Python's standard library and
        the file itself, as ``["train uses snippets.training.fit", ...]``."""
        own = self._module.__name__
        found = []
        for name in names:
            for value in self.references(name):
                module = value.__name__ if inspect.ismodule(value) else getattr(value, "__module__", None)
                if not isinstance(module, str):
                    continue
                top = module.split(".")[0]
                if top in ("numpy", "builtins", own) or top.startswith("_") or top in sys.stdlib_module_names:
                    continue
                what = module if inspect.ismodule(value) else f"{module}.{getattr(value, '__qualname__', '?')}"
                if f"{name} uses {what}" not in found:
                    found.append(f"{name} uses {what}")
        return found

    @contextlib.contextmanager
    def watching(self, name):
        """A list that collects the arguments of every call of the file's ``name``, by the file's own
        code too (its other functions look ``name`` up in the file when they call it), while the block runs."""
        getattr(self, name)  # a file without the function hears so
        original, calls = getattr(self._module, name), []

        def watched(*args, **kwargs):
            calls.append(args)
            return original(*args, **kwargs)

        setattr(self._module, name, watched)
        try:
            yield calls
        finally:
            setattr(self._module, name, original)

    def untouched(self, names):
        """The functions among ``names`` still as in the starter: a docstring, then raise NotImplementedError."""
        return [name for name in names if _only_raises_not_implemented(getattr(self._module, name, None))]


_MISSING = object()


def _named(function, tree):
    """The objects that the names and dotted names in ``tree`` (the source of ``function``) stand for."""
    for node in ast.walk(tree):
        chain = _dotted(node)
        if chain is None:
            continue
        value = function.__globals__.get(chain[0], getattr(builtins, chain[0], _MISSING))
        for attribute in [None, *chain[1:]]:
            if attribute is not None:
                value = getattr(value, attribute, _MISSING)
            if value is _MISSING:
                break
            yield value


def _dotted(node):
    """``["np", "random", "default_rng"]`` for the expression ``np.random.default_rng``, None for any other node."""
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    return [node.id, *reversed(parts)] if isinstance(node, ast.Name) else None


def uses(learner, name, needs=(), avoids=(), hint=None):
    """Check that the learner's ``name`` refers to every object in ``needs`` and to none in
    ``avoids`` (each a pair: the object, and how the starter names it), directly or through
    the file's own functions. A function still as in the starter is not written yet."""
    getattr(learner, name)  # a file without the function hears so
    if learner.untouched([name]):
        raise NotImplementedYet(name)
    used = learner.references(name)
    for wanted, words in needs:
        if not any(value is wanted for value in used):
            raise CheckFailed(f"{name} does not use {words}, as the starter asks", hint=hint)
    for unwanted, words in avoids:
        if any(value is unwanted for value in used):
            raise CheckFailed(f"{name} uses {words}, which the starter rules out", hint=hint)


def _only_raises_not_implemented(function):
    try:
        definition = ast.parse(textwrap.dedent(inspect.getsource(function))).body[0]
    except (TypeError, OSError, SyntaxError, IndexError):  # not a function, or no source to read
        return False
    body = [node for node in definition.body
            if not (isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant))]  # docstrings aside
    return (len(body) == 1 and isinstance(body[0], ast.Raise) and body[0].exc is not None
            and "NotImplementedError" in ast.unparse(body[0].exc))


class LearnerFunction:
    def __init__(self, name, function):
        self.name, self.function = name, function

    def __call__(self, *args, **kwargs):
        """Call with deep copies of the arguments: learner code may change its inputs in place."""
        args, kwargs = copy.deepcopy((args, kwargs))
        return self.in_place(*args, **kwargs)

    def in_place(self, *args, **kwargs):
        """Call with the arguments themselves, for functions meant to update them in place."""
        try:
            return self.function(*args, **kwargs)
        except NotImplementedError as error:
            raise NotImplementedYet(_innermost_function(error, self.function) or self.name) from None
        except BaseException as error:  # SystemExit and KeyboardInterrupt from learner code too
            raise LearnerRaised(self.name, error) from None


def _innermost_function(error, function):
    """The learner's function that raised: with an unfinished helper, that is the one to write."""
    filename = getattr(getattr(function, "__code__", None), "co_filename", None)
    frames = [frame for frame in traceback.extract_tb(error.__traceback__) if frame.filename == filename]
    return frames[-1].name if frames else None


# ---------------------------------------------------------------- comparisons

def show(value):
    """A short, readable form of a number or an array for a message."""
    if isinstance(value, (float, np.floating)):
        return f"{value:.6g}"
    if isinstance(value, np.integer):
        return str(int(value))
    if isinstance(value, np.ndarray):
        return np.array2string(value, precision=6, threshold=12, edgeitems=3, max_line_width=88)
    if isinstance(value, tuple):
        return "(" + ", ".join(map(show, value)) + ("," if len(value) == 1 else "") + ")"
    return repr(value)


def _type_name(value):
    return "None (did the function `return` its result?)" if value is None else type(value).__name__


def array(got, what, shape=None, kind="float", dtype=None):
    """``got`` as an array of the given shape and kind ("float", "int", "bool" or None), or CheckFailed."""
    one_number = shape == () and isinstance(got, (int, float)) and not isinstance(got, bool)
    if not isinstance(got, (np.ndarray, np.generic)) and not one_number:
        raise CheckFailed(f"{what} should be a NumPy array", got=_type_name(got),
                          expected="a NumPy array" + (f" of shape {shape}" if shape else ""),
                          hint="return an array (np.asarray turns a list into one)")
    got = np.asarray(got)
    if shape is not None and got.shape != tuple(shape):
        raise CheckFailed(f"{what} has the wrong shape", expected=f"shape {tuple(shape)}", got=f"shape {got.shape}")
    codes = {"float": "f", "int": "iu", "bool": "b"}
    if kind and got.dtype.kind not in codes[kind]:
        raise CheckFailed(f"{what} has the wrong dtype", expected=f"a {kind} dtype", got=f"dtype {got.dtype}")
    if dtype is not None and got.dtype != dtype:
        raise CheckFailed(f"{what} has the wrong dtype", expected=f"dtype {np.dtype(dtype)}", got=f"dtype {got.dtype}",
                          hint=f"{np.dtype(dtype)} inputs should give {np.dtype(dtype)} results: "
                               "avoid mixing in float64 arrays")
    return got


def number(got, what, integer=False):
    """``got`` as one Python number (int if ``integer``), or CheckFailed."""
    if isinstance(got, np.ndarray) and got.shape == ():
        got = got[()]
    kinds = (int, np.integer) if integer else (int, float, np.integer, np.floating)
    if isinstance(got, bool) or not isinstance(got, kinds):
        shape = f" of shape {got.shape}" if isinstance(got, np.ndarray) else ""
        raise CheckFailed(f"{what} should be a single {'whole ' if integer else ''}number",
                          expected="an int" if integer else "a float", got=_type_name(got) + shape)
    return int(got) if integer else float(got)


def finite(got, what, inputs=None):
    """CheckFailed if the array ``got`` holds NaN or infinity; ``inputs`` = (name, array) locates it."""
    bad = ~np.isfinite(got)
    if bad.any():
        first = np.unravel_index(np.argmax(bad), got.shape) if got.shape else ()
        where = _where(first, inputs)
        kinds = " or ".join(word for word, found in (("NaN", np.isnan(got).any()), ("infinity", np.isinf(got).any()))
                            if found)
        raise CheckFailed(f"{what} contains {kinds} in {int(bad.sum())} of {got.size} entries",
                          expected="finite numbers", got=f"{show(got[first])}{where}",
                          hint="NaN comes from 0/0, inf − inf or the log of a negative number; infinity from "
                               "overflow, such as np.exp of a large number. Rewrite the formula so that nothing "
                               "overflows, as the Loss functions chapter does for the cross-entropy.")
    return got


def _where(index, inputs):
    if inputs is None:
        return f" at index {tuple(int(i) for i in index)}" if index else ""
    name, values = inputs
    values = np.asarray(values)
    point = values[index] if values.shape and len(index) <= values.ndim else values
    return f" at {name} = {show(point)}"


def close(got, expected, what, rtol=1e-7, atol=1e-9, inputs=None, mistakes=()):
    """CheckFailed unless |got − expected| ≤ atol + rtol·|expected| everywhere (after shape and NaN checks).

    ``inputs`` = (name, array of the same shape, or one value) says where the worst error is.
    ``mistakes`` = [(what a known mistake gives, hint), ...]: the hint of the one ``got`` matches.
    """
    expected = np.asarray(expected)
    got = array(got, what, shape=expected.shape, kind=None)
    if got.dtype.kind not in "fiub":
        raise CheckFailed(f"{what} should hold numbers", expected="a numeric dtype", got=f"dtype {got.dtype}")
    finite(got, what, inputs)
    error = np.abs(got.astype(np.float64) - expected)
    excess = error - (atol + rtol * np.abs(expected))
    if (excess > 0).any():
        worst = np.unravel_index(np.argmax(excess), excess.shape) if excess.shape else ()
        raise CheckFailed(
            f"{what} is wrong in {int((excess > 0).sum())} of {expected.size} entries "
            f"(tolerance |got − expected| ≤ {atol:g} + {rtol:g}·|expected|)",
            expected=f"{show(expected[worst])}{_where(worst, inputs)}", got=show(got[worst]),
            hint=_diagnose(got, mistakes, rtol, atol))
    return got


def _diagnose(got, mistakes, rtol=1e-7, atol=1e-9):
    """The hint of the first known mistake whose result ``got`` matches, or None."""
    for result, hint in mistakes:
        result = np.asarray(result)
        if got.shape == result.shape and np.allclose(got, result, rtol=max(rtol, 1e-6), atol=max(atol, 1e-9)):
            return hint
    return None


def equal(got, expected, what, hint=None):
    """CheckFailed unless ``got == expected`` (numbers, tuples, arrays compared exactly)."""
    if not np.array_equal(got, expected):
        raise CheckFailed(f"{what} is wrong", expected=show(expected), got=show(got), hint=hint)
    return got


def gradient(got, numerical, what, tolerance=1e-6, mistakes=(), batch=None):
    """CheckFailed unless ``got`` matches the numerical gradient within ``tolerance`` relative error.

    The failure names the usual cause when the numbers fit one: the exact transpose, a
    constant factor (the batch size ``batch`` when a 1/m is missing, 1/m when it is there
    twice, 2 or ½, −1 for a flipped sign), an all-zero gradient, or one of the check's own
    known ``mistakes`` = [(what the mistake gives, hint), ...].
    """
    numerical = np.asarray(numerical)
    if (isinstance(got, np.ndarray) and numerical.ndim == 2 and got.shape == numerical.shape[::-1]
            and got.shape != numerical.shape and np.allclose(got.T, numerical, rtol=1e-5, atol=1e-8)):
        raise CheckFailed(f"{what} is the transpose of the right gradient", expected=f"shape {numerical.shape}",
                          got=f"shape {got.shape}, and its transpose matches the numerical gradient",
                          hint="a gradient has the shape of its parameter: dW = Xᵀ dZ, not dZᵀ X")
    got = finite(array(got, what, shape=numerical.shape), what)
    error = relative_error(got, numerical)
    if error > tolerance:
        worst = np.unravel_index(np.argmax(np.abs(got - numerical)), numerical.shape) if numerical.shape else ()
        raise CheckFailed(
            f"{what} does not match the numerical gradient: relative error {error:.1e} > tolerance {tolerance:g}",
            expected=f"{show(numerical[worst])}{_where(worst, None)} (the largest difference)",
            got=show(got[worst]),
            hint=_diagnose(got, mistakes, 1e-5, 1e-8) or _gradient_cause(got, numerical, what, batch))
    return got


def _gradient_cause(got, numerical, what, batch):
    """The usual mistake that a wrong gradient's numbers fit, in words, or None."""
    if numerical.ndim == 2 and numerical.shape[0] == numerical.shape[1] and np.allclose(got.T, numerical, 1e-5, 1e-8):
        return f"{what} is the transpose of the right gradient: dW = Xᵀ dZ, not dZᵀ X"
    if not np.any(got) and np.any(numerical):
        return f"{what} is all zeros: is it computed, and returned?"
    scale = np.abs(numerical).max()
    if scale == 0:
        return None
    informative = np.abs(numerical) > 1e-3 * scale  # ratios of tiny entries are mostly rounding
    ratios = got[informative] / numerical[informative]
    factor = float(np.median(ratios))
    if not np.allclose(ratios, factor, rtol=1e-3) or not np.allclose(got, factor * numerical, rtol=1e-3, atol=1e-6 * scale):
        return None
    causes = [(-1, "the exact negative of the right gradient: a sign is flipped"),
              (2, "twice the right gradient: a factor ½ is missing, as in ½(ŷ − y)²"),
              (0.5, "half the right gradient: a factor 2 is missing, the derivative of a square")]
    if batch:
        causes += [(batch, f"{batch:g}× the numerical gradient, which is the batch size m = {batch}: "
                           "is the 1/m of the mean missing?"),
                   (1 / batch, f"1/{batch} of the numerical gradient, the batch size: is it divided by m twice?")]
    for value, cause in causes:
        if np.isclose(factor, value, rtol=1e-3):
            return f"your {what} is {cause}"
    return f"your {what} is {factor:.4g}× the numerical gradient everywhere: a constant factor is off"


@contextlib.contextmanager
def no_warnings(what):
    """CheckFailed if the block issues a warning (overflow in np.exp, division by zero, ...)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        yield
    if caught:
        raise CheckFailed(f"{what} issued a warning", expected="no warning",
                          got=f"{caught[0].category.__name__}: {caught[0].message}")


def seeded(seed):
    """The random generator of a check: the same data on every run, and not the data in the starter."""
    return np.random.default_rng(10_000 + seed)


def follows_the_seed(draw, what):
    """CheckFailed unless ``draw(rng)`` gives the same array for two generators with the same seed, another for another.

    ``draw`` calls the learner's function with the generator it is given; ``what`` names the result.
    """
    first, again, other = draw(seeded(100)), draw(seeded(100)), draw(seeded(101))
    if not np.array_equal(first, again):
        raise CheckFailed(f"{what} differs between two generators with the same seed", expected="the same array twice",
                          got="two different arrays")
    if np.array_equal(first, other):
        raise CheckFailed(f"{what} is the same for generators with different seeds", expected="different arrays",
                          got="the same array twice")
