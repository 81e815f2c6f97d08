"""The process that runs the learner's code, and nothing of the checker's.

``python -m snippets.check.learner_process FILE --requests-fd R --replies-fd W [--memory-limit MB]``
imports the learner's file and then answers requests from the checker (``core.Learner``),
one at a time, over two pipes: call this function with these arguments, read this
attribute of an object you made, which names does this function use. Arguments come in
and results go out as plain data (``wire``): arrays, numbers, lists, ... An object that
is not data, such as a Keras model, stays here, and the checker holds only its id.

This process imports no check, no registry and no reference solution, and it has no
channel to the report: the checker compares the results with its own NumPy, in its own
process. Whatever the learner's code does here (patch NumPy, write on a pipe, replace a
module) changes only its own answers. What it prints and the warnings it raises are
sent back with each answer, capped, so that the checker can show them.
"""

import argparse
import ast
import builtins
import contextlib
import ctypes
import functools
import importlib.util
import inspect
import io
import os
import signal
import sys
import textwrap
import traceback
import warnings
from pathlib import Path

from snippets.check import wire

try:
    import resource
except ImportError:  # Windows: no address-space limit, the time limit still holds
    resource = None

OUTPUT_LIMIT = 2_000  # characters of the learner's printed output kept per check
OUTPUT_LINES, OUTPUT_WIDTH = 20, 160  # of those, the lines shown, and the characters shown of each line
TRACEBACK_LINES = 24  # lines of a trimmed traceback kept, the last ones (where it raised)
WARNINGS_KEPT = 20  # distinct warnings sent back per request
REPR_LIMIT = 200  # characters of an object's repr sent with its handle
SOLUTIONS = Path(__file__).resolve().parents[1] / "solutions"


class CappedOutput(io.TextIOBase):
    """A text stream that keeps the first ``limit`` characters written to it and counts the rest."""

    def __init__(self, limit=OUTPUT_LIMIT):
        self.limit, self.size, self.kept = limit, 0, []

    def writable(self):
        return True

    def write(self, text):
        self.add(text, len(text))
        return len(text)

    def add(self, text, size):
        """Take ``text``, the part kept elsewhere of ``size`` characters written."""
        room = self.limit - self.size
        if room > 0:
            self.kept.append(text[:room])
        self.size += size

    def value(self):
        return "".join(self.kept)

    def text(self):
        """What was kept, at most OUTPUT_LINES lines of at most OUTPUT_WIDTH characters, and how much was cut."""
        lines = self.value().split("\n")[:OUTPUT_LINES]
        shown = "\n".join(line if len(line) <= OUTPUT_WIDTH else line[:OUTPUT_WIDTH] + " …" for line in lines)
        cut = self.size - sum(min(len(line), OUTPUT_WIDTH) for line in lines) - (len(lines) - 1)
        return shown + (f"\n[... {cut:,} more characters cut]" if cut > 0 else "")


def trimmed_traceback(error, path, display=None):
    """The traceback of ``error`` with only the lines in the learner's file, as Python prints it.

    The checker's and NumPy's frames are left out: the learner can act only on their own
    lines. A SyntaxError keeps Python's pointer to the offending character.
    """
    path = os.path.realpath(path)
    frames = [traceback.FrameSummary(display or frame.filename, frame.lineno, frame.name, line=frame.line)
              for frame in traceback.extract_tb(error.__traceback__)
              if os.path.realpath(frame.filename) == path]
    if isinstance(error, SyntaxError) and error.filename and display:
        error.filename = display
    lines = "".join(traceback.StackSummary.from_list(frames).format()).splitlines()
    if len(lines) > TRACEBACK_LINES:
        lines = [f"  [... {len(lines) - TRACEBACK_LINES} earlier lines cut]"] + lines[-TRACEBACK_LINES:]
    message = "".join(traceback.format_exception_only(type(error), error)).rstrip()
    if len(message) > OUTPUT_LIMIT:
        message = message[:OUTPUT_LIMIT] + " [...]"
    header = "Traceback (most recent call last; only lines of your file):" if frames else ""
    return "\n".join(filter(None, [header, *lines, message]))


