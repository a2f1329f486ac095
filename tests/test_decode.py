import pytest

from newsgraph.decode import DecodeError, decode

WESTERN = "Ünïcödé straße café, naïve résumé — “quoted” in Zürich and Besançon."
POLISH = ("Premier powiedział w środę, że rząd nie zgodzi się na żadne ustępstwa. Władysław Kowalczyk, "
          "rzecznik ministerstwa, dodał, że negocjacje będą kontynuowane w przyszłym tygodniu w Warszawie. ") * 3
RUSSIAN = "Москва заявила, что переговоры продолжатся в понедельник, а делегации вернутся в Женеву. " * 2


def test_utf8_is_taken_as_is_without_a_flag():
    assert decode(WESTERN.encode("utf-8")) == (WESTERN, [])


def test_utf8_bom_is_dropped():
    assert decode("Hello".encode("utf-8-sig")) == ("Hello", [])


@pytest.mark.parametrize("text, encoding", [(WESTERN, "cp1252"), (POLISH, "cp1250"), (RUSSIAN, "cp1251")])
def test_legacy_encodings_are_detected_and_flagged(text, encoding):
    decoded, flags = decode(text.encode(encoding))
    assert decoded == text
    assert flags == [f"decoded from {encoding} (detected)"]


def test_declared_html_charset_is_used():
    page = '<html><head><meta charset="iso-8859-1"></head><body>Gespräche in München</body></html>'
    decoded, flags = decode(page.encode("latin-1"))
    assert "Gespräche in München" in decoded
    assert flags == ["decoded from iso8859-1 (declared)"]


def test_utf16_with_bom_is_read():
    decoded, flags = decode("Talks resume in Geneva.".encode("utf-16"))
    assert decoded == "Talks resume in Geneva."
    assert flags == ["decoded from utf-16"]


def test_binary_content_is_refused_with_a_reason():
    with pytest.raises(DecodeError, match="binary"):
        decode(b"\x89PNG\r\n\x1a\n" + bytes(200))
