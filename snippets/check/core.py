"""What a check is made of: exercises, their checks, and the comparisons they make.

An ``Exercise`` names the functions the learner writes and holds a list of checks.
A check is a plain function ``check(learner)`` that calls the learner's code through
``learner.<function name>(...)`` and raises ``CheckFailed`` (what was expected, what
came, a hint) when the answer is wrong. The comparisons below (``array``, ``close``,
``gradient``, ...) raise it with a precise message, so most checks are a few lines.

The learner's code runs in a process of its own (``learner_process``), which holds no
check: ``learner.name(...)`` sends the arguments there as plain data and brings the result
back the same way, so every comparison below runs here, with this process's NumPy, and
the learner's code can change neither the checks nor their data. A function that still
raises NotImplementedError becomes ``NotImplementedYet``, any other exception from the
learner's code becomes ``LearnerRaised`` carrying the error rebuilt here (its traceback
already trimmed to the learner's file).
"""

import builtins
import contextlib
import functools
import os
import subprocess
import sys
import tempfile
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import numpy as np

from snippets.check import wire
from snippets.check.learner_process import CappedOutput, book_function, identity, rebuilt
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


class LearnerEnded(Exception):
    """The process running the learner's code ended, or broke the protocol, while the checker waited for it."""

    def __init__(self, code, output, broken=None):
        super().__init__(code)
        self.code, self.output, self.broken = code, output, broken


class Raised(Exception):
    """The learner's process answered with an exception (``error``, rebuilt here as a built-in kind)."""

    def __init__(self, error):
        super().__init__(error)
        self.error = error


