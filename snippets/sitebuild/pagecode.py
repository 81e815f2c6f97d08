"""A page's code as a reader gets it: every Python block of the built page, run in page order.

The site promises that every code block runs when pasted, in page order, into a fresh
Python. This module keeps that promise checkable and makes it pay off on the page:

* ``python_blocks(html)`` finds each Python block of a rendered page and its text exactly
  as the copy button gives it (and whether it sits in a collapsed solution);
* ``run_blocks(blocks)`` runs the blocks one after another in one fresh interpreter, in
  an empty temporary folder, and returns what each one printed; a failing block stops
  the build with its number, its first line and the traceback;
* ``with_outputs(html, outputs)`` puts each non-empty output right under its block, so
  the numbers under a call are the ones this build's run printed;
* ``setup_box`` turns a page's setup fence into the box that says what its code needs
  (with the install command) and links the page's ``notebook``: its blocks as cells, in
  page order, with what each printed.

``PageRuns`` caches the runs in ``.cache/pagecode/``: a page runs again only when its
code, or a file of a ``snippets`` module that the run imported, has changed.
"""

import ast
import functools
import hashlib
import html as html_lib
import importlib.util
import json
import os
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from snippets.atomic import atomic_write

# pymdownx.highlight renders a Python fence as this div; the code element holds one span per line
# (and, in the built page, its size: snippets.sitebuild.first_load).
PYTHON_BLOCK = re.compile(
    r'<div class="language-(?:python|py) highlight">(?:<span class="filename">.*?</span>)?'
    r"<pre>.*?<code(?: [^>]*)?>(?P<code>.*?)</code></pre></div>",
    re.S,
)
TAG = re.compile(r"<[^>]+>")
# A page's setup block, the one convention for imports: a fence with only this include in it.
SETUP_FENCE = re.compile(r'^```python\n--8<-- "(?P<path>snippets/examples/\w+\.py):setup"\n```$', re.M)
SECTION = r"^# --8<-- \[start:{name}\]\n(?P<body>.*?)^# --8<-- \[end:{name}\]$"
DETAILS = re.compile(
    r'<details class="(?P<kind>[^"]*)"[^>]*>(?:\s*<summary>(?P<summary>.*?)</summary>)?|</details>', re.S)
# The collapsed block after a figure or table holding the lines that reproduce it (see ``Block``).
REPRODUCE = "Run it yourself"
# Without it, pip may take PyTorch's CUDA build, many times the size, for Keras's backend.
TORCH_CPU_INDEX = "--extra-index-url https://download.pytorch.org/whl/cpu"
# Long enough for the slowest page, short enough that a block stuck in a loop fails the build.
TIMEOUT_SECONDS = 900


@dataclass(frozen=True)
class Block:
    """One Python block of a built page: its code as copied, where it ends in the HTML, and what holds it.

    ``in_solution``: in a collapsed solution of an exercise. ``reproduces``: in the collapsed
    "Run it yourself" block after a figure or table, whose lines recompute what it shows.
    """

    code: str
    end: int
    in_solution: bool
    reproduces: bool = False


def python_blocks(html: str) -> list[Block]:
    """The page's Python blocks in page order, with their text as the copy button copies it."""
    # Which collapsed blocks (<details>) hold each position: solutions are "success" ones.
    holders, stack = [], []
    for match in DETAILS.finditer(html):
        if match["kind"] is not None:
            stack.append((match["kind"], TAG.sub("", match["summary"] or "").strip()))
        elif stack:
            stack.pop()
        holders.append((match.start(), tuple(stack)))
    blocks = []
    for match in PYTHON_BLOCK.finditer(html):
        held = next((kinds for position, kinds in reversed(holders) if position < match.start()), ())
        code = html_lib.unescape(TAG.sub("", match["code"]))
        blocks.append(Block(code=code, end=match.end(), in_solution=any("success" in kind.split() for kind, _ in held),
                            reproduces=any(summary == REPRODUCE for _, summary in held)))
    return blocks


