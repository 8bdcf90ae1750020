"""Forged values of the News, What changed, Compare and Data controls are refused by the
callback guard (400 naming the component) before any callback runs: none reaches a query or
raises a 500. The values the controls send still pass."""

from __future__ import annotations

import json

import pytest


@pytest.fixture(scope="module")
def client(dash_app):
    return dash_app.server.test_client()


def _payloads(dash_app, target: str, value) -> list[dict]:
    """A request for every callback taking ``target`` ("id.property"), with ``value`` there
    and None in every other input and state."""
    found = []
    for output, spec in dash_app.callback_map.items():
        items = [("inputs", i) for i in spec["inputs"]] + [("state", s) for s in spec["state"]]
        if not any(f"{i['id']}.{i['property']}" == target for _, i in items):
            continue
        names = output[2:-2].split("...") if output.startswith("..") else [output]
        outs = [dict(zip(("id", "property"), n.split("@")[0].rsplit(".", 1), strict=True))
                for n in names]
        payload = {"output": output, "outputs": outs if output.startswith("..") else outs[0],
                   "inputs": [], "state": [],
                   "changedPropIds": [f"{spec['inputs'][0]['id']}.{spec['inputs'][0]['property']}"]}
        for section, item in items:
            key = f"{item['id']}.{item['property']}"
            payload[section].append({"id": item["id"], "property": item["property"],
                                     "value": value if key == target else None})
        found.append(payload)
    assert found, f"no callback takes {target}"
    return found


def _post(client, payload):
    return client.post("/_dash-update-component", data=json.dumps(payload),
                       content_type="application/json")


FORGED = [
    pytest.param("news-freq.value", ["week"], id="news-freq-list"),
    pytest.param("news-freq.value", "year", id="news-freq-unknown"),
    pytest.param("news-measure.value", 1.5, id="news-measure-number"),
    pytest.param("news-has-claim.value", {"a": 1}, id="news-has-claim-object"),
    pytest.param("news-verdicts.value", ["nonsense"], id="news-verdict-unknown"),
    pytest.param("news-samples.value", True, id="news-samples-bool"),
    pytest.param("news-languages.value", [{"x": 1}], id="news-languages-object"),
    pytest.param("news-outlets.value", [{"x": 1}], id="news-outlets-object"),
    pytest.param("news-outlets.value", ["x" * 201], id="news-outlets-too-long"),
    pytest.param("news-dates.start_date", "'; DROP TABLE x; --", id="news-start-not-a-date"),
    pytest.param("news-dates.end_date", "2024-13-45", id="news-end-bad-month"),
    pytest.param("changes-kinds.value", [1, 2], id="changes-kinds-numbers"),
    pytest.param("changes-since.date", "x" * 500, id="changes-since-not-a-date"),
    pytest.param("compare-ranking.data", -1, id="compare-ranking-number"),
    pytest.param("compare-ranking.data", [{"a": {"b": 1}}], id="compare-ranking-nested"),
    pytest.param("data-table.page_count", "many", id="data-page-count-text"),
]


@pytest.mark.parametrize(("target", "value"), FORGED)
def test_forged_control_value_is_a_400(client, dash_app, target, value):
    """Every callback taking the control answers 400 naming it."""
    for payload in _payloads(dash_app, target, value):
        response = _post(client, payload)
        assert response.status_code == 400, (payload["output"], response.data[:200])
        assert target in response.get_json()["error"]["message"]


SENT = [
    pytest.param("news-freq.value", "month", id="news-freq"),
    pytest.param("news-measure.value", "share", id="news-measure"),
    pytest.param("news-has-claim.value", "yes", id="news-has-claim"),
    pytest.param("news-samples.value", ["samples"], id="news-samples"),
    pytest.param("news-outlets.value", ["Maghreb Tech Daily"], id="news-outlets"),
    pytest.param("news-dates.start_date", "2024-01-01", id="news-start"),
    pytest.param("news-dates.end_date", "2025-06-30T00:00:00", id="news-end-with-time"),
    pytest.param("changes-since.date", "2025-01-01", id="changes-since"),
    pytest.param("data-table.page_count", 3, id="data-page-count"),
]


@pytest.mark.parametrize(("target", "value"), SENT)
def test_values_the_controls_send_pass(client, dash_app, target, value):
    """A value the control itself sends is not refused by the guard."""
    for payload in _payloads(dash_app, target, value):
        response = _post(client, payload)
        assert response.status_code != 400 or target not in response.get_data(as_text=True)
        assert response.status_code < 500, (payload["output"], response.data[:200])
