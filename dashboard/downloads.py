"""Download links for what a page shows: one link per format to the API's download route.

The files are streamed by Flask (``/api/v1/downloads/observations.<fmt>``), never passed through
a Dash callback, and carry the page's filter and a link back to the view. Drop
``download_links(filter, lang, view=...)`` under any chart to offer that chart's data.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from urllib.parse import urlencode

from dash import html

from dashboard.elements import aria_attrs, data_attrs
from dashboard.i18n import N_, t
from etl.export import DATASETS, FORMATS, ExportFilter, filter_params

DOWNLOAD_ROUTE = "/api/v1/downloads/observations.{fmt}"
# The other datasets of the one export path (etl.export.DATASETS): cited statements and the
# Cross-index page's table.
DATASET_ROUTE = "/api/v1/downloads/{dataset}.{fmt}"
FORMAT_LABELS = {
    "csv": N_("CSV"),
    "xlsx": N_("Excel"),
    "parquet": N_("Parquet"),
    "json": N_("JSON"),
    "zip": N_("ZIP (CSV, sources, README)"),
}
FORMAT_ORDER = ("csv", "xlsx", "parquet", "json", "zip")


def download_url(wanted: ExportFilter, fmt: str, view: str | None = None,
                 lang: str | None = None, dataset: str = "observations") -> str:
    """The download route's URL for a filter (lists comma separated), the view's link and the
    language of the country names and of the words around the data (Excel sheets, ZIP
    README; English left out); ``dataset`` one of :data:`etl.export.DATASETS`."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format: {fmt}")
    if dataset not in DATASETS:
        raise ValueError(f"unknown dataset: {dataset}")
    query = [(k, ",".join(map(str, v))) for k, v in filter_params(wanted).items()]
    if view:
        query.append(("view", view))
    if lang and lang != "en":
        query.append(("lang", lang))
    return DATASET_ROUTE.format(dataset=dataset, fmt=fmt) + (
        "?" + urlencode(query, safe=",/:") if query else "")


def download_links(wanted: ExportFilter, lang: str, view: str | None = None,
                   id_prefix: str | None = None, dataset: str = "observations",
                   label: str | None = None) -> html.Div:
    """"Download this data" (or ``label``, translated) with a link per format (CSV, Excel,
    Parquet, JSON, ZIP) to one dataset's download route."""
    links = []
    for fmt in FORMAT_ORDER:
        extra: dict[str, Any] = {"id": f"{id_prefix}-download-{fmt}"} if id_prefix else {}
        links.append(html.Li(html.A(
            t(FORMAT_LABELS[fmt], lang), href=download_url(wanted, fmt, view, lang, dataset),
            className="ci-download-link", rel="nofollow", style={"whiteSpace": "nowrap"},
            **data_attrs(format=fmt), **extra,
        )))
    # A narrow screen breaks the row between links, never inside one ("ZIP (CSV, sources,
    # README)" on four lines of a phone).
    return html.Div([
        html.Span(label or t("Download this data:", lang), className="ci-download-label"),
        html.Ul(links, className="ci-download-list",
                style={"display": "inline-flex", "flexWrap": "wrap", "gap": "0.25em 1em",
                       "listStyle": "none", "margin": "0", "padding": "0 0.5em"}),
    ], className="ci-downloads", role="group",
        **aria_attrs(label=label.rstrip(": ") if label else t("Download this data", lang)))


LIST_ROUTE = "/api/v1/downloads/{kind}.{fmt}"
LIST_FORMATS = ("csv", "json")
LIST_LABELS = {"articles": N_("Download these articles:"),
               "claims": N_("Download these claims:"),
               "changes": N_("Download these changes:")}


def list_download_url(kind: str, query: Sequence[tuple[str, str]], fmt: str,
                      lang: str | None = None, view: str | None = None) -> str:
    """The route of a list a page shows (the News page's articles or claims, the changelog)
    for its filter (``query``: the API's parameters, a list repeated rather than comma
    separated, as outlet names may hold commas), the view's link (the file's ``Link``
    header, as for :func:`download_url`) and the language."""
    pairs = list(query) + ([("view", view)] if view else [])
    pairs += [("lang", lang)] if lang and lang != "en" else []
    return LIST_ROUTE.format(kind=kind, fmt=fmt) + ("?" + urlencode(pairs) if pairs else "")


def list_download_links(kind: str, query: Sequence[tuple[str, str]], lang: str,
                        id_prefix: str, view: str | None = None) -> html.Div:
    """"Download these articles (claims, changes):" with a CSV and a JSON link (``view``: the
    link back to the page's view the files carry)."""
    links = [html.Li(html.A(t(FORMAT_LABELS[fmt], lang),
                            href=list_download_url(kind, query, fmt, lang, view),
                            className="ci-download-link", rel="nofollow",
                            id=f"{id_prefix}-{kind}-download-{fmt}", **data_attrs(format=fmt)))
             for fmt in LIST_FORMATS]
    label = t(LIST_LABELS[kind], lang)
    return html.Div([
        html.Span(label, className="ci-download-label"),
        html.Ul(links, className="ci-download-list",
                style={"display": "inline-flex", "gap": "1em", "listStyle": "none",
                       "margin": "0", "padding": "0 0.5em"}),
    ], className="ci-downloads", role="group", **aria_attrs(label=label.rstrip(":")))
