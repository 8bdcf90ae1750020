"""Plain elements serialise as the dash.html components they stand for, and check their names."""

from __future__ import annotations

import copy
import json

import pytest
from dash import html
from dash._utils import to_json

from dashboard.elements import element, is_element
from dashboard.layout import html_table
from tests.dashboard.tree_support import as_components


def sent(node) -> object:
    """What the renderer receives: the JSON Dash sends, read back, with properties sent as
    null left out (a component sends ``children: null`` when it has none; the renderer reads
    null and absent alike)."""
    return _unset_dropped(json.loads(to_json(node)))


def _unset_dropped(node: object) -> object:
    if isinstance(node, list):
        return [_unset_dropped(child) for child in node]
    if isinstance(node, dict):
        if {"props", "type", "namespace"} <= node.keys():
            props = {k: _unset_dropped(v) for k, v in node["props"].items() if v is not None}
            return {**node, "props": props}
        return {k: _unset_dropped(v) for k, v in node.items()}
    return node


CASES = [
    pytest.param(("Td", "12", {"className": "ci-num"}), id="text-and-class"),
    pytest.param(("Span", "✓", {"aria-hidden": "true"}), id="wildcard-attribute"),
    pytest.param(("A", "report", {"href": "https://example.org/r.pdf", "target": "_blank",
                                  "rel": "noopener noreferrer"}), id="link"),
    pytest.param(("Time", "2024-05-01", {"dateTime": "2024-05-01"}), id="time"),
    pytest.param(("Ul", None, {"id": "list", "className": "ci-article-list"}), id="no-children"),
    pytest.param(("Th", "Country", {"scope": "col"}), id="header-cell"),
]


@pytest.mark.parametrize("case", CASES)
def test_an_element_is_sent_as_its_component(case):
    tag, children, props = case
    component = getattr(html, tag)(children, **props) if children is not None else getattr(
        html, tag)(**props)
    assert sent(element(tag, children, **props)) == sent(component)


def test_nested_elements_are_sent_as_nested_components():
    tree = element("Li", [element("H3", element("A", "Title", href="/x"), lang="fr"), " · ",
                          element("P", "text", dir="rtl")], className="ci-article")
    expected = html.Li([html.H3(html.A("Title", href="/x"), lang="fr"), " · ",
                        html.P("text", dir="rtl")], className="ci-article")
    assert sent(tree) == sent(expected)


def test_none_means_not_set():
    """A property given as None is left out (the renderer reads null and absent alike)."""
    assert element("Td", "x", className=None) == element("Td", "x")
    assert "className" not in element("Td", "x", className=None)["props"]


def test_a_misspelt_property_is_refused():
    with pytest.raises(TypeError, match="classname"):
        element("Td", "x", classname="ci-num")


def test_an_unknown_tag_is_refused():
    with pytest.raises(ValueError, match="Tdd"):
        element("Tdd", "x")


def test_is_element_tells_elements_apart():
    node = element("Div", ["a"], id="box")
    assert is_element(node) and not is_element({"props": {}}) and not is_element(html.Div())


def test_a_table_is_sent_as_the_same_table_of_components():
    table = html_table(["Country", "Score"], [["Morocco", "97.5"], ["Oman", "96.04"]],
                       "GCI 2024", table_id="t", numeric=(1,))
    expected = html.Table([
        html.Caption("GCI 2024"),
        html.Thead(html.Tr([html.Th("Country", scope="col"),
                            html.Th("Score", scope="col", className="ci-num")])),
        html.Tbody([html.Tr([html.Td("Morocco"), html.Td("97.5", className="ci-num")]),
                    html.Tr([html.Td("Oman"), html.Td("96.04", className="ci-num")])]),
    ], className="ci-table", id="t")
    assert sent(table) == sent(expected)


def test_news_answer_is_sent_as_its_components(pages, app_context):
    """The News callback's whole answer (article cards, claims table, chart twin) reads the
    same to the renderer as the tree of dash.html components it stands for."""
    answer = pages["news"].update_news(["MAR", "OMN"], "week", "count", [], [], None, None,
                                       "any", [], ["samples"], "en")
    assert any(is_element(part) for part in answer)
    assert sent(answer) == sent(as_components(copy.deepcopy(list(answer))))


def test_arabic_indic_digits_reach_the_text_of_elements():
    """localize_tree writes the chosen digits into element text too, and leaves parts marked
    as another language and code as written."""
    from dashboard.i18n import use_digits
    from dashboard.layout import localize_tree

    tree = html.Div([element("Td", "97.5"), element("Span", "GCI 2024", lang="en"),
                     element("Code", "2024"), element("P", [element("B", "12")])])
    with use_digits("arab"):
        out = sent(localize_tree(tree, "ar"))
    cells = [child["props"]["children"] for child in out["props"]["children"]]
    assert "٩٧" in cells[0] and cells[1] == "GCI 2024" and cells[2] == "2024"
    assert cells[3][0]["props"]["children"] == "١٢"


def test_text_quoted_as_published_keeps_its_digits():
    """An article's title, snippet or the sentence a claim comes from is a quotation: its
    digits stay the source's (a fact check quotes, it does not rewrite), in elements and in
    components alike; the page's own text around it takes the chosen digits."""
    from dashboard.i18n import use_digits
    from dashboard.layout import VERBATIM, localize_tree

    quote = "حصلت على 83.65 نقطة"
    tree = html.Div([element("P", quote, className=f"ci-article-snippet {VERBATIM}"),
                     html.Span(quote, className=VERBATIM), element("P", "83.65")])
    with use_digits("arab"):
        out = sent(localize_tree(tree, "ar"))
    cells = [child["props"]["children"] for child in out["props"]["children"]]
    assert cells == [quote, quote, "٨٣٫٦٥"]
