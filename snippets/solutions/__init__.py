"""Reference solutions of the chapters' exercises, one module per chapter.

Pages show them in collapsed "Solution" blocks; tests check them, so a published
solution is always a correct one.
"""
