"""The exercise checker: ``python -m snippets.check EXERCISE FILE`` and ``--list``.

``core`` holds what checks are made of (exercises, comparisons with stated tolerances),
``registry`` every exercise by id, one module per chapter (``neural_networks``, ...) and
per mini-assignment their checks, ``sandbox`` runs a file's checks in a child process
(``runner``) under a time and a memory limit, and ``__main__`` prints the report.
"""
