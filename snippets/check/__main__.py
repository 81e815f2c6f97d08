"""Command line: ``python -m snippets.check EXERCISE FILE`` checks a file, ``--list`` lists the exercises.

Prints one line per check (✓ or ✗, with what was expected, what came and a hint) and
a summary. Exit code 0 when every check passes, 1 when one does not, 2 when the
command itself is wrong (unknown exercise, no such file). Stopped by a signal (Ctrl-C,
SIGTERM, SIGHUP), it first ends the process running the learner's code, then ends by the
same signal, as the shell expects (status 128 + the signal's number).
"""

import argparse
import os
import signal
import sys
from pathlib import Path

from snippets.check import registry, sandbox

STATUS_WORDS = {"timeout": "time limit", "memory": "memory limit", "crash": "crashed",
                "not-implemented": "not implemented yet", "error": "raised an error"}


def _marks(stream):
    """✓ and ✗ where the terminal can print them, PASS and FAIL where it cannot."""
    try:
        "✓✗".encode(stream.encoding or "ascii")
        return "✓", "✗"
    except (UnicodeEncodeError, LookupError):
        return "PASS", "FAIL"


def _indent(text, prefix="    "):
    return "\n".join(prefix + line for line in str(text).splitlines())


def format_verdict(title, verdict, marks):
    passed = verdict["status"] == "pass"
    lines = [f"{marks[0] if passed else marks[1]} {title}"]
    if passed:
        return lines[0] + (f" (yours: {verdict['measured']})" if "measured" in verdict else "")
    word = STATUS_WORDS.get(verdict["status"])
    lines.append(_indent(f"{word}: {verdict['message']}" if word and word != "not implemented yet"
                         else verdict["message"]))
    for key, label in (("expected", "expected: "), ("got", "got:      ")):
        if key in verdict:
            lines.append(_indent(label + str(verdict[key]).replace("\n", "\n" + " " * 10)))
    if "traceback" in verdict:
        lines.append(_indent(verdict["traceback"]))
    if "output" in verdict:
        lines.append(_indent("your code printed:"))
        lines.append(_indent(verdict["output"], "    | "))
    if "hint" in verdict and verdict["status"] != "not-implemented":
        lines.append(_indent("hint: " + verdict["hint"]))
    return "\n".join(lines)


def format_report(report, marks=("✓", "✗")):
    exercise = report.exercise
    lines = [f"Checking {report.path} against {exercise.id} ({exercise.title})", ""]
    if report.load_failure:
        lines.append(format_verdict(report.load_failure.get("title", "loading your file"), report.load_failure, marks))
        why = report.load_failure.get("not_run", "your file did not load")
        lines += [f"{marks[1]} {check.title}\n    not run: {why}" for check in exercise.checks]
    else:
        lines += [format_verdict(check.title, verdict, marks)
                  for check, verdict in zip(exercise.checks, report.verdicts)]
    passed = sum(v["status"] == "pass" for v in report.verdicts)
    total = len(exercise.checks)
    summary = f"All {total} checks passed." if report.passed else f"{passed} of {total} checks passed."
    raised = {v["function"] for v in report.verdicts if v["status"] == "not-implemented"}
    missing = [name for name in exercise.functions if name in raised or name in report.not_implemented]
    if missing:
        summary += f" Not implemented yet: {', '.join(missing)}."
    return "\n".join(lines + ["", summary])


def _relative(path):
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)


def format_list():
    lines = ["Exercises the checker knows. Check a file with: python -m snippets.check EXERCISE FILE", ""]
    width = max(len(exercise_id) for exercise_id in registry.EXERCISES)
    for title, exercises in registry.groups():
        lines.append(f"{title} (docs/{exercises[0].page.split('#')[0]})")
        for exercise in exercises:
            lines.append(f"  {exercise.id:<{width}}  {exercise.title}")
            lines.append(f"  {'':<{width}}  starter: {_relative(exercise.starter)}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="python -m snippets.check",
        description="Check your solution to an exercise: python -m snippets.check EXERCISE FILE")
    parser.add_argument("exercise", nargs="?", help="the exercise id (see --list)")
    parser.add_argument("file", nargs="?", help="your Python file")
    parser.add_argument("--list", action="store_true", help="list every exercise id and its starter file")
    parser.add_argument("--time-limit", type=float, metavar="SECONDS",
                        help=f"time limit per check (default {sandbox.DEFAULT_TIME_LIMIT:g}); "
                             "checks that state their own keep it")
    parser.add_argument("--memory-limit", type=int, metavar="MB",
                        help="memory limit of the process running your code "
                             f"(default {sandbox.DEFAULT_MEMORY_LIMIT}, more for exercises that need it)")
    args = parser.parse_args(argv)
    if args.list:
        sys.stdout.write(format_list())
        return 0
    if not args.exercise or not args.file:
        parser.print_usage(sys.stderr)
        print("give an exercise id and your file, or --list", file=sys.stderr)
        return 2
    try:
        exercise = registry.get(args.exercise)
    except KeyError as error:
        print(error.args[0], file=sys.stderr)
        return 2
    if not Path(args.file).is_file():
        print(f"no file {args.file!r}: give the path of your Python file "
              f"(start from the starter: {_relative(exercise.starter)})", file=sys.stderr)
        return 2
    try:
        report = sandbox.check(exercise, args.file, args.time_limit, args.memory_limit)
    except sandbox.Stopped as stopped:  # the sandbox has already ended the process running their code
        print(f"stopped by {signal.Signals(stopped.signum).name} before the last check", file=sys.stderr)
        return -stopped.signum
    print(format_report(report, _marks(sys.stdout)))
    return 0 if report.passed else 1


def _exit(status):
    """Exit with ``status``; a negative one, −n, by signal n itself, so that a parent sees how the checker ended."""
    if status < 0:
        signal.signal(-status, signal.SIG_DFL)
        os.kill(os.getpid(), -status)
    sys.exit(status)


if __name__ == "__main__":
    _exit(main())
