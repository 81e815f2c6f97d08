"""Machinery of the site build (not shown on pages): the MkDocs hook, the build-time
outputs (figures and printed results) and the self-hosted MathJax."""
