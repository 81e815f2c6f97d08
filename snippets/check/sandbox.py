"""The parent side of the checker: run ``snippets.check.runner`` in a child process and
turn what it reports into one verdict per check, whatever the learner's code does.

The child is a fresh Python (``sys.executable -m snippets.check.runner``) in a session
of its own; it runs the checks, and starts the learner's code in a process of its own
again (``learner_process``), in the same process group, so a time-out kills both and
anything they started. Each check gets its own time limit; a check that overruns, or a
child that dies, gets its verdict and a new child goes on from the next check. The
parent never imports the learner's file: it only reads the JSON lines the child writes
on a pipe, which the learner's process has no copy of.

A signal that would end the checker (Ctrl-C, SIGTERM from a CI time-out, SIGHUP from a
closed terminal) first ends the child's whole process group, then reaches the caller as
``Stopped``: no process is left running the learner's code.
"""

import ast
import contextlib
import json
import os
import selectors
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from snippets.check import core

DEFAULT_TIME_LIMIT = 10.0  # seconds per check (and for loading the file), unless a check states its own
DEFAULT_MEMORY_LIMIT = 2048  # megabytes of address space for the process running the learner's code
STARTUP_LIMIT = 60.0  # seconds for the checker's own start and bookkeeping: Python, NumPy, the checks
ROOT = Path(__file__).resolve().parents[2]  # the folder holding the `snippets` package


STOPPING_SIGNALS = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name))


class Stopped(Exception):
    """The checker got ``signum`` while checking; the process running the learner's code has been ended."""

    def __init__(self, signum):
        super().__init__(signum)
        self.signum = signum


@contextlib.contextmanager
def _stopped_by_signals():
    """Within the block, a stopping signal raises Stopped, so that the blocks that end the child run first."""
    if threading.current_thread() is not threading.main_thread():  # only the main thread receives signals
        yield
        return

    def stop(signum, frame):
        for number in STOPPING_SIGNALS:  # a second signal must not cut the cleanup short
            signal.signal(number, signal.SIG_IGN)
        raise Stopped(signum)

    previous = {number: signal.signal(number, stop) for number in STOPPING_SIGNALS}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


@dataclass
class Report:
    """What the checker found: a verdict per check, and one for loading the file if that failed."""

    exercise: object
    path: str
    verdicts: list = field(default_factory=list)
    load_failure: dict | None = None
    not_implemented: list = field(default_factory=list)  # the functions still exactly as in the starter

    @property
    def passed(self):
        return self.load_failure is None and all(v["status"] == "pass" for v in self.verdicts)


SOLUTIONS = "snippets.solutions"


def reference_use(path):
    """Where the file at ``path`` reaches for the book's reference solutions, in words, or None.

    Read from the file's text here, in the checker's process, without running it: an import
    of ``snippets.solutions`` (plain, or by name through importlib or __import__), or a path to
    its folder. Code under ``if __name__ == "__main__":`` does not count: it never runs when the
    checker loads the file (a starter may run the book's experiment there). The runner also
    refuses a required function that is the reference's own.
    """
    try:
        tree = ast.parse(Path(path).read_text(encoding="utf-8", errors="replace"))
    except (SyntaxError, ValueError):  # the runner reports a file that does not parse
        return None
    for node in _loaded_code(tree):
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            names = [node.value.replace("/", ".").replace("\\", ".")]
        used = next((name for name in names if SOLUTIONS in name), None)
        if used is not None:
            how = "imports" if isinstance(node, (ast.Import, ast.ImportFrom)) else "names"
            return f"line {node.lineno} {how} {used.removesuffix('.py')}"
    return None


def _loaded_code(tree):
    """Every node of ``tree`` except those under ``if __name__ == "__main__":``."""
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.If) and ast.unparse(node.test).replace("'", '"') in (
                '__name__ == "__main__"', '"__main__" == __name__'):
            stack.extend(node.orelse)
            continue
        yield node
        stack.extend(ast.iter_child_nodes(node))


def check(exercise, path, time_limit=None, memory_limit=None, display=None):
    """Run every check of ``exercise`` on the learner's file ``path`` in child processes; a Report."""
    time_limit = time_limit or exercise.time_limit or DEFAULT_TIME_LIMIT
    memory_limit = memory_limit or exercise.memory_limit or DEFAULT_MEMORY_LIMIT
    display = display or str(path)
    report, first = Report(exercise, display), 0
    book_solution = Path(path).resolve().is_relative_to(core.SNIPPETS_DIR / "solutions")  # checked as the tests do
    where = None if book_solution else reference_use(path)
    if where is not None:
        report.load_failure = core.reference_verdict(where)
        return report
    with _stopped_by_signals():
        while first < len(exercise.checks) and report.load_failure is None:
            first = _session(exercise, path, first, time_limit, memory_limit, display, report)
    return report


