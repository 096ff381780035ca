#!/usr/bin/env python3
"""Checks real answers of the API against openapi.yaml: each answer's body against the schema its operation gives for
its status and media type. Usage: check-answers.py openapi.yaml answers.json, where answers.json is a list of
{"method", "path" (as sent, without its query), "status", "contentType", "body"}. Prints one line per
answer that does not conform (and per answer the file does not describe) and exits 1 if there is any; 0 otherwise.
JSON bodies are validated with their formats (date, date-time), and every field they carry must be named by the
schema (most objects are open, so a renamed field would otherwise pass); a CSV or HTML answer is checked for its status
and media type only (its schema is a string)."""
import json
import re
import sys

import yaml
from jsonschema.exceptions import best_match
from openapi_schema_validator import OAS30Validator, oas30_format_checker


class UniqueKeyLoader(yaml.SafeLoader):
    """YAML that refuses a key given twice in one mapping (safe_load keeps the last silently: that is how a schema
    once lost a property and nothing noticed)."""

    def construct_mapping(self, node, deep=False):
        keys = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in keys:
                raise yaml.constructor.ConstructorError(None, None, f"key {key!r} given twice", key_node.start_mark)
            keys.add(key)
        return super().construct_mapping(node, deep)


def follow(spec, node):
    """A schema or response as its $ref (a local one, '#/…') names it."""
    while isinstance(node, dict) and "$ref" in node:
        target = spec
        for part in node["$ref"].lstrip("#/").split("/"):
            target = target[part]
        node = target
    return node


def template(spec, path):
    """The path template a path was sent to (a literal segment before a parameter, as a router matches)."""
    matches = [t for t in spec["paths"] if re.fullmatch(re.sub(r"\\{[^/]+\\}", "[^/]+", re.escape(t)), path)]
    return min(matches, key=lambda t: t.count("{"), default=None)


def undeclared(spec, schema, value, at=""):
    """Fields of an answer its schema does not name, wherever they are (a renamed or misspelt field passes a schema
    that does not close its objects; this names it): a list of their paths."""
    schema = follow(spec, schema) or {}
    branches = [follow(spec, branch) for branch in schema.get("allOf", [])] + [schema]
    found = []
    if isinstance(value, dict):
        named = {}
        for branch in branches:
            named.update(branch.get("properties", {}))
        extra = [branch.get("additionalProperties") for branch in branches if "additionalProperties" in branch]
        for key, item in value.items():
            if key in named:
                found += undeclared(spec, named[key], item, f"{at}/{key}")
            elif extra and isinstance(extra[0], dict):
                found += undeclared(spec, extra[0], item, f"{at}/{key}")
            elif named or extra:
                found.append(f"{at}/{key}")
    elif isinstance(value, list):
        items = next((branch["items"] for branch in branches if "items" in branch), None)
        for i, item in enumerate(value):
            if items is not None:
                found += undeclared(spec, items, item, f"{at}/{i}")
    return found


def main(spec_file, answers_file):
    with open(spec_file) as f:
        spec = yaml.load(f, Loader=UniqueKeyLoader)
    with open(answers_file) as f:
        answers = json.load(f)
    failures = []
    for answer in answers:
        where = f"{answer['method']} {answer['path']} {answer['status']} {answer['contentType']}"
        path = template(spec, answer["path"])
        operation = spec["paths"].get(path, {}).get(answer["method"].lower())
        if operation is None:
            failures.append(f"{where}: no such operation in {spec_file}")
            continue
        responses = operation.get("responses", {})
        response = follow(spec, responses.get(str(answer["status"]), responses.get("default")))
        if response is None:
            failures.append(f"{where}: status not described")
            continue
        media = answer["contentType"].split(";")[0].strip()
        content = (response.get("content") or {}).get(media)
        if content is None:
            failures.append(f"{where}: media type not described (has {sorted((response.get('content') or {}).keys())})")
            continue
        schema = content.get("schema")
        if schema is None or not media.endswith("json"):
            continue
        # the schema is checked as a part of the whole file, so that its $refs resolve against the file
        validator = OAS30Validator({**spec, "x-answer": schema, "$ref": "#/x-answer"},
                                   format_checker=oas30_format_checker)
        body = json.loads(answer["body"])
        error = best_match(validator.iter_errors(body))
        if error is not None:
            field = "/".join(str(part) for part in error.absolute_path)
            failures.append(f"{where}: at '{field}': {error.message[:300]}")
        for field in undeclared(spec, schema, body):
            failures.append(f"{where}: field {field} is not in the schema")
    for failure in failures:
        print(failure)
    print(f"{len(answers)} answers checked, {len(failures)} not as {spec_file} describes them", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
