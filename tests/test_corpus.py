"""A corpus of broken data, generated from the shipped files with one defect each: the validator
names file, line and column; the pages that need the file explain, the others keep working."""

import csv
import io
import shutil

import pytest

from nkties import registry, schema
from nkties.data import validate
from tests.conftest import DATA
from tests.test_pages import PAGES, open_page

DATASETS = schema.resource_names()


def _rows(path):
    text = path.read_text(encoding="utf-8")
    return list(csv.reader(io.StringIO(text)))


def _write(path, rows):
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")


def _field(name, pred):
    for i, f in enumerate(schema.fields(name)):
        if pred(f):
            return i, f["name"]
    return None


def _set_cell(path, name, pred, value):
    """Put value in line 2 of the first column matching pred; return (line, column) or None."""
    hit = _field(name, pred)
    if hit is None:
        return None
    i, col = hit
    rows = _rows(path)
    rows[1][i] = value
    _write(path, rows)
    return 2, col


def d_missing(p, name):
    p.unlink()
    return None, None


def d_empty(p, name):
    p.write_text("", encoding="utf-8")
    return None, None


def d_wrong_header(p, name):
    rows = _rows(p)
    rows[0][0] = rows[0][0] + "_x"
    _write(p, rows)
    return 1, None


def d_no_header(p, name):
    rows = _rows(p)
    _write(p, rows[1:])
    return 1, None


def d_text_in_number(p, name):
    return _set_cell(p, name, lambda f: f["type"] in ("number", "integer"), "twelve")


def d_bad_date(p, name):
    return _set_cell(p, name, schema.is_partial_date, "2014-02-31")


def d_unknown_value(p, name):
    return _set_cell(p, name, lambda f: "enum" in f.get("constraints", {}), "Atlantis")


def d_duplicate_key(p, name):
    rows = _rows(p)
    rows.append(rows[1])
    _write(p, rows)
    return len(rows), None


def d_unresolved_source(p, name):
    return _set_cell(p, name, lambda f: f["name"] == "source_id" and name != "sources", "no_such_source")


def d_other_encoding(p, name):
    p.write_bytes(p.read_bytes().replace(b"\n", b"\n", 1) + "é,".encode("latin-1") + b"\n")
    return None, None


def d_truncated(p, name):
    text = p.read_text(encoding="utf-8").rstrip("\n")
    p.write_text(text[: text.rfind("\n") + 4], encoding="utf-8")
    return len(text.split("\n")), None


def d_header_only(p, name):
    p.write_text(p.read_text(encoding="utf-8").split("\n")[0] + "\n", encoding="utf-8")
    return 1, None


def d_folder(p, name):
    p.unlink()
    p.mkdir()
    (p / "inside.csv").write_text("x\n", encoding="utf-8")
    return None, None


DEFECTS = [d_header_only, d_folder, d_missing, d_empty, d_wrong_header, d_no_header, d_text_in_number, d_bad_date, d_unknown_value,
           d_duplicate_key, d_unresolved_source, d_other_encoding, d_truncated]


def broken_copy(tmp_path, name, defect):
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    where = defect(folder / schema.resource(name)["path"], name)
    return folder, where


@pytest.mark.parametrize("defect", DEFECTS, ids=lambda d: d.__name__[2:])
@pytest.mark.parametrize("name", DATASETS)
def test_validator_names_file_line_and_column(tmp_path, name, defect):
    folder, where = broken_copy(tmp_path, name, defect)
    if where is None:
        pytest.skip(f"{name} has no column this defect applies to")
    line, column = where
    file = schema.resource(name)["path"]
    problems = validate(folder)
    mine = [p for p in problems if p.file == file]
    assert mine, [str(p) for p in problems]
    if line is not None:
        assert any(p.line == line for p in mine), [str(p) for p in mine]
    if column is not None:
        assert any(p.column == column and p.line == line for p in mine), [str(p) for p in mine]


