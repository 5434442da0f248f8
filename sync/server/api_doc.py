"""The OpenAPI the county center publishes: every answer a call can give, declared.

FastAPI documents a route's own answers. The refusals of the layers before the routes (the
protocol version and body checks of ``bodies.py``, the 401 of ``deps.current_station``, the
validation handler of ``app.py``) are added here, all as the protocol's ``ErrorBody``; the token
is declared as a Bearer scheme instead of a free ``authorization`` header; the protocol version
and station time headers are declared, and the county's time and request id on every answer.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI

from sync import protocol

ERROR_REF = {"$ref": "#/components/schemas/ErrorBody"}
TOKEN_SCHEME = "station_token"

# what every call under /api/v1 may answer before (or besides) its route
API_REFUSALS: dict[str, str] = {
    "400": "Bad request: a bad protocol version header, bad gzip, or a body that is not JSON",
    "413": "The body is over the county's limit",
    "422": "A well-formed request with a wrong or missing field",
    "426": "The station app is too old: update it",
    "500": "The county's fault: try again later",
}
TOKEN_REFUSALS: dict[str, str] = {
    "401": "No token, or a token the county no longer knows: enrol again",
}
ANSWER_HEADERS: dict[str, dict[str, Any]] = {
    protocol.COUNTY_TIME_HEADER: {
        "description": "The county's time when the call arrived (ISO 8601 with offset)",
        "schema": {"type": "string"},
    },
    "X-Request-ID": {
        "description": "The id of the call in the county's log",
        "schema": {"type": "string"},
    },
}


def declare_refusals(app: FastAPI) -> None:
    """Make ``app.openapi()`` declare the refusals above (once, when it is first built)."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = _declared(build())
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def _declared(schema: dict[str, Any]) -> dict[str, Any]:
    components = schema.setdefault("components", {})
    components.setdefault("securitySchemes", {})[TOKEN_SCHEME] = {
        "type": "http",
        "scheme": "bearer",
        "description": "The station's token, from POST /api/v1/enroll",
    }
    for path, operations in schema.get("paths", {}).items():
        if not path.startswith(protocol.API_PREFIX):
            continue
        for operation in operations.values():
            _declare_operation(operation)
    schemas = components.get("schemas", {})
    if "HTTPValidationError" in schemas and "HTTPValidationError" not in _refs(schema):
        schemas.pop("HTTPValidationError", None)
        schemas.pop("ValidationError", None)
    return schema


def _declare_operation(operation: dict[str, Any]) -> None:
    parameters = operation.get("parameters", [])
    needs_token = any(_is_authorization(p) for p in parameters)
    parameters = [p for p in parameters if not _is_authorization(p)]
    parameters.append(
        {
            "name": protocol.VERSION_HEADER,
            "in": "header",
            "required": False,
            "description": "The protocol version the station speaks (default: the newest)",
            "schema": {"type": "integer", "enum": list(protocol.SUPPORTED_VERSIONS)},
        }
    )
    parameters.append(
        {
            "name": protocol.STATION_TIME_HEADER,
            "in": "header",
            "required": False,
            "description": "The station's clock when it sent the call (ISO 8601 with offset); "
            "more than 5 minutes off the county's is flagged",
            "schema": {"type": "string", "format": "date-time"},
        }
    )
    operation["parameters"] = parameters
    responses = operation.setdefault("responses", {})
    refusals = {**API_REFUSALS, **(TOKEN_REFUSALS if needs_token else {})}
    if needs_token:
        operation["security"] = [{TOKEN_SCHEME: []}]
    for status, description in refusals.items():
        declared = responses.get(status)
        if declared is None or _is_fastapi_validation(declared):
            responses[status] = {
                "description": description,
                "content": {"application/json": {"schema": ERROR_REF}},
            }
    for response in responses.values():
        response.setdefault("headers", {}).update(ANSWER_HEADERS)


def _is_authorization(parameter: dict[str, Any]) -> bool:
    return parameter.get("in") == "header" and parameter.get("name", "").lower() == "authorization"


def _is_fastapi_validation(response: dict[str, Any]) -> bool:
    schema = response.get("content", {}).get("application/json", {}).get("schema", {})
    return schema.get("$ref", "").endswith("/HTTPValidationError")


def _refs(value: Any) -> set[str]:
    """The names of the component schemas referenced anywhere in ``value``."""
    found: set[str] = set()
    if isinstance(value, dict):
        ref = value.get("$ref")
        if isinstance(ref, str):
            found.add(ref.rsplit("/", 1)[-1])
        for item in value.values():
            found |= _refs(item)
    elif isinstance(value, list):
        for item in value:
            found |= _refs(item)
    return found