def limit_memory(megabytes):
    """Cap this process's address space: allocating past it raises MemoryError in Python."""
    if resource is not None and megabytes:
        limit = megabytes * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _end_with_the_checker():
    """Linux: this process is killed when the checker's process ends, even by SIGKILL."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux
        return
    if os.getppid() == 1:  # the checker ended before the line above
        os._exit(1)


# ---------------------------------------------------------------- reading the learner's source

def identity(value):
    """What an object is, as "module.qualified name" ("numpy.tanh", "snippets.optimizers.Momentum"),
    the same for the same object in any process; None for values that are not named (numbers, arrays)."""
    if inspect.ismodule(value):
        return value.__name__
    module, name = getattr(value, "__module__", None), getattr(value, "__qualname__", getattr(value, "__name__", None))
    if not (inspect.isroutine(value) or inspect.isclass(value) or type(value).__name__ == "ufunc"):
        return None
    return f"{module}.{name}" if isinstance(module, str) and isinstance(name, str) else None


def _own_code(module, name):
    """``(function, syntax tree)`` of the learner's ``name`` and of every function of the file that it
    calls, and that those call: what a requirement on ``name`` is about."""
    seen, todo = set(), [getattr(module, name, None)]
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


def references(module, name):
    """The identities of everything the function ``name`` refers to by name, read from its source:
    what its names and dotted names (``np.tanh``, ``neuron``) stand for in the file, and those
    of the file's own functions that it calls, and theirs."""
    found = []
    for function, tree in _own_code(module, name):
        for value in _named(function, tree):
            named = identity(value)
            if named is not None and named not in found:
                found.append(named)
    return found


def loops(module, name):
    """The Python loops (for, while, comprehensions) in ``name`` and the file's functions it calls, as line texts."""
    return [f"{function.__name__}: {ast.unparse(node).splitlines()[0][:60]}"
            for function, tree in _own_code(module, name) for node in ast.walk(tree)
            if isinstance(node, (ast.For, ast.AsyncFor, ast.While, ast.ListComp, ast.SetComp, ast.DictComp,
                                 ast.GeneratorExp))]


def foreign(module, names):
    """What the functions ``names`` use from outside NumPy, Python's standard library and
    the file itself, as ``["train uses snippets.training.fit", ...]``."""
    found = []
    for name in names:
        for function, tree in _own_code(module, name):
            for value in _named(function, tree):
                owner = value.__name__ if inspect.ismodule(value) else getattr(value, "__module__", None)
                if not isinstance(owner, str):
                    continue
                top = owner.split(".")[0]
                if top in ("numpy", "builtins", module.__name__) or top.startswith("_") or top in sys.stdlib_module_names:
                    continue
                what = owner if inspect.ismodule(value) else f"{owner}.{getattr(value, '__qualname__', '?')}"
                if f"{name} uses {what}" not in found:
                    found.append(f"{name} uses {what}")
    return found


def untouched(module, names):
    """The functions among ``names`` still as in the starter: a docstring, then raise NotImplementedError."""
    return [name for name in names if _only_raises_not_implemented(getattr(module, name, None))]


def _only_raises_not_implemented(function):
    try:
        definition = ast.parse(textwrap.dedent(inspect.getsource(function))).body[0]
    except (TypeError, OSError, SyntaxError, IndexError):  # not a function, or no source to read
        return False
    body = [node for node in definition.body
            if not (isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant))]  # docstrings aside
    return (len(body) == 1 and isinstance(body[0], ast.Raise) and body[0].exc is not None
            and "NotImplementedError" in ast.unparse(body[0].exc))


def borrowed(module, names):
    """The functions among ``names`` whose code lives in the book's reference solutions, not in the file."""
    own = Path(module.__file__).resolve()
    found = []
    for name in names:
        code = getattr(getattr(module, name, None), "__code__", None)
        origin = Path(code.co_filename).resolve() if code is not None else own
        if origin != own and origin.is_relative_to(SOLUTIONS):
            found.append(name)
    return found


def book_function(function):
    """Whether ``function`` is a function of the book's own modules (``snippets.gradient_descent.quadratic``):
    one that a check may hand to the learner's code by name, to run in their process. The checks,
    the reference solutions and the exercises' starters are not among them."""
    module = getattr(function, "__module__", None)
    return (inspect.isfunction(function) and isinstance(module, str) and module.startswith("snippets.")
            and module.split(".")[1] not in ("check", "solutions", "exercises", "examples", "sitebuild")
            and function.__qualname__ == function.__name__)


# ---------------------------------------------------------------- answering the checker