class LearnerProcess:
    """The learner's file, loaded in a process of its own (``learner_process``), and the pipes to it.

    Requests go out and answers come back as plain data (``wire``); while a request runs, the
    learner's code may call back a function of the checker's (a gradient, a loss), which runs
    here. Their printed output and warnings are passed on to this process's own, as if
    their code had run here.
    """

    def __init__(self, path, display=None, memory_limit=None):
        self.path, self.callbacks, self._warning_kinds = str(path), [], {}
        requests_read, requests_write = os.pipe()
        replies_read, replies_write = os.pipe()
        self.stderr = tempfile.TemporaryFile()
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(SNIPPETS_DIR.parent),
                                                                       os.environ.get("PYTHONPATH")])))
        try:
            self.child = subprocess.Popen(
                [sys.executable, "-m", "snippets.check.learner_process", self.path,
                 "--requests-fd", str(requests_read), "--replies-fd", str(replies_write),
                 "--memory-limit", str(memory_limit or 0), "--display", display or self.path],
                pass_fds=(requests_read, replies_write), stdin=subprocess.DEVNULL, stdout=self.stderr,
                stderr=self.stderr, env=env, cwd=os.getcwd())
        finally:
            os.close(requests_read)
            os.close(replies_write)
        self.channel = wire.Channel(replies_read, requests_write)

    def loaded(self):
        """Wait for the learner's file to be imported; Raised with its error if that failed."""
        self._reply()

    # -- requests
    def request(self, operation, value=None, **fields):
        """The answer to one request; an exception of the learner's code is raised as itself (rebuilt)."""
        try:
            return self.ask(operation, value, **fields)
        except Raised as raised:
            raise raised.error from None

    def ask(self, operation, value=None, **fields):
        """The answer to one request; an exception of the learner's code comes as Raised."""
        tree, buffers = wire.encode(value, self._tag)
        try:
            self.channel.send({"op": operation, **fields, "value": tree}, buffers)
        except OSError:  # a closed pipe: the process has ended
            raise self._ended() from None
        return self._reply()

    def _reply(self):
        while True:
            try:
                message, buffers = self.channel.receive()
                if type(message) is not dict:
                    raise wire.WireError(f"a {type(message).__name__} instead of an answer")
                value = wire.decode(message.get("value"), buffers, self._rebuild)
            except wire.ChannelClosed:
                raise self._ended() from None
            except wire.WireError as error:  # their code wrote on the pipe, or sent what no answer looks like
                raise self._ended(broken=str(error)) from None
            if "callback" in message:
                self._call_back(message["callback"], value)
                continue
            self._pass_on(message)
            if "raised" in message:
                raise Raised(rebuilt(message["raised"] if type(message["raised"]) is dict else {}))
            return value

    def _call_back(self, number, value):
        try:
            function = self.callbacks[number]
            args, kwargs = value
            result = function(*args, **kwargs)
            tree, buffers = wire.encode(result, self._tag)
            self.channel.send({"value": tree}, buffers)
        except Exception as error:  # the checker's function refused their arguments: raised in their code
            self.channel.send({"raised": {"type": type(error).__name__, "message": str(error)[:500],
                                          "builtin": next(kind.__name__ for kind in type(error).__mro__
                                                          if kind.__module__ == "builtins")}})

    def _pass_on(self, message):
        """What their code printed and warned, into this process's output and warnings."""
        output = message.get("output")
        if isinstance(output, str):
            size = message.get("output_size")
            size = size if type(size) is int and size >= len(output) else len(output)
            (sys.stdout.add(output, size) if isinstance(sys.stdout, CappedOutput) else sys.stdout.write(output))
        for warning in message.get("warnings") or []:
            try:
                warnings.warn_explicit(str(warning["message"]), self._warning_kind(warning),
                                       str(warning["filename"]), int(warning["lineno"]))
            except (KeyError, TypeError, ValueError):
                continue

    def _warning_kind(self, warning):
        base = getattr(builtins, str(warning.get("builtin")), UserWarning)
        base = base if isinstance(base, type) and issubclass(base, Warning) else UserWarning
        key = (base, str(warning.get("category")))
        if key not in self._warning_kinds:
            self._warning_kinds[key] = type(key[1], (base,), {"__module__": "builtins"})
        return self._warning_kinds[key]

    # -- values
    def _tag(self, value):
        if isinstance(value, Remote) and value._process is self:
            return {"$": "handle", "id": value._number}
        if isinstance(value, LearnerFunction):
            return {"$": "function", "name": value.name}
        if isinstance(value, functools.partial) and book_function(value.func):
            # A function of the book's modules with its arguments bound: it runs there, with no round trip per call.
            return {"$": "book-function", "module": value.func.__module__, "name": value.func.__qualname__,
                    "bound": wire.Nested([list(value.args), value.keywords])}
        if callable(value):
            self.callbacks.append(value)
            return {"$": "callback", "id": len(self.callbacks) - 1}
        raise wire.WireError(f"a {type(value).__name__} cannot be sent to the learner's process")

    def _rebuild(self, tag, decode=None):
        if tag.get("$") != "handle":
            raise wire.WireError(f"unknown tag {tag.get('$')!r}")
        types = tag.get("types")
        return Remote(self, tag.get("id"), str(tag.get("type")), [str(t) for t in types] if isinstance(types, list)
                      else [], str(tag.get("repr")))

    # -- the process
    def _ended(self, broken=None):
        if self.child.poll() is None:
            self.child.kill()
        self.child.wait()
        self.stderr.seek(0)
        tail = self.stderr.read()[-1500:].decode("utf-8", "replace").strip()
        self.close()
        return LearnerEnded(self.child.returncode, tail, broken)

    @property
    def alive(self):
        return self.child.poll() is None

    def close(self):
        """End the process (its code may be running still, after a time limit) and close the pipes."""
        if self.child.poll() is None:
            self.child.kill()
        self.child.wait()
        self.channel.close()
        self.stderr.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


class Learner:
    """The learner's module as the checks see it: ``learner.name`` is their function, called in their process."""

    def __init__(self, process):
        self._process = process

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        described = self._process.request("describe", name=name)
        if not described["defined"]:
            raise CheckFailed(f"your file defines no function `{name}`",
                              hint=f"keep the name and the signature from the starter file: def {name}(...)")
        if not described["callable"]:
            raise CheckFailed(f"`{name}` in your file is a {described['type']}, not a function",
                              hint=f"define it with def {name}(...):")
        return LearnerFunction(name, self._process)

    def references(self, name):
        """The identities ("numpy.tanh", "submission.neuron") of everything the function ``name``
        refers to by name, read from its source, and from the file's functions it calls, and theirs."""
        return self._process.request("references", name)

    def loops(self, name):
        """The Python loops (for, while, comprehensions) in ``name`` and the file's functions it calls, as line texts."""
        return self._process.request("loops", name)

    def foreign(self, names):
        """What the functions ``names`` use from outside NumPy, Python's standard library and
        the file itself, as ``["train uses snippets.training.fit", ...]``."""
        return self._process.request("foreign", list(names))

    def untouched(self, names):
        """The functions among ``names`` still as in the starter: a docstring, then raise NotImplementedError."""
        return self._process.request("untouched", list(names))

    def borrowed(self, names):
        """The functions among ``names`` that come from the book's reference solutions, not from the file itself."""
        return self._process.request("borrowed", list(names))

    @contextlib.contextmanager
    def watching(self, name):
        """A list that collects the arguments of every call of the file's ``name``, by the file's own
        code too (its other functions look ``name`` up in the file when they call it), while the block runs."""
        getattr(self, name)  # a file without the function hears so
        self._process.request("watch", name=name)
        calls = []
        try:
            yield calls
        finally:
            calls.extend(self._process.request("unwatch", name=name))


