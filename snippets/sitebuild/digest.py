"""Which version of the code made a result: a SHA-256 of the source that computes it.

Build outputs (``outputs``) and cached experiments (``experiments``) are both keyed by
this digest, so either is recomputed exactly when the code behind it changes.
"""

import hashlib
import inspect
import sys
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from types import ModuleType
from typing import Callable


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


def installed(package: str) -> str:
    """``package`` and its version, as this environment has it (results depend on it)."""
    try:
        return f"{package} {version(package)}"
    except PackageNotFoundError:
        return f"{package} not installed"


def code_digest(function: Callable, *extra: str) -> str:
    """SHA-256 of the source of ``function``'s module and of every snippets module it uses, plus ``extra``."""
    digest = hashlib.sha256("|".join([installed("numpy"), *extra]).encode())
    for module in sorted(snippet_modules(inspect.getmodule(function)), key=lambda m: m.__name__):
        digest.update(module.__name__.encode())
        digest.update(Path(module.__file__).read_bytes())
    return digest.hexdigest()
