"""Status page: one line, in the page's language, when published releases still owe work (a
re-check of news claims, alerts) that the next refresh does first (audit finding 6)."""

from __future__ import annotations

import pytest

from dashboard import i18n
from etl import store
from tests.dashboard.tree_support import as_components, texts
from tests.etl.refresh_support import published_copy

SAID = {
    "en": "2 tasks owed by published releases",
    "fr": "2 tâches liées à des publications",
    "ar": "مهمتان (2) مستحقتان على نشرات منشورة",
}


@pytest.fixture(scope="module")
def owing(tmp_path_factory):
    """An engine on a published store with two rows of work owed."""
    settings = published_copy(tmp_path_factory.mktemp("owed"))
    engine = store.make_engine(settings.database_url)
    with engine.begin() as conn:
        store.add_pending_work(conn, store.RECHECK_CLAIMS, "itu_gci", 1, {})
        store.add_pending_work(
            conn, store.DELIVER_ALERTS, "itu_gci", 1, {"alerts": [], "delivered": []}
        )
    yield engine
    engine.dispose()


@pytest.mark.parametrize("lang", ["en", "fr", "ar"])
def test_work_owed_is_one_line_in_the_page_language(pages, owing, lang):
    [line] = as_components(pages["status"].owed_work_view(owing, lang))
    shown = texts(line)
    assert SAID[lang] in shown
    assert len(shown.splitlines()) == 1


def test_nothing_owed_says_nothing(pages, tmp_path):
    settings = published_copy(tmp_path)
    engine = store.make_engine(settings.database_url)
    assert pages["status"].owed_work_view(engine, "en") == []
    engine.dispose()


def test_arabic_forms_keep_the_count():
    """Every Arabic plural form of the line keeps its {count} field."""
    key = next(k for k in i18n.translations_of("ar").plurals if "task owed" in k[0])
    assert all("{count}" in form for form in i18n.translations_of("ar").plurals[key])


REREAD_SAID = {
    "en": "3 stored news articles were read by older rules",
    "fr": "3 articles de presse enregistrés ont été lus selon d'anciennes règles",
    "ar": "3 مقالات إخبارية مخزنة قُرئت بقواعد أقدم",
}


@pytest.mark.parametrize("lang", ["en", "fr", "ar"])
def test_articles_read_by_older_rules_are_one_line(pages, tmp_path, lang):
    """Articles older reading rules read (the next refresh reads them again) are said in one
    line of the page's language, as many as there are; none when every article is read by
    today's rules."""
    import sqlalchemy as sa

    from tests.etl.news_support import run

    settings = published_copy(tmp_path)
    assert run("news_files", settings).status == "succeeded"
    engine = store.make_engine(settings.database_url)
    assert pages["status"].owed_work_view(engine, lang) == []
    with engine.begin() as conn:
        first = sa.select(store.articles.c.article_id).order_by(store.articles.c.article_id)
        ids = list(conn.execute(first.limit(3)).scalars())
        conn.execute(store.articles.update().where(store.articles.c.article_id.in_(ids))
                     .values(read_with="0123456789abcdef"))
    [line] = as_components(pages["status"].owed_work_view(engine, lang))
    assert REREAD_SAID[lang] in texts(line)
    engine.dispose()