def uses_package(setup: str) -> bool:
    """Whether setup code imports from the book's package ``snippets``."""
    return re.search(r"^\s*(from|import)\s+snippets\b", setup, re.M) is not None


def needs_keras(setup: str) -> bool:
    """Whether setup code imports Keras, an optional extra of the book's package."""
    return re.search(r"^import keras\b", setup, re.M) is not None


def install_for(setup: str, install) -> str | None:
    """The command that installs what a page with this setup needs (None: NumPy is enough).

    ``install(extra)`` is the command that installs the book's package with an optional extra.
    """
    if needs_keras(setup):
        return f"{install('keras')} {TORCH_CPU_INDEX}"
    return install("") if uses_package(setup) else None


def first_line(code: str) -> str:
    """A block's first non-blank line, which names it in messages."""
    return next((line.strip() for line in code.splitlines() if line.strip()), "")


def missing_modules(code: str) -> list[str]:
    """The top-level modules that ``code`` imports and that this Python cannot import."""
    names = re.findall(r"^(?:from|import)\s+(\w+)", code, re.M)
    return sorted({name for name in names if importlib.util.find_spec(name) is None})


def setup_box(match: re.Match, root: Path, install, notebook: str = "") -> str:
    """The Markdown of a page's setup box: how to run the page's code, what it needs, and the setup block.

    ``install(extra)`` is the command that installs the book's package, with an optional extra;
    ``notebook``, if given, is the file name of the page's code as a notebook, published beside the page.
    """
    path = root / match["path"]
    section = re.search(SECTION.format(name="setup"), path.read_text(), re.M | re.S)
    if section is None:
        raise ValueError(f"{match['path']} has no section 'setup' (# --8<-- [start:setup] ... [end:setup])")
    setup = section["body"]
    ran = "what a block prints is shown under it, from this build's own run."
    command = install_for(setup, install)
    if needs_keras(setup):
        needs = (
            "It needs Keras 3 and the CPU build of PyTorch as its backend, an optional extra of the book's\n"
            "    package `snippets`; install them once with\n\n"
            f"    ```bash\n    {command}\n    ```\n"
        )
        if missing_modules(setup):
            ran = "this build had no Keras, so no block's output is shown here."
    elif uses_package(setup):
        needs = (
            "It imports what earlier chapters built from the book's package, `snippets`; install it once with\n\n"
            f"    ```bash\n    {command}\n    ```\n"
        )
    else:
        libraries = "NumPy and Matplotlib" if re.search(r"^\s*(from|import)\s+matplotlib\b", setup, re.M) else "NumPy"
        needs = f"It needs only {libraries}, not the book's package.\n"
    return (
        '!!! example "Run this page\'s code"\n'
        "    Every code block on this page runs when pasted into Python in page order, after this\n"
        f"    setup; {ran}\n"
        f"    {needs}\n"
        f"    ```python\n    {match.group(0).splitlines()[1]}\n    ```\n"
        + (f'\n    All of the page\'s code, in order, is also a notebook: <a href="{notebook}" download '
           f'class="md-button page-notebook">Download {notebook}</a>\n' if notebook else "")
    )


def notebook(title: str, codes: list[str], outputs: list[str], install: str | None) -> dict:
    """The page's code as a Jupyter notebook: a title cell, then one code cell per block with what it printed.

    ``install`` is the command that installs the book's package, for pages that need it: the
    notebook's first cell runs it when the package is missing (as on Colab).
    """
    import nbformat

    cells = [nbformat.v4.new_markdown_cell(
        f"# {title}\n\nThe code of the page \"{title}\" of *Neural Networks, Executed*, block by block in "
        "page order, with what each block printed when the site was built. Run the cells from the top."
    )]
    if install:
        cells.append(install_cell(install, "this page's code imports"))
    for code, printed in zip(codes, outputs):
        cell = nbformat.v4.new_code_cell(code.rstrip("\n"))
        if printed:
            cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text=printed)]
        cells.append(cell)
    return _finished(nbformat.v4.new_notebook(cells=cells))