def raised(error, path, display):
    """An exception from the learner's code as data: its type (and the built-in type it is a kind
    of), message, traceback trimmed to the learner's file, and for NotImplementedError the
    innermost function of the file that raised it (with an unfinished helper, that is the one to write)."""
    try:
        message = str(error)[:OUTPUT_LIMIT]
    except BaseException:  # noqa: BLE001 - a __str__ of the learner's that raises
        message = ""
    builtin = next((kind.__name__ for kind in type(error).__mro__
                    if kind.__module__ == "builtins" and issubclass(kind, BaseException)), "Exception")
    try:
        trace = trimmed_traceback(error, path, display)
    except BaseException:  # noqa: BLE001
        trace = f"{type(error).__name__}: {message}"
    info = {"type": type(error).__name__, "builtin": builtin, "message": message, "traceback": trace}
    if isinstance(error, ModuleNotFoundError) and isinstance(error.name, str):
        info["module"] = error.name
    if isinstance(error, NotImplementedError):
        frames = [frame.name for frame in traceback.extract_tb(error.__traceback__)
                  if os.path.realpath(frame.filename) == os.path.realpath(path)]
        info["not_implemented"] = frames[-1] if frames else None
    return info


class Server:
    """The learner's module and the objects its code made, answering one request at a time."""

    def __init__(self, channel, path, display):
        self.channel, self.path, self.display = channel, path, display
        self.module, self.objects, self.watched = None, {}, {}

    # -- values in and out
    def send(self, message, value=None):
        tree, buffers = wire.encode(value, self._handle)
        self.channel.send({**message, "value": tree}, buffers)

    def encoded(self, value):
        """``value`` as data (runs the learner's code: a __float__, a dict subclass's items), or an error to report."""
        try:
            return wire.encode(value, self._handle), None
        except BaseException as error:  # noqa: BLE001
            return (None, []), {"type": "ValueError", "builtin": "ValueError", "traceback": "",
                                "message": f"the result cannot be sent to the checker ({type(error).__name__}: {error})"}

    def _handle(self, value):
        """Something that is not data stays here; the checker gets its id, type and repr."""
        number = len(self.objects)
        self.objects[number] = value
        try:
            shown = repr(value)
        except BaseException:  # noqa: BLE001 - the learner's __repr__
            shown = f"<{type(value).__name__} object>"
        return {"$": "handle", "id": number, "type": type(value).__name__,
                "types": [f"{kind.__module__}.{kind.__qualname__}" for kind in type(value).__mro__],
                "repr": shown[:REPR_LIMIT]}

    def _rebuild(self, tag, decode):
        if tag["$"] == "handle":
            try:
                return self.objects[tag["id"]]
            except (KeyError, TypeError):
                raise wire.WireError(f"no object with id {tag.get('id')!r}") from None
        if tag["$"] == "callback":
            return self._callback(tag["id"])
        if tag["$"] == "function":
            return getattr(self.module, str(tag["name"]))
        if tag["$"] == "book-function":
            module = importlib.import_module(str(tag["module"]))
            function = getattr(module, str(tag["name"]), None)
            if not book_function(function):
                raise wire.WireError(f"{tag['module']}.{tag['name']} is not a function of the book's modules")
            args, kwargs = decode(tag["bound"])
            return functools.partial(function, *args, **kwargs)
        raise wire.WireError(f"unknown tag {tag['$']!r}")

    def _callback(self, number):
        """A function of the checker's, called from the learner's code: the call goes to the checker."""
        def call(*args, **kwargs):
            self.send({"callback": number}, [list(args), kwargs])
            message, buffers = self.channel.receive()
            if "raised" in message:
                raise rebuilt(message["raised"])
            return wire.decode(message["value"], buffers, self._rebuild)
        call.__name__ = call.__qualname__ = f"checker_function_{number}"
        return call

    # -- running the learner's code
    @contextlib.contextmanager
    def _captured(self, reply):
        """Within the block, what is printed and warned goes into ``reply``, not onto the pipes."""
        output, saved = CappedOutput(), (sys.stdout, sys.stderr)
        sys.stdout = sys.stderr = output
        try:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                yield
        finally:
            sys.stdout, sys.stderr = saved
            if output.size:
                reply["output"], reply["output_size"] = output.value(), output.size
            kept = {}
            for warning in caught:
                key = (warning.category.__name__, str(warning.message), warning.filename, warning.lineno)
                if key not in kept and len(kept) < WARNINGS_KEPT:
                    builtin = next((kind.__name__ for kind in warning.category.__mro__
                                    if kind.__module__ == "builtins"), "UserWarning")
                    kept[key] = {"category": key[0], "builtin": builtin, "message": key[1][:OUTPUT_LIMIT],
                                 "filename": str(key[2]), "lineno": key[3] or 0}
            if kept:
                reply["warnings"] = list(kept.values())

    def answer(self, work):
        """Run ``work()`` (learner code), and send what it returned or raised, with its output."""
        reply, result = {}, None
        try:
            with self._captured(reply):
                result = work()
        except BaseException as error:  # noqa: BLE001 - SystemExit and KeyboardInterrupt from learner code too
            reply["raised"] = raised(error, self.path, self.display)
        (tree, buffers), problem = self.encoded(result) if "raised" not in reply else ((None, []), None)
        if problem:
            reply["raised"] = problem
        self.channel.send({**reply, "value": tree}, buffers)

    def load(self):
        spec = importlib.util.spec_from_file_location("submission", self.path)
        module = importlib.util.module_from_spec(spec)
        folder = str(Path(self.path).parent)
        if folder not in sys.path:  # their file may import a helper module sitting next to it
            sys.path.insert(0, folder)
        sys.modules["submission"] = module  # dataclasses and pickle look modules up by name
        spec.loader.exec_module(module)
        self.module = module
        return {"loaded": True}

    def serve(self):
        self.answer(self.load)
        if self.module is None:
            return
        while True:
            try:
                message, buffers = self.channel.receive()
            except wire.ChannelClosed:
                return
            operation = message.get("op")
            try:
                value = wire.decode(message.get("value"), buffers, self._rebuild)
            except Exception as error:  # noqa: BLE001 - a malformed request, or a function that is not there
                self.send({"raised": {"type": "ValueError", "builtin": "ValueError", "traceback": "",
                                      "message": f"the checker sent a malformed request: {error}"}})
                continue
            self.answer(lambda: self.perform(operation, message, value))

    def perform(self, operation, message, value):
        """One request: call, attribute, ..., or a question about the file's source."""
        module, name = self.module, message.get("name")
        target = self.objects.get(message.get("handle"))
        if operation == "call":
            function = getattr(module, name) if name is not None else target
            args, kwargs = value
            result = function(*args, **kwargs)
            return [result, args, kwargs] if message.get("write_back") else result
        if operation == "describe":
            found = getattr(module, name, _MISSING)
            return {"defined": found is not _MISSING, "callable": callable(found), "type": type(found).__name__}
        if operation == "getattr":
            return getattr(target, name)
        if operation == "len":
            return len(target)
        if operation == "list":
            return list(target)
        if operation == "asarray":
            import numpy as np  # the learner's copy: the values are theirs to give
            return np.asarray(target)
        if operation == "watch":
            original, calls = getattr(module, name), []

            def watched(*args, **kwargs):
                calls.append(args)
                return original(*args, **kwargs)

            self.watched[name] = (original, calls)
            setattr(module, name, watched)
            return None
        if operation == "unwatch":
            original, calls = self.watched.pop(name)
            setattr(module, name, original)
            return calls
        questions = {"references": references, "loops": loops, "foreign": foreign, "untouched": untouched,
                     "borrowed": borrowed}
        if operation in questions:
            return questions[operation](module, value)
        raise ValueError(f"unknown request {operation!r}")


