"""Code a reader can run: every page's Python, copied out of the *built* site as the copy
button gives it, runs in page order in a fresh interpreter, in an empty folder.

* with the book's package installed from the repository (not editable, not this tree),
  every page's code runs, and each "Run it yourself" block prints what the page shows
  under it (test_reproduce holds those outputs to the figures and tables they follow);
* with only NumPy and Matplotlib, every page that does not announce the package runs;
* a page whose code imports the package says so, with the one install command;
* imports from the package name the chapter whose page shows the imported definitions;
* a page with code shows at least one printed result, and every function a page
  defines is used by a later block of the page.
"""

import ast
import html as html_lib
import importlib.util
import os
import re
import subprocess
import sys
import time
import venv
from importlib.metadata import version
from pathlib import Path

import pytest
from mkdocs.config import load_config

from conftest import ROOT
from snippets.sitebuild import pagecode
from snippets.sitebuild.pagecode import python_blocks, uses_package

INSTALL = re.compile(r'pip install "(?:nn-textbook(?:\[\w+\])? @ git\+\S+\.git|/[^"]+)"')
BUILT_IN = re.compile(r'^from (snippets(?:\.\w+)+) import ([\w, ]+?)\s*# built in "([^"]+)"\s*$')
SETUP_BOX = re.compile(r'<p class="admonition-title">Run this page(?:\'|&#39;|&rsquo;)s code</p>')
KERAS = importlib.util.find_spec("keras") is not None


def nav_pages():
    """(title, docs path) of every page in mkdocs.yml's nav, in order."""
    config = load_config(str(ROOT / "mkdocs.yml"))

    def walk(items):
        for item in items:
            if isinstance(item, str):
                yield "", item
                continue
            (title, value), = item.items()
            yield from (walk(value) if isinstance(value, list) else [(title, value)])

    return list(walk(config["nav"]))


def built_html(site, source):
    stem = Path(source).with_suffix("")
    return (site / (stem.parent if stem.name == "index" else stem) / "index.html").read_text()


def code_pages(site):
    """{docs path: (title, html, blocks)} for every Markdown page with Python code."""
    pages = {}
    for title, source in nav_pages():
        if source.endswith(".md"):
            html = built_html(site, source)
            blocks = python_blocks(html)
            if blocks:
                pages[source] = (title, html, blocks)
    return pages


@pytest.fixture(scope="module")
def pages(site):
    return code_pages(site)


def needs_keras(blocks):
    return pagecode.needs_keras(blocks[0].code)


BETWEEN_BLOCKS = "\x1e"  # printed after each block, to tell the blocks' outputs apart


def run_page(python, blocks, folder, timeout=600):
    """Paste the page's blocks, in order, into one fresh interpreter run in ``folder``.

    The result's ``stdout`` is split into ``outputs``, what each block printed."""
    script = folder / "page.py"
    separator = f"\n\nprint({BETWEEN_BLOCKS!r}, end='')\n\n"
    script.write_text(separator.join(block.code for block in blocks) + separator)
    environment = {key: value for key, value in os.environ.items() if not key.startswith(("PYTHON", "VIRTUAL_ENV"))}
    environment["MPLBACKEND"] = "Agg"
    result = subprocess.run([str(python), script.name], cwd=folder, capture_output=True, text=True,
                            env=environment, timeout=timeout)
    result.outputs = result.stdout.split(BETWEEN_BLOCKS)[:len(blocks)]
    return result


def fresh_venv(folder, *requirements):
    venv.create(folder, with_pip=True)
    python = folder / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", *requirements],
                   check=True, capture_output=True, text=True)
    return python


@pytest.fixture(scope="session")
def installed_python(tmp_path_factory):
    """A fresh environment with the book's package installed as a reader installs it (no clone on the
    path), and nothing else: the package must bring what the pages import. NumPy is pinned to this
    environment's version only so that pip can take it from its cache."""
    return fresh_venv(tmp_path_factory.mktemp("installed-venv"), f"numpy=={version('numpy')}", str(ROOT))


