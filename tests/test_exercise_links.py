"""Every exercise of a chapter or practice page says, next to its task, where its starter file
is and how to check it: a link to the starter's download and the checker's command line."""

import html as html_lib
import re
from pathlib import Path

import pytest

from snippets.check import registry
from snippets.check.core import EXERCISES_DIR
from test_shown_solutions import built_page

IN_CHAPTERS = [e for e in registry.EXERCISES.values() if not e.page.startswith("exercises/")]
LIST_ITEM = re.compile(r"<li>(.*?)</li>", re.S)


def task_items(site, exercise):
    """The text and links of each item of the page's exercise list (its hints and solutions left out)."""
    page = built_page(site, exercise.page)
    section = page[page.index('id="exercises"'):]
    section = re.sub(r"<details.*?</details>", " ", section, flags=re.S)
    return [html_lib.unescape(item) for item in LIST_ITEM.findall(section)]


def test_every_chapter_exercise_is_found():
    assert len(IN_CHAPTERS) >= 35


@pytest.mark.parametrize("exercise", IN_CHAPTERS, ids=lambda e: e.id)
def test_each_exercise_links_its_starter_and_names_its_check_command(site, exercise):
    download = f'downloads/{exercise.starter.relative_to(EXERCISES_DIR).as_posix()}"'
    command = f"python -m snippets.check {exercise.id} {exercise.starter.name}"
    items = [item for item in task_items(site, exercise) if download in item]
    assert len(items) == 1, f"{exercise.page}: {len(items)} exercises link {download[:-1]}"
    assert command in re.sub(r"<[^>]+>", "", items[0]), f"{exercise.page}: the exercise does not say `{command}`"