def install_cell(install: str, who: str):
    """A code cell that installs the book's package with ``install`` when it is missing (as on Colab)."""
    import nbformat

    requirement = re.fullmatch(r'pip install "(.+)"(.*)', install)
    arguments = [requirement[1], *requirement[2].split()]
    return nbformat.v4.new_code_cell(
        f"# The book's package, which {who}: installed here if it is missing.\n"
        "try:\n    import snippets\nexcept ModuleNotFoundError:\n"
        "    import subprocess, sys\n\n"
        f"    subprocess.check_call([sys.executable, '-m', 'pip', 'install', *{arguments!r}])"
    )


def starter_notebook(exercise, install: str) -> dict:
    """A mini-assignment's starter file as a notebook: its imports, then one cell per function to
    write, then the cell that checks them (``snippets.check.notebook.check``), the same checks as
    the command line's; the starter's own run under ``if __name__ == "__main__":`` comes last."""
    import nbformat

    source = exercise.starter.read_text(encoding="utf-8")
    tree = ast.parse(source)
    segment = functools.partial(ast.get_source_segment, source)
    functions = [segment(node) for node in tree.body if isinstance(node, ast.FunctionDef)]
    setup = [segment(node) for node in tree.body
             if not isinstance(node, (ast.FunctionDef, ast.If)) and not _is_docstring(node)]
    runs = [segment(node) for node in tree.body if isinstance(node, ast.If)]
    markdown, code = nbformat.v4.new_markdown_cell, nbformat.v4.new_code_cell
    cells = [
        markdown(f"# {exercise.title}\n\nThe starter of a mini-assignment of *Neural Networks, Executed*, as a "
                 "notebook. Run the two cells below it, then write the functions that follow, one cell each: each "
                 "docstring says what to compute. The cell under **Check your work** runs the book's checks on "
                 "the functions this notebook has defined, exactly as the command line "
                 f"`python -m snippets.check {exercise.id} FILE` does on a file."),
        install_cell(install, "holds the checker"),
        code("\n".join(setup)),
        *(code(function) for function in functions),
        markdown("## Check your work\n\nRun this cell after each function you write: the functions you have "
                 "not reached yet are reported as not implemented. Stuck on a check? "
                 f"`hint({exercise.id!r}, n)` shows the hint of the report's check n, and "
                 f"`solution({exercise.id!r})` the book's own functions, for when you have tried."),
        code(f"from snippets.check.notebook import check, hint, solution\n\ncheck({exercise.id!r})"),
    ]
    if runs:
        cells += [markdown("## Run it\n\nWhen every check passes: the starter's own run, with your functions."),
                  *(code(run) for run in runs)]
    return _finished(nbformat.v4.new_notebook(cells=cells))


def _is_docstring(node) -> bool:
    return isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)


def _finished(book: dict) -> dict:
    import nbformat

    book.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.validate(book)
    return book


class BlockFailed(RuntimeError):
    """A block raised: the message names the block and carries its traceback."""


def run_blocks(codes: list[str], timeout: float = TIMEOUT_SECONDS) -> dict:
    """Run ``codes`` in order in one fresh interpreter; return ``{"outputs": [...], "modules": {...}}``.

    ``outputs[i]`` is what block ``i`` printed; ``modules`` maps each file of a
    ``snippets`` module that the run imported to its SHA-256, so a cached run can tell
    whether the code it used is still the same.
    """
    with tempfile.TemporaryDirectory(prefix="nn-textbook-page-") as folder:
        result_path = Path(folder) / ".result.json"
        environment = {**os.environ, "MPLBACKEND": "Agg", "PYTHONDONTWRITEBYTECODE": "1"}
        process = subprocess.run(
            [sys.executable, "-m", "snippets.sitebuild.pagecode_runner", str(result_path)],
            input=json.dumps(codes), capture_output=True, text=True, cwd=folder, env=environment,
            timeout=timeout,
        )
        if not result_path.is_file():
            raise BlockFailed(f"the page's code did not finish (exit status {process.returncode}):\n"
                              f"{process.stderr[-3000:]}")
        result = json.loads(result_path.read_text())
    if result.get("failed") is not None:
        index = result["failed"]
        raise BlockFailed(f"code block {index + 1} of {len(codes)} ({first_line(codes[index])!r}) raised:\n"
                          f"{result['traceback']}")
    return result


