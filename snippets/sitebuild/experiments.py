"""Cached experiments: run an expensive computation (a training run) once per version of its code.

Several build outputs often show one experiment (a figure and a table of the same runs).
``cached(function, **arguments)`` returns ``function(**arguments)``, computing it only
when no stored result exists for this exact code and these arguments: the key is a
SHA-256 of the source of ``function``'s module and every snippets module it uses
(as for build outputs), and of the arguments. An unchanged rebuild reads the stored
result instead of training again; any change to the code retrains.

The build draws outputs in parallel processes, and two outputs of one experiment may
start together: a lock file per key makes the second wait for the first one's result
instead of running the experiment a second time.
"""

import fcntl
import os
import pickle
from pathlib import Path

from snippets.atomic import atomic_write
from snippets.sitebuild.digest import code_digest

CACHE = Path(os.environ.get("NN_TEXTBOOK_EXPERIMENTS") or Path(__file__).resolve().parents[2] / ".cache" / "experiments")


def cached(function, **arguments):
    """``function(**arguments)``, read from the cache when this code already computed it."""
    key = code_digest(function, function.__qualname__, repr(sorted(arguments.items())))
    path = CACHE / f"{function.__module__}.{function.__qualname__}-{key[:20]}.pickle"
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
