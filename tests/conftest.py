import contextlib
import functools
import gzip
import http.server
import io
import os
import sys
import threading
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

ROOT = Path(__file__).resolve().parents[1]
# Experiments (training runs) are cached where the build caches them: the tests call the same
# figure functions and run the same page code, and need not train the same networks again.
os.environ.setdefault("NN_TEXTBOOK_EXPERIMENTS", str(ROOT / ".cache" / "experiments"))
# Lets test modules share fixtures' helpers (`from conftest import ROOT`).
sys.path.insert(0, str(Path(__file__).parent))


def strict_build(site_dir, **overrides):
    """`mkdocs build --strict` of this repository's mkdocs.yml into ``site_dir``."""
    build(load_config(str(ROOT / "mkdocs.yml"), site_dir=str(site_dir), strict=True, **overrides))


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """The whole site, built once per test session exactly as `make site` builds it."""
    site_dir = tmp_path_factory.mktemp("site")
    strict_build(site_dir)
    return site_dir


def markdown_table_rows(path):
    """The body rows of the Markdown table a build output wrote to ``path``, each a list of cell strings."""
    lines = [line for line in Path(path).read_text().splitlines() if line.startswith("|")]
    return [[cell.strip() for cell in line.strip("|").split("|")] for line in lines[2:]]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files as static hosting does: text compressed with gzip for a client that accepts it."""

    COMPRESSED = ("text/", "application/javascript", "application/json", "application/xml", "image/svg+xml")

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        content_type = self.guess_type(str(path))
        if not (path.is_file() and "gzip" in self.headers.get("Accept-Encoding", "")
                and content_type.startswith(self.COMPRESSED)):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


@contextlib.contextmanager
def serve_directory(directory):
    """Serve ``directory`` over HTTP on 127.0.0.1 (a free port); yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    with http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler) as server:
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield f"http://127.0.0.1:{server.server_address[1]}/"
        finally:
            server.shutdown()
            thread.join()


@pytest.fixture(scope="session")
def site_url(site):
    """The built site served over HTTP on 127.0.0.1, as a reader's browser would get it."""
    with serve_directory(site) as url:
        yield url
