"""The sandboxed side of the checker: load the learner's file and run the checks on it.

``python -m snippets.check.runner EXERCISE FILE --results-fd FD [--first I] [--memory-limit MB]``
runs in a process of its own, started by ``snippets.check.sandbox``. It caps its address
space (``RLIMIT_AS``), imports the learner's file and runs checks ``I, I+1, ...`` one
after the other. It reports on the pipe ``FD`` only, one JSON object per line:

    {"event": "loading"}                       the learner's file is about to be imported
    {"event": "loaded"} or {"event": "load-failed", "verdict": {...}}
    {"event": "start", "index": i}             check i begins: its time limit starts now
    {"event": "result", "index": i, "verdict": {...}}
    {"event": "done"}

The parent enforces the time limits: it kills this process when a check overruns and
starts a new one from the next check. Whatever the learner's code prints goes into a
capped buffer, not onto the pipe, so it can neither flood nor forge the report.
"""

import argparse
import functools
import importlib.util
import io
import json
import os
import sys
import traceback
import warnings
from pathlib import Path

from snippets.check.core import CheckFailed, Learner, LearnerRaised, NotImplementedYet, reference_verdict

try:
    import resource
except ImportError:  # Windows: no address-space limit, the time limit still holds
    resource = None

OUTPUT_LIMIT = 2_000  # characters of the learner's printed output kept per check
OUTPUT_LINES, OUTPUT_WIDTH = 20, 160  # of those, the lines shown, and the characters shown of each line
TRACEBACK_LINES = 24  # lines of a trimmed traceback kept, the last ones (where it raised)


class CappedOutput(io.TextIOBase):
    """A text stream that keeps the first ``limit`` characters written to it and counts the rest."""

    def __init__(self, limit=OUTPUT_LIMIT):
        self.limit, self.size, self.kept = limit, 0, []

    def writable(self):
        return True

    def write(self, text):
        room = self.limit - self.size
        if room > 0:
            self.kept.append(text[:room])
        self.size += len(text)
        return len(text)

    def text(self):
        """What was kept, at most OUTPUT_LINES lines of at most OUTPUT_WIDTH characters, and how much was cut."""
        lines = "".join(self.kept).split("\n")[:OUTPUT_LINES]
        shown = "\n".join(line if len(line) <= OUTPUT_WIDTH else line[:OUTPUT_WIDTH] + " …" for line in lines)
        cut = self.size - sum(min(len(line), OUTPUT_WIDTH) for line in lines) - (len(lines) - 1)
        return shown + (f"\n[... {cut:,} more characters cut]" if cut > 0 else "")


def load(path):
    """Import the learner's file as a module named ``submission``."""
    spec = importlib.util.spec_from_file_location("submission", path)
    module = importlib.util.module_from_spec(spec)
    folder = str(Path(path).parent)
    if folder not in sys.path:  # their file may import a helper module sitting next to it
        sys.path.insert(0, folder)
    sys.modules["submission"] = module  # dataclasses and pickle look modules up by name
    try:
        spec.loader.exec_module(module)
    except BaseException as error:  # SyntaxError, ImportError, sys.exit() at the top level, ...
        raise LearnerRaised("your file", error) from None
    return Learner(module)


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


def verdict(status, message, **details):
    """One check's result: status is "pass", "fail", "not-implemented", "error", "memory", "timeout", ..."""
    return {"status": status, "message": message, **{k: v for k, v in details.items() if v}}


def explain(error, path, display=None, memory_limit=None):
    """The verdict for an exception that came out of a check (or out of loading the file)."""
    if isinstance(error, CheckFailed):
        return verdict("fail", error.message, expected=error.expected, got=error.got, hint=error.hint)
    if isinstance(error, NotImplementedYet):
        return verdict("not-implemented", f"{error.name} is not implemented yet (it still raises NotImplementedError)",
                       function=error.name)
    original = error.error if isinstance(error, LearnerRaised) else error
    where = f"{error.name} raised" if isinstance(error, LearnerRaised) else "the check raised"
    if isinstance(original, MemoryError):
        limit = f" of {memory_limit:,} MB" if memory_limit else ""
        return verdict("memory", f"{where} MemoryError: your code needs more memory than the limit{limit}",
                       traceback=trimmed_traceback(original, path, display),
                       hint="look for an array far larger than the data, such as an (m, m) matrix "
                            "built from m examples, or a copy made inside a loop")
    if isinstance(error, LearnerRaised):
        hint = None
        if isinstance(original, ModuleNotFoundError):
            hint = f"the module {original.name!r} is not installed" + (
                ": install Keras and its backend with pip install -e \".[keras]\" in the book's folder"
                if original.name in ("keras", "torch") else ": install it with pip")
        return verdict("error", f"{where} {_describe(original)}",
                       traceback=trimmed_traceback(original, path, display), hint=hint)
    return verdict("error", f"could not check what your code returned ({_describe(original)})",
                   hint="compare the type and shape of what you return with the starter's docstring")


