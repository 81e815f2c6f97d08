"""The build's runner of page code (snippets.sitebuild.pagecode): how it reads blocks out of a
page, runs them, caches the runs and puts the outputs on the page."""

import json
import re

import pytest

from snippets.sitebuild import first_load, pagecode

PAGE = (
    '<p>Intro</p>'
    '<div class="language-python highlight"><pre><span></span><code><span id="l1"><a href="#l1"></a>'
    '<span class="n">x</span> <span class="o">=</span> <span class="mi">2</span>\n</span></code></pre></div>'
    '<details class="success"><summary>Solution</summary>'
    '<div class="language-python highlight"><pre><span></span>'
    '<code>print(x &lt; 3, &quot;ok&quot;)\n</code></pre></div>'
    '</details>'
    '<div class="language-python highlight"><span class="filename">f.py</span><pre><span></span>'
    '<code>print(x * 21)\n</code></pre></div>'
    '<div class="language-bash highlight"><pre><span></span><code>pip install x\n</code></pre></div>'
    '<details class="example"><summary>Run it yourself</summary>'
    '<div class="language-python highlight"><pre><span></span><code>print(x + 1)\n</code></pre></div>'
    '</details>'
)


def test_blocks_are_read_the_same_once_the_build_has_sized_them():
    built = first_load.measure_code_blocks(PAGE)
    assert built.count("data-columns") == 5
    assert [b.code for b in pagecode.python_blocks(built)] == [b.code for b in pagecode.python_blocks(PAGE)]


def test_blocks_are_read_as_the_copy_button_gives_them():
    blocks = pagecode.python_blocks(PAGE)
    assert [b.code for b in blocks] == ["x = 2\n", 'print(x < 3, "ok")\n', "print(x * 21)\n", "print(x + 1)\n"]
    assert [b.in_solution for b in blocks] == [False, True, False, False]
    assert [b.reproduces for b in blocks] == [False, False, False, True]
    assert all(PAGE[:b.end].endswith("</div>") for b in blocks)


def test_blocks_run_in_order_in_one_session_and_outputs_go_under_their_blocks():
    blocks = pagecode.python_blocks(PAGE)
    result = pagecode.run_blocks([b.code for b in blocks])
    assert result["outputs"] == ["", "True ok\n", "42\n", "3\n"]
    html = pagecode.with_outputs(PAGE, blocks, result["outputs"])
    assert html.count('class="page-output"') == 3
    assert re.search(r"print\(x \* 21\).*?</div><div class=\"page-output\">.*?42", html, re.S)
    assert "a &lt; b" in pagecode.output_html("a < b")
    shown = [pagecode.shown_output(html, block) for block in pagecode.python_blocks(html)]
    assert shown == ["", "True ok", "42", "3"]


def test_a_failing_block_is_named_with_its_traceback():
    with pytest.raises(pagecode.BlockFailed, match=r"code block 2 of 2 \('y = undefined_name'\) raised:\n"
                                                    r"(?s:.*)NameError: name 'undefined_name' is not defined"):
        pagecode.run_blocks(["x = 1", "y = undefined_name"])


def test_a_block_that_exits_fails_too():
    with pytest.raises(pagecode.BlockFailed, match="SystemExit"):
        pagecode.run_blocks(["raise SystemExit(0)"])


def test_classes_and_dataclasses_defined_by_blocks_work_as_in_a_session():
    code = ("from dataclasses import dataclass\n@dataclass\nclass P:\n    x: int\n"
            "import pickle\nprint(pickle.loads(pickle.dumps(P(3))))")
    assert pagecode.run_blocks([code])["outputs"] == ["P(x=3)\n"]


def test_runs_are_cached_until_the_code_or_a_module_it_imported_changes(tmp_path, monkeypatch):
    runs = pagecode.PageRuns(tmp_path / "cache")
    calls = []
    real = pagecode.run_blocks

    def counting(codes, **kwargs):
        calls.append(codes)
        return real(codes, **kwargs)

    monkeypatch.setattr(pagecode, "run_blocks", counting)
    codes = ["from snippets.atomic import atomic_write\nprint('hi')"]
    assert runs.outputs("page.md", codes) == ["hi\n"]
    assert runs.outputs("page.md", codes) == ["hi\n"] and len(calls) == 1
    assert runs.outputs("page.md", codes + ["print(1)"]) == ["hi\n", "1\n"] and len(calls) == 2
    stored_path = tmp_path / "cache" / "page.md.json"
    stored = json.loads(stored_path.read_text())
    atomic = next(name for name in stored["modules"] if name.endswith("snippets/atomic.py"))  # what the run imported
    stored["modules"][atomic] = "the digest of an older version"
    stored_path.write_text(json.dumps(stored))
    assert runs.outputs("page.md", codes + ["print(1)"]) == ["hi\n", "1\n"] and len(calls) == 3


def test_setup_box_says_what_the_code_needs(tmp_path):
    (tmp_path / "snippets/examples").mkdir(parents=True)
    fence = '```python\n--8<-- "snippets/examples/page.py:setup"\n```'
    install = lambda extra="": f"pip install nn{extra}"  # noqa: E731

    def box(setup):
        (tmp_path / "snippets/examples/page.py").write_text(f"# --8<-- [start:setup]\n{setup}# --8<-- [end:setup]\n")
        return pagecode.setup_box(pagecode.SETUP_FENCE.search(fence), tmp_path, install)

    assert "It needs only NumPy, not the book's package." in box("import numpy as np\n")
    assert "NumPy and Matplotlib" in box("import numpy as np\nimport matplotlib.pyplot as plt\n")
    with_package = box("import numpy as np\nfrom snippets.neuron import neuron  # built in \"X\"\n")
    assert "pip install nn\n" in with_package and "this build's own run" in with_package
    assert '    --8<-- "snippets/examples/page.py:setup"' in with_package
    (tmp_path / "snippets/examples/page.py").write_text("x = 1\n")
    with pytest.raises(ValueError, match="has no section 'setup'"):
        pagecode.setup_box(pagecode.SETUP_FENCE.search(fence), tmp_path, install)
