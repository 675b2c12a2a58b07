"""drf-spectacular hooks: the schema says what the API answers when it refuses."""

ERROR_SCHEMA = {
    "type": "object",
    "description": "Every 4xx answer: a sentence, and the messages of each field (empty when no field is at fault).",
    "properties": {
        "detail": {"type": "string"},
        "errors": {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}}},
    },
    "required": ["detail", "errors"],
}


def add_error_responses(result, generator, request, public):
    """Document the one error shape (siem_portal/api_errors.py) as every operation's 4XX answer."""
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    reference = {"$ref": "#/components/schemas/Error"}
    for path_item in result.get("paths", {}).values():
        for operation in path_item.values():
            responses = operation.setdefault("responses", {})
            responses.setdefault(
                "4XX",
                {
                    "description": "Refused: see detail and errors",
                    "content": {"application/json": {"schema": reference}},
                },
            )
    return result
