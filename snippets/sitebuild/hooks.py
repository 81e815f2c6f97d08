"""MkDocs hook (``hooks:`` in mkdocs.yml): build-time outputs and math typeset at build time.

* Before each build, ``snippets.sitebuild.outputs`` runs in a fresh Python process
  and brings ``.cache/generated/`` up to date: figures are redrawn only when their
  code changed. Nothing is written into ``docs/`` (that would make ``serve`` loop).
* The generated figures are then added to the site's files, so pages link to them like
  to any other file and MkDocs validates those links.
  Text outputs (``.md``, ``.txt``) are not published: pages include them with
  ``pymdownx.snippets``, whose ``base_path`` lists ``.cache/generated``.
* Experiments are cached in ``.cache/experiments/`` (``snippets.sitebuild.experiments``) for
  everything the build runs: the outputs, the notebooks and the pages' code.
* Notebook pages run once per version of their code (``snippets.sitebuild.notebooks``),
  before mkdocs-jupyter converts them with the stored outputs; what a run saved in
  ``$NN_TEXTBOOK_EXPORTS`` (the trained MNIST model) is copied into the site after the
  build, under ``models/``.
* Notebook pages lose nbconvert's MathJax 2 loader and configuration (see ``on_page_content``).
* Pages are spared two page-wide restyles of the theme's script on load, and code blocks off
  screen are not laid out until they come into view (``snippets.sitebuild.first_load``).
* Every page's math becomes MathML as the page is written (``on_post_page``,
  ``snippets.sitebuild.typeset``): pages carry markup the browser lays out and load no math
  script. After the build, the math font is cut down to the characters the formulas use
  (``snippets.sitebuild.mathfont``).
  Figures get their width and height; a notebook's become image files beside its page
  (``snippets.sitebuild.images``).
* Every other page's Python blocks run in page order, as a reader would paste them
  (``snippets.sitebuild.pagecode``); what a block prints is shown under it. The page's
  setup block comes in a standard box that says what the code needs (see ``on_page_markdown``).
"""

import atexit
import functools
import json
import logging
import os
import posixpath
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import nbformat
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from snippets.atomic import atomic_write
from snippets.check import registry
from snippets.sitebuild import experiments, first_load, images, mathfont, notebook_css, notebooks, pagecode, typeset
from snippets.sitebuild.mathjax import ensure_mathjax
from snippets.sitebuild.outputs import MANIFEST

log = logging.getLogger("mkdocs.hooks.sitebuild")
INCLUDED_ONLY = {".md", ".txt"}


def _cache_dir(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).resolve().parent / ".cache"


def on_config(config: MkDocsConfig) -> None:
    # Notebook runs inherit the environment: no progress bars in the build log. What they
    # export (the trained model) goes to a folder published after the build (notebooks.executed).
    exports = _cache_dir(config) / "exports"
    shutil.rmtree(exports, ignore_errors=True)  # only this build's exports get published
    exports.mkdir(parents=True)
    NOTEBOOKS.clear()  # a failed earlier build of `mkdocs serve` may have left some
    os.environ["NN_TEXTBOOK_BUILD"] = "1"
    # Experiments (training runs) computed once, then read back by the figures and by the pages' code.
    os.environ.setdefault(experiments.ENVIRONMENT, str(_cache_dir(config) / "experiments"))


def on_pre_build(config: MkDocsConfig) -> None:
    out_dir = _cache_dir(config) / "generated"
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "snippets.sitebuild.outputs", str(out_dir)],
        capture_output=True, text=True,
    )
    if result.returncode != 0:
        raise PluginError(f"Build-time outputs failed:\n{result.stdout}{result.stderr}")
    for line in result.stdout.splitlines():
        log.debug(line)
    log.info("Build-time outputs ready in %.1f s (%s)", time.perf_counter() - start, out_dir)


