"""The API's reference page (``/api/v1/docs``): HTML rendered from the OpenAPI document.

One source of truth: every endpoint, parameter, response format and example shown here is
read from :func:`dashboard.openapi.openapi_document` (no second list of endpoints to keep up).
An example URL fills the parameters with the values the document gives (an ``example``, else
the first of an ``enum``, else the id its description names after "e.g."), so it names only
ids the document names. Everything is escaped by Jinja2's autoescape; the page has no script
and links its styles (the dashboard's stylesheet and ``assets/api-docs.css``), so it works
under the app's Content-Security-Policy. A developer page, in English like the document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from jinja2 import Environment
from markupsafe import Markup, escape

PREFIX = "/api/v1"
DOCS_PATH = f"{PREFIX}/docs"
OPENAPI_PATH = f"{PREFIX}/openapi.json"
STYLESHEETS = ("/assets/cyberindex.css", "/assets/api-docs.css")
# The optional filters an example URL fills in (when the document names a value for them):
# enough to show a filter at work, on ids the bundled data holds.
EXAMPLE_FILTERS = ("indicator", "country")
# The observation columns that say where a figure comes from (named in the introduction).
PROVENANCE_COLUMNS = ("source", "publisher", "source_url", "snapshot_sha256")
METHODS = ("get", "post", "put", "patch", "delete")
_NAMED_VALUE = re.compile(r"\be\.g\. ([\w.]*\w)")


@dataclass(frozen=True)
class ParameterRow:
    name: str
    where: str
    required: bool
    kind: str
    description: str


@dataclass(frozen=True)
class ResponseRow:
    status: str
    description: str
    media_types: tuple[str, ...]
    headers: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Endpoint:
    method: str
    path: str
    anchor: str
    summary: str
    description: str
    parameters: tuple[ParameterRow, ...]
    responses: tuple[ResponseRow, ...]
    example: str | None


def resolve(document: dict[str, Any], node: Any) -> Any:
    """``node`` itself, or what its local ``$ref`` (``#/components/...``) points to."""
    while isinstance(node, dict) and "$ref" in node:
        target: Any = document
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node


def schema_text(schema: dict[str, Any]) -> str:
    """A parameter's type in words: ``integer, 1 to 1000, default 100``, ``one of: csv, json``."""
    if schema.get("type") == "array":
        return f"list of {schema_text(schema.get('items', {}))} (repeatable)"
    if "enum" in schema:
        text = "one of: " + ", ".join(str(v) for v in schema["enum"])
    else:
        text = str(schema.get("type", "any"))
        if "format" in schema:
            text += f" ({schema['format']})"
    if "minimum" in schema and "maximum" in schema:
        text += f", {schema['minimum']} to {schema['maximum']}"
    elif "minimum" in schema:
        text += f", at least {schema['minimum']}"
    if "maxLength" in schema:
        text += f", at most {schema['maxLength']} characters"
    if "default" in schema:
        text += f", default {schema['default']}"
    return text


def example_value(parameter: dict[str, Any]) -> str | None:
    """The value the document gives for ``parameter``: its example, the first of its enum,
    or the id its description names after "e.g."; None when it names none."""
    schema = parameter.get("schema", {})
    items = schema.get("items", {})
    for node in (parameter, schema, items):
        if "example" in node:
            return str(node["example"])
        if node.get("examples"):
            first = next(iter(node["examples"].values())) if isinstance(
                node["examples"], dict) else node["examples"][0]
            return str(first.get("value") if isinstance(first, dict) else first)
    for node in (schema, items):
        if node.get("enum"):
            return str(node["enum"][0])
    found = _NAMED_VALUE.search(parameter.get("description", ""))
    return found.group(1) if found else None


def example_path(path: str, parameters: list[dict[str, Any]]) -> str | None:
    """``path`` with its path parameters and :data:`EXAMPLE_FILTERS` filled from the
    document (None when a required parameter has no value there)."""
    query: dict[str, str] = {}
    for parameter in parameters:
        value = example_value(parameter)
        if parameter.get("in") == "path":
            if value is None:
                return None
            path = path.replace("{" + parameter["name"] + "}", value)
        elif parameter.get("required") and value is None:
            return None
        elif parameter.get("required") or (parameter["name"] in EXAMPLE_FILTERS and value):
            query[parameter["name"]] = value or ""
    return path + ("?" + urlencode(query) if query else "")


def _anchor(method: str, path: str) -> str:
    return method + "-" + re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-")


def endpoints(document: dict[str, Any]) -> list[Endpoint]:
    """Every operation of ``document``, in its order, ready to show."""
    out = []
    for path, item in document["paths"].items():
        for method in METHODS:
            if method not in item:
                continue
            operation = item[method]
            parameters = [resolve(document, p) for p in
                          [*item.get("parameters", []), *operation.get("parameters", [])]]
            responses = []
            for status, response in operation.get("responses", {}).items():
                response = resolve(document, response)
                responses.append(ResponseRow(
                    status=str(status), description=response.get("description", ""),
                    media_types=tuple(response.get("content", {})),
                    headers=tuple((name, resolve(document, header).get("description", ""))
                                  for name, header in response.get("headers", {}).items())))
            out.append(Endpoint(
                method=method.upper(), path=path, anchor=_anchor(method, path),
                summary=operation.get("summary", ""),
                description=operation.get("description", ""),
                parameters=tuple(ParameterRow(
                    name=p["name"], where=p.get("in", ""), required=bool(p.get("required")),
                    kind=schema_text(p.get("schema", {})),
                    description=p.get("description", "")) for p in parameters),
                responses=tuple(responses),
                example=example_path(path, parameters) if method == "get" else None))
    return out


def inline_code(text: str) -> Markup:
    """``text`` escaped, its `backquoted` spans as ``<code>``."""
    parts = str(text).split("`")
    if len(parts) % 2 == 0:  # an unmatched backquote: shown as it is
        return escape(text)
    return Markup("").join(escape(part) if i % 2 == 0 else Markup("<code>%s</code>") % part
                          for i, part in enumerate(parts))


_ENV = Environment(autoescape=True, trim_blocks=True, lstrip_blocks=True)
_ENV.filters["inline_code"] = inline_code
TEMPLATE = _ENV.from_string("""\
<!DOCTYPE html>
<html lang="en" dir="ltr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ title }}: reference</title>
<link rel="icon" href="/_favicon.ico">
{% for sheet in stylesheets %}
<link rel="stylesheet" href="{{ sheet }}">
{% endfor %}
</head>
<body class="ci-api-docs">
<a class="ci-skip-link" href="#main">Skip to content</a>
<header class="ci-header">
<a class="ci-brand" href="{{ home }}">cyberindex</a>
<span class="ci-tagline">Data API reference</span>
</header>
<main id="main" class="ci-main" tabindex="-1">
<h1>{{ title }}</h1>
<p class="ci-lede">{{ info_description | inline_code }}</p>
<p>For the same filter, the API gives the same rows as the dashboard's Data page and the
command line (<code>cyberindex export</code>). Every figure carries its provenance: each
observation row names {% for column in provenance %}<code>{{ column }}</code>{{ ", " if not loop.last }}{% endfor %} (the source, its publisher, the document the value was read from and the
SHA-256 of the raw snapshot kept), and <a href="{{ prefix }}/sources">{{ prefix }}/sources</a> lists every source
with its URL and licence.</p>
<p>This page is generated from the API's OpenAPI {{ version }} document,
<a href="{{ openapi_path }}" type="application/json">openapi.json</a>, which tools can read;
<a href="{{ prefix }}/">{{ prefix }}/</a> lists the endpoints as JSON.
<a href="{{ home }}">Back to the dashboard</a>.</p>
<nav aria-labelledby="api-docs-endpoints">
<h2 id="api-docs-endpoints">Endpoints</h2>
<ul class="ci-api-toc">
{% for ep in endpoints %}
<li><a href="#{{ ep.anchor }}"><code>{{ ep.method }} {{ ep.path }}</code></a>: {{ ep.summary | inline_code }}</li>
{% endfor %}
</ul>
</nav>
{% for ep in endpoints %}
<section class="ci-api-endpoint" aria-labelledby="{{ ep.anchor }}">
<h2 id="{{ ep.anchor }}"><span class="ci-api-method">{{ ep.method }}</span> <code>{{ ep.path }}</code></h2>
<p>{{ ep.summary | inline_code }}</p>
{% if ep.description %}
<p>{{ ep.description | inline_code }}</p>
{% endif %}
<h3>Parameters</h3>
{% if ep.parameters %}
<div class="ci-table-scroll">
<table class="ci-table">
<caption>Parameters of <code>{{ ep.method }} {{ ep.path }}</code></caption>
<thead><tr><th scope="col">Name</th><th scope="col">In</th><th scope="col">Required</th><th scope="col">Type</th><th scope="col">Description</th></tr></thead>
<tbody>
{% for p in ep.parameters %}
<tr><th scope="row"><code>{{ p.name }}</code></th><td>{{ p.where }}</td><td>{{ "yes" if p.required else "no" }}</td><td>{{ p.kind }}</td><td>{{ p.description | inline_code }}</td></tr>
{% endfor %}
</tbody>
</table>
</div>
{% else %}
<p>None.</p>
{% endif %}
<h3>Responses</h3>
<div class="ci-table-scroll">
<table class="ci-table">
<caption>Responses of <code>{{ ep.method }} {{ ep.path }}</code></caption>
<thead><tr><th scope="col">Status</th><th scope="col">Description</th><th scope="col">Formats</th></tr></thead>
<tbody>
{% for r in ep.responses %}
<tr><th scope="row">{{ r.status }}</th><td>{{ r.description | inline_code }}</td><td>{% for m in r.media_types %}<code>{{ m }}</code>{{ ", " if not loop.last }}{% endfor %}</td></tr>
{% endfor %}
</tbody>
</table>
</div>
{% for r in ep.responses if r.headers %}
<div class="ci-table-scroll">
<table class="ci-table">
<caption>Headers of the {{ r.status }} response</caption>
<thead><tr><th scope="col">Header</th><th scope="col">Description</th></tr></thead>
<tbody>
{% for name, text in r.headers %}
<tr><th scope="row"><code>{{ name }}</code></th><td>{{ text | inline_code }}</td></tr>
{% endfor %}
</tbody>
</table>
</div>
{% endfor %}
{% if ep.example %}
<h3>Example</h3>
<p><a class="ci-api-example" href="{{ ep.example }}"><code>{{ base }}{{ ep.example }}</code></a></p>
{% endif %}
</section>
{% endfor %}
</main>
<footer class="ci-footer">
<p><a href="{{ home }}">Back to the dashboard</a> · <a href="{{ openapi_path }}" type="application/json">openapi.json</a></p>
</footer>
</body>
</html>
""")


def api_docs_html(document: dict[str, Any], base_url: str = "", home: str = "/") -> str:
    """The reference page of ``document``; ``base_url`` (``http://host``) prefixes the example
    URLs shown (their links stay relative to this server); ``home``: the dashboard's page its
    links go back to (in the language the reader came from)."""
    info = document.get("info", {})
    observation = document.get("components", {}).get("schemas", {}).get("Observation", {})
    return TEMPLATE.render(
        title=info.get("title", "API"), info_description=info.get("description", ""),
        version=document.get("openapi", ""), endpoints=endpoints(document),
        provenance=[c for c in PROVENANCE_COLUMNS if c in observation.get("properties", {})],
        prefix=PREFIX, openapi_path=OPENAPI_PATH, stylesheets=STYLESHEETS,
        base=base_url.rstrip("/"), home=home)