@pytest.fixture(scope="session")
def bare_python(tmp_path_factory):
    """A fresh environment with NumPy and Matplotlib only."""
    return fresh_venv(tmp_path_factory.mktemp("bare-venv"), f"numpy=={version('numpy')}",
                      f"matplotlib=={version('matplotlib')}")


def test_every_code_page_is_found(pages):
    assert len(pages) >= 14, sorted(pages)


def test_each_page_shows_its_setup_first_and_announces_the_package_exactly_when_it_needs_it(pages):
    problems = []
    for source, (title, html, blocks) in pages.items():
        setup = blocks[0].code
        boxes = [m.start() for m in SETUP_BOX.finditer(html)]
        if len(boxes) != 1 or boxes[0] > blocks[0].end:
            problems.append(f"{source}: the first Python block is not the setup, in the one 'Run this page's code' box")
        announced = len(INSTALL.findall(text_of(html)))
        if uses_package(setup) and announced != 1:
            problems.append(f"{source}: imports the book's package, but shows the install command {announced} times")
        if not uses_package(setup) and announced:
            problems.append(f"{source}: needs no package, but shows an install command")
        for number, block in enumerate(blocks[1:], start=2):
            if block.reproduces:
                continue  # a "Run it yourself" block imports what it uses: it also runs on its own
            if re.search(r"^(?:from|import) ", block.code, re.M) and not re.search(r"^if __name__", block.code, re.M):
                problems.append(f"{source}: block {number} has imports of its own; they belong in the setup")
    assert not problems, "\n".join(problems)


def text_of(html):
    """The page's text, as a reader sees it (tags removed, entities decoded)."""
    return html_lib.unescape(pagecode.TAG.sub("", html))


def top_level_definitions(code):
    names = set()
    for node in ast.parse(code).body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names |= {n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name)}
    return names


def test_imports_from_the_package_name_the_chapter_that_shows_the_name(pages):
    shown = {title: set().union(*(top_level_definitions(block.code) for block in blocks))
             for title, _, blocks in pages.values()}
    problems = []
    for source, (_, _, blocks) in pages.items():
        importing = [blocks[0]] + [block for block in blocks[1:] if block.reproduces]
        for line in "".join(block.code for block in importing).splitlines():
            if not line.startswith(("from snippets", "import snippets")):
                continue
            if line.startswith("from snippets.mnist import ") and line.endswith("  # the book's MNIST loader"):
                continue  # the data, not an idea of a chapter: the README and the MNIST project describe it
            match = BUILT_IN.match(line)
            if match is None:
                problems.append(f'{source}: {line!r} does not end with # built in "<chapter>"')
                continue
            names = {name.strip() for name in match[2].split(",")}
            missing = names - shown.get(match[3], set())
            if missing:
                problems.append(f"{source}: {sorted(missing)} are not shown on the page {match[3]!r}")
    assert not problems, "\n".join(problems)


def test_every_code_page_shows_a_printed_result_and_uses_what_it_defines(pages):
    silent = [source for source, (_, html, blocks) in pages.items() if 'class="page-output"' not in html
              and (KERAS or not needs_keras(blocks))]  # without Keras the build cannot run the Keras page
    assert not silent, f"pages with code but no runnable example (no block prints a result): {silent}"
    unused = []
    for source, (_, _, blocks) in pages.items():
        for index, block in enumerate(blocks):
            if block.in_solution:
                continue
            lines = block.code.splitlines()
            for node in ast.parse(block.code).body:
                if not isinstance(node, ast.FunctionDef):
                    continue
                # Used by a later block, or by another definition of its own block (rnn_forward calls rnn_step).
                rest = lines[:node.lineno - 1] + lines[node.end_lineno:]
                elsewhere = "\n".join(rest + [b.code for b in blocks[index + 1:]])
                if not re.search(rf"\b{node.name}\b", elsewhere):
                    unused.append(f"{source}: {node.name} (block {index + 1})")
    assert not unused, "defined but never used by a later block:\n" + "\n".join(unused)


