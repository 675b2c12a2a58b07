"""JSON: the aggregated, suppressed tables (the API's results body)."""

import json

from ..aggregation import api_shape


def write_json(path, *, results: dict) -> None:
    body = api_shape(results)
    body["title"] = results["title"]
    if results["breakdown"]:
        body["breakdown"]["tables"] = results["breakdown"]["tables"]
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(body, handle, ensure_ascii=False, indent=1)