def _describe(error):
    """"ValueError: the message" (its first 300 characters), or the bare type without a message."""
    message = str(error)[:300]
    return f"{type(error).__name__}: {message}" if message else type(error).__name__


LIBRARY_NOTICES = (DeprecationWarning, PendingDeprecationWarning, FutureWarning)


def _show_warning(output, path, message, category, filename, lineno, file=None, line=None):
    """Write a warning into the learner's output, unless it is a library's notice about its own code
    (a backend's DeprecationWarning): the learner can neither act on it nor silence it."""
    if issubclass(category, LIBRARY_NOTICES) and os.path.realpath(filename) != path:
        return
    output.write(warnings.formatwarning(message, category, filename, lineno, line))


def run_check(check, learner, path, display=None, memory_limit=None):
    """Run one check; its verdict, with what the learner's code printed meanwhile (capped)."""
    output = CappedOutput()
    saved = sys.stdout, sys.stderr
    sys.stdout = sys.stderr = output
    try:
        with warnings.catch_warnings():
            # Warnings are shown once per place, into the learner's output, whatever the caller configured.
            warnings.simplefilter("default")
            warnings.showwarning = functools.partial(_show_warning, output, os.path.realpath(path))
            measured = check.run(learner)
        result = verdict("pass", check.title, measured=measured if isinstance(measured, str) else None)
    except Exception as error:  # everything the learner's code raises arrives wrapped as an Exception
        result = explain(error, path, display, memory_limit)
        result.setdefault("hint", check.hint)
    finally:
        sys.stdout, sys.stderr = saved
    if output.size and result["status"] != "pass":
        result["output"] = output.text()
    return result


def run(exercise, path, emit, first=0, display=None, memory_limit=None):
    """Load ``path`` and run the checks of ``exercise`` from index ``first``, reporting through ``emit``."""
    emit({"event": "loading"})
    output, saved = CappedOutput(), (sys.stdout, sys.stderr)
    sys.stdout = sys.stderr = output
    try:
        learner = load(path)
    except LearnerRaised as error:
        result = explain(error, path, display, memory_limit)
        result["message"] = f"your file could not be loaded: {result['message'].removeprefix('your file raised ')}"
        result["output"] = output.text() if output.size else None
        emit({"event": "load-failed", "verdict": verdict(**result)})
        return
    finally:
        sys.stdout, sys.stderr = saved
    borrowed = learner.borrowed(exercise.functions)
    if borrowed:
        emit({"event": "load-failed", "verdict": reference_verdict(f"{borrowed[0]} is the reference's own function")})
        return
    emit({"event": "loaded", "not_implemented": learner.untouched(exercise.functions)})
    for index in range(first, len(exercise.checks)):
        emit({"event": "start", "index": index})
        emit({"event": "result", "index": index,
              "verdict": run_check(exercise.checks[index], learner, path, display, memory_limit)})
    emit({"event": "done"})


def limit_memory(megabytes):
    """Cap this process's address space: allocating past it raises MemoryError in Python."""
    if resource is not None and megabytes:
        limit = megabytes * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def main(argv=None):
    from snippets.check.registry import get  # here: the registry imports every group of checks

    parser = argparse.ArgumentParser(prog="python -m snippets.check.runner")
    parser.add_argument("exercise")
    parser.add_argument("path")
    parser.add_argument("--results-fd", type=int, required=True)
    parser.add_argument("--first", type=int, default=0)
    parser.add_argument("--memory-limit", type=int, default=0, help="megabytes (0: none)")
    parser.add_argument("--display", help="how to name the learner's file in messages")
    args = parser.parse_args(argv)
    sys.dont_write_bytecode = True  # leave no __pycache__ in the learner's folder
    limit_memory(args.memory_limit)
    with os.fdopen(args.results_fd, "w", buffering=1, encoding="utf-8") as results:
        def emit(event):
            results.write(json.dumps(event, default=str) + "\n")  # default=str: nothing can stop a report

        run(get(args.exercise), os.path.abspath(args.path), emit, args.first, args.display, args.memory_limit)


if __name__ == "__main__":
    main()
