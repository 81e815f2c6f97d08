"""Build-time outputs: draw every registered figure (and write every printed result)
that is missing or out of date, skipping the ones whose inputs have not changed.

Run as ``python -m snippets.sitebuild.outputs OUT_DIR``; the MkDocs hook does this
in a fresh process on every build, so ``mkdocs serve`` always runs the current code.
An output is redrawn when its *key* changes: a SHA-256 of the source of the module
defining it, of every module of ``snippets`` that module uses (transitively), of
the output's name and of the NumPy and Matplotlib versions.
"""

import hashlib
import inspect
import json
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from types import ModuleType
from typing import Callable

import matplotlib
import numpy as np

from snippets.figures import OUTPUTS

MANIFEST = "manifest.json"


def snippet_modules(module: ModuleType) -> set[ModuleType]:
    """``module`` and every module of this package it reaches through its globals."""
    found, todo = set(), [module]
    while todo:
        current = todo.pop()
        if current in found:
            continue
        found.add(current)
        for value in vars(current).values():
            owner = value if inspect.ismodule(value) else sys.modules.get(getattr(value, "__module__", None) or "")
            if owner is not None and owner.__name__.split(".")[0] == "snippets" and owner not in found:
                todo.append(owner)
    return found


def code_digest(function: Callable, *extra: str) -> str:
    """SHA-256 of the source of ``function``'s module and of every snippets module it uses, plus ``extra``."""
    digest = hashlib.sha256("|".join([f"numpy {np.__version__}", f"matplotlib {matplotlib.__version__}", *extra]).encode())
    for module in sorted(snippet_modules(inspect.getmodule(function)), key=lambda m: m.__name__):
        digest.update(module.__name__.encode())
        digest.update(Path(module.__file__).read_bytes())
    return digest.hexdigest()


def output_key(name: str, function: Callable[[Path], None]) -> str:
    return code_digest(function, name)


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
        with ProcessPoolExecutor(max_workers=workers) as pool:
            for name, seconds in zip(stale, pool.map(render, stale, [out_dir] * len(stale))):
                record(name, seconds)
    else:
        for name in stale:
            record(name, render(name, out_dir))
    save_manifest()  # also drops outputs no longer registered
    return status


def main() -> None:
    out_dir = Path(sys.argv[1])
    matplotlib.use("Agg")
    for name, state in build_outputs(out_dir).items():
        print(f"  {name}: {state}")


if __name__ == "__main__":
    main()