def test_every_page_runs_with_the_package_installed(pages, installed_python, tmp_path):
    """... and each "Run it yourself" block prints again what the page shows under it."""
    failures = []
    for source, (_, html, blocks) in pages.items():
        if needs_keras(blocks) and not KERAS:
            if os.environ.get("CI"):
                failures.append(f"{source}: needs Keras, which CI must install")
            continue
        folder = tmp_path / source.replace("/", "_")
        folder.mkdir()
        python = sys.executable if needs_keras(blocks) else installed_python
        result = run_page(python, blocks, folder)
        if result.returncode != 0:
            failures.append(f"{source}:\n{result.stderr[-2000:]}")
            continue
        for block, printed in zip(blocks, result.outputs):
            if block.reproduces and printed.rstrip() != pagecode.shown_output(html, block).rstrip():
                failures.append(f"{source}: {pagecode.first_line(block.code)!r} printed\n{printed}\n"
                                f"but the page shows\n{pagecode.shown_output(html, block)}")
    assert not failures, "\n\n".join(failures)


def test_pages_that_do_not_announce_the_package_run_with_numpy_and_matplotlib_only(pages, bare_python, tmp_path):
    bare = {source: blocks for source, (_, _, blocks) in pages.items() if not uses_package(blocks[0].code)}
    assert "chapters/activation-functions.md" in bare  # the chapter that builds on nothing but NumPy
    failures = []
    for source, blocks in bare.items():
        folder = tmp_path / source.replace("/", "_")
        folder.mkdir()
        result = run_page(bare_python, blocks, folder)
        if result.returncode != 0:
            failures.append(f"{source}:\n{result.stderr[-2000:]}")
    assert not failures, "\n\n".join(failures)


def test_home_page_shows_the_one_install_command(site):
    html = (site / "index.html").read_text()
    assert len(INSTALL.findall(text_of(html))) == 1


def test_install_command_names_the_repository_once_deployed():
    from snippets.sitebuild.hooks import install_command

    class Config:
        config_file_path = str(ROOT / "mkdocs.yml")
        repo_url = "https://github.com/someone/nn-book/"

    assert install_command(Config()) == 'pip install "nn-textbook @ git+https://github.com/someone/nn-book.git"'
    assert install_command(Config(), "keras") == (
        'pip install "nn-textbook[keras] @ git+https://github.com/someone/nn-book.git"')
    Config.repo_url = None
    assert install_command(Config()) == f'pip install "{ROOT}"'


def test_every_code_page_is_a_notebook_of_its_blocks_that_runs_top_to_bottom(site, pages, tmp_path):
    """Each page's notebook, published beside it and linked from its setup box, holds the page's
    blocks in page order (the setup first) and executes without error in a fresh kernel."""
    import nbformat
    from nbclient import NotebookClient

    failures, started = [], time.perf_counter()
    for source, (_, html, blocks) in pages.items():
        stem = Path(source).with_suffix("")
        assert f'href="{stem.name}.ipynb" download' in html, f"{source}: no download link for its notebook"
        book = nbformat.read(site / stem / f"{stem.name}.ipynb", as_version=4)
        cells = [cell.source for cell in book.cells if cell.cell_type == "code"]
        assert cells[-len(blocks):] == [block.code.rstrip("\n") for block in blocks], source
        assert len(cells) == len(blocks) + uses_package(blocks[0].code), f"{source}: install cell"
        if needs_keras(blocks) and not KERAS:
            continue
        folder = tmp_path / stem.name
        folder.mkdir()
        try:
            NotebookClient(book, timeout=600, kernel_name="python3",
                           resources={"metadata": {"path": str(folder)}}).execute()
        except Exception as error:  # noqa: BLE001 - report every failing notebook, not only the first
            failures.append(f"{source}: {str(error)[-1500:]}")
    print(f"executed {len(pages)} notebooks in {time.perf_counter() - started:.1f} s")
    assert not failures, "\n\n".join(failures)
