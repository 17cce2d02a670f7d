"""Row heights of wrapped text in exported workbooks: lines counted at word breaks with
proportional letters, so a text that fits one line gets no empty second one."""

from __future__ import annotations

from storage.xlsx_style import wrapped_lines


def test_a_line_that_fits_stays_one_line() -> None:
    # 29 letters in a 25-unit column: about 25 units of a proportional font, one line.
    assert wrapped_lines("Negotiated prices and rebates", 25) == 1
    assert wrapped_lines("重庆海发电子科技股份有限公司", 29) == 1  # 14 characters of two units


def test_longer_texts_wrap_at_word_breaks() -> None:
    assert wrapped_lines("Followed up the quality issue on the last batch", 25) == 2
    assert wrapped_lines("重庆海发电子科技股份有限公司", 20) == 2
    assert wrapped_lines("first line\nsecond line", 40) == 2
    assert wrapped_lines("x" * 60, 25) == 3  # one word longer than the column breaks
    assert wrapped_lines("", 10) == 1
