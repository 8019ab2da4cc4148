"""Check a request against an OpenAPI subset: the operation exists, parameters and body are valid.

Besides JSON Schema's own keywords, a schema may limit a string the way a service counts it:
``x-maxGraphemes`` (extended grapheme clusters), ``x-maxBytes`` (UTF-8 bytes), ``x-maxWeightedLength``
(X's weighted length) and ``x-maxMastodonLength`` (graphemes, every URL counting 23). An overlay
(``{"operationId": {"body": schema}}``) adds limits to a spec that cannot be edited.
"""

import json
import re
from urllib.parse import parse_qs

import regex
from jsonschema import Draft4Validator, ValidationError, validators
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4
from twitter_text import parse_tweet

SPEC_URI = "urn:spec"
URL = regex.compile(r"https?://[^\s<>\"]+")


def _limit(measure, unit):
    def check(validator, limit, instance, schema):
        if validator.is_type(instance, "string") and measure(instance) > limit:
            yield ValidationError(
                f"{instance!r} is longer than {limit} {unit} ({measure(instance)})"
            )

    return check


LIMITS = {
    "x-maxGraphemes": _limit(lambda s: len(regex.findall(r"\X", s)), "graphemes"),
    "x-maxBytes": _limit(lambda s: len(s.encode("utf-8")), "UTF-8 bytes"),
    "x-maxWeightedLength": _limit(lambda s: parse_tweet(s).weightedLength, "weighted characters"),
    "x-maxMastodonLength": _limit(
        lambda s: len(regex.findall(r"\X", URL.sub("x" * 23, s))), "characters"
    ),
}
Validator = validators.extend(Draft4Validator, LIMITS)


def form_value(body):
    """An application/x-www-form-urlencoded body as a dict (a repeated key: a list)."""
    pairs = parse_qs(body.decode("utf-8"), keep_blank_values=True)
    return {k.removesuffix("[]"): (v if k.endswith("[]") else v[-1]) for k, v in pairs.items()}


class Spec:
    def __init__(self, path, overlay=None):
        self.doc = json.loads(path.read_text(encoding="utf-8"))
        self.overlay = json.loads(overlay.read_text(encoding="utf-8")) if overlay else {}
        self.registry = Registry().with_resource(SPEC_URI, Resource.from_contents(self.doc, DRAFT4))
        self.routes = []
        for template, item in self.doc["paths"].items():
            pattern = re.sub(r"\\\{(\w+)\\\}", r"(?P<\1>[^/]+)", re.escape(template))
            self.routes.append(
                (re.compile(pattern + "/?$"), template, item)
            )  # Rails-style: a final / is the same

    def _deref(self, node):
        while "$ref" in node:
            node = self.registry.resolver().lookup(SPEC_URI + node["$ref"]).contents
        return node

    def _schema_errors(self, value, schema):
        if "$ref" in schema:
            schema = {"$ref": SPEC_URI + schema["$ref"]}
        validator = Validator(schema, registry=self.registry)
        return [
            f"{'.'.join(str(p) for p in e.absolute_path) or 'body'}: {e.message}"
            for e in validator.iter_errors(value)
        ]

    def check(self, method, path, query, body, content_type="application/json", headers=None):
        """Returns (operationId, path params, problems); operationId None when there is no such route."""
        for pattern, template, item in self.routes:
            match = pattern.match(path)
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
                value = {"path": match.groupdict(), "query": query, "header": headers or {}}.get(
                    where, {}
                ).get(param["name"])
                if value is None:
                    if param.get("required"):
                        problems.append(f"missing required {where} parameter {param['name']!r}")
                    continue
                problems += self._param_errors(param, value)
            problems += self._body_errors(op, body, content_type)
            return op["operationId"], match.groupdict(), problems
        return None, {}, [f"no operation at {path}"]

    def _param_errors(self, param, value):
        schema = self._deref(param.get("schema", {}))
        kind = schema.get("type")
        name = param["name"]
        if kind == "array":
            items = self._deref(schema.get("items", {}))
            values = [v for raw in value for v in raw.split(",")]
            return [
                f"{name}: {v!r} is not one of {items['enum']}"
                for v in values
                if "enum" in items and v not in items["enum"]
            ]
        raw = value[-1] if isinstance(value, list) else value
        if kind == "integer" and not re.fullmatch(r"-?\d+", raw):
            return [f"{name}: {raw!r} is not an integer"]
        if kind == "boolean" and raw not in ("true", "false"):
            return [f"{name}: {raw!r} is not a boolean"]
        if "enum" in schema and raw not in schema["enum"]:
            return [f"{name}: {raw!r} is not one of {schema['enum']}"]
        if "maxLength" in schema and len(raw) > schema["maxLength"]:
            return [f"{name}: longer than {schema['maxLength']} characters"]
        return []

    def _body_errors(self, op, body, content_type):
        request_body = op.get("requestBody")
        text = body.decode("utf-8").strip() if body else ""
        if content_type.startswith("application/x-www-form-urlencoded") and request_body:
            schema = request_body["content"][content_type.split(";")[0]]["schema"]
            return self._schema_errors(form_value(body), schema)
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
        extra = self.overlay.get(op["operationId"], {}).get("body")
        return self._schema_errors(value, schema) + (
            self._schema_errors(value, extra) if extra else []
        )
