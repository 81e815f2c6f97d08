"""Build-time outputs: every module of this package declares ``OUTPUTS``, a dict
``{path in the site: function(path) that writes it}``; this package merges them.

Images (``.svg``, ``.png``) are published at their path; pages show them with
``![alt text](../figures/name.svg)``. Text (``.md``, ``.txt``) is not published:
pages include it with ``--8<-- "outputs/name.md"``. Every function here is also
called by the tests, so an output that fails to build fails ``make test``.
"""

import importlib
import pkgutil


def _collect() -> dict:
    outputs = {}
    for module_info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{module_info.name}")
        for name, function in getattr(module, "OUTPUTS", {}).items():
            if name in outputs:
                raise ValueError(f"output {name!r} is declared twice (second time in {module.__name__})")
            outputs[name] = function
    return outputs


OUTPUTS = _collect()
