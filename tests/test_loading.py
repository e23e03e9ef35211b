"""Strict YAML loading: what stays text, what is refused, and where each problem is reported."""

from __future__ import annotations

import pytest

from drafter.errors import CaseError
from drafter.case.source import MAX_BYTES, MAX_DEPTH, MAX_NODES, decode, load_file, load_text


def problems(text: str, **kwargs) -> list[str]:
    with pytest.raises(CaseError) as caught:
        load_text(text, "f.yaml", **kwargs)
    return [str(p) for p in caught.value.problems]


def only(text: str) -> str:
    found = problems(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    "written",
    ["NO", "yes", "off", "On", "True", "0701234567", "1:20", "2017-06-14", "0x1F", "1.5e3", ".inf", "0o17", "+1", "1_000"],
)
def test_only_true_and_false_are_not_text(written):
    assert load_text(f"a: {written}\n").data == {"a": written}


def test_booleans_and_empty_values():
    data = load_text("a: true\nb: false\nc:\nd: ~\ne: null\nf: 'true'\ng: ''\n").data
    assert data == {"a": True, "b": False, "c": None, "d": None, "e": None, "f": "true", "g": ""}


def test_positions_of_keys_and_values():
    loaded = load_text("a:\n  b: [x, {c: y}]\n")
    assert loaded.position(("a", "b")) == (2, 3)
    assert loaded.position(("a", "b"), at_value=True) == (2, 6)
    assert loaded.position(("a", "b", 1, "c"), at_value=True) == (2, 14)
    assert loaded.position(("a", "missing")) == (1, 1)  # the nearest enclosing key


def test_duplicate_key_names_both_lines():
    assert only("a: 1\nb:\n  c: 1\n  c: 2\n") == "f.yaml:4:3: fältet 'c' står två gånger, på rad 3 och på rad 4 — ta bort det ena"


def test_keys_are_compared_in_one_unicode_form():
    # "ä" as one character and as "a" plus a combining diaeresis look the same in an editor.
    assert "står två gånger" in only("handläggare: 1\nhandla\u0308ggare: 2\n")
    assert list(load_text("handla\u0308ggare: x\n").data) == ["handläggare"]


@pytest.mark.parametrize(
    "text, place, words",
    [
        ("a: &x 1\n", "1:4", "ankaret &x"),
        ("a: *x\n", "1:4", "hänvisningen *x (YAML-alias)"),
        ("a: !!python/object/apply:os.system [ls]\n", "1:4", "taggen '!!python/object/apply:os.system'"),
        ("a: !!str 1\n", "1:4", "taggen '!!str'"),
        ("a: !lokal x\n", "1:4", "taggen '!lokal'"),
        ("a:\n  <<: {b: 1}\n", "2:3", "sammanslagning med '<<'"),
    ],
)
def test_yaml_constructs_are_refused(text, place, words):
    message = only(text)
    assert message.startswith(f"f.yaml:{place}: ") and words in message


def test_every_refusal_is_reported_at_once():
    text = "a: &x 1\nb: *x\nc: !!str 2\nd: \"\\v\"\ne: 1\ne: 2\nf:\n  <<: {g: 1}\n"
    found = problems(text)
    assert [m.split(": ")[0] for m in found] == ["f.yaml:1:4", "f.yaml:2:4", "f.yaml:3:4", "f.yaml:4:4", "f.yaml:6:1", "f.yaml:8:3"]


def test_partial_loading_returns_the_problems_and_marks_doubtful_values():
    loaded = load_text("a: &x 1\nb: *x\nc: 2\n", partial=True)
    assert len(loaded.problems) == 2
    assert loaded.data == {"a": "1", "b": None, "c": "2"}
    assert loaded.is_doubtful(("b",)) and not loaded.is_doubtful(("c",))


@pytest.mark.parametrize(
    "text, place, words",
    [
        ('a: "\\v"\n', "1:4", "U+000B (vertikal tabb"),
        ('a: "x\\0"\n', "1:4", "U+0000"),
        ('a: "\\ud800"\n', "1:4", "U+D800 (ensamt surrogattecken)"),
        ('a: "\\uFFFE"\n', "1:4", "U+FFFE"),
        ("a: x\x0by\n", "1:5", "U+000B"),
        ("a: ok\nb: x\x01\n", "2:5", "U+0001"),
        ("a: x\x96y\n", "1:5", "troligen ett felkodat '–'"),
        ("a: x\u2028y\nb: 1\n", "1:5", "LINE SEPARATOR"),
        ("a: x\x85y\n", "1:5", "NEL"),
        ("a: x\ufffey\n", "1:5", "U+FFFE"),
    ],
)
def test_characters_word_cannot_hold_are_located(text, place, words):
    message = only(text)
    assert message.startswith(f"f.yaml:{place}: ") and words in message


def test_characters_after_a_line_separator_keep_their_line():
    # YAML counts U+2028 as a line break, editors do not: the error below must say line 2.
    found = problems("a: x\u2028y\nb: \"\\v\"\n")
    assert found[1].startswith("f.yaml:2:4: ")


def test_surrogate_pairs_written_as_escapes_are_joined():
    assert load_text('a: "\\ud83d\\ude00"\n').data == {"a": "\U0001f600"}


def test_tabs_and_ordinary_unicode_stay():
    data = load_text("a: \"x\\ty\"\nb: hårt\u00a0mellanslag, mjukt\u00ad bindestreck – ”citat” 😀\n").data
    assert data["a"] == "x\ty" and "\u00a0" in data["b"]


