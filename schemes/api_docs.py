"""A server-rendered page documenting the open-data API from its own OpenAPI schema (no CDN, no JavaScript)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET
from drf_spectacular.generators import SchemaGenerator

METHODS = ("get", "post", "put", "patch", "delete")


def _type(schema: dict) -> str:
    if schema.get("type") == "array":
        return f"{_type(schema.get('items', {}))}[]"
    return schema.get("type", "") or ", ".join(schema.get("enum", []))


def _endpoints(schema: dict) -> list[dict]:
    endpoints = []
    for route, operations in schema.get("paths", {}).items():
        for method in METHODS:
            operation = operations.get(method)
            if operation is None:
                continue
            endpoints.append({
                "method": method.upper(), "path": route, "summary": operation.get("summary", ""),
                "description": operation.get("description", ""),
                "parameters": [
                    {"name": p["name"], "in": p["in"], "required": p.get("required", False),
                     "description": p.get("description", ""),
                     "type": _type(p.get("schema", {}))}
                    for p in operation.get("parameters", [])
                ],
                "responses": sorted(operation.get("responses", {})),
            })
    return endpoints


@require_GET
def docs(request: HttpRequest) -> HttpResponse:
    schema = SchemaGenerator(patterns=None).get_schema(request=None, public=True)
    return render(request, "schemes/api_docs.html", {"info": schema["info"], "endpoints": _endpoints(schema)})
