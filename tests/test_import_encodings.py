"""CSV encodings told apart: GB18030 decodes almost anything, so a Shift_JIS or Big5 file must
be recognised as such, and a file that cannot be told apart is refused with the guesses."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storage.importer.encodings import detect_encoding, rank
from storage.importer.file_errors import EncodingUnknownError

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
    # With a judge that recognises the header, the same bytes are decided.
    assert detect_encoding(path, judge=lambda text: int("名称" in text)) == "gb18030"


def test_a_broken_byte_order_mark_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bom.csv"
    path.write_bytes(b"\xef\xbb\xbf" + "客户".encode("gbk"))
    with pytest.raises(EncodingUnknownError, match=r"UTF-8 \(broken\)"):
        detect_encoding(path)


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
        assert "could not be told apart" in str(error)
        return
    data.decode(encoding)  # the whole file reads strictly in the chosen encoding
