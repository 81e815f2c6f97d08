"""MathJax's MathML rewritten into MathML Core (snippets.sitebuild.mathml), on MathJax-shaped input."""

import pytest

from snippets.sitebuild.mathml import characters, styled, to_core

MATH = '<math xmlns="http://www.w3.org/1998/Math/MathML"{}>\n  {}\n</math>'


def core(body, display=False):
    return to_core(MATH.format(' display="block"' if display else "", body))


@pytest.mark.parametrize("character, variant, expected", [
    ("W", "bold", "𝐖"), ("x", "bold", "𝐱"), ("1", "bold", "𝟏"), ("δ", "bold-italic", "𝜹"), ("∇", "bold", "𝛁"),
    ("A", "script", "𝒜"), ("L", "script", "ℒ"), ("R", "double-struck", "ℝ"), ("C", "fraktur", "ℭ"), ("h", "italic", "ℎ"),
    ("x", "italic", "𝑥"), ("ϑ", "bold", "𝛝"), ("ϵ", "italic", "𝜖"), ("ϴ", "bold", "𝚹"), ("+", "bold", None), ("W", "no-such-variant", None),
])
def test_each_variant_is_the_letters_own_unicode_character(character, variant, expected):
    assert styled(character, variant) == expected


def test_variants_become_characters_and_only_an_upright_letter_keeps_its_attribute():
    out = core('<mi mathvariant="bold">W</mi><mi data-mjx-variant="-tex-calligraphic" mathvariant="script">L</mi>'
               '<mi mathvariant="normal">Δ</mi><mi mathvariant="normal">softmax</mi><mtext mathvariant="bold">bold!</mtext>')
    assert out == ('<math><mi>𝐖</mi><mi>ℒ</mi><mi mathvariant="normal">Δ</mi><mi>softmax</mi>'
                   '<mtext style="font-weight:bold">bold!</mtext></math>')


def test_a_variant_set_on_a_group_reaches_its_letters():
    assert core('<mstyle mathvariant="bold"><msub><mi>b</mi><mn>1</mn></msub></mstyle>') == \
        "<math><mstyle><msub><mi>𝐛</mi><mn>𝟏</mn></msub></mstyle></math>"


def test_mathjax_bookkeeping_namespace_and_indentation_go():
    out = core('<mrow data-mjx-texclass="ORD">\n    <mi>x</mi>\n  </mrow>', display=True)
    assert out == '<math display="block"><mrow><mi>x</mi></mrow></math>'


def test_aligned_columns_become_classes_and_half_the_column_spacing_on_each_side():
    out = core('<mtable displaystyle="true" columnalign="right left right left" columnspacing="0em 2em 0em" '
               'rowspacing="3pt"><mtr><mtd><mi>a</mi></mtd><mtd><mi></mi><mo>=</mo><mi>b</mi></mtd>'
               '<mtd><mi>c</mi></mtd><mtd><mi></mi><mo>=</mo><mi>d</mi></mtd></mtr>'
               '<mtr><mtd><mi>e</mi></mtd><mtd><mi></mi><mo>=</mo><mi>f</mi></mtd><mtd></mtd><mtd></mtd></mtr></mtable>')
    assert "columnalign" not in out and "columnspacing" not in out and "rowspacing" not in out
    cells = out.split("<mtd")[1:]
    assert [cell.split(">")[0] for cell in cells[:4]] == [
        ' class="math-right" style="padding:0 0 1.5pt 0"', ' class="math-left" style="padding:0 1em 1.5pt 0"',
        ' class="math-right" style="padding:0 0 1.5pt 1em"', ' class="math-left" style="padding:0 0 1.5pt 0"']
    assert cells[4].startswith(' class="math-right" style="padding:1.5pt 0 0 0"')


def test_a_hat_is_an_accent_drawn_with_the_spacing_circumflex():
    assert core('<mover><mi>y</mi><mo stretchy="false">^</mo></mover>') == \
        '<math><mover accent="true"><mi>y</mi><mo stretchy="false">ˆ</mo></mover></math>'
    assert core('<mover><mo>=</mo><mo>!</mo></mover>') == "<math><mover><mo>=</mo><mo>!</mo></mover></math>"


