"""Stored articles read again when the reading rules change (etl/news/reread.py): a store whose
articles older rules read ends, once re-read, as a store that read them with today's rules."""

from __future__ import annotations

import shutil

import pytest
import sqlalchemy as sa
from click.testing import CliRunner

from etl import owed_work, store
from etl.cli import main
from etl.news import ingest, reading, reread, rules
from etl.store.rereading import CLAIM_FIELDS
from etl.store.schema import article_indices, article_mentions, articles, claims, mention_daily
from tests.etl.news_support import run, store_with_official

OLD_RULES = "0123456789abcdef"


def _news_state(engine) -> dict:
    """Everything read of the stored articles, keyed by canonical URL (ids differ per store),
    and the daily counts."""
    with engine.connect() as conn:
        url = dict(conn.execute(sa.select(articles.c.article_id, articles.c.canonical_url)).all())
        return {
            "mentions": sorted((url[r.article_id], r.iso3, r.count, r.forms, r.language,
                                r.is_sample, str(r.published_at))
                               for r in conn.execute(sa.select(article_mentions))),
            "indices": sorted((url[r.article_id], r.index_id, r.count)
                              for r in conn.execute(sa.select(article_indices))),
            "claims": sorted((url[r.article_id], *(repr(r._mapping[f]) for f in CLAIM_FIELDS))
                             for r in conn.execute(sa.select(claims))),
            "n_claims": sorted(conn.execute(sa.select(articles.c.canonical_url,
                                                      articles.c.n_claims)).all()),
            "daily": sorted(tuple(r) for r in conn.execute(sa.select(mention_daily))),
        }


def _without_news(settings) -> None:
    """Empty the store's news tables (a store whose news source has not run yet)."""
    engine = store.make_engine(settings.database_url)
    with engine.begin() as conn:
        for table in (claims, article_indices, article_mentions, mention_daily, articles):
            conn.execute(table.delete())
    engine.dispose()


def _read_by_older_rules(monkeypatch, settings, older_reading) -> None:
    """Run the news source with ``older_reading`` in place of today's reading, stamped with
    :data:`OLD_RULES`, and no re-read after it (as a refresh of an older release did)."""
    with monkeypatch.context() as patch:
        patch.setattr(ingest, "read_article", older_reading)
        patch.setattr(ingest, "READING_RULES", OLD_RULES)
        patch.setattr(owed_work, "reread_older_articles", lambda *a, **k: (0, 0))
        assert run("news_files", settings).status == "succeeded"


def _missed_everything(text, language):
    """Older rules that found no country, index or claim in any text."""
    return reading.Read(reading.read_article(text, language).language, [], [], [])


def _saw_france(text, language):
    """Older rules that also saw France named once in every text (and a claim less)."""
    today = reading.read_article(text, language)
    return reading.Read(today.language, [*today.mentions,
                                         {"iso3": "FRA", "count": 1, "forms": ["France"]}],
                        today.indices, today.claims[1:])


@pytest.fixture
def news_store(tmp_path, loaded_settings):
    """Settings on a store with the official data and no article yet."""
    settings = store_with_official(tmp_path, loaded_settings)
    _without_news(settings)
    return settings


@pytest.mark.parametrize("older", [_missed_everything, _saw_france],
                         ids=["missed-everything", "saw-a-country-not-there"])
def test_next_refresh_reads_older_articles_as_today(news_store, loaded_engine, monkeypatch,
                                                   older):
    """The next refresh reads again the articles older rules read: their mentions, indices,
    claims (with verdicts), claim counts and the daily counts end exactly as in a store that
    read them with today's rules; a country the old rules saw and today's do not leaves the
    daily counts (no row at nought)."""
    _read_by_older_rules(monkeypatch, news_store, older)
    engine = store.make_engine(news_store.database_url)
    expected = _news_state(loaded_engine)
    assert _news_state(engine) != expected
    with engine.connect() as conn:
        assert reread.articles_read_otherwise(conn) == 11
    assert run("news_files", news_store).status == "succeeded"  # reads them again after
    assert _news_state(engine) == expected
    with engine.connect() as conn:
        assert reread.articles_read_otherwise(conn) == 0
        assert conn.execute(sa.select(sa.func.count()).select_from(mention_daily)
                            .where(mention_daily.c.iso3 == "FRA")).scalar() == 0
        assert set(conn.execute(sa.select(articles.c.read_with)).scalars()) == {
            rules.READING_RULES}
    engine.dispose()


