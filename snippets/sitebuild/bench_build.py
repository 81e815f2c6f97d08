"""``make bench-build``: how long a build of the site takes cold, unchanged, and after a prose edit.

The builds run in a copy of this clone in a temporary folder, so the edit never touches
your files. The copy starts with an empty build cache, except for the MathJax package
that the first build of a clone downloads (the cold build here measures the work, not
the network). MNIST comes from where it always does (``$MNIST_DIR``, or the download
cache). Prints one JSON line:

    {"cold_seconds": ..., "unchanged_seconds": ..., "prose_edit_seconds": ..., "notebook_runs": [...]}

where ``notebook_runs`` says, per build, whether the notebook pages had to run.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LEFT_OUT = shutil.ignore_patterns(".git", ".venv", "site", ".cache", "test-artifacts", "__pycache__", ".pytest_cache")


def build(folder: Path) -> tuple[float, bool]:
    """Seconds that ``mkdocs build --strict`` took in ``folder``, and whether a notebook page ran."""
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=folder,
                            capture_output=True, text=True,
                            env={**os.environ, "PYTHONPATH": str(folder), "NO_MKDOCS_2_WARNING": "1"})
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"the build failed:\n{result.stderr[-3000:]}")
    return seconds, bool(re.search(r"Notebook \S+: ran", result.stderr))


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="nn-textbook-bench-build-") as temporary:
        copy = Path(temporary) / "book"
        shutil.copytree(ROOT, copy, ignore=LEFT_OUT)
        for mathjax in ROOT.glob(".cache/mathjax-*"):
            shutil.copytree(mathjax, copy / ".cache" / mathjax.name)
        cold, unchanged = build(copy), build(copy)
        page = copy / "docs/index.md"
        page.write_text(page.read_text() + "\nOne more sentence of prose, as an author saves it.\n")
        edit = build(copy)
    print(json.dumps({"cold_seconds": round(cold[0], 1), "unchanged_seconds": round(unchanged[0], 1),
                      "prose_edit_seconds": round(edit[0], 1),
                      "notebook_runs": [run for _, run in (cold, unchanged, edit)]}))


if __name__ == "__main__":
    main()