def test_operators_in_a_script_take_no_space_but_in_the_main_line_keep_theirs():
    out = core('<munderover><mo>∑</mo><mrow><mi>i</mi><mo>=</mo><mn>1</mn></mrow><mi>m</mi></munderover>'
               '<mi>x</mi><mo>=</mo><mn>1</mn>')
    assert '<mrow><mi>i</mi><mo lspace="0" rspace="0">=</mo><mn>1</mn></mrow>' in out
    assert "<mi>x</mi><mo>=</mo><mn>1</mn>" in out
    assert '<mo>∑</mo>' in out  # the operator itself is in the main line


def test_a_sign_that_starts_a_term_is_not_spaced_as_a_binary_operator():
    out = core('<mi>a</mi><mo>=</mo><mo>−</mo><mi>b</mi><mo>−</mo><mi>c</mi>')
    assert out == '<math><mi>a</mi><mo>=</mo><mo lspace="0" rspace="0">−</mo><mi>b</mi><mo>−</mo><mi>c</mi></math>'
    assert core("<mo>−</mo><mn>1</mn>").startswith('<math><mo lspace="0" rspace="0">−</mo>')
    assert core('<mo stretchy="false">)</mo><mo>−</mo><mn>1</mn>').count('lspace="0"') == 0  # (a)−1: binary


def test_a_function_name_is_followed_by_a_thin_space_unless_a_parenthesis_follows():
    assert core("<mi>log</mi><mo>\u2061</mo><mi>x</mi>") == \
        '<math><mi>log</mi><mo lspace="0" rspace="0.1667em">\u2061</mo><mi>x</mi></math>'
    assert '<mo lspace="0" rspace="0">\u2061</mo>' in core('<mi>softmax</mi><mo>\u2061</mo><mo stretchy="false">(</mo>')
    assert '<mo movablelimits="true" lspace="0" rspace="0">max</mo>' in core(
        '<mo data-mjx-texclass="OP" movablelimits="true">max</mo><mo stretchy="false">(</mo>')


def test_a_bar_or_bracket_that_tex_sets_as_a_letter_takes_no_space():
    out = core('<mrow data-mjx-texclass="OPEN"><mo minsize="1.2em" maxsize="1.2em">(</mo></mrow>'
               '<mo data-mjx-texclass="ORD" stretchy="false">|</mo><mi>x</mi><mo>.</mo>')
    assert out.count('lspace="0" rspace="0"') == 3


def test_a_prime_gets_the_class_that_draws_it_for_a_superscript():
    assert core("<msup><mi>f</mi><mo>′</mo></msup>") == \
        '<math><msup><mi>f</mi><mo class="math-prime">′</mo></msup></math>'


def test_the_padding_of_an_arrow_label_becomes_css():
    out = core('<mover><mo>→</mo><mpadded width="+0.833em" lspace="0.278em" voffset="-.2em" height="-.2em">'
               '<mtext>ReLU</mtext></mpadded></mover>')
    assert '<mpadded voffset="-.2em" style="padding-left:0.278em;padding-right:0.555em"><mtext>ReLU</mtext>' in out
    with pytest.raises(ValueError, match="expected lengths in em"):
        core('<mpadded width="+2pt"><mi>x</mi></mpadded>')


def test_the_characters_drawn_include_each_letters_italic_form_and_a_square_roots_radical():
    assert characters("<math><msqrt><mi>x</mi></msqrt><mo>&lt;</mo><mn>2</mn></math>") == {"x", "𝑥", "<", "2", "√"}


def test_what_browsers_cannot_lay_out_is_an_error_that_names_the_tex():
    with pytest.raises(ValueError, match=r"<menclose> \(\\boxed, \\cancel\) has no layout in MathML Core"):
        core('<menclose notation="box"><mi>x</mi></menclose>')
