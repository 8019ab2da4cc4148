"""Check a request against an OpenAPI subset: the operation exists, parameters and body are valid."""

import json
import re

from jsonschema import Draft4Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

SPEC_URI = "urn:spec"


class Spec:
    def __init__(self, path):
        self.doc = json.loads(path.read_text(encoding="utf-8"))
        self.registry = Registry().with_resource(SPEC_URI, Resource.from_contents(self.doc, DRAFT4))
        self.routes = []
        for template, item in self.doc["paths"].items():
            pattern = re.sub(r"\\\{(\w+)\\\}", r"(?P<\1>[^/]+)", re.escape(template))
            self.routes.append((re.compile(pattern + "$"), template, item))

    def _deref(self, node):
        while "$ref" in node:
            node = self.registry.resolver().lookup(SPEC_URI + node["$ref"]).contents
        return node

    def _schema_errors(self, value, schema):
        if "$ref" in schema:
            schema = {"$ref": SPEC_URI + schema["$ref"]}
        validator = Draft4Validator(schema, registry=self.registry)
        return [f"{'.'.join(str(p) for p in e.absolute_path) or 'body'}: {e.message}"
                for e in validator.iter_errors(value)]

    def check(self, method, path, query, body):
        """Returns (operationId, path params, problems); operationId None when there is no such route."""
        for regex, template, item in self.routes:
            match = regex.match(path)
            if not match:
                continue
            op = item.get(method.lower())
            if op is None:
                return None, {}, [f"{method} is not allowed on {template}"]
            problems = []
            params = [self._deref(p) for p in item.get("parameters", []) + op.get("parameters", [])]
            known = {p["name"] for p in params if p["in"] == "query"}
            for name in query:
                if name not in known:
                    problems.append(f"unknown query parameter {name!r}")
            for param in params:
                where = param["in"]
                value = match.groupdict().get(param["name"]) if where == "path" else query.get(param["name"])
                if value is None:
                    if param.get("required"):
                        problems.append(f"missing required {where} parameter {param['name']!r}")
                    continue
                problems += self._param_errors(param, value)
            problems += self._body_errors(op, body)
            return op["operationId"], match.groupdict(), problems
        return None, {}, [f"no operation at {path}"]

    def _param_errors(self, param, value):
        schema = self._deref(param.get("schema", {}))
        kind = schema.get("type")
        name = param["name"]
        if kind == "array":
            items = self._deref(schema.get("items", {}))
            values = [v for raw in value for v in raw.split(",")]
            return [f"{name}: {v!r} is not one of {items['enum']}" for v in values
                    if "enum" in items and v not in items["enum"]]
        raw = value[-1] if isinstance(value, list) else value
        if kind == "integer" and not re.fullmatch(r"-?\d+", raw):
            return [f"{name}: {raw!r} is not an integer"]
        if kind == "boolean" and raw not in ("true", "false"):
            return [f"{name}: {raw!r} is not a boolean"]
        if "enum" in schema and raw not in schema["enum"]:
            return [f"{name}: {raw!r} is not one of {schema['enum']}"]
        return []

    def _body_errors(self, op, body):
        request_body = op.get("requestBody")
        text = body.decode("utf-8").strip() if body else ""
        if request_body is None:
            # Clients send no body or a JSON null (mailchimp-marketing's send does).
            return [] if text in ("", "null") else ["this operation takes no request body"]
        if not text or text == "null":
            return ["a request body is required"] if request_body.get("required") else []
        try:
            value = json.loads(text)
        except ValueError as exc:
            return [f"body is not JSON: {exc}"]
        schema = request_body["content"]["application/json"]["schema"]
        return self._schema_errors(value, schema)
