"""Build-time outputs: every module of this package declares ``OUTPUTS``, a dict
``{path in the site: function(path) that writes it}``; this package merges them.

Images (``.svg``, ``.png``) are published at their path; pages show them with
``![alt text](../figures/name.svg)``. Text (``.md``, ``.txt``) is not published:
pages include it with ``--8<-- "outputs/name.md"``. Every function here is also
called by the tests, so an output that fails to build fails ``make test``.

Every figure and table that shows a computed result is followed on its page by a collapsed
"Run it yourself" block: the lines that recompute it. A module lists in ``SHOWS_NO_RESULT``
(``{name: why}``) its outputs that compute nothing to reproduce: drawings of a structure,
reference text.
"""

import importlib
import pkgutil


def _collect() -> tuple[dict, dict]:
    outputs, no_result = {}, {}
    for module_info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{module_info.name}")
        for name, function in getattr(module, "OUTPUTS", {}).items():
            if name in outputs:
                raise ValueError(f"output {name!r} is declared twice (second time in {module.__name__})")
            outputs[name] = function
        no_result.update(getattr(module, "SHOWS_NO_RESULT", {}))
    unknown = set(no_result) - set(outputs)
    if unknown:
        raise ValueError(f"SHOWS_NO_RESULT names outputs that no module declares: {sorted(unknown)}")
    return outputs, no_result


OUTPUTS, SHOWS_NO_RESULT = _collect()
