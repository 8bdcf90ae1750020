"""News schema: an article's key (its canonical URL), text limits and published dates."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import pytest

from etl import schemas
from etl.news import ingest
from etl.schemas import NewsArticles, split_valid
from etl.settings import DATASETS_DIR
from etl.sources import gdelt_doc, live, news_files, news_rss

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)
ARTICLE = {
    "url": "https://news.example.ma/2026/11/gci",
    "title": "Morocco in Tier 1",
    "date": "2026-11-29T08:00:00Z",
    "outlet": "Example",
    "language": "en",
    "text": "Morocco scored 97.5 in the GCI 2024.",
    "text_kind": "full",
    "is_sample": False,
    "parse_error": None,
}


def articles(*rows: dict) -> pd.DataFrame:
    """Rows as a news source's parse() gives them (etl.sources.news_files.parse)."""
    frame = ingest.article_frame(pd.DataFrame([{**ARTICLE, **r} for r in rows]))
    frame["record_kind"] = "article"
    return frame.astype(object).where(frame.notna(), None)


def volume(*points: tuple[str, int, int]) -> pd.DataFrame:
    """GDELT volume points (iso3, day of November 2026, count) as gdelt_doc.parse gives them,
    beside its (here no) article rows."""
    rows = [
        {
            "record_kind": "volume",
            "iso3": iso3,
            "volume_date": datetime(2026, 11, day).date(),
            "count": count,
            "monitored": 1000,
            "query": "cyber",
            "parse_error": None,
        }
        for iso3, day, count in points
    ]
    frame = pd.concat([articles().iloc[:0], pd.DataFrame(rows)], ignore_index=True)
    return frame.astype(object).where(frame.notna(), None)


def reasons(frame: pd.DataFrame) -> list[str]:
    return [q["reason"] for q in split_valid(frame, NewsArticles, now=NOW).quarantined]


def test_news_schema_declares_its_key():
    """The key is the canonical URL, the store's unique column for an article."""
    assert schemas.KEYS["NewsArticles"] == ("canonical_url",)
    assert schemas.KEY_CHECK in {c.name for c in NewsArticles.to_schema().checks}
    assert "canonical_url" in NewsArticles.to_schema().columns


@pytest.mark.parametrize(
    "second",
    [
        pytest.param({}, id="same-article-twice"),
        pytest.param({"url": ARTICLE["url"] + "/?utm_source=rss#top"}, id="tracking-link"),
        pytest.param({"url": "https://NEWS.Example.MA:443/2026/11/gci/"}, id="host-case-and-port"),
    ],
)
def test_one_article_met_twice_loads(second):
    """The same article in two feeds or under a tracking link is one article (the load keeps
    one): nothing is quarantined."""
    assert reasons(articles({}, second)) == []


@pytest.mark.parametrize(
    "second",
    [
        pytest.param({"title": "Morocco in Tier 2"}, id="another-title"),
        pytest.param({"text": "Morocco scored 95.7 in the GCI 2024."}, id="another-text"),
        pytest.param(
            {"date": "2026-11-28T08:00:00Z", "url": ARTICLE["url"] + "?utm_medium=x"},
            id="another-date",
        ),
    ],
)
def test_two_versions_of_one_article_are_held_back(second):
    """Two versions under one canonical URL: which is right is unknown, both are quarantined,
    each reason naming the URL; another article still loads."""
    other = {"url": "https://news.example.ma/other", "title": "Oman CERT", "text": "Oman."}
    checked = split_valid(articles({}, second, other), NewsArticles, now=NOW)
    assert [q["row_number"] for q in checked.quarantined] == [2, 3]
    assert all(
        q["reason"] == "key: two different articles under one canonical URL (title, "
        "text or published date differ) (value {'canonical_url': "
        "'https://news.example.ma/2026/11/gci'})"
        for q in checked.quarantined
    )
    assert checked.valid["canonical_url"].tolist() == ["https://news.example.ma/other"]


def test_two_volume_points_for_one_country_and_day_are_held_back():
    """The store keeps one GDELT volume point per country and day."""
    points = volume(("MAR", 1, 3), ("MAR", 1, 4), ("OMN", 1, 4))
    checked = split_valid(points, NewsArticles, now=NOW)
    assert [(q["row_number"], q["reason"]) for q in checked.quarantined] == [
        (2, "two volume points for the same country and day"),
        (3, "two volume points for the same country and day"),
    ]


