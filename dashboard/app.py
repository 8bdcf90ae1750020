"""The Dash application: ``create_app(settings)`` and a lazy module-level ``server``.

Pages are files in ``dashboard/pages/`` (Dash pages): each calls ``dash.register_page`` and
offers ``layout(lang="en", **query)``; if it has callbacks it defines
``register_callbacks(app)``, which :func:`create_app` calls on every app it builds (so several
apps in one process, as in the tests, each get their own callbacks). Adding a page is adding a
file. The database engine is created once per app and reached with
``dashboard.data.current_engine()``.

For gunicorn: ``gunicorn 'dashboard.app:server'`` (the server is built on first access, from
``Settings.from_env()``, so importing this module needs no database; it serves an existing store
only, as ``cyberindex serve`` does).
"""

from __future__ import annotations

import sys
from functools import cache
from html import escape as html_escape
from pathlib import Path

import dash
import flask
from flask_compress import Compress

from dashboard import api, brief, health, preferences, security, titles
from dashboard.data import EXTENSION_KEY
from dashboard.i18n import normalize_lang, t, text_direction
from dashboard.perf import install_perf
from etl import releases, store
from etl.settings import Settings

PACKAGE_DIR = Path(__file__).resolve().parent
PAGES_DIR = PACKAGE_DIR / "pages"
ASSETS_DIR = PACKAGE_DIR / "assets"
RELEASE_TTL = 30.0  # seconds between checks for a new data release

INDEX_STRING = """<!DOCTYPE html>
<html lang="{%lang%}" dir="{%dir%}">
    <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        {%metas%}
        <title>{%title%}</title>
        {%favicon%}
        {%css%}
    </head>
    <body>
        <a class="ci-skip-link" href="#main">{%skip%}</a>
        <noscript>{%noscript%}</noscript>
        {%app_entry%}
        <div class="ci-scripts">
            {%config%}
            {%scripts%}
            {%renderer%}
        </div>
    </body>
</html>"""


class CyberindexDash(dash.Dash):
    """Dash with ``<html lang dir>`` set from the ``lang`` query parameter of the page."""

    def interpolate_index(self, **kwargs) -> str:  # type: ignore[override]
        lang = normalize_lang(flask.request.args.get("lang") if flask.has_request_context()
                              else None)
        if flask.has_request_context():
            kwargs["title"] = html_escape(titles.index_title(flask.request.path))
        page = super().interpolate_index(**kwargs)
        return (
            page.replace("{%lang%}", lang)
            .replace("{%dir%}", text_direction(lang))
            .replace("{%skip%}", t("Skip to content", lang))
            .replace("{%noscript%}", t("This dashboard needs JavaScript to draw its charts.",
                                       lang))
        )

    def index(self, *args, **kwargs):
        """The document of every page, with the HTTP status of its path: 404 for a path that
        names nothing (:func:`dashboard.pages.not_found_404.status_of`)."""
        page = super().index(*args, **kwargs)
        if not flask.has_request_context():
            return page
        from dashboard.pages import not_found_404  # registered by Dash with the pages

        return page, not_found_404.status_of(self.strip_relative_path(flask.request.path) or "")


def create_app(settings: Settings | None = None) -> dash.Dash:
    """A configured dashboard on the settings' database (tables created if missing)."""
    settings = settings or Settings.from_env()
    app = CyberindexDash(
        "dashboard",
        use_pages=True,
        pages_folder=str(PAGES_DIR),
        assets_folder=str(ASSETS_DIR),
        title="cyberindex",
        update_title=None,  # type: ignore[arg-type]  # None: no "Updating..." (Dash's docs)
        serve_locally=True,
        suppress_callback_exceptions=True,
        compress=False,  # flask-compress is registered explicitly below
        index_string=INDEX_STRING,
    )
    server = app.server
    engine = store.make_engine(settings.database_url)
    store.init_schema(engine)
    server.config["CYBERINDEX_SETTINGS"] = settings
    server.extensions[EXTENSION_KEY] = {"engine": engine, "settings": settings}
    Compress(server)
    # Flask blueprints (API, downloads) hang off the same server, one line each, e.g.:
    # server.register_blueprint(api.blueprint, url_prefix="/api")
    server.register_blueprint(api.api_blueprint())  # /api/v1 and the download routes
    _register_page_callbacks(app)
    titles.install_titles(app)  # "Compare – cyberindex", in the page's language
    health.install_health(server)  # /healthz: database reachable, release served
    security.install_security(app, settings)  # headers, limits, input checks, optional login
    install_perf(server)  # immutable caching of fingerprinted files; bench switches
    preferences.install_preferences(server)  # lang and digits: URL first, then remembered
    brief.install_brief(server)  # /brief/<ISO3> (printable) and /brief/<ISO3>.pdf
    # Last, so it wraps every view: one release per request (X-Data-Release), readers in
    # dashboard.data memoised per release, a new release picked up within RELEASE_TTL seconds.
    cache = releases.ReleaseCache(engine, ttl=RELEASE_TTL)
    server.extensions[EXTENSION_KEY]["cache"] = cache
    releases.install_release_header(server, engine, cache)
    return app


def _register_page_callbacks(app: dash.Dash) -> None:
    """Call ``register_callbacks(app)`` of every registered page that defines it."""
    for page in dash.page_registry.values():
        module = sys.modules.get(page["module"])
        register = getattr(module, "register_callbacks", None)
        if callable(register):
            register(app)


@cache
def get_server() -> flask.Flask:
    """The Flask server of an app built from the environment (once per process), on an
    existing store only, as ``cyberindex serve``: gunicorn started on ``dashboard.app:server``
    with a mistyped CYBERINDEX_DATABASE_URL stops on :class:`etl.store.NoStore` (one line, no
    file or folder made) instead of serving an empty store made on the spot."""
    settings = Settings.from_env()
    store.existing_engine(settings.database_url).dispose()
    return create_app(settings).server


def __getattr__(name: str):
    # ``server`` is built lazily so that importing this module needs no database.
    if name == "server":
        return get_server()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
