"""Registry of build-time outputs: ``{path in the site: function(path) that writes it}``.

Images (``.svg``, ``.png``) are published at their path; pages show them with
``![alt text](../figures/name.svg)``. Text (``.md``, ``.txt``) is not published:
pages include it with ``--8<-- "outputs/name.md"``. Every function here is also
called by the tests, so a figure that fails to draw fails ``make test``.
"""

from snippets.figures import activations

OUTPUTS = {
    "figures/activation-functions.svg": activations.activation_functions,
    "outputs/gelu-error.md": activations.gelu_error,
    "outputs/linear-collapse.md": activations.linear_collapse,
}