@pytest.mark.parametrize(
    "text, place, words",
    [
        ('a: "hej\nb: 2\n', "1:4", "citattecknet här stängs aldrig"),
        ("a: 1\nb\nc: 2\n", "2:1", "saknas kolon"),
        ("a:\n\tb: 1\n", "2:1", "tabbtecken"),
        ("a:\n  b: 1\n c: 2\n", "3:2", "fel indrag"),
        ("a:\n  b: 1\nc: x\n    d: 2\n", "4:6", "indraget stämmer inte"),
        ("rubrik: Svar: motion\n", "1:13", "kolon följt av mellanslag"),
        ("a: *kursiv* text\n", "1:4", "'*' ska stå inom citattecken"),
        ("a: @x\n", "1:4", "kan inte börja med '@'"),
        ("a: [Utkast, x\nb: 1\n", "1:4", "'[' här inleder"),
        ('a: "x" y\n', "1:8", "oväntad text efter värdet"),
        ("a: | text\n  b\n", "1:6", "efter '|' eller '>'"),
        ("a: 1\n---\nb: 2\n", "2:1", "flera dokument"),
        ('a: "c:\\data"\n', "1:8", "escape-sekvens"),
        ('a: "\\x4"\n', "1:7", "\\x-, \\u- eller \\U-sekvens"),
        ("a: - b\n", "1:4", "'- ' kan inte stå här"),
    ],
)
def test_syntax_errors_are_swedish_and_located(text, place, words):
    message = only(text)
    assert message.startswith(f"f.yaml:{place}: ") and words in message, message


def test_text_lost_to_a_comment_is_reported():
    found = problems("rubrik: Svar på motion #2\nb: # en kommentar\nc: x # också en kommentar\nd: #1\n")
    assert [m.split(": ")[0] for m in found] == ["f.yaml:1:24", "f.yaml:4:4"]
    assert "räknas som en kommentar" in found[0]


def test_deep_nesting_is_refused_before_it_exhausts_the_stack():
    message = only("a: " + "[" * 100_000 + "]" * 100_000 + "\n")
    assert f"fler än {MAX_DEPTH} nivåer" in message


def test_empty_files_and_files_without_fields():
    assert "filen är tom" in only("")
    assert "filen är tom" in only("# bara en kommentar\n")
    assert "förväntade fält" in only("- a\n- b\n")
    assert "förväntade fält" in only("bara text\n")


def test_crlf_cr_and_bom_simply_work():
    assert load_text("\ufeffa: 1\r\nb: 2\r\n").data == {"a": "1", "b": "2"}
    assert load_text("a: 1\rb: 2\r").data == {"a": "1", "b": "2"}
    assert decode("f", b"\xef\xbb\xbfa: 1\r\n") == "a: 1\r\n"
    assert only("a: 1\r\nb\r\nc: 2\r\n").startswith("f.yaml:2:1: ")


def test_line_ends_written_as_escapes_are_line_ends():
    # YAML turns the file's own line breaks into "\n"; an escaped "\r" in quotes becomes one too,
    # so every later step (one-line fields, escaping, Markdown rules, headings) sees the same lines.
    assert load_text('a: "Bakgrund\\r===\\rText"\nb: "x\\r\\ny"\n').data == {"a": "Bakgrund\n===\nText", "b": "x\ny"}


@pytest.mark.parametrize(
    "raw",
    [
        "dokument: svar\n".encode("utf-16"),  # with byte order mark
        "dokument: svar\n".encode("utf-16-le"),
        "dokument: svar\n".encode("utf-16-be"),
    ],
)
def test_utf16_is_recognised(raw):
    with pytest.raises(CaseError) as caught:
        decode("f.yaml", raw)
    assert str(caught.value).startswith("f.yaml:1:1: filen är sparad som UTF-16")
    assert "Spara som" in str(caught.value)


def test_windows_1252_is_located_at_the_first_foreign_byte():
    raw = "a: 1\r\nb: 2\r\nförvaltning: x\r\n".encode("cp1252")
    with pytest.raises(CaseError) as caught:
        decode("f.yaml", raw)
    message = str(caught.value)
    assert message.startswith("f.yaml:3:2: filen är inte sparad som UTF-8 (troligen Windows-1252/ANSI)")
    assert "'ö'" in message


def test_large_files_are_refused_with_the_limit(tmp_path):
    big = tmp_path / "stor.yaml"
    big.write_bytes(b"a: " + b"x" * MAX_BYTES + b"\n")
    with pytest.raises(CaseError) as caught:
        load_file(big)
    message = str(caught.value)
    assert message.startswith(f"{big}:1:1: filen är för stor") and f"{MAX_BYTES:,}".replace(",", " ") in message


def test_unreadable_file(tmp_path):
    with pytest.raises(CaseError) as caught:
        load_file(tmp_path / "finns-inte.yaml")
    assert "filen kan inte läsas" in str(caught.value)


def test_locate_finds_a_place_inside_a_block_of_text():
    loaded = load_text("a: 1\ntext: |\n  första raden\n\n  [^1] och [^1]\n")
    assert loaded.locate(("text",), "[^1]", 0) == (5, 3)
    assert loaded.locate(("text",), "[^1]", 1) == (5, 12)
    assert loaded.locate(("text",), "saknas") == (2, 7)  # not there: the value's own place


def test_keys_with_characters_word_cannot_hold_are_located():
    message = only('a:\n  "\\ud800x": 1\n')
    assert message.startswith("f.yaml:2:3: fältnamnet innehåller tecken som inte kan stå i ett Word-dokument: U+D800")
    assert load_text('"\\ud800": 1\n', partial=True).data == {"\ufffd": "1"}


def test_files_with_absurdly_many_values_are_refused_early():
    message = only("".join(f"k{i}: v\n" for i in range(MAX_NODES)))
    assert message.startswith(f"f.yaml:{MAX_NODES // 2}:") and "fler än 10 000 värden" in message
