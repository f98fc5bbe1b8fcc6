"""Tests for eventwire.ingest.readers: seed text, plain text, JSONL, CSV, directories and located errors."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from eventwire.ingest.readers import ReadError, content_id, read_articles
from eventwire.model import Article


def read(*paths: Path, published: dt.date | None = None) -> list[Article | ReadError]:
    return list(read_articles(list(paths), published))


def articles_of(items: list[Article | ReadError]) -> list[Article]:
    return [i for i in items if isinstance(i, Article)]


def errors_of(items: list[Article | ReadError]) -> list[ReadError]:
    return [i for i in items if isinstance(i, ReadError)]


# -- seed format and plain text ----------------------------------------------------------------------


def test_seed_format_with_leading_space_keeps_header_and_parses_date(tmp_path: Path) -> None:
    text = " date 2021-07-07 Gunmen killed three villagers near Maiduguri on Monday."
    path = tmp_path / "a.txt"
    path.write_text(text, encoding="utf-8")
    (article,) = read(path)
    assert isinstance(article, Article)
    assert article.text == text
    assert article.published == dt.date(2021, 7, 7)
    assert article.id == content_id(text)
    assert article.origin == str(path)


def test_seed_format_without_leading_space(tmp_path: Path) -> None:
    text = "date 2021-07-07 Protesters gathered in Baghdad."
    path = tmp_path / "b.txt"
    path.write_text(text, encoding="utf-8")
    (article,) = read(path)
    assert isinstance(article, Article)
    assert article.text == text
    assert article.published == dt.date(2021, 7, 7)


def test_seed_header_overrides_given_published(tmp_path: Path) -> None:
    path = tmp_path / "c.txt"
    path.write_text(" date 2020-01-02 Text here.", encoding="utf-8")
    (article,) = read(path, published=dt.date(1999, 1, 1))
    assert isinstance(article, Article)
    assert article.published == dt.date(2020, 1, 2)


def test_plain_text_with_published(tmp_path: Path) -> None:
    path = tmp_path / "plain.txt"
    path.write_text("Clashes broke out in Kirkuk.", encoding="utf-8")
    (article,) = read(path, published=dt.date(2022, 5, 6))
    assert isinstance(article, Article)
    assert article.text == "Clashes broke out in Kirkuk."
    assert article.published == dt.date(2022, 5, 6)


def test_plain_text_without_published_is_an_error_on_line_1(tmp_path: Path) -> None:
    path = tmp_path / "plain.txt"
    path.write_text("Clashes broke out in Kirkuk.", encoding="utf-8")
    (error,) = read(path)
    assert isinstance(error, ReadError)
    assert error.path == str(path)
    assert error.line == 1
    assert "no publication date" in error.problem
    assert str(error).startswith(f"{path}:1: no publication date")


def test_invalid_utf8_text_file_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes(b" date 2021-01-01 caf\xe9 attack")
    (error,) = read(path)
    assert isinstance(error, ReadError)
    assert error.path == str(path)
    assert error.line == 1
    assert "not valid UTF-8 (byte 20 of the file, 0xe9)" in error.problem


def test_binary_file_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "blob.txt"
    path.write_bytes(b"date 2021-01-01 \x00\x01\x02binary")
    (error,) = read(path)
    assert isinstance(error, ReadError)
    assert error.path == str(path)
    assert "binary file" in error.problem


def test_empty_text_file_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_text("   \n", encoding="utf-8")
    (error,) = read(path, published=dt.date(2021, 1, 1))
    assert isinstance(error, ReadError)
    assert error.line is None
    assert error.problem == "empty file"


# -- JSONL --------------------------------------------------------------------------------------------


def test_jsonl_with_ids_and_optional_fields(tmp_path: Path) -> None:
    path = tmp_path / "news.jsonl"
    path.write_text(
        '{"id": "a1", "text": "First report.", "published": "2021-03-04", "url": "http://x/1", '
        '"title": "T1", "source": "AFP"}\n'
        '{"id": 7, "text": "Second report.", "published": "2021-03-05T10:00:00Z"}\n',
        encoding="utf-8",
    )
    first, second = read(path)
    assert first == Article(
        id="a1", text="First report.", published=dt.date(2021, 3, 4), url="http://x/1", title="T1",
        source="AFP", origin=f"{path}:1",
    )
    assert isinstance(second, Article)
    assert second.id == "7"
    assert second.published == dt.date(2021, 3, 5)
    assert second.url is None and second.title is None and second.source is None
    assert second.origin == f"{path}:2"


def test_jsonl_without_ids_uses_content_hash(tmp_path: Path) -> None:
    path = tmp_path / "news.jsonl"
    path.write_text(
        '{"text": "Same text here.", "published": "2021-03-04"}\n'
        '{"text": "Same   text\\nhere.", "published": "2021-03-05"}\n'
        '{"text": "Other text.", "published": "2021-03-05"}\n',
        encoding="utf-8",
    )
    a, b, c = articles_of(read(path))
    assert a.id.startswith("sha1-")
    assert len(a.id) == len("sha1-") + 16
    assert a.id == b.id  # whitespace-normalized text hashes the same
    assert a.id != c.id
    assert a.id == content_id("Same text here.")


def test_jsonl_malformed_line_in_middle(tmp_path: Path) -> None:
    path = tmp_path / "news.jsonl"
    path.write_text(
        '{"id": "a", "text": "One.", "published": "2021-01-01"}\n'
        '{"id": "b", "text": "Two.", "published": \n'
        '{"id": "c", "text": "Three.", "published": "2021-01-03"}\n',
        encoding="utf-8",
    )
    items = read(path)
    assert [type(i).__name__ for i in items] == ["Article", "ReadError", "Article"]
    assert [a.id for a in articles_of(items)] == ["a", "c"]
    (error,) = errors_of(items)
    assert error.path == str(path)
    assert error.line == 2
    assert error.problem.startswith("invalid JSON")
    assert str(error).startswith(f"{path}:2: invalid JSON")


def test_jsonl_blank_lines_are_skipped_but_counted(tmp_path: Path) -> None:
    path = tmp_path / "news.jsonl"
    path.write_text('\n\n{"id": "a", "text": "One.", "published": "bad"}\n', encoding="utf-8")
    (error,) = read(path)
    assert isinstance(error, ReadError)
    assert error.line == 3


def test_jsonl_field_errors_name_their_lines(tmp_path: Path) -> None:
    path = tmp_path / "news.jsonl"
    path.write_text(
        '{"id": "a", "published": "2021-01-01"}\n'
        '{"id": "b", "text": "   ", "published": "2021-01-01"}\n'
        '{"id": "c", "text": "Fine.", "published": "07/07/2021"}\n'
        '["not", "an", "object"]\n'
        '{"id": "d", "text": 5, "published": "2021-01-01"}\n'
        '{"id": "e", "text": "Good.", "published": "2021-01-06"}\n',
        encoding="utf-8",
    )
    items = read(path)
    errors = errors_of(items)
    assert [(e.line, e.path) for e in errors] == [(n, str(path)) for n in (1, 2, 3, 4, 5)]
    assert errors[0].problem == "field 'text' is missing or not a string"
    assert errors[1].problem == "field 'text' is empty"
    assert errors[2].problem == "published date '07/07/2021' is not an ISO date (YYYY-MM-DD)"
    assert errors[3].problem == "expected a JSON object, got list"
    assert errors[4].problem == "field 'text' is missing or not a string"
    assert [a.id for a in articles_of(items)] == ["e"]


def test_jsonl_missing_published_without_default_is_error(tmp_path: Path) -> None:
    path = tmp_path / "news.ndjson"
    path.write_text('{"id": "a", "text": "One."}\n', encoding="utf-8")
    (error,) = read(path)
    assert isinstance(error, ReadError)
    assert error.line == 1
    assert "published date missing" in error.problem
    (article,) = read(path, published=dt.date(2020, 2, 2))
    assert isinstance(article, Article)
    assert article.published == dt.date(2020, 2, 2)


# -- CSV ----------------------------------------------------------------------------------------------


def test_csv_with_quoted_multiline_field(tmp_path: Path) -> None:
    path = tmp_path / "news.csv"
    path.write_text(
        "text,published,id,url,title,source\n"
        '"Rockets hit Kirkuk, Iraq.\nTwo, maybe three, were hurt.",2023-03-15,k1,http://x/k,Kirkuk,AP\n'
        "Plain row.,2023-03-16,k2,,,\n",
        encoding="utf-8",
    )
    first, second = read(path)
    assert first == Article(
        id="k1", text="Rockets hit Kirkuk, Iraq.\nTwo, maybe three, were hurt.", published=dt.date(2023, 3, 15),
        url="http://x/k", title="Kirkuk", source="AP", origin=f"{path}:3",
    )
    assert second == Article(
        id="k2", text="Plain row.", published=dt.date(2023, 3, 16), origin=f"{path}:4",
    )


def test_csv_bad_date_row_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "news.csv"
    path.write_text(
        "text,published,id\n"
        "One.,2023-03-15,a\n"
        "Two.,March 16,b\n"
        "Three.,2023-03-17,c\n",
        encoding="utf-8",
    )
    items = read(path)
    assert [type(i).__name__ for i in items] == ["Article", "ReadError", "Article"]
    error = items[1]
    assert isinstance(error, ReadError)
    assert error.path == str(path)
    assert error.line == 3
    assert error.problem == "published date 'March 16' is not an ISO date (YYYY-MM-DD)"


def test_csv_without_text_column_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "news.csv"
    path.write_text("body,published\nOne.,2023-03-15\n", encoding="utf-8")
    (error,) = read(path)
    assert isinstance(error, ReadError)
    assert error.path == str(path)
    assert error.line == 1
    assert "'text' column" in error.problem


def test_csv_extra_fields_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "news.csv"
    path.write_text("text,published\nOne.,2023-03-15,extra\n", encoding="utf-8")
    (error,) = read(path)
    assert isinstance(error, ReadError)
    assert error.line == 2
    assert error.problem == "more fields than the header has columns"


# -- directories and paths ----------------------------------------------------------------------------


def test_directory_read_recursively_in_sorted_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "a").mkdir()
    (tmp_path / "b" / "z.txt").write_text("date 2021-01-03 Zed.", encoding="utf-8")
    (tmp_path / "a" / "y.jsonl").write_text('{"id": "y", "text": "Why.", "published": "2021-01-02"}\n',
                                            encoding="utf-8")
    (tmp_path / "0.csv").write_text("text,published,id\nZero.,2021-01-01,zero\n", encoding="utf-8")
    (tmp_path / "notes.md").write_text("date 2021-01-01 ignored", encoding="utf-8")
    (tmp_path / "a" / "data.json").write_text('{"text": "ignored"}', encoding="utf-8")
    items = read(tmp_path)
    assert all(isinstance(i, Article) for i in items)
    assert [a.text for a in articles_of(items)] == ["Zero.", "Why.", "date 2021-01-03 Zed."]


def test_missing_path_is_an_error(tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    (error,) = read(missing)
    assert error == ReadError(str(missing), None, "no such file or directory")
    assert str(error) == f"{missing}: no such file or directory"


def test_read_error_str_format() -> None:
    assert str(ReadError("news.jsonl", 12, "invalid JSON")) == "news.jsonl:12: invalid JSON"
    assert str(ReadError("news.jsonl", None, "gone")) == "news.jsonl: gone"


# -- counting records (the progress bar's total) ----------------------------------------------------------


def test_count_records_matches_what_read_articles_gives(tmp_path: Path) -> None:
    from eventwire.ingest.readers import count_records

    (tmp_path / "a.jsonl").write_text('{"text": "x", "published": "2021-01-01"}\n\n{bad\n', encoding="utf-8")
    (tmp_path / "b.csv").write_text('text,published\n"two\nlines",2021-01-01\nsecond,2021-01-02\n', encoding="utf-8")
    (tmp_path / "c.txt").write_text("date 2021-01-01 One article.", encoding="utf-8")
    missing = tmp_path / "missing.txt"
    assert count_records([tmp_path, missing]) == len(read(tmp_path, missing)) == 6
