"""Cached experiments: run an expensive computation (a training run) once per version of its code.

Several build outputs often show one experiment (a figure and a table of the same runs),
and a page's "Run it yourself" block calls it once more. An experiment function is marked
``@experiment``; for a reader it is a plain function call. During the build and its tests,
which set ``NN_TEXTBOOK_EXPERIMENTS`` to a folder, the call computes its result only when
no stored result exists for this exact code and these arguments: the key is a SHA-256 of
the source of the function's module and every snippets module it uses (as for build
outputs), and of the arguments with their defaults filled in. An unchanged rebuild reads
the stored result instead of training again; any change to the code retrains.

The build draws outputs in parallel processes, and two outputs of one experiment may
start together: a lock file per key makes the second wait for the first one's result
instead of running the experiment a second time.
"""

import fcntl
import functools
import inspect
import os
import pickle
from pathlib import Path

from snippets.atomic import atomic_write
from snippets.sitebuild.digest import code_digest

ENVIRONMENT = "NN_TEXTBOOK_EXPERIMENTS"  # the cache folder; unset, an experiment simply runs
DEFAULT = Path(__file__).resolve().parents[2] / ".cache" / "experiments"  # this clone's, for the build
CACHE = None  # a folder that overrides the environment (the tests of this module set it)


def cache_folder() -> Path | None:
    """Where experiments are cached now: ``CACHE``, else ``$NN_TEXTBOOK_EXPERIMENTS``, else nowhere."""
    return CACHE or (Path(os.environ[ENVIRONMENT]) if os.environ.get(ENVIRONMENT) else None)


def cached(function, **arguments):
    """``function(**arguments)``, read from the cache when this code already computed it."""
    key = code_digest(function, function.__qualname__, repr(sorted(arguments.items())))
    path = (cache_folder() or DEFAULT) / f"{function.__module__}.{function.__qualname__}-{key[:20]}.pickle"
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.with_suffix(".lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if path.is_file():
            with path.open("rb") as stored:
                return pickle.load(stored)
        result = function(**arguments)
        with atomic_write(path) as partial:  # whole or not at all, even if the build is interrupted
            pickle.dump(result, partial)
        return result


def experiment(function):
    """Mark ``function`` as an experiment: cached while a cache folder is set, a plain call otherwise."""
    signature = inspect.signature(function)

    @functools.wraps(function)
    def run(*args, **kwargs):
        if cache_folder() is None:
            return function(*args, **kwargs)
        bound = signature.bind(*args, **kwargs)
        bound.apply_defaults()  # f(n=1) and f() with a default n=1 are one experiment
        arguments = {}
        for name, value in bound.arguments.items():
            kind = signature.parameters[name].kind
            if kind is inspect.Parameter.VAR_POSITIONAL:
                raise TypeError(f"{function.__qualname__}: an experiment takes its *{name} by name, not by position")
            arguments.update(value if kind is inspect.Parameter.VAR_KEYWORD else {name: value})
        return cached(function, **arguments)

    return run