def _session(exercise, path, first, time_limit, memory_limit, display, report):
    """One child process from check ``first`` on; returns the index of the first check it left undone."""
    read_end, write_end = os.pipe()
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    # One BLAS thread: the exercises' matrices gain nothing from more, and on a busy machine threaded
    # BLAS can run many times slower, which would turn correct code into a time-out.
    env.setdefault("OPENBLAS_NUM_THREADS", "1")
    child = None
    with tempfile.TemporaryFile() as stderr:
        try:
            child = subprocess.Popen(
                [sys.executable, "-m", "snippets.check.runner", exercise.id, str(path), "--results-fd",
                 str(write_end), "--first", str(first), "--memory-limit", str(memory_limit), "--display", display],
                pass_fds=(write_end,), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=stderr,
                start_new_session=True, env=env, cwd=os.getcwd(),
            )
            os.close(write_end)
            write_end = None
            return _follow(child, read_end, exercise, time_limit, memory_limit, stderr, report)
        finally:
            if child is not None:
                _kill(child)
            for end in (read_end, write_end):
                if end is not None:
                    os.close(end)


def _follow(child, read_end, exercise, time_limit, memory_limit, stderr, report):
    """Read the child's events until it is done, dies or overruns a time limit."""
    selector = selectors.DefaultSelector()
    selector.register(read_end, selectors.EVENT_READ)
    buffer, current, phase = b"", None, "startup"
    deadline = time.monotonic() + STARTUP_LIMIT
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return _timed_out(exercise, current, phase, time_limit, report)
        if not selector.select(timeout=remaining):
            continue
        chunk = os.read(read_end, 65536)
        if not chunk:  # the child closed the pipe: it ended, maybe before it was done
            return _died(child, exercise, phase, memory_limit, stderr, report)
        buffer += chunk
        *lines, buffer = buffer.split(b"\n")
        for line in lines:
            try:
                event = json.loads(line)
                kind = event["event"]
            except (ValueError, TypeError, KeyError):  # not the runner's: learner code wrote to the pipe
                continue
            if kind == "loading":
                phase, deadline = "loading", time.monotonic() + time_limit
            elif kind == "load-failed":
                report.load_failure = event["verdict"]
                return len(exercise.checks)
            elif kind == "start":
                phase, current = "check", event["index"]
                deadline = time.monotonic() + (exercise.checks[current].time_limit or time_limit)
            elif kind == "result":
                report.verdicts.append(event["verdict"])
                phase, current = "between", None
                deadline = time.monotonic() + STARTUP_LIMIT
            elif kind == "done":
                return len(exercise.checks)
            else:  # "loaded"
                report.not_implemented = event.get("not_implemented", [])
                phase, deadline = "between", time.monotonic() + STARTUP_LIMIT


def _timed_out(exercise, current, phase, time_limit, report):
    if phase == "loading":
        report.load_failure = {
            "status": "timeout",
            "message": f"your file took longer than {time_limit:g} s to load, so it was stopped",
            "hint": "code at the top level of your file runs when it is loaded: put training runs and "
                    "experiments under `if __name__ == \"__main__\":`",
        }
        return len(exercise.checks)
    if current is None:  # the checker's own start or bookkeeping: a machine far too busy
        report.load_failure = {"status": "timeout", "message": "the checker did not start in time: the machine "
                                                                 "is very busy; try again"}
        return len(exercise.checks)
    limit = exercise.checks[current].time_limit or time_limit
    report.verdicts.append({
        "status": "timeout",
        "message": f"did not finish within the time limit of {limit:g} s, so it was stopped",
        "hint": "look for a loop that never ends (a `while` whose condition never changes), or for work "
                "that is far too slow, such as a Python loop over examples where one matrix product would do",
    })
    return current + 1


def _died(child, exercise, phase, memory_limit, stderr, report):
    code = child.wait()
    stderr.seek(0)
    tail = stderr.read()[-1500:].decode("utf-8", "replace").strip()
    if phase in ("startup", "loading"):
        report.load_failure = crash_verdict(code, tail, what="loading your file ended the process" if phase == "loading"
                                            else "the checker could not start")
        return len(exercise.checks)
    report.verdicts.append(crash_verdict(code, tail, memory_limit))  # for the running check, or the next one
    return len(report.verdicts)


def crash_verdict(code, output, memory_limit=None, what="the process running your code ended abruptly"):
    """The verdict for a process that ended with exit status ``code`` (negative: the signal) and left ``output``."""
    how = f"exit code {code}" if code >= 0 else f"signal {_signal_name(-code)}"
    message = f"{what} ({how})"
    if memory_limit and code in (-signal.SIGKILL, -signal.SIGSEGV, -signal.SIGABRT):
        message += f"; this also happens when it runs out of memory (limit {memory_limit:,} MB)"
    died = {"status": "crash", "message": message, "output": output or None,
            "hint": "a call to os._exit() or a crash in compiled code ends the process: the checker "
                    "cannot report from inside it"}
    return {k: v for k, v in died.items() if v}


def _signal_name(number):
    try:
        return signal.Signals(number).name
    except ValueError:
        return str(number)


def _kill(child):
    """End the child and everything it started (its whole process group, the learner's process and what
    that started too, even when the child itself has ended already); reap it."""
    try:
        os.killpg(child.pid, signal.SIGKILL)
    except ProcessLookupError:  # nothing of the group is left
        pass
    child.wait()