def on_files(files: Files, config: MkDocsConfig) -> Files:
    global TYPESETTER
    cache = _cache_dir(config)
    if TYPESETTER is None:
        TYPESETTER = typeset.Typesetter(ensure_mathjax(cache), cache / "math")
        atexit.register(TYPESETTER.close)

    generated = cache / "generated"
    for name in json.loads((generated / MANIFEST).read_text()):
        if Path(name).suffix not in INCLUDED_ONLY:
            files.append(File.generated(config, name, abs_src_path=str(generated / name)))
    for file in files:  # notebook pages: run once per version of their code, then converted as they ran
        if file.src_uri.endswith(".ipynb") and not file.src_uri.startswith("downloads/"):
            original = Path(file.abs_src_path)
            try:
                current, ran = notebooks.executed(original, cache / "notebooks", cache / "exports")
            except notebooks.NotebookFailed as error:
                raise PluginError(str(error)) from None
            log.info("Notebook %s: %s", file.src_uri, "ran" if ran else "outputs of an earlier run of this code")
            NOTEBOOK_SOURCES[file.src_uri] = original
            for converted in {file, getattr(file, "file", file)}:  # mkdocs-jupyter's wrapper, and the file it wraps
                converted.abs_src_path = str(current)
    for exercise in MINI_ASSIGNMENTS:  # beside downloads/x.py, its notebook downloads/x.ipynb
        book = pagecode.starter_notebook(exercise, install_command(config, "keras" if "keras" in exercise.id else ""))
        name = f"downloads/{exercise.starter.with_suffix('.ipynb').name}"
        files.append(File.generated(config, name, content=nbformat.writes(book)))
    return files


# nbconvert puts a MathJax 2 loader (here with an empty src) and its configuration into every
# notebook page. The build typesets the math itself (on_post_page), so on a page
# load they are dead code; but instant navigation re-runs a page's inline scripts as JavaScript,
# and the configuration then throws (MathJax.Hub is MathJax 2's API).
NBCONVERT_MATHJAX = re.compile(r"<!-- Load mathjax -->.*?<!-- End of mathjax configuration -->", re.S)


def install_command(config: MkDocsConfig, extra: str = "") -> str:
    """The one line that installs the book's package (with an optional extra): from the repository
    once deployed, else from this clone."""
    extras = f"[{extra}]" if extra else ""
    if config.repo_url:
        return f'pip install "nn-textbook{extras} @ git+{config.repo_url.rstrip("/").removesuffix(".git")}.git"'
    return f'pip install "{Path(config.config_file_path).resolve().parent}{extras}"'


def notebook_name(page) -> str:
    """The file name of a page's code as a notebook, published beside the page: chapters/x/x.ipynb."""
    return f"{Path(page.file.src_uri).stem}.ipynb"


# Where a page (the home page) shows the install command as a bash block, indented like the marker.
INSTALL_MARKER = re.compile(r"^( *)<!-- install-command -->$", re.M)


def on_page_markdown(markdown: str, page, config: MkDocsConfig, files: Files) -> str:
    """Put the page's setup block (``snippets/examples/<page>.py:setup``) in the box that explains it,
    and the install command where a page asks for it."""
    root = Path(config.config_file_path).resolve().parent
    install = functools.partial(install_command, config)
    markdown = INSTALL_MARKER.sub(lambda match: f"{match[1]}```bash\n{match[1]}{install()}\n{match[1]}```", markdown)
    name = notebook_name(page) if page is not None else ""
    return pagecode.SETUP_FENCE.sub(lambda match: pagecode.setup_box(match, root, install, name), markdown)


