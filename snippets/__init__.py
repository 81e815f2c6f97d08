"""Code of the executable textbook: one module per idea, each shown on a page and tested.

Pages include parts of these modules with ``pymdownx.snippets`` markers
(``# --8<-- [start:name]`` ... ``# --8<-- [end:name]``), so what a reader sees is
exactly what the tests ran.
"""
