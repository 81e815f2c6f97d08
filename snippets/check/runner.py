"""The checking side of the checker: run the checks, with the learner's code in a process of its own.

``python -m snippets.check.runner EXERCISE FILE --results-fd FD [--first I] [--memory-limit MB]``
runs in a process of its own, started by ``snippets.check.sandbox``. It starts the
learner's process (``learner_process``: the learner's file and nothing of the checker's,
its address space capped by ``RLIMIT_AS``) and runs checks ``I, I+1, ...`` one after the
other, each calling the learner's functions there and comparing their answers here. It
reports on the pipe ``FD`` only, one JSON object per line:

    {"event": "loading"}                       the learner's file is about to be imported
    {"event": "loaded"} or {"event": "load-failed", "verdict": {...}}
    {"event": "start", "index": i}             check i begins: its time limit starts now
    {"event": "result", "index": i, "verdict": {...}}
    {"event": "done"}

The learner's process has no copy of that pipe, so it can neither write on it nor close
it. The parent enforces the time limits: it kills this process and the learner's (one
process group) when a check overruns, and starts a new one from the next check. When the
learner's process dies during a check (a crash, ``os._exit``), that check gets the verdict
and a new learner's process is started for the next one.
"""

import argparse
import ctypes
import functools
import json
import os
import sys
import warnings

from snippets.check.core import (CheckFailed, Learner, LearnerEnded, LearnerProcess, LearnerRaised,
                                 NotImplementedYet, Raised, reference_verdict)
from snippets.check.learner_process import CappedOutput, trimmed_traceback
from snippets.check.sandbox import crash_verdict


def load(path, display=None, memory_limit=None):
    """Start the learner's process on the file at ``path``; the running LearnerProcess, or
    LearnerRaised ("your file", the error) if importing the file failed, with what it printed."""
    process = LearnerProcess(path, display, memory_limit)
    try:
        process.loaded()
    except Raised as raised:
        process.close()
        raise LearnerRaised("your file", raised.error) from None
    except BaseException:
        process.close()
        raise
    return process


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
    if isinstance(error, LearnerEnded):
        return ended(error, memory_limit)
    original = error.error if isinstance(error, LearnerRaised) else error
    where = f"{error.name} raised" if isinstance(error, LearnerRaised) else "the check raised"
    if isinstance(original, MemoryError):
        limit = f" of {memory_limit:,} MB" if memory_limit else ""
        return verdict("memory", f"{where} MemoryError: your code needs more memory than the limit{limit}",
                       traceback=_traceback(original, path, display),
                       hint="look for an array far larger than the data, such as an (m, m) matrix "
                            "built from m examples, or a copy made inside a loop")
    if isinstance(error, LearnerRaised):
        hint = None
        if isinstance(original, ModuleNotFoundError):
            hint = f"the module {original.name!r} is not installed" + (
                ": install Keras and its backend with pip install -e \".[keras]\" in the book's folder"
                if original.name in ("keras", "torch") else ": install it with pip")
        return verdict("error", f"{where} {_describe(original)}",
                       traceback=_traceback(original, path, display), hint=hint)
    return verdict("error", f"could not check what your code returned ({_describe(original)})",
                   hint="compare the type and shape of what you return with the starter's docstring")


def _traceback(error, path, display):
    """The traceback of an error of the learner's code: trimmed in their process, or here for one raised here."""
    text = getattr(error, "traceback_text", None)
    return text if text is not None else trimmed_traceback(error, path, display)


def ended(error, memory_limit=None, what="the process running your code ended abruptly"):
    """The verdict for a check during which the learner's process died, or broke the protocol."""
    if error.broken:
        return verdict("error", "the process running your code sent something that is not an answer "
                                f"({error.broken}), so it was stopped",
                       hint="does your code write to a file descriptor it did not open, such as os.write(3, ...)?")
    return crash_verdict(error.code if error.code is not None else 0, error.output, memory_limit, what)


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
        result["output"] = "\n".join(filter(None, [output.text(), result.get("output")]))
    return result


def run(exercise, path, emit, first=0, display=None, memory_limit=None):
    """Run the checks of ``exercise`` from index ``first`` on the file at ``path``, reporting through ``emit``.

    A learner's process is started for the first check, and again after one that it did not survive.
    """
    process = None
    try:
        for index in range(first, len(exercise.checks)):
            if process is None or not process.alive:
                if process is not None:
                    process.close()
                process = _start(exercise, path, emit, display, memory_limit, first=process is None)
                if process is None:
                    return
            emit({"event": "start", "index": index})
            emit({"event": "result", "index": index,
                  "verdict": run_check(exercise.checks[index], Learner(process), path, display, memory_limit)})
        if process is None:  # no checks left to run: the file is still loaded, so that a broken one is reported
            process = _start(exercise, path, emit, display, memory_limit, first=True)
            if process is None:
                return
        emit({"event": "done"})
    finally:
        if process is not None:
            process.close()


def _start(exercise, path, emit, display, memory_limit, first):
    """A learner's process with the file loaded, after emitting "loading" and "loaded"; None after "load-failed"."""
    emit({"event": "loading"})
    output, saved = CappedOutput(), (sys.stdout, sys.stderr)
    sys.stdout = sys.stderr = output
    try:
        process = load(path, display, memory_limit)
    except (LearnerRaised, LearnerEnded) as error:
        sys.stdout, sys.stderr = saved
        if isinstance(error, LearnerRaised):
            result = explain(error, path, display, memory_limit)
            result["message"] = (f"your file could not be loaded: "
                                 f"{result['message'].removeprefix('your file raised ')}")
        elif error.broken:
            result = ended(error)
            result["message"] = f"while your file loaded, {result['message']}"
        else:
            result = ended(error, memory_limit, what="loading your file ended the process")
        if output.size:  # what the file printed before it failed
            result["output"] = "\n".join(filter(None, [output.text(), result.get("output")]))
        emit({"event": "load-failed", "verdict": verdict(**result)})
        return None
    finally:
        sys.stdout, sys.stderr = saved
    learner = Learner(process)
    if first:
        borrowed = learner.borrowed(exercise.functions)
        if borrowed:
            process.close()
            emit({"event": "load-failed", "verdict": reference_verdict(f"{borrowed[0]} is the reference's own function")})
            return None
    emit({"event": "loaded", "not_implemented": learner.untouched(exercise.functions)})
    return process


def _checker_unreadable():
    """Linux: other processes of the same user cannot open this one's pipes through /proc/<pid>/fd."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(4, 0)  # PR_SET_DUMPABLE
    except (OSError, AttributeError):  # not Linux
        pass


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
    _checker_unreadable()
    with os.fdopen(args.results_fd, "w", buffering=1, encoding="utf-8") as results:
        def emit(event):
            results.write(json.dumps(event, default=str) + "\n")  # default=str: nothing can stop a report

        run(get(args.exercise), os.path.abspath(args.path), emit, args.first, args.display, args.memory_limit)


if __name__ == "__main__":
    main()
