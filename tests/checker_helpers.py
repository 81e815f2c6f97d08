"""Shared by the checker's tests: run an exercise's checks on a file, from this process or sandboxed."""

import textwrap

from snippets.check import core, registry, runner, sandbox


def run_in_process(exercise_id, path):
    """(load failure or None, verdicts, functions still as in the starter), running the checks here
    (the learner's code in its own process, as always)."""
    events = []
    runner.run(registry.get(exercise_id), str(path), events.append)
    load = next((event["verdict"] for event in events if event["event"] == "load-failed"), None)
    untouched = next((event["not_implemented"] for event in events if event["event"] == "loaded"), None)
    return load, [event["verdict"] for event in events if event["event"] == "result"], untouched


def run_one(exercise_id, path, title_fragment):
    """The verdict of the one check whose title contains ``title_fragment``, run here (no time limits)."""
    checks = [check for check in registry.get(exercise_id).checks if title_fragment in check.title]
    assert len(checks) == 1, f"{len(checks)} checks of {exercise_id} match {title_fragment!r}"
    with runner.load(str(path)) as process:
        return runner.run_check(checks[0], core.Learner(process), str(path))


def run_sandboxed(exercise_id, path, **limits):
    return sandbox.check(registry.get(exercise_id), path, **limits)


def write(folder, source, name="submission.py"):
    """A learner's file with this source (dedented), in ``folder``."""
    path = folder / name
    path.write_text(textwrap.dedent(source).lstrip())
    return path


def verdict_of(exercise_id, verdicts, title_fragment):
    """The verdict of the one check whose title contains ``title_fragment``."""
    checks = registry.get(exercise_id).checks
    matches = [v for check, v in zip(checks, verdicts) if title_fragment in check.title]
    assert len(matches) == 1, f"{len(matches)} checks of {exercise_id} match {title_fragment!r}"
    return matches[0]
