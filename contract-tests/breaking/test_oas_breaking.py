"""Tests of oas_breaking.py (run by `scripts/contract-tests.sh breaking`, or: pytest -q here)."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from oas_breaking import (
    Change,
    acknowledged,
    changelog_section,
    compare_documents,
    is_incompatible_bump,
    main,
)

CONTRACT = Path(__file__).resolve().parents[2] / "openapi" / "openapi.json"


# --- builders ---------------------------------------------------------------------------------


def doc(paths: dict[str, Any] | None = None, schemas: dict[str, Any] | None = None, version: str = "0.1.0",
        openapi: str = "3.1.0", security: list | None = None) -> dict[str, Any]:
    d: dict[str, Any] = {
        "openapi": openapi,
        "info": {"title": "t", "version": version},
        "paths": paths or {},
        "components": {"schemas": schemas or {}},
    }
    if security is not None:
        d["security"] = security
    return d


def op(operation_id: str = "op", *, params: list | None = None, body: Any = None, body_required: bool = True,
       responses: dict | None = None, security: list | None = None, media: str = "application/json") -> dict:
    o: dict[str, Any] = {"operationId": operation_id, "responses": responses or {"200": {"description": "ok"}}}
    if params is not None:
        o["parameters"] = params
    if body is not None:
        o["requestBody"] = {"required": body_required, "content": {media: {"schema": body}}}
    if security is not None:
        o["security"] = security
    return o


def ok(schema: Any, headers: dict | None = None, media: str = "application/json") -> dict:
    r: dict[str, Any] = {"description": "ok", "content": {media: {"schema": schema}}}
    if headers:
        r["headers"] = headers
    return {"200": r}


def query(name: str, schema: dict | None = None, required: bool = False) -> dict:
    return {"name": name, "in": "query", "required": required, "schema": schema or {"type": "string"}}


def rules(old: dict, new: dict) -> list[str]:
    return [c.rule for c in compare_documents(old, new)]


def body_rules(old_schema: Any, new_schema: Any, schemas: dict | None = None) -> list[str]:
    return rules(doc({"/x": {"post": op(body=old_schema)}}, schemas),
                 doc({"/x": {"post": op(body=new_schema)}}, schemas))


def response_rules(old_schema: Any, new_schema: Any, schemas: dict | None = None) -> list[str]:
    return rules(doc({"/x": {"get": op(responses=ok(old_schema))}}, schemas),
                 doc({"/x": {"get": op(responses=ok(new_schema))}}, schemas))


OBJ = {"type": "object", "properties": {"a": {"type": "string"}, "b": {"type": "integer"}}, "required": ["a"]}


def with_(schema: dict, **changes: Any) -> dict:
    s = copy.deepcopy(schema)
    for k, v in changes.items():
        if v is None:
            s.pop(k, None)
        else:
            s[k] = v
    return s


def prop(schema: dict, name: str, **changes: Any) -> dict:
    s = copy.deepcopy(schema)
    s["properties"][name] = with_(s["properties"][name], **changes)
    return s


# --- operations -------------------------------------------------------------------------------


def test_identical_documents_have_no_changes() -> None:
    d = doc({"/x": {"post": op(body=OBJ, responses=ok(OBJ))}})
    assert compare_documents(d, copy.deepcopy(d)) == []


def test_removed_operation_is_breaking_added_one_is_not() -> None:
    old = doc({"/x": {"get": op("a"), "post": op("b")}})
    new = doc({"/x": {"get": op("a"), "put": op("c")}})
    assert rules(old, new) == ["operation-removed"]


def test_operation_id_change_is_breaking() -> None:
    assert rules(doc({"/x": {"get": op("a")}}), doc({"/x": {"get": op("b")}})) == ["operation-id-changed"]


def test_path_parameter_rename_is_not_breaking() -> None:
    p_old = {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}
    p_new = {"name": "unit_id", "in": "path", "required": True, "schema": {"type": "string"}}
    old = doc({"/u/{id}": {"get": op(params=[p_old])}})
    new = doc({"/u/{unit_id}": {"get": op(params=[p_new])}})
    assert rules(old, new) == []


def test_security_tightened() -> None:
    anon = doc({"/x": {"get": op(security=[{}])}})
    scoped = doc({"/x": {"get": op(security=[{"oauth2": ["read"]}])}})
    more = doc({"/x": {"get": op(security=[{"oauth2": ["read", "write"]}])}})
    assert rules(anon, scoped) == ["security-tightened"]
    assert rules(scoped, more) == ["security-tightened"]
    assert rules(more, scoped) == []  # fewer scopes needed
    assert rules(scoped, anon) == []
    # An operation without `security` inherits the document's.
    assert rules(doc({"/x": {"get": op()}}, security=[{}]), doc({"/x": {"get": op()}}, security=[{"k": []}])) == [
        "security-tightened"
    ]


# --- parameters -------------------------------------------------------------------------------


def test_parameters() -> None:
    base = doc({"/x": {"get": op(params=[query("q")])}})
    assert rules(base, doc({"/x": {"get": op(params=[query("q"), query("r", required=True)])}})) == [
        "request-parameter-added-required"
    ]
    assert rules(base, doc({"/x": {"get": op(params=[query("q"), query("r")])}})) == []
    assert rules(base, doc({"/x": {"get": op(params=[query("q", required=True)])}})) == [
        "request-parameter-became-required"
    ]
    assert rules(base, doc({"/x": {"get": op(params=[])}})) == ["request-parameter-removed"]
    assert rules(base, doc({"/x": {"get": op(params=[query("q", {"type": "string", "maxLength": 5})])}})) == [
        "request-maxlength-lowered"
    ]


def test_header_parameters_match_case_insensitively() -> None:
    h = {"name": "If-Match", "in": "header", "schema": {"type": "string"}}
    h2 = dict(h, name="if-match")
    assert rules(doc({"/x": {"put": op(params=[h])}}), doc({"/x": {"put": op(params=[h2])}})) == []


def test_null_in_a_parameter_type_means_nothing_on_the_wire() -> None:
    h = {"name": "If-Match", "in": "header", "schema": {"type": ["string", "null"]}}
    h2 = {"name": "If-Match", "in": "header", "schema": {"type": "string"}}
    assert rules(doc({"/x": {"put": op(params=[h])}}), doc({"/x": {"put": op(params=[h2])}})) == []


def test_path_level_parameters_count() -> None:
    old = doc({"/x": {"parameters": [query("q")], "get": op()}})
    new = doc({"/x": {"parameters": [query("q", required=True)], "get": op()}})
    assert rules(old, new) == ["request-parameter-became-required"]


# --- request bodies ---------------------------------------------------------------------------


def test_request_body_presence() -> None:
    none = doc({"/x": {"post": op()}})
    required = doc({"/x": {"post": op(body=OBJ)}})
    optional = doc({"/x": {"post": op(body=OBJ, body_required=False)}})
    assert rules(none, required) == ["request-body-added-required"]
    assert rules(none, optional) == []
    assert rules(optional, required) == ["request-body-became-required"]
    assert rules(required, optional) == []
    assert rules(required, none) == ["request-body-removed"]


def test_request_media_type_removed() -> None:
    old = doc({"/x": {"post": op(body=OBJ)}})
    new = doc({"/x": {"post": op(body=OBJ, media="application/x-www-form-urlencoded")}})
    assert rules(old, new) == ["request-media-type-removed"]


@pytest.mark.parametrize(
    ("new", "expected"),
    [
        (with_(OBJ, required=["a", "b"]), ["request-property-became-required"]),
        (with_(OBJ, required=["a", "c"], properties={**OBJ["properties"], "c": {"type": "string"}}),
         ["request-required-property-added"]),
        (with_(OBJ, properties={**OBJ["properties"], "c": {"type": "string"}}), []),  # optional property added
        (with_(OBJ, required=[]), []),  # requirement dropped: accepts more
        (prop(OBJ, "a", enum=["x", "y"]), ["request-enum-added"]),
        (prop(OBJ, "a", type=["string", "null"]), []),  # null now also accepted
        (prop(OBJ, "b", type="number"), []),  # integer within number
        (prop(OBJ, "b", type="string"), ["request-type-narrowed"]),
        (prop(OBJ, "a", maxLength=10), ["request-maxlength-lowered"]),
        (prop(OBJ, "a", minLength=1), ["request-minlength-raised"]),
        (prop(OBJ, "a", minLength=0), []),
        (prop(OBJ, "b", minimum=0), ["request-minimum-raised"]),
        (prop(OBJ, "b", maximum=9), ["request-maximum-lowered"]),
        (prop(OBJ, "b", exclusiveMaximum=9), ["request-maximum-lowered"]),
        (prop(OBJ, "a", pattern="^[a-z]+$"), ["request-pattern-changed"]),
        (prop(OBJ, "a", format="uuid"), ["request-format-changed"]),
        (with_(OBJ, additionalProperties=False), ["request-additional-properties-refused"]),
        (with_(OBJ, additionalProperties={"type": "string"}), ["request-additional-properties-restricted"]),
    ],
)
def test_request_schema_narrowing(new: dict, expected: list[str]) -> None:
    assert body_rules(OBJ, new) == expected


def test_request_schema_widening_is_fine() -> None:
    strict = prop(prop(OBJ, "a", maxLength=5, minLength=2, pattern="^a"), "b", minimum=1, maximum=3)
    assert body_rules(strict, OBJ) == []
    assert body_rules(prop(OBJ, "a", enum=["x"]), prop(OBJ, "a", enum=["x", "y"])) == []


def test_request_enum_value_removed() -> None:
    assert body_rules(prop(OBJ, "a", enum=["x", "y"]), prop(OBJ, "a", enum=["x"])) == ["request-enum-value-removed"]


def test_request_nullable_removed_in_31_and_30() -> None:
    assert body_rules(prop(OBJ, "a", type=["string", "null"]), OBJ) == ["request-type-narrowed"]
    old = doc({"/x": {"post": op(body=prop(OBJ, "a", nullable=True))}}, openapi="3.0.3")
    new = doc({"/x": {"post": op(body=OBJ)}}, openapi="3.0.3")
    assert rules(old, new) == ["request-type-narrowed"]


def test_openapi_30_boolean_exclusive_bounds() -> None:
    old = prop(OBJ, "b", minimum=1)
    new = prop(OBJ, "b", minimum=1, exclusiveMinimum=True)
    assert body_rules(old, new) == ["request-minimum-raised"]


def test_closed_object_property_removed() -> None:
    closed = with_(OBJ, additionalProperties=False)
    fewer = copy.deepcopy(closed)
    del fewer["properties"]["b"]
    assert body_rules(closed, fewer) == ["request-property-removed"]
    assert body_rules(OBJ, with_(OBJ, properties={"a": {"type": "string"}})) == []  # open object: ignored


def test_arrays() -> None:
    arr = {"type": "array", "items": {"type": "string"}}
    assert body_rules(arr, with_(arr, maxItems=3)) == ["request-maxitems-lowered"]
    assert body_rules(arr, with_(arr, uniqueItems=True)) == ["request-uniqueitems-added"]
    assert body_rules(arr, with_(arr, items={"type": "string", "enum": ["a"]})) == ["request-enum-added"]
    assert response_rules(with_(arr, maxItems=3), arr) == ["response-maxitems-raised"]


# --- responses --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("new", "expected"),
    [
        (with_(OBJ, required=[]), ["response-property-became-optional"]),
        (with_(OBJ, properties={"a": {"type": "string"}}), ["response-property-removed"]),
        (with_(OBJ, properties={**OBJ["properties"], "c": {"type": "string"}}), []),  # new property: fine
        (with_(OBJ, required=["a", "b"]), []),  # always present now: fine
        (prop(OBJ, "a", type=["string", "null"]), ["response-type-widened"]),
        (prop(OBJ, "b", type="number"), ["response-type-widened"]),
        (prop(OBJ, "a", maxLength=10), []),
        (prop(OBJ, "a", enum=["x"]), []),
    ],
)
def test_response_schema_widening(new: dict, expected: list[str]) -> None:
    assert response_rules(OBJ, new) == expected


def test_response_enum_and_bounds() -> None:
    assert response_rules(prop(OBJ, "a", enum=["x"]), prop(OBJ, "a", enum=["x", "y"])) == [
        "response-enum-value-added"
    ]
    assert response_rules(prop(OBJ, "a", enum=["x", "y"]), prop(OBJ, "a", enum=["x"])) == []
    assert response_rules(prop(OBJ, "a", enum=["x"]), OBJ) == ["response-enum-removed"]
    assert response_rules(prop(OBJ, "a", maxLength=5), prop(OBJ, "a", maxLength=9)) == ["response-maxlength-raised"]
    assert response_rules(prop(OBJ, "b", minimum=0), OBJ) == ["response-minimum-lowered"]
    assert response_rules(prop(OBJ, "a", pattern="^a"), OBJ) == ["response-pattern-changed"]
    assert response_rules(OBJ, prop(OBJ, "a", pattern="^a")) == []


def test_response_statuses_media_types_and_headers() -> None:
    h = {"ETag": {"schema": {"type": "string"}}}
    base = doc({"/x": {"get": op(responses={**ok(OBJ, headers=h), "404": {"description": "no"}})}})
    assert rules(base, doc({"/x": {"get": op(responses={"201": ok(OBJ)["200"], "404": {"description": "no"}})}})) == [
        "response-success-status-removed"
    ]
    assert rules(base, doc({"/x": {"get": op(responses=ok(OBJ, headers=h))}})) == []  # an error status removed
    assert rules(base, doc({"/x": {"get": op(responses={**ok(OBJ), "404": {"description": "no"}})}})) == [
        "response-header-removed"
    ]
    assert rules(base, doc({"/x": {"get": op(responses={**ok(OBJ, h, "application/xml"),
                                                       "404": {"description": "no"}})}})) == [
        "response-media-type-removed"
    ]


# --- references, recursion, composition -------------------------------------------------------


def test_refs_are_resolved_and_named() -> None:
    old = doc({"/x": {"post": op("create", body={"$ref": "#/components/schemas/New"})}}, {"New": OBJ})
    new = doc({"/x": {"post": op("create", body={"$ref": "#/components/schemas/New"})}},
              {"New": with_(OBJ, required=["a", "b"])})
    [change] = compare_documents(old, new)
    assert change.rule == "request-property-became-required"
    assert change.mentions == ("POST /x", "create", "New")
    assert change.where == "request body (application/json)/b"


def test_responses_and_parameters_by_ref() -> None:
    components = {"schemas": {}, "responses": {"Ok": ok(OBJ)["200"]}, "parameters": {"Q": query("q")}}
    old = doc({"/x": {"get": op(params=[{"$ref": "#/components/parameters/Q"}],
                                responses={"200": {"$ref": "#/components/responses/Ok"}})}})
    old["components"] = components
    new = copy.deepcopy(old)
    new["components"]["responses"]["Ok"]["content"]["application/json"]["schema"] = with_(OBJ, required=[])
    new["components"]["parameters"]["Q"]["required"] = True
    assert sorted(rules(old, new)) == ["request-parameter-became-required", "response-property-became-optional"]


def test_recursive_schemas_terminate() -> None:
    node = {"type": "object", "properties": {"name": {"type": "string"},
                                             "children": {"type": "array", "items": {"$ref": "#/components/schemas/Node"}}}}
    old = doc({"/x": {"get": op(responses=ok({"$ref": "#/components/schemas/Node"}))}}, {"Node": node})
    new = doc({"/x": {"get": op(responses=ok({"$ref": "#/components/schemas/Node"}))}},
              {"Node": prop(node, "name", type=["string", "null"])})
    assert rules(old, new) == ["response-type-widened"]


def test_nullable_ref_as_one_of_to_plain_ref() -> None:
    # utoipa's old `oneOf: [null, $ref]` for an optional field, replaced by a plain optional $ref.
    schemas = {"T": {"type": "object", "properties": {"sv": {"type": "string"}}, "required": ["sv"]}}
    old = {"type": "object", "properties": {"note": {"oneOf": [{"type": "null"}, {"$ref": "#/components/schemas/T"}]}}}
    new = {"type": "object", "properties": {"note": {"$ref": "#/components/schemas/T"}}}
    assert response_rules(old, new, schemas) == []  # the response got narrower
    assert body_rules(old, new, schemas) == ["request-alternative-removed"]  # null no longer accepted
    assert response_rules(new, old, schemas) == ["response-alternative-added"]  # null may now be sent
    assert body_rules(new, old, schemas) == []


def test_one_of_alternatives() -> None:
    a, b, c = ({"type": "object", "properties": {"k": {"const": k}}, "required": ["k"]} for k in "abc")
    assert body_rules({"oneOf": [a, b]}, {"oneOf": [b, a, c]}) == []  # order does not matter, more accepted
    assert body_rules({"oneOf": [a, b]}, {"oneOf": [a]}) == ["request-alternative-removed"]
    assert response_rules({"oneOf": [a, b]}, {"oneOf": [a, b, c]}) == ["response-alternative-added"]
    assert response_rules({"oneOf": [a, b]}, {"oneOf": [b]}) == []


# --- version and changelog --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "incompatible"),
    [
        ("1.4.2", "2.0.0", True),
        ("1.4.2", "1.5.0", False),
        ("1.4.2", "1.4.3", False),
        ("0.3.1", "0.4.0", True),
        ("0.3.1", "0.3.2", False),
        ("0.3.1", "1.0.0", True),
        ("0.0.3", "0.0.4", True),
        ("0.1.0", "0.1.0", False),
        ("2.0.0", "1.0.0", False),
        ("1.0.0", "2.0.0-rc.1", True),
        ("2.0.0-rc.1", "2.0.0", False),  # same major: compatible with its release candidate
    ],
)
def test_incompatible_bump(old: str, new: str, incompatible: bool) -> None:
    assert is_incompatible_bump(old, new) is incompatible


def test_incompatible_bump_rejects_non_semver() -> None:
    with pytest.raises(ValueError):
        is_incompatible_bump("1.0", "2.0")


CHANGELOG = """# Changelog

