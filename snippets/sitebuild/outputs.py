"""Build-time outputs: draw every registered figure (and write every printed result)
that is missing or out of date, skipping the ones whose inputs have not changed.

Run as ``python -m snippets.sitebuild.outputs OUT_DIR``; the MkDocs hook does this
in a fresh process on every build, so ``mkdocs serve`` always runs the current code.
An output is redrawn when its *key* changes: a SHA-256 of the source of the module
defining it, of every module of ``snippets`` that module uses (transitively), of
the output's name and of the NumPy and Matplotlib versions.
"""

import json
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from multiprocessing import get_context
from pathlib import Path
from typing import Callable

import matplotlib

from snippets.figures import OUTPUTS
from snippets.sitebuild import experiments
from snippets.sitebuild.digest import code_digest, installed

MANIFEST = "manifest.json"


def output_key(name: str, function: Callable[[Path], None]) -> str:
    return code_digest(function, name, installed("matplotlib"))  # a new Matplotlib may draw differently


def render(name: str, out_dir: Path) -> float:
    """Produce one output atomically (write a temporary file, then rename); return seconds taken."""
    start = time.perf_counter()
    path = out_dir / name
    path.parent.mkdir(parents=True, exist_ok=True)
    # Keep the extension: Matplotlib picks the file format from it.
    partial = path.with_name(f".{path.stem}.partial{path.suffix}")
    try:
        OUTPUTS[name](partial)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return time.perf_counter() - start


@contextmanager
def one_blas_thread_per_process():
    """Start worker processes whose NumPy multiplies matrices on one thread each.

    With one worker per core, each also running a BLAS thread per core, the threads
    fight over the cores and every training run slows down many times over. BLAS reads
    these variables when NumPy is first imported, hence fresh (spawned) workers.
    """
    names = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")
    saved = {name: os.environ.get(name) for name in names}
    os.environ.update(dict.fromkeys(names, "1"))
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def build_outputs(out_dir: Path, workers: int | None = None) -> dict[str, str]:
    """Bring ``out_dir`` up to date with ``OUTPUTS``; return ``{name: status}``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    manifest_path = out_dir / MANIFEST
    try:
        built = json.loads(manifest_path.read_text())
    except (OSError, ValueError):
        built = {}
    keys = {name: output_key(name, function) for name, function in OUTPUTS.items()}
    stale = [name for name in OUTPUTS if built.get(name) != keys[name] or not (out_dir / name).is_file()]
    status = {name: "cached" for name in OUTPUTS if name not in stale}
    current = {name: keys[name] for name in status}

    def save_manifest() -> None:
        partial = manifest_path.with_suffix(".partial")
        partial.write_text(json.dumps(current, indent=1, sort_keys=True))
        os.replace(partial, manifest_path)

    def record(name: str, seconds: float) -> None:
        status[name] = f"built in {seconds:.1f} s"
        current[name] = keys[name]
        save_manifest()  # after each output, so an interrupted build keeps what it finished

    if len(stale) > 1 and (workers or os.cpu_count() or 1) > 1:
        with one_blas_thread_per_process(), ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn")) as pool:
            for name, seconds in zip(stale, pool.map(render, stale, [out_dir] * len(stale))):
                record(name, seconds)
    else:
        for name in stale:
            record(name, render(name, out_dir))
    save_manifest()  # also drops outputs no longer registered
    return status


def main() -> None:
    out_dir = Path(sys.argv[1])
    os.environ.setdefault(experiments.ENVIRONMENT, str(experiments.DEFAULT))  # the build's cache, also run alone
    matplotlib.use("Agg")
    for name, state in build_outputs(out_dir).items():
        print(f"  {name}: {state}")


if __name__ == "__main__":
    main()