_BUILTIN_KINDS = {}


def rebuilt(info):
    """An exception raised on the other side, rebuilt here as a kind of the built-in exception it
    was a kind of (a Keras ValueError stays a ValueError), with its type name, message and traceback."""
    base = getattr(builtins, str(info.get("builtin")), Exception)
    if not (isinstance(base, type) and issubclass(base, BaseException)):
        base = Exception
    name, message = str(info.get("type", base.__name__)), str(info.get("message", ""))
    key = (base, name)
    if key not in _BUILTIN_KINDS:
        _BUILTIN_KINDS[key] = type(name, (base,), {"__str__": lambda self: self.args[0] if self.args else "",
                                                     "__module__": "builtins"})
    try:
        error = _BUILTIN_KINDS[key].__new__(_BUILTIN_KINDS[key])
    except TypeError:  # a built-in exception that insists on its own arguments
        return rebuilt({**info, "builtin": "Exception"})
    error.args = (message,)
    error.traceback_text = str(info.get("traceback", ""))
    if issubclass(base, ModuleNotFoundError):
        error.name = info.get("module")
    error.not_implemented_in = info.get("not_implemented")
    return error


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m snippets.check.learner_process")
    parser.add_argument("path")
    parser.add_argument("--requests-fd", type=int, required=True)
    parser.add_argument("--replies-fd", type=int, required=True)
    parser.add_argument("--memory-limit", type=int, default=0, help="megabytes (0: none)")
    parser.add_argument("--display", help="how to name the learner's file in messages")
    args = parser.parse_args(argv)
    _end_with_the_checker()
    sys.dont_write_bytecode = True  # leave no __pycache__ in the learner's folder
    limit_memory(args.memory_limit)
    path = os.path.abspath(args.path)
    Server(wire.Channel(args.requests_fd, args.replies_fd), path, args.display).serve()


if __name__ == "__main__":
    main()