def file_digest(path: str) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


class PageRuns:
    """Runs of pages' code, kept in ``folder`` and reused while the code they ran is unchanged."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)

    def outputs(self, page: str, codes: list[str]) -> list[str]:
        """What each of ``codes`` printed, from the cache when neither they nor the modules they used changed."""
        key = hashlib.sha256(json.dumps([sys.version, codes]).encode()).hexdigest()
        path = self.folder / (re.sub(r"[^A-Za-z0-9_.-]+", "_", page) + ".json")
        try:
            stored = json.loads(path.read_text())
            unchanged = all(Path(f).is_file() and file_digest(f) == sha for f, sha in stored["modules"].items())
            if stored["key"] == key and unchanged:
                return stored["outputs"]
        except (OSError, ValueError, KeyError):
            pass
        result = run_blocks(codes)
        with atomic_write(path) as partial:
            partial.write(json.dumps({"key": key, "modules": result["modules"], "outputs": result["outputs"]}).encode())
        return result["outputs"]


def output_html(text: str) -> str:
    """An output under its block: labelled, not Python (so no copy-and-run tool takes it for code)."""
    return (
        '<div class="page-output"><p class="page-output__label">Output</p>'
        f'<div class="highlight"><pre><code>{html_lib.escape(text.rstrip())}</code></pre></div></div>'
    )


OUTPUT_PANEL = re.compile(r'<div class="page-output">.*?<pre><code>(?P<text>.*?)</code></pre></div></div>', re.S)


def shown_output(html: str, block: Block) -> str:
    """What the built page shows as ``block``'s output ("" if it printed nothing)."""
    match = OUTPUT_PANEL.match(html, block.end)
    return html_lib.unescape(match["text"]) if match else ""


def with_outputs(html: str, blocks: list[Block], outputs: list[str]) -> str:
    """``html`` with each block's non-empty output inserted right after the block."""
    pieces, start = [], 0
    for block, text in zip(blocks, outputs):
        if text.strip():
            pieces += [html[start:block.end], output_html(text)]
            start = block.end
    return "".join(pieces) + html[start:]


def render_page(source: Path) -> str:
    """The HTML body of one Markdown page, rendered with the site's configuration (no full build)."""
    import markdown
    from mkdocs.config import load_config

    from snippets.sitebuild import hooks

    root = Path(__file__).resolve().parents[2]
    config = load_config(str(root / "mkdocs.yml"))
    text = hooks.on_page_markdown(Path(source).read_text(), page=None, config=config, files=None)
    return markdown.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs).convert(text)


def main() -> None:
    """``python -m snippets.sitebuild.pagecode docs/x/page.md ...``: run each page's code as the build does.

    For authors: every block and what it printed, or the failing block and its traceback.
    """
    failures = 0
    for source in sys.argv[1:]:
        blocks = python_blocks(render_page(Path(source)))
        print(f"== {source}: {len(blocks)} Python blocks")
        try:
            outputs = run_blocks([block.code for block in blocks])["outputs"]
        except BlockFailed as error:
            print(error)
            failures += 1
            continue
        for number, (block, output) in enumerate(zip(blocks, outputs), start=1):
            print(f"-- block {number}{' (solution)' if block.in_solution else ''}: {first_line(block.code)}")
            if output.strip():
                print("   " + output.rstrip().replace("\n", "\n   "))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
