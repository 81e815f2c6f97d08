"""A reference solution shown collapsed in a notebook, as the Markdown pages show theirs.

The pages put an exercise's solution in a closed "Solution" block; a notebook cell whose
value is ``Solution(function)`` shows the function's source the same way: in Jupyter, in
Colab and on the site, where it looks like the pages' blocks (and the site's tests copy it
out of them in the same way).
"""

import html
import inspect
from dataclasses import dataclass
from typing import Callable

from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import PythonLexer


@dataclass
class Solution:
    """``Solution(function)`` as the value of a notebook cell: ``function``'s source, collapsed."""

    function: Callable

    def _repr_html_(self):
        code = highlight(inspect.getsource(self.function), PythonLexer(), HtmlFormatter(nowrap=True))
        return (f'<details class="success"><summary>Solution: <code>{html.escape(self.function.__name__)}</code>'
                f'</summary><div class="language-python highlight"><pre><span></span><code>{code}</code></pre></div>'
                "</details>")
