#!/usr/bin/env python3
"""Validate an NDJSON stream of `ptest run --message-format ndjson` against docs/ndjson-schema.json.

Usage: validate_ndjson.py SCHEMA STREAM

Every line must be one JSON object that the schema accepts (checked against the definition its
`type` names, so a complaint says which member is wrong); the first line must carry
`format-version` and the last `exit-code`. Prints one line per problem, with the line number, and
exits 1 when there is any; prints `N lines valid` and exits 0 otherwise.
"""
import json
import sys

try:
    import jsonschema
except ImportError:
    print("python3-jsonschema is not installed (scripts/bootstrap installs it)")
    sys.exit(1)


def problems(schema, lines):
    validator_class = jsonschema.Draft202012Validator
    known = schema["properties"]["type"]["enum"]
    for number, line in enumerate(lines, start=1):
        try:
            event = json.loads(line)
        except ValueError as error:
            yield f"line {number}: not JSON: {error}"
            continue
        if not isinstance(event, dict) or event.get("type") not in known:
            yield f"line {number}: not an object with a known `type`: {line[:200]}"
            continue
        # Validate against the one definition the type names: its errors are precise.
        definition = dict(schema["$defs"]["event-" + event["type"]])
        definition["$defs"] = schema["$defs"]
        for error in validator_class(definition).iter_errors(event):
            where = "/".join(str(part) for part in error.absolute_path)
            yield f"line {number} ({event['type']}): {where}: {error.message[:300]}"
        # And against the whole schema, so the file itself is what is checked.
        if not validator_class(schema).is_valid(event):
            yield f"line {number} ({event['type']}): refused by the schema's oneOf"
    if not lines:
        yield "the stream is empty"
        return
    first = json.loads(lines[0]) if lines[0].startswith("{") else {}
    last = json.loads(lines[-1]) if lines[-1].startswith("{") else {}
    if "format-version" not in first:
        yield "the first line has no format-version"
    if "exit-code" not in last:
        yield "the last line has no exit-code"


def main():
    if len(sys.argv) != 3:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    with open(sys.argv[1], encoding="utf-8") as file:
        schema = json.load(file)
    jsonschema.Draft202012Validator.check_schema(schema)
    with open(sys.argv[2], "rb") as file:
        raw = file.read()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        print(f"the stream is not valid UTF-8: {error}")
        return 1
    if text and not text.endswith("\n"):
        print("the stream does not end with a line end")
        return 1
    lines = text.split("\n")[:-1] if text else []
    found = list(problems(schema, lines))
    for problem in found:
        print(problem)
    if not found:
        print(f"{len(lines)} lines valid")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