@pytest.mark.parametrize(
    "date, future",
    [
        pytest.param("2026-11-30T11:00:00Z", False, id="an-hour-ago"),
        pytest.param("2026-12-01", False, id="tomorrow-in-utc+14"),
        pytest.param("2026-12-01T11:59:00Z", False, id="within-a-day"),
        pytest.param("Tue, 01 Dec 2026 23:00:00 +1400", False, id="rfc822-utc+14"),
        pytest.param("2026-12-01T12:01:00Z", True, id="over-a-day"),
        pytest.param("2062-11-29", True, id="typo-year"),
    ],
)
def test_an_article_published_after_tomorrow_is_quarantined(date, future):
    """A published date more than a day after now (time zones, clock skew) is refused."""
    assert reasons(articles({"date": date})) == (
        ["published more than a day after the date of this run"] if future else []
    )


@pytest.mark.parametrize("day, future", [(30, False), (31, False), (32, True)])
def test_a_volume_point_after_tomorrow_is_quarantined(day, future):
    """A volume point dated today or tomorrow loads; one after tomorrow is refused."""
    points = volume(("MAR", 30, 3))
    points.loc[0, "volume_date"] = (datetime(2026, 11, 30) + pd.Timedelta(days=day - 30)).date()
    assert reasons(points) == (
        ["published more than a day after the date of this run"] if future else []
    )


@pytest.mark.parametrize(
    "cell, limit",
    [
        pytest.param(
            {"text": "x" * (schemas.ARTICLE_TEXT_MAX + 1)},
            schemas.ARTICLE_TEXT_MAX,
            id="runaway-body",
        ),
        pytest.param(
            {"title": "t" * (schemas.NAME_TEXT_MAX + 1)}, schemas.NAME_TEXT_MAX, id="title"
        ),
        pytest.param(
            {"outlet": "o" * (schemas.ARTICLE_OUTLET_MAX + 1)},
            schemas.ARTICLE_OUTLET_MAX,
            id="outlet-beyond-the-store-column",
        ),
        pytest.param(
            {"url": "https://example.ma/" + "p" * schemas.ARTICLE_URL_MAX},
            schemas.ARTICLE_URL_MAX,
            id="url-beyond-the-store-column",
        ),
    ],
)
def test_an_overlong_article_is_quarantined_and_not_kept_whole(cell, limit):
    """A runaway cell is quarantined (reason and row cut short); the other article loads."""
    checked = split_valid(articles(cell, {"url": "https://example.ma/ok"}), NewsArticles, now=NOW)
    [record] = checked.quarantined
    column = next(iter(cell))
    assert f"{column}: str_length(None, {limit})" in record["reason"]
    assert len(record["reason"]) < 1000
    assert len(checked.valid) == 1


def test_a_long_read_loads():
    """A long article (some 25,000 words) is within the body limit."""
    long_read = " ".join(["Morocco strengthens its national cybersecurity strategy."] * 2_700)
    assert len(long_read) > 150_000
    assert reasons(articles({"text": long_read})) == []


def _folder(path: Path) -> bytes:
    return live.pack(
        [
            (p.name, p.read_bytes())
            for p in sorted(path.iterdir())
            if p.suffix.lower() in news_files.EXTENSIONS
        ]
    )


def test_bundled_samples_and_fixtures_still_load():
    """Every sample and fixture article passes (the broken fixture stays unreadable); checked
    as of the current time, as a run does."""
    feeds = [
        (f"https://feeds.example.org/{n}", (FIXTURES / "news_rss" / n).read_bytes())
        for n in ("rss2.xml", "atom.xml")
    ]
    api = "https://api.gdeltproject.org/api/v2/doc/doc"
    gdelt = [
        (
            f"{api}?mode={m}&query=cyber#iso3=MAR",
            (FIXTURES / "gdelt_doc" / f"{m}_MO.json").read_bytes(),
        )
        for m in gdelt_doc.MODES
    ]
    parsed = {
        "samples": news_files.parse(_folder(DATASETS_DIR / "news_samples")),
        "files": news_files.parse(_folder(FIXTURES / "news_files")),
        "rss": news_rss.parse(live.pack(feeds)),
        "gdelt": gdelt_doc.parse(live.pack(gdelt)),
    }
    checked = {name: split_valid(frame, NewsArticles) for name, frame in parsed.items()}
    assert {name: len(c.valid) for name, c in checked.items()} == {
        "samples": 11,
        "files": 2,
        "rss": 3,
        "gdelt": 5,
    }
    assert [q["row"]["file"] for c in checked.values() for q in c.quarantined] == ["broken.json"]
