"""CSV encodings told apart: GB18030 decodes almost anything, so a Shift_JIS or Big5 file must
be recognised as such, and a file that cannot be told apart is refused with the guesses."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storage.importer.columns import ImportKind
from storage.importer.encodings import detect_encoding, rank
from storage.importer.file_errors import (
    EncodingBrokenError,
    EncodingNoneError,
    EncodingUnknownError,
)
from storage.importer.sources import open_table

SIMPLIFIED = ("客户编号,客户名称,日期,金额\n"
              + "".join(f"C{n:03d},北京华为技术有限公司第{n}分公司,2024-03-14,1200.50\n"
                        for n in range(20))
              + "C900,上海张伟贸易有限公司,2024-03-15,300\n")
TRADITIONAL = ("客戶編號,客戶名稱,日期,金額\n"
               + "".join(f"C{n:03d},臺北華碩電腦股份有限公司第{n}營業所,2024-03-14,1200.50\n"
                         for n in range(20)))
JAPANESE = ("日付,顧客名,売上,数量\n"
            + "".join(f"2024/03/{n % 28 + 1:02d},株式会社サンプル商事{n}号店,12000,3\n"
                      for n in range(20))
            + "2024/03/15,山田太郎,3000,1\n")


def _file(tmp_path: Path, text: str, encoding: str) -> Path:
    path = tmp_path / f"{encoding}.csv"
    path.write_bytes(text.encode(encoding))
    return path


@pytest.mark.parametrize(("text", "encoding", "expected"), [
    (SIMPLIFIED, "gb18030", "gb18030"),
    (SIMPLIFIED, "gbk", "gb18030"),
    (TRADITIONAL, "big5", "cp950"),
    (JAPANESE, "shift_jis", "cp932"),
    (JAPANESE, "cp932", "cp932"),
    (JAPANESE, "euc_jp", "euc_jp"),
    (JAPANESE, "utf-8", "utf-8"),
    (JAPANESE, "utf-16", "utf-16"),
    (SIMPLIFIED, "utf-8-sig", "utf-8-sig"),
])
def test_each_encoding_is_recognised(tmp_path: Path, text: str, encoding: str,
                                     expected: str) -> None:
    path = _file(tmp_path, text, encoding)
    found = detect_encoding(path)
    assert found == expected
    assert path.read_bytes().decode(found) == text  # read back exactly, no mojibake


def test_japanese_is_not_read_as_chinese(tmp_path: Path) -> None:
    """The case that stored mojibake: Shift_JIS bytes decode cleanly as GB18030 too."""
    data = JAPANESE.encode("shift_jis")
    data.decode("gb18030")  # no error: a strict decode proves nothing
    guesses = rank(data)
    assert guesses[0].encoding == "shift_jis" and guesses[0].language == "Japanese"


def test_a_file_too_short_to_tell_is_refused_with_guesses(tmp_path: Path) -> None:
    path = tmp_path / "short.csv"
    path.write_bytes("名称\n华东\n".encode("gbk"))
    with pytest.raises(EncodingUnknownError) as caught:
        detect_encoding(path)
    message = str(caught.value)
    assert "could not be told apart" in message and "GB18030/GBK" in message
    assert "Save it as CSV UTF-8" in message
    # the guesses by their encodings' names only: the detector's language words are English
    assert "(Chinese)" not in message and "(Japanese)" not in message
    # With a judge that recognises the header, the same bytes are decided.
    assert detect_encoding(path, judge=lambda text: int("名称" in text)) == "gb18030"


def test_a_broken_byte_order_mark_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bom.csv"
    path.write_bytes(b"\xef\xbb\xbf" + "客户".encode("gbk"))
    with pytest.raises(EncodingBrokenError) as caught:
        detect_encoding(path)
    assert str(caught.value) == (
        f"{path} is UTF-8 text, but not all of it: some bytes do not read as UTF-8 (the file "
        "may be cut, joined from two files or still being written). Save it again as CSV "
        "UTF-8 (Excel: Save As → CSV UTF-8; WPS: encoding UTF-8) or as an .xlsx workbook and "
        "try again.")


def test_bytes_that_no_encoding_reads_are_refused_as_not_text(tmp_path: Path) -> None:
    """Control bytes read by every candidate as noise: not 'could not be told apart' between
    encodings that all fail, but whether it is a CSV file at all."""
    path = tmp_path / "binary.csv"
    path.write_bytes(bytes(range(0x80, 0x100)) * 8 + b"\x00\x01\x02\x03" * 64)
    with pytest.raises(EncodingNoneError) as caught:
        detect_encoding(path)
    message = str(caught.value)
    assert message.startswith(f"{path} does not read as text in any encoding KeyPlan knows "
                              "(GB18030/GBK, Big5, Shift_JIS, EUC-JP, EUC-KR, Windows-1252)")
    assert "is it a CSV file?" in message


def test_a_file_changed_after_its_encoding_was_read_is_refused_whole(tmp_path: Path) -> None:
    """The reader opens the file again for its rows: bytes appended meanwhile that are not
    in its encoding end the import with a message (it raised KeyError 'guesses')."""
    path = tmp_path / "growing.csv"
    path.write_bytes(("客户编号,客户名称\n" + "C1,华为\n" * 50).encode("utf-8"))
    source = open_table(path, ImportKind.CUSTOMERS)
    assert source.encoding == "utf-8"
    path.write_bytes(path.read_bytes() + "C2,中兴\n".encode("gbk"))
    with pytest.raises(EncodingBrokenError, match="is UTF-8 text, but not all of it"):
        list(source.rows())


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(min_size=1, max_size=400))
def test_any_bytes_give_an_encoding_that_reads_them_or_a_refusal(tmp_path: Path,
                                                                 data: bytes) -> None:
    path = tmp_path / "any.csv"
    path.write_bytes(data)
    try:
        encoding = detect_encoding(path)
    except EncodingUnknownError as error:
        assert str(error).endswith("or as an .xlsx workbook and try again.")
        return
    data.decode(encoding)  # the whole file reads strictly in the chosen encoding