def test_batches_go_on_after_the_last_committed(news_store, monkeypatch):
    """Batches read in id order from where the last one stopped, and an article read by
    today's rules is not read again (unless --all)."""
    _read_by_older_rules(monkeypatch, news_store, _missed_everything)
    engine = store.make_engine(news_store.database_url)
    with engine.begin() as conn:
        first = reread.reread_batch(conn, limit=4)
    assert (first.read, first.changed) == (4, 4)
    with engine.begin() as conn:
        assert reread.articles_read_otherwise(conn) == 7
        second = reread.reread_batch(conn, after_id=first.last_id, limit=100)
    assert (second.read, second.changed) == (7, 7) and second.last_id > first.last_id
    assert owed_work.reread_articles(engine) == (0, 0)
    assert owed_work.reread_articles(engine, everything=True) == (11, 0)  # same rules: no change
    engine.dispose()


class _Lock:
    """A refresh lock that another process takes over after ``held`` batches."""

    def __init__(self, held: int) -> None:
        self.held, self.lost = held, False

    def ensure_held(self, conn) -> None:
        from etl.locks import LockLost

        if self.held == 0:
            self.lost = True
            raise LockLost("taken over")
        self.held -= 1


def test_a_batch_commits_only_while_the_lock_is_ours(news_store, monkeypatch):
    """A lock taken over mid-way rolls back the batch it fenced and stops the re-read: the
    batches before stay committed, the rest is left for the next refresh (which the refresh
    path only logs)."""
    _read_by_older_rules(monkeypatch, news_store, _missed_everything)
    monkeypatch.setattr(reread, "BATCH_ARTICLES", 4)
    engine = store.make_engine(news_store.database_url)
    assert owed_work.reread_older_articles(engine, _Lock(held=1)) == (0, 0)  # logged, not raised
    with engine.connect() as conn:
        assert reread.articles_read_otherwise(conn) == 7  # the first batch of 4 committed
    engine.dispose()


def test_a_pass_reads_each_indicator_once(news_store, monkeypatch):
    """A re-read in several batches reads the official rows of an indicator once for all of
    them (not once a batch), and checks the claims as a single batch would."""
    from etl import export

    _read_by_older_rules(monkeypatch, news_store, _missed_everything)
    engine = store.make_engine(news_store.database_url)
    asked = []
    read_rows = export.indicator_rows
    monkeypatch.setattr(export, "indicator_rows",
                        lambda eng, indicators: asked.extend(indicators) or read_rows(
                            eng, indicators))
    monkeypatch.setattr(reread, "BATCH_ARTICLES", 4)
    assert owed_work.reread_articles(engine) == (11, 11)
    assert asked and len(asked) == len(set(asked))
    engine.dispose()


def test_cli_reads_again_and_says_how_many(news_store, monkeypatch):
    """`etl status` says how many articles older rules read; `cyberindex news reread` reads
    them again; `--all` reads every one."""
    _read_by_older_rules(monkeypatch, news_store, _missed_everything)
    monkeypatch.setenv("CYBERINDEX_DATABASE_URL", news_store.database_url)
    monkeypatch.setenv("CYBERINDEX_RAW_DIR", str(news_store.raw_dir))
    runner = CliRunner()
    assert ("owed: 11 stored article(s) read by older rules"
            in runner.invoke(main, ["etl", "status"]).output)
    result = runner.invoke(main, ["news", "reread"])
    assert result.exit_code == 0, result.output
    assert "11 article(s) read again; the findings of 11 changed" in result.output
    again = runner.invoke(main, ["news", "reread", "--all"])
    assert "11 article(s) read again; the findings of 0 changed" in again.output
    assert "read by older rules" not in runner.invoke(main, ["etl", "status"]).output


def test_rules_change_with_the_reading_code_only(tmp_path):
    """The fingerprint follows every reading module's bytes, and not the modules that only
    store, report or re-read."""
    package = tmp_path / "news"
    shutil.copytree(rules.PACKAGE, package, ignore=shutil.ignore_patterns("__pycache__"))
    now = rules.fingerprint(rules.reading_modules(package))
    assert now == rules.READING_RULES
    (package / "report.py").write_text("# reports differently\n", encoding="utf-8")
    assert rules.fingerprint(rules.reading_modules(package)) == now
    figures = package / "figures.py"
    figures.write_text(figures.read_text(encoding="utf-8") + "\n# a rule\n", encoding="utf-8")
    assert rules.fingerprint(rules.reading_modules(package)) != now
    assert {p.name for p in rules.reading_modules(package)} >= {
        "figures.py", "claims.py", "attribution.py", "mentions.py", "verify.py", "reading.py"}