def on_page_content(html: str, page, config: MkDocsConfig, files: Files) -> str:
    if page.file.src_uri.endswith(".ipynb"):  # mkdocs-jupyter executed it already
        return NBCONVERT_MATHJAX.sub("", html)
    blocks = pagecode.python_blocks(html)
    if not blocks:
        return html
    codes = [block.code for block in blocks]
    install = pagecode.install_for(codes[0], functools.partial(install_command, config))
    missing = pagecode.missing_modules(codes[0])
    if missing:  # an optional extra (Keras) this build lacks; its setup box says the code did not run
        log.info("Not running the code of %s: this environment lacks %s", page.file.src_uri, ", ".join(missing))
        NOTEBOOKS[page.url] = (page, pagecode.notebook(page.title, codes, [""] * len(codes), install))
        return html
    start = time.perf_counter()
    try:
        runs = pagecode.PageRuns(_cache_dir(config) / "pagecode")
        outputs = runs.outputs(page.file.src_uri, codes)
    except (pagecode.BlockFailed, subprocess.TimeoutExpired) as error:
        raise PluginError(f"{page.file.src_uri}: {error}") from None
    log.debug("Code of %s ran in %.1f s", page.file.src_uri, time.perf_counter() - start)
    NOTEBOOKS[page.url] = (page, pagecode.notebook(page.title, codes, outputs, install))
    return pagecode.with_outputs(html, blocks, outputs)


TYPESETTER = None  # one for the whole build (and every rebuild of `mkdocs serve`): see on_files


def on_post_page(output: str, page, config: MkDocsConfig) -> str:
    """The page with its math typeset (the search index, built earlier, keeps the TeX), its
    figures sized, and a notebook's figures as files beside it and its stylesheets cut to what applies."""
    folder = posixpath.dirname(page.url) or "."  # of "chapters/x/" or "chapters/x.html"
    notebook = page.file.src_uri.endswith(".ipynb")
    if notebook:
        output = notebook_css.prune_styles(images.extract_images(output, Path(config.site_dir) / folder))
    else:
        output = images.size_figures(output, _cache_dir(config) / "generated" / "figures")
    try:
        output = first_load.preset_script_classes(output, page.file.src_uri)
        output = first_load.measure_code_blocks(first_load.after_first_paint(output, page.file.src_uri))
        return TYPESETTER.page(output, page.file.src_uri, notebook=notebook)
    except (typeset.MathError, first_load.ThemeChanged) as error:
        raise PluginError(str(error)) from None


# Each notebook page's own file, {docs path: path}: the download beside the page, where mkdocs-jupyter
# publishes the copy with the stored outputs that it converted.
NOTEBOOK_SOURCES: dict = {}

# The mini-assignments, whose starters are also published as notebooks that check themselves.
MINI_ASSIGNMENTS = [exercise for title, exercises in registry.groups() if title == "Mini-assignments"
                    for exercise in exercises]

# Each Markdown page's code as a notebook, {page url: (page, notebook)}, published after the build
# beside the page (chapters/x/ -> chapters/x/x.ipynb), where its setup box links to it.
NOTEBOOKS: dict = {}


def on_post_build(config: MkDocsConfig) -> None:
    """Publish the pages' notebooks, and what the notebooks exported during this build under ``models/``."""
    TYPESETTER.close()  # typesetting is done; a rebuild of `mkdocs serve` starts it again if needed
    size = mathfont.publish(TYPESETTER.characters, Path(config.site_dir), _cache_dir(config) / "math")
    log.info("Math font: %d characters, %.1f KB", len(TYPESETTER.characters), size / 1000)
    try:
        first_load.drop_switching_rule(config.theme.dirs, config.site_dir)
    except first_load.ThemeChanged as error:
        raise PluginError(str(error)) from None
    for url, (page, book) in NOTEBOOKS.items():
        destination = Path(config.site_dir) / url / notebook_name(page)
        destination.parent.mkdir(parents=True, exist_ok=True)
        with atomic_write(destination) as partial:
            partial.write(nbformat.writes(book).encode())
    NOTEBOOKS.clear()
    for src_uri, original in NOTEBOOK_SOURCES.items():  # chapters/x.ipynb -> chapters/x/x.ipynb, as written
        destination = Path(config.site_dir) / Path(src_uri).with_suffix("") / original.name
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(original, destination)
    NOTEBOOK_SOURCES.clear()
    exports = _cache_dir(config) / "exports"
    for path in sorted(exports.glob("*")):
        destination = Path(config.site_dir) / "models" / path.name
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, destination)