class LearnerFunction:
    """The learner's function ``name``: called with copies of the arguments, in their process."""

    def __init__(self, name, process):
        self.name, self._process = name, process

    def __call__(self, *args, **kwargs):
        return self._call(args, kwargs, write_back=False)

    def in_place(self, *args, **kwargs):
        """Call, then leave in the arguments what the function left in its copies: for functions
        meant to update their arguments in place (arrays, and dicts and lists of them)."""
        result, new_args, new_kwargs = self._call(args, kwargs, write_back=True)
        for old, new in [*zip(args, new_args), *((kwargs[key], new_kwargs[key]) for key in kwargs)]:
            _write_back(old, new)
        return result

    def _call(self, args, kwargs, write_back):
        try:
            return self._process.ask("call", [list(args), kwargs], name=self.name, write_back=write_back)
        except Raised as raised:
            if isinstance(raised.error, NotImplementedError):
                raise NotImplementedYet(raised.error.not_implemented_in or self.name) from None
            raise LearnerRaised(self.name, raised.error) from None


def _write_back(old, new):
    """Make ``old`` hold the values of ``new``, in place where it can; whether it could."""
    if isinstance(old, np.ndarray) and isinstance(new, np.ndarray) and old.shape == new.shape and old.flags.writeable:
        old[...] = new
        return True
    if isinstance(old, dict) and isinstance(new, dict):
        for key in [key for key in old if key not in new]:
            del old[key]
        for key, value in new.items():
            if key not in old or not _write_back(old[key], value):
                old[key] = value
        return True
    if isinstance(old, list) and isinstance(new, list):
        if len(old) != len(new):
            old[:] = new
        for index, value in enumerate(new):
            if not _write_back(old[index], value):
                old[index] = value
        return True
    return False


class Remote:
    """An object the learner's code made that is not plain data (a Keras model, its History): it
    stays in their process, and what a check asks of it (an attribute, a call, its values as an
    array) is asked there, the answer coming back as data."""

    def __init__(self, process, number, type_name, types, shown):
        self._process, self._number, self._type, self._types, self._shown = process, number, type_name, types, shown

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        return self._process.request("getattr", handle=self._number, name=name)

    def __call__(self, *args, **kwargs):
        return self._process.request("call", [list(args), kwargs], handle=self._number)

    def __array__(self, dtype=None, copy=None):
        value = np.asarray(self._process.request("asarray", handle=self._number))
        return value if dtype is None else value.astype(dtype)

    def __len__(self):
        return int(self._process.request("len", handle=self._number))

    def __iter__(self):
        return iter(self._process.request("list", handle=self._number))

    def __repr__(self):
        return self._shown


def type_name(value):
    """The name of the type of ``value``, also for an object that stayed in the learner's process."""
    return value._type if isinstance(value, Remote) else type(value).__name__


def kinds(value):
    """The names of the classes ``value`` is an instance of ("Sequential", "Model", ..., "object")."""
    if isinstance(value, Remote):
        return [name.rsplit(".", 1)[-1] for name in value._types]
    return [kind.__name__ for kind in type(value).__mro__]


def uses(learner, name, needs=(), avoids=(), hint=None):
    """Check that the learner's ``name`` refers to every object in ``needs`` and to none in
    ``avoids`` (each a pair: the object, and how the starter names it), directly or through
    the file's own functions. A function still as in the starter is not written yet."""
    getattr(learner, name)  # a file without the function hears so
    if learner.untouched([name]):
        raise NotImplementedYet(name)
    used = learner.references(name)
    for wanted, words in needs:
        if identity(wanted) not in used:
            raise CheckFailed(f"{name} does not use {words}, as the starter asks", hint=hint)
    for unwanted, words in avoids:
        if identity(unwanted) in used:
            raise CheckFailed(f"{name} uses {words}, which the starter rules out", hint=hint)


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
    return "None (did the function `return` its result?)" if value is None else type_name(value)


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