def test_byte_order_mark_in_every_file_is_fine(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    for name in DATASETS:
        p = folder / schema.resource(name)["path"]
        p.write_bytes(b"\xef\xbb\xbf" + p.read_bytes())
    assert validate(folder) == validate(DATA)


def _needs(page: str) -> set[str]:
    return set(registry.page(page).needs)


@pytest.mark.parametrize("name", DATASETS)
def test_each_page_with_a_broken_file(tmp_path, monkeypatch, name):
    folder, _ = broken_copy(tmp_path, name, d_wrong_header)
    monkeypatch.setenv("NKTIES_DATA_DIR", str(folder))
    file = schema.resource(name)["path"]
    for page in PAGES:
        at = open_page(page)
        assert not at.exception, (page, name, [e.value for e in at.exception])
        if name in _needs(page):
            assert at.error and f"`{file}`" in at.error[0].value, (page, name)
            assert f"{file}, line 1" in at.code[0].value
        elif page != "sources":
            assert not at.error, (page, name, [e.value for e in at.error])


@pytest.mark.parametrize("defect", DEFECTS, ids=lambda d: d.__name__[2:])
def test_trade_defects_never_crash_a_page(tmp_path, monkeypatch, defect):
    folder, where = broken_copy(tmp_path, "trade", defect)
    if where is None and defect not in (d_missing, d_empty, d_other_encoding):
        pytest.skip("trade.csv has no column this defect applies to")
    monkeypatch.setenv("NKTIES_DATA_DIR", str(folder))
    for page in ("trade", "projects"):
        at = open_page(page)
        assert not at.exception, (page, defect.__name__, [e.value for e in at.exception])
    at = open_page("trade")
    assert at.info if defect is d_header_only else at.error


def test_markup_in_data_is_shown_as_text(tmp_path, monkeypatch):
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    rows = _rows(folder / "sources.csv")
    col = rows[0].index("publisher")
    for r in rows[1:]:
        r[col] = "<b>x</b> [click](javascript:alert(1))"
    _write(folder / "sources.csv", rows)
    monkeypatch.setenv("NKTIES_DATA_DIR", str(folder))
    at = open_page("trade")
    assert not at.exception
    caption = next(c.value for c in at.caption if c.value.startswith("Sources:"))
    import re

    # Escaped, the text shows literally: no link, no tag.
    assert not re.search(r"(?<!\\)\]\(javascript", caption) and not re.search(r"(?<!\\)<b>", caption)
    assert "click" in caption


# The one place HTML is rendered: the checked text with its marks, built by views.marked_html, which
# escapes every character of the reader's text (tests/test_pages.py and test_browser.py feed it markup).
# The frame's stylesheet is the repository's own file, with no reader input in it.
HTML_ALLOWED = {"pages/check-a-figure.py": "st.html(v.html)", "dashboard.py": 'st.html(STATIC / "app.css")'}


def test_no_code_renders_html_but_the_escaped_checked_text():
    for path in [*DATA.parent.glob("pages/*.py"), *DATA.parent.glob("nkties/*.py"), DATA.parent / "dashboard.py"]:
        src = path.read_text(encoding="utf-8")
        allowed = HTML_ALLOWED.get(path.relative_to(DATA.parent).as_posix())
        if allowed:
            assert src.count("st.html") == src.count(allowed) == 1, path
            src = src.replace(allowed, "")
        assert "unsafe_allow_html" not in src and "st.html" not in src and "components.html" not in src, path


def test_marked_text_escapes_everything_the_reader_wrote():
    from nkties import check, views
    from nkties.data import load_all
    text = '<script>x</script> & "q" <img src=x onerror=alert(1)> China-North Korea trade was $2.3bn in 2023'
    html = views.marked_html(text, check.check_text(text, check.Data.from_bundle(load_all(DATA))))
    assert "<script>" not in html and "<img" not in html and "&lt;script&gt;" in html and "&amp;" in html
    assert html.count("<mark ") == 1 and ">$2.3bn<" in html


@pytest.mark.parametrize("defect", [d_header_only, d_folder], ids=lambda d: d.__name__[2:])
@pytest.mark.parametrize("name", DATASETS)
def test_every_page_with_an_empty_or_unreadable_file(tmp_path, monkeypatch, name, defect):
    """A file with a header and no rows, or a folder where the file should be: no page raises; a page
    that needs the file says which file; a page that has nothing to show without it says so."""
    folder, _ = broken_copy(tmp_path, name, defect)
    monkeypatch.setenv("NKTIES_DATA_DIR", str(folder))
    file = schema.resource(name)["path"]
    for page in registry.PAGES:
        at = open_page(page.key)
        assert not at.exception, (page.key, name, [e.value for e in at.exception])
        if defect is d_folder and name in page.needs:
            assert at.error and f"`{file}`" in at.error[0].value and "is not a file" in at.code[0].value, (page.key, name)
        elif defect is d_header_only and name in page.needs_rows:
            # the empty file itself, or a file whose rows now point at nothing in it
            said = [m.value for m in [*at.info, *at.error]]
            assert any(f"`{file}`" in m and "no rows" in m for m in said) or any("problem" in m for m in said), (page.key, name, said)