## [Unreleased]

## [0.3.0] - 2026-12-01
### Breaking
- `GET /v1/units`: `limit` is now at most 500.
- `create_unit`: `name` at most 200 characters.
- `NewRegion.municipalities` is limited to 290 items.

## [0.2.10] - 2026-11-30
- `DELETE /v1/units/{unit_id}`
"""


def test_changelog_section() -> None:
    section = changelog_section(CHANGELOG, "0.3.0")
    assert section is not None and "GET /v1/units" in section and "DELETE" not in section
    assert changelog_section(CHANGELOG, "0.2.1") is None  # not 0.2.10
    assert "DELETE" in (changelog_section(CHANGELOG, "0.2.10") or "")
    assert changelog_section("## 1.0.0\nx\n## 0.9.0\ny", "1.0.0") == "\nx\n"
    assert changelog_section("## v1.0.0 (2026-01-01)\nx", "1.0.0") == "\nx"
    assert changelog_section("## [1.0.0] - 2026-01-01", "1.0.0") == ""
    assert changelog_section("# Changelog\n", "1.0.0") is None


def change(operation: str = "GET /v1/units", operation_id: str = "list_units", schema: str | None = None) -> Change:
    mentions = tuple(m for m in (operation, operation_id, schema) if m)
    return Change("r", operation, "", "", mentions)


def test_acknowledged() -> None:
    section = changelog_section(CHANGELOG, "0.3.0") or ""
    assert acknowledged(change(), section)
    assert acknowledged(change("POST /v1/units", "create_unit"), section)
    assert acknowledged(change("PATCH /v1/regions/{region_id}", "update_region", "NewRegion"), section)
    assert not acknowledged(change("GET /v1/units/{unit_id}", "get_unit"), section)  # a prefix is not a mention
    assert not acknowledged(change("GET /v1/unit", "list_unit"), section)
    assert acknowledged(change("get /v1/units/{unit_id}", "x"), "- get /v1/units/{unit_id}: ...")


# --- command line -----------------------------------------------------------------------------


def write(tmp: Path, name: str, content: Any) -> Path:
    path = tmp / name
    path.write_text(content if isinstance(content, str) else json.dumps(content), encoding="utf-8")
    return path


def test_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old = doc({"/v1/units": {"get": op("list_units", params=[query("limit", {"type": "integer"})])}})
    new = copy.deepcopy(old)
    new["paths"]["/v1/units"]["get"]["parameters"][0]["schema"]["maximum"] = 500
    base, same = write(tmp_path, "base.json", old), write(tmp_path, "same.json", old)
    changed = write(tmp_path, "new.json", new)
    changelog = write(tmp_path, "CHANGELOG.md", CHANGELOG)

    assert main(["--base", str(base), "--new", str(same), "--changelog", str(changelog)]) == 0
    assert main(["--base", str(base), "--new", str(changed), "--changelog", str(changelog)]) == 1
    err = capsys.readouterr().err
    assert "not a breaking-change bump" in err and "## [0.2.0]" in err

    new["info"]["version"] = "0.3.0"
    bumped = write(tmp_path, "bumped.json", new)
    assert main(["--base", str(base), "--new", str(bumped), "--changelog", str(changelog)]) == 0
    assert "acknowledged" in capsys.readouterr().out

    new["info"]["version"] = "0.4.0"  # bumped, but the changelog has no 0.4.0 section
    unlisted = write(tmp_path, "unlisted.json", new)
    assert main(["--base", str(base), "--new", str(unlisted), "--changelog", str(changelog)]) == 1
    assert "no section for version 0.4.0" in capsys.readouterr().err
    assert main(["--base", str(base), "--new", str(unlisted), "--changelog", str(tmp_path / "missing.md")]) == 1

    assert main(["--base", str(base), "--new", str(write(tmp_path, "bad.json", "{"))]) == 2
    assert main(["--base", str(base), "--new", str(write(tmp_path, "swagger.json", {"swagger": "2.0", "paths": {}}))]) == 2


# --- the real contract ------------------------------------------------------------------------


@pytest.mark.skipif(not CONTRACT.is_file(), reason="openapi/openapi.json not found")
def test_real_contract_against_itself_and_a_removed_operation() -> None:
    contract = json.loads(CONTRACT.read_text(encoding="utf-8"))
    assert compare_documents(contract, copy.deepcopy(contract)) == []
    mutated = copy.deepcopy(contract)
    path, item = next(iter(mutated["paths"].items()))
    method = next(m for m in item if m in ("get", "post", "put", "patch", "delete"))
    del item[method]
    changes = compare_documents(contract, mutated)
    assert [c.rule for c in changes] == ["operation-removed"]
    assert changes[0].operation == f"{method.upper()} {path}"
