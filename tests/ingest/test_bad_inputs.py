"""Every case of the broken-input corpus (bad_inputs.py) gives, record by record, a located error naming the
file, the line and the problem, or a clean article; nothing raises."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bad_inputs import CASES, BadInput, write_corpus

from eventwire.ingest.readers import MAX_TEXT_CHARS, ReadError, read_articles
from eventwire.model import Article


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("bad")
    write_corpus(folder)
    return folder


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_each_bad_input_gives_located_errors_or_clean_articles(corpus: Path, case: BadInput) -> None:
    path = corpus / case.name
    items = list(read_articles([path]))
    assert len(items) == len(case.expected), [str(i) for i in items]
    for item, expected in zip(items, case.expected, strict=True):
        if expected == "ok":
            assert isinstance(item, Article), str(item)
            assert item.text.strip()
            assert len(item.text) <= MAX_TEXT_CHARS
            assert "\x00" not in item.text and "\x00" not in item.id
            item.text.encode("utf-8")  # storable: no unpaired surrogates
        else:
            line, fragment = expected[1:].split(":", 1)
            assert isinstance(item, ReadError), f"expected an error for {expected}, got an article"
            assert item.path == str(path)
            assert item.line == (None if line == "-" else int(line)), str(item)
            assert fragment in item.problem, str(item)
            assert str(item).startswith(str(path))


def test_html_where_text_was_promised_is_reduced_to_its_text(corpus: Path) -> None:
    (article,) = read_articles([corpus / "html_soup.jsonl"])
    assert isinstance(article, Article)
    assert "<" not in article.text and "var killed" not in article.text and "p{}" not in article.text
    assert "Rockets struck Erbil airport on Sunday, wounding two contractors." in article.text


def test_control_characters_are_replaced_one_for_one(corpus: Path) -> None:
    (article,) = read_articles([corpus / "control_chars.jsonl"])
    assert isinstance(article, Article)
    assert article.id == "ctl id"
    assert article.text.endswith("said.    \ufffd end.")  # NUL, BEL -> spaces; a lone surrogate -> U+FFFD


def test_a_whole_folder_of_bad_inputs_streams_every_good_record(corpus: Path) -> None:
    items = list(read_articles([corpus]))
    good = sum(c.expected.count("ok") for c in CASES)
    assert sum(isinstance(i, Article) for i in items) == good
    assert sum(isinstance(i, ReadError) for i in items) == sum(len(c.expected) for c in CASES) - good


def test_folder_entries_that_are_not_files_of_the_folder_are_reported(tmp_path: Path) -> None:
    import json
    import os

    folder, outside = tmp_path / "in", tmp_path / "outside.jsonl"
    folder.mkdir()
    record = {"id": "a1", "published": "2023-03-06", "text": "Gunmen killed two farmers near Gusau on Monday."}
    (folder / "good.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    outside.write_text(json.dumps({**record, "id": "secret"}) + "\n", encoding="utf-8")
    os.mkfifo(folder / "pipe.jsonl")  # reading it would wait for a writer forever
    (folder / "dangling.jsonl").symlink_to(folder / "gone.jsonl")
    (folder / "escape.jsonl").symlink_to(outside)
    (folder / "inside.jsonl").symlink_to(folder / "good.jsonl")  # a link within the folder is read
    items = list(read_articles([folder]))
    problems = {Path(i.path).name: i.problem for i in items if isinstance(i, ReadError)}
    assert set(problems) == {"pipe.jsonl", "dangling.jsonl", "escape.jsonl"}
    assert "FIFO" in problems["pipe.jsonl"] and "dangling" in problems["dangling.jsonl"]
    assert "outside the input folder" in problems["escape.jsonl"]
    assert sorted(a.id for a in items if isinstance(a, Article)) == ["a1", "a1"]  # good and inside, not "secret"
    assert [a.id for a in read_articles([outside])] == ["secret"]  # named itself, it is read
