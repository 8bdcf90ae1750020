"""news_files: article files (.json, .txt, .html) to articles; a malformed file is named and held."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from etl import store
from etl.sources import live, news_files
from tests.etl.news_support import run, store_with_official

FIXTURES = Path(__file__).parents[2] / "fixtures" / "news_files"


def container(*names: str) -> bytes:
    return live.pack([(n, (FIXTURES / n).read_bytes()) for n in names])


@pytest.mark.parametrize(("name", "url", "language", "published"), [
    pytest.param("good.txt", "https://example.org/files/oman-gci-2020", "en",
                 "2021-07-01 05:00:00+00:00", id="txt"),
    pytest.param("page.html", "https://example.org/files/maroc-gci-2020", "fr",
                 "2021-07-05 10:00:00+00:00", id="html"),
])
def test_parse_reads_each_format(name, url, language, published):
    """Title, canonical URL, UTC date, language and text are read from each file format."""
    row = news_files.parse(container(name)).iloc[0]
    assert row["parse_error"] is None
    assert row["canonical_url"] == url
    assert row["language"] == language
    assert str(row["published_at"]) == published
    assert row["title"] and len(row["text"]) > 40


def test_malformed_file_is_named_and_others_load(tmp_path, loaded_settings):
    """A cut-short JSON file is quarantined with its name and reason; the other files load."""
    folder = tmp_path / "news"
    shutil.copytree(FIXTURES, folder)
    settings = store_with_official(tmp_path, loaded_settings, news_files_dir=folder)
    result = run("news_files", settings)
    assert result.status == "succeeded", result.reason
    assert result.counts["inserted"] == 2 and result.counts["quarantined"] == 1
    engine = store.make_engine(settings.database_url)
    reasons = store.quarantine_frame(engine, "news_files")["reason"].tolist()
    assert len(reasons) == 1 and "broken.json: invalid JSON" in reasons[0]
    assert len(store.articles_frame(engine)) == 2  # the samples of the loaded store aside
    engine.dispose()


def test_missing_folder_fails_clearly(tmp_path, loaded_settings):
    """A folder that does not exist fails the run with its path."""
    settings = store_with_official(tmp_path, loaded_settings, news_files_dir=tmp_path / "nope")
    result = run("news_files", settings)
    assert result.status == "failed" and "news folder not found" in result.reason
