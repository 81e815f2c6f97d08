"""Files written whole or not at all.

A reader of a file (the site build, a learner loading a model) must never find half of
it, and a write that fails must leave nothing behind: the data go to a temporary file
beside the target, which is renamed onto it only once it is complete.
"""

import contextlib
import os
import tempfile
from pathlib import Path


@contextlib.contextmanager
def atomic_write(path, suffix=".partial"):
    """A binary file to write ``path``'s new content to; it becomes ``path`` when the block ends without error.

    If the block raises, the temporary file is deleted and ``path`` keeps what it held
    before (or stays absent). Renaming within one folder is atomic on POSIX and Windows.
    The file gets the permissions an ordinary new file gets (readable by all under the usual
    umask), not the owner-only ones of a temporary file: a web server must be able to read
    what the site build writes.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = tempfile.NamedTemporaryFile(dir=path.parent, suffix=suffix, delete=False)
    try:
        with partial:
            yield partial
        os.chmod(partial.name, 0o666 & ~current_umask())
        os.replace(partial.name, path)
    finally:
        Path(partial.name).unlink(missing_ok=True)  # only still there if something failed


def current_umask():
    """The process's umask (reading it means setting it, so it is set straight back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
