#!/usr/bin/env python3
"""Breaking-change check for an OpenAPI 3.0/3.1 contract (a small stand-in for oasdiff).

    oas_breaking.py --base OLD.json --new NEW.json [--changelog CHANGELOG.md]
                    [--base-label TEXT] [--new-label TEXT] [--json]

Compares two versions of a contract and lists the changes that can break an existing client:

  operations   an operation removed; its operationId changed (generated clients name methods
               after it); stricter security (anonymous access withdrawn, more scopes needed)
  parameters   a new required parameter; an optional one made required; one removed (this API
               refuses unknown query parameters); style/explode changed; its schema narrowed
  request body a body made required or newly required; a media type no longer accepted; its
               schema narrowed
  responses    a success (2xx) status removed; a media type or a documented header removed;
               the response schema widened
  schemas      REQUEST side (what clients send) must not get narrower: a type or enum value
               removed, a new required property, a property refused by additionalProperties:
               false, minimum/minLength/minItems raised, maximum/maxLength/maxItems lowered,
               a pattern/format added or changed, uniqueItems switched on, a oneOf/anyOf
               alternative removed.
               RESPONSE side (what clients receive) must not get wider: a type added (e.g.
               null), an enum value added, a required property made optional or removed, a
               property removed, bounds relaxed, a pattern/format removed or changed, a
               oneOf/anyOf alternative added.

Anything else (new operations, new optional parameters or properties, descriptions, examples)
is not breaking.

Policy (exit status 1 when violated): breaking changes are allowed only when `info.version` of
the new contract is a semver-INCOMPATIBLE bump of the old one (Cargo's rule: 1.4.2 -> 2.0.0,
0.3.1 -> 0.4.0, 0.0.3 -> 0.0.4) and CHANGELOG.md has a section for the new version
(`## [X.Y.Z]`, `## X.Y.Z`, `## vX.Y.Z`, ...) that names every breaking change by its operation
(`GET /v1/units`), its operationId (`list_units`) or, for a change inside a named schema, the
schema (`NewUnit`). Exit status 0: no breaking change, or all of them acknowledged. 2: bad input.

Standard library only.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
REQUEST, RESPONSE = "request", "response"


# --- the result -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    """One breaking change."""

    rule: str  # stable id, e.g. "request-property-became-required"
    operation: str  # "GET /v1/units" (or "" for document-level changes)
    where: str  # human-readable location inside the operation
    detail: str  # what changed
    mentions: tuple[str, ...] = ()  # any of these in the changelog section acknowledges it

    def __str__(self) -> str:
        loc = " ".join(p for p in (self.operation, self.where) if p)
        return f"{loc}: {self.detail} [{self.rule}]"


@dataclass
class Context:
    operation: str
    operation_id: str | None
    findings: list[Change]
    # Named component schemas on the path from the operation to the current schema, innermost
    # last (`NewUnit`, ...): a change may be acknowledged by naming the schema.
    schemas: tuple[str, ...] = ()
    seen: set[tuple[int, int, str]] = field(default_factory=set)

    def add(self, rule: str, where: str, detail: str) -> None:
        mentions = [self.operation] if self.operation else []
        if self.operation_id:
            mentions.append(self.operation_id)
        mentions.extend(self.schemas[-1:])
        change = Change(rule, self.operation, where, detail, tuple(mentions))
        if change not in self.findings:
            self.findings.append(change)


# --- document helpers -------------------------------------------------------------------------


class Document:
    def __init__(self, raw: dict[str, Any]) -> None:
        if not isinstance(raw, dict) or not isinstance(raw.get("paths", {}), dict):
            raise ValueError("not an OpenAPI document (no `paths` object)")
        version = str(raw.get("openapi", ""))
        if not version.startswith("3."):
            raise ValueError(f"only OpenAPI 3.x is supported (found openapi: {version or 'none'!r})")
        self.raw = raw

    def resolve(self, node: Any) -> tuple[Any, str | None]:
        """Follow local $refs; returns the target and the name of the last component schema."""
        name = None
        for _ in range(64):
            if not (isinstance(node, dict) and isinstance(node.get("$ref"), str)):
                return node, name
            ref = node["$ref"]
            if not ref.startswith("#/"):
                raise ValueError(f"only local $refs are supported: {ref}")
            target: Any = self.raw
            for part in ref[2:].split("/"):
                part = part.replace("~1", "/").replace("~0", "~")
                if not isinstance(target, dict) or part not in target:
                    raise ValueError(f"unresolvable $ref: {ref}")
                target = target[part]
            if ref.startswith("#/components/schemas/"):
                name = ref.rsplit("/", 1)[1]
            # OpenAPI 3.1 allows siblings next to $ref (description, ...); they do not constrain.
            node = target
        raise ValueError("$ref chain too long (cycle?)")

    def operations(self) -> Iterator[tuple[str, str, str, dict[str, Any], dict[str, Any]]]:
        """(key, method, path, operation, path item) with key = METHOD + normalised path."""
        for path, item in self.raw.get("paths", {}).items():
            item, _ = self.resolve(item)
            if not isinstance(item, dict):
                continue
            for method in METHODS:
                op = item.get(method)
                if isinstance(op, dict):
                    yield f"{method.upper()} {normalise_path(path)}", method, path, op, item

    @property
    def security(self) -> list[dict[str, list[str]]] | None:
        return self.raw.get("security")

    @property
    def version(self) -> str:
        return str((self.raw.get("info") or {}).get("version", ""))


def normalise_path(path: str) -> str:
    """`/units/{id}` and `/units/{unit_id}` are the same endpoint on the wire."""
    return re.sub(r"\{[^}]*\}", "{}", path)


def path_param_positions(path: str) -> dict[str, int]:
    return {name: i for i, name in enumerate(re.findall(r"\{([^}]*)\}", path))}


# --- schema comparison ------------------------------------------------------------------------


def _types(schema: dict[str, Any]) -> set[str] | None:
    """The JSON types a schema admits (None = unconstrained)."""
    if "const" in schema or "enum" in schema:
        values = [schema["const"]] if "const" in schema else list(schema.get("enum") or [])
        types = {_json_type(v) for v in values}
    elif "type" not in schema:
        return None
    else:
        t = schema["type"]
        types = set(t) if isinstance(t, list) else {t}
    if schema.get("nullable") is True:  # OpenAPI 3.0
        types.add("null")
    return types


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "integer" if value.is_integer() else "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


def _covers(wide: set[str], narrow: set[str]) -> bool:
    """Every type in `narrow` is admitted by `wide` (number admits integer)."""
    return all(t in wide or (t == "integer" and "number" in wide) for t in narrow)


def _enum(schema: dict[str, Any]) -> list[Any] | None:
    if "const" in schema:
        return [schema["const"]]
    if "enum" in schema and isinstance(schema["enum"], list):
        return schema["enum"]
    return None


def _alternatives(schema: Any) -> list[Any]:
    if not isinstance(schema, dict):
        return []
    alts = schema.get("oneOf") or schema.get("anyOf")
    return list(alts) if isinstance(alts, list) else []


_ANNOTATIONS = {"description", "title", "example", "examples", "default", "deprecated", "readOnly",
                "writeOnly", "externalDocs", "xml", "$comment", "$schema", "$id", "discriminator"}


def _constraining(schema: dict[str, Any]) -> bool:
    return any(k not in _ANNOTATIONS and not k.startswith("x-") for k in schema)


def _canon(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"))


def _lower_bound(schema: dict[str, Any]) -> tuple[float, bool] | None:
    """(bound, exclusive) from minimum/exclusiveMinimum in 3.0 or 3.1 form."""
    excl = schema.get("exclusiveMinimum")
    if isinstance(excl, (int, float)) and not isinstance(excl, bool):
        return float(excl), True
    if "minimum" in schema:
        return float(schema["minimum"]), excl is True
    return None


def _upper_bound(schema: dict[str, Any]) -> tuple[float, bool] | None:
    excl = schema.get("exclusiveMaximum")
    if isinstance(excl, (int, float)) and not isinstance(excl, bool):
        return float(excl), True
    if "maximum" in schema:
        return float(schema["maximum"]), excl is True
    return None


def _lower_raised(old: tuple[float, bool] | None, new: tuple[float, bool] | None) -> bool:
    """Does `new` refuse some value `old` allowed, at the lower end?"""
    if new is None:
        return False
    if old is None:
        return True
    return new[0] > old[0] or (new[0] == old[0] and new[1] and not old[1])


def _upper_lowered(old: tuple[float, bool] | None, new: tuple[float, bool] | None) -> bool:
    if new is None:
        return False
    if old is None:
        return True
    return new[0] < old[0] or (new[0] == old[0] and new[1] and not old[1])


def _fmt_bound(b: tuple[float, bool] | None) -> str:
    if b is None:
        return "none"
    v = int(b[0]) if b[0].is_integer() else b[0]
    return f"{v} (exclusive)" if b[1] else str(v)


class SchemaDiff:
    def __init__(self, old_doc: Document, new_doc: Document) -> None:
        self.old_doc = old_doc
        self.new_doc = new_doc

    def compare(self, old: Any, new: Any, direction: str, where: str, ctx: Context) -> None:
        old, old_name = self.old_doc.resolve(old)
        new, new_name = self.new_doc.resolve(new)
        if old is None or new is None:
            return
        if old is True or old == {}:
            old = {}
        if new is True or new == {}:
            new = {}
        if old is False or new is False:
            if old is not False and new is False and direction == REQUEST:
                ctx.add("request-schema-forbidden", where, "now refuses every value")
            if old is False and new is not False and direction == RESPONSE:
                ctx.add("response-schema-allowed", where, "may now be present")
            return
        if not isinstance(old, dict) or not isinstance(new, dict):
            return
        key = (id(old), id(new), direction)
        if key in ctx.seen:  # recursive schemas
            return
        ctx.seen.add(key)
        name = new_name or old_name
        saved = ctx.schemas
        if name:
            ctx.schemas = saved + (name,)
        try:
            self._compare(old, new, direction, where, ctx)
        finally:
            ctx.schemas = saved

    def _compare(self, old: dict[str, Any], new: dict[str, Any], d: str, where: str, ctx: Context) -> None:
        if _alternatives(old) or _alternatives(new):
            self._compare_alternatives(old, new, d, where, ctx)
            return
        req = d == REQUEST
        # In a request, a change is breaking when the NEW schema refuses something the OLD one
        # accepted ("narrower"); in a response, when the NEW one admits something the OLD one
        # did not ("wider"). `strict, loose` is the pair to test for "narrower" in each case.
        strict, loose = (new, old) if req else (old, new)
        verb = "narrowed" if req else "widened"

        # types
        t_strict, t_loose = _types(strict), _types(loose)
        if t_strict is not None and (t_loose is None or not _covers(t_strict, t_loose)):
            ctx.add(
                f"{d}-type-{verb}",
                where,
                f"type {self._fmt_types(_types(old))} -> {self._fmt_types(_types(new))}",
            )

        # enum / const
        e_strict, e_loose = _enum(strict), _enum(loose)
        if e_strict is not None:
            if e_loose is None:
                ctx.add(f"{d}-enum-{'added' if req else 'removed'}", where,
                        f"{'now restricted to' if req else 'no longer restricted to'} {_short(e_strict)}")
            else:
                missing = [v for v in e_loose if _canon(v) not in {_canon(x) for x in e_strict}]
                if missing:
                    ctx.add(f"{d}-enum-value-{'removed' if req else 'added'}", where,
                            f"enum value{'s' if len(missing) > 1 else ''} {_short(missing)} "
                            f"{'no longer accepted' if req else 'may now be sent'}")

        # numeric bounds
        if _lower_raised(_lower_bound(loose), _lower_bound(strict)):
            ctx.add(f"{d}-minimum-{'raised' if req else 'lowered'}", where,
                    f"minimum {_fmt_bound(_lower_bound(old))} -> {_fmt_bound(_lower_bound(new))}")
        if _upper_lowered(_upper_bound(loose), _upper_bound(strict)):
            ctx.add(f"{d}-maximum-{'lowered' if req else 'raised'}", where,
                    f"maximum {_fmt_bound(_upper_bound(old))} -> {_fmt_bound(_upper_bound(new))}")
        if "multipleOf" in strict and strict.get("multipleOf") != loose.get("multipleOf"):
            ctx.add(f"{d}-multipleof-changed", where, f"multipleOf {old.get('multipleOf')} -> {new.get('multipleOf')}")

        # lengths and sizes
        for low, high, what in (("minLength", "maxLength", "length"), ("minItems", "maxItems", "items"),
                                ("minProperties", "maxProperties", "properties")):
            lo_s, lo_l = strict.get(low), loose.get(low)
            if lo_s is not None and (lo_l is None or lo_s > lo_l) and lo_s > 0:
                ctx.add(f"{d}-{low.lower()}-{'raised' if req else 'lowered'}", where,
                        f"{low} {old.get(low, 'none')} -> {new.get(low, 'none')}")
            hi_s, hi_l = strict.get(high), loose.get(high)
            if hi_s is not None and (hi_l is None or hi_s < hi_l):
                ctx.add(f"{d}-{high.lower()}-{'lowered' if req else 'raised'}", where,
                        f"{high} {old.get(high, 'none')} -> {new.get(high, 'none')}")
        if strict.get("uniqueItems") is True and loose.get("uniqueItems") is not True:
            ctx.add(f"{d}-uniqueitems-{'added' if req else 'removed'}", where,
                    f"uniqueItems {old.get('uniqueItems', False)} -> {new.get('uniqueItems', False)}")

        # pattern and format: not comparable; any change on the strict side counts
        for kw in ("pattern", "format"):
            if kw in strict and strict.get(kw) != loose.get(kw):
                ctx.add(f"{d}-{kw}-changed", where, f"{kw} {_short(old.get(kw, 'none'))} -> {_short(new.get(kw, 'none'))}")

        # objects
        self._compare_object(old, new, d, where, ctx)

        # arrays
        if "items" in old and "items" in new:
            self.compare(old["items"], new["items"], d, f"{where}[]", ctx)
        elif "items" in strict and "items" not in loose:
            ctx.add(f"{d}-items-restricted", where, "array items now constrained")

        # composition (oneOf/anyOf are handled before everything else, see _compare_alternatives)
        self._compare_all_of(old.get("allOf"), new.get("allOf"), d, where, ctx)
        if "not" in old or "not" in new:
            if _canon(old.get("not")) != _canon(new.get("not")):
                ctx.add(f"{d}-not-changed", where, "`not` changed")

    def _compare_object(self, old: dict[str, Any], new: dict[str, Any], d: str, where: str, ctx: Context) -> None:
        req = d == REQUEST
        old_props = old.get("properties") or {}
        new_props = new.get("properties") or {}
        old_req = set(old.get("required") or [])
        new_req = set(new.get("required") or [])
        at = (lambda p: f"{where}/{p}") if where else (lambda p: f"/{p}")
        if req:
            for prop in sorted(new_req - old_req):
                ctx.add("request-property-became-required" if prop in old_props else "request-required-property-added",
                        at(prop), "now required")
            old_ap, new_ap = old.get("additionalProperties", True), new.get("additionalProperties", True)
            if new_ap is False:
                if old_ap is not False:
                    ctx.add("request-additional-properties-refused", where or "/",
                            "additionalProperties is now false: unknown properties are refused")
                for prop in sorted(set(old_props) - set(new_props)):
                    ctx.add("request-property-removed", at(prop), "removed, and unknown properties are refused")
            elif isinstance(new_ap, dict):
                if isinstance(old_ap, dict):
                    self.compare(old_ap, new_ap, d, f"{where}/*", ctx)
                elif old_ap is not False:
                    ctx.add("request-additional-properties-restricted", where or "/",
                            "additional properties are now constrained by a schema")
        else:
            for prop in sorted(old_req - new_req):
                if prop in new_props:
                    ctx.add("response-property-became-optional", at(prop), "no longer required (may be absent)")
            for prop in sorted(set(old_props) - set(new_props)):
                ctx.add("response-property-removed", at(prop), "removed")
            if isinstance(old.get("additionalProperties"), dict) and isinstance(new.get("additionalProperties"), dict):
                self.compare(old["additionalProperties"], new["additionalProperties"], d, f"{where}/*", ctx)
        for prop in sorted(set(old_props) & set(new_props)):
            self.compare(old_props[prop], new_props[prop], d, at(prop), ctx)

    def _compare_alternatives(self, old: dict[str, Any], new: dict[str, Any], d: str, where: str,
                              ctx: Context) -> None:
        """oneOf/anyOf on either side; a schema without them is a choice of one.

        Request: every value an OLD alternative accepted must be accepted by some NEW one.
        Response: every value a NEW alternative may produce must be within some OLD one.
        "Accepted by" = comparing the two finds no breaking change.
        """
        old_alts = self._effective_alternatives(self.old_doc, old)
        new_alts = self._effective_alternatives(self.new_doc, new)
        sources, targets = (old_alts, new_alts) if d == REQUEST else (new_alts, old_alts)
        for i, (src_label, src) in enumerate(sources):
            def pair(t: Any) -> tuple[Any, Any]:
                return (src, t) if d == REQUEST else (t, src)

            if any(self._clean(*pair(t), d, ctx) for _, t in targets):
                continue
            # Explain with the most likely counterpart: same $ref, else same position.
            j = next((j for j, (lbl, _) in enumerate(targets) if src_label and lbl == src_label), None)
            if j is None and len(sources) == len(targets):
                j = i
            if j is None:
                rule, text = (("alternative-removed", "no longer accepted by any alternative") if d == REQUEST
                              else ("alternative-added", "may now be sent (no old alternative admits it)"))
                ctx.add(f"{d}-{rule}", f"{where}{self._alt_where(src_label, i, len(sources))}", text)
            else:
                self.compare(*pair(targets[j][1]), d, f"{where}{self._alt_where(src_label, i, len(sources))}", ctx)

    @staticmethod
    def _alt_where(label: str | None, i: int, n: int) -> str:
        if n == 1:
            return ""
        return f" (alternative {label.rsplit('/', 1)[-1] if label else i})"

    def _effective_alternatives(self, doc: Document, schema: dict[str, Any]) -> list[tuple[str | None, Any]]:
        """(label, schema) per alternative; siblings of oneOf/anyOf apply to every alternative."""
        alts = _alternatives(schema)
        if not alts:
            return [(None, schema)]
        siblings = {k: v for k, v in schema.items() if k not in ("oneOf", "anyOf", "discriminator")}
        out: list[tuple[str | None, Any]] = []
        for alt in alts:
            label = alt.get("$ref") if isinstance(alt, dict) and isinstance(alt.get("$ref"), str) else None
            resolved, _ = doc.resolve(alt)
            if isinstance(resolved, dict) and _constraining(siblings):
                resolved = {**siblings, **resolved}
            out.append((label, resolved))
        return out

    def _clean(self, old: Any, new: Any, d: str, ctx: Context) -> bool:
        scratch = Context(operation=ctx.operation, operation_id=ctx.operation_id, findings=[], schemas=ctx.schemas)
        self.compare(old, new, d, "", scratch)
        return not scratch.findings

    def _compare_all_of(self, old: Any, new: Any, d: str, where: str, ctx: Context) -> None:
        old = list(old or [])
        new = list(new or [])
        if not old and not new:
            return
        if len(old) == len(new):
            for i, (o, n) in enumerate(zip(old, new)):
                self.compare(o, n, d, f"{where}/allOf[{i}]", ctx)
        elif d == REQUEST and len(new) > len(old):
            ctx.add(f"{d}-allof-added", where, f"allOf {len(old)} -> {len(new)} parts")
        elif d == RESPONSE and len(new) < len(old):
            ctx.add(f"{d}-allof-removed", where, f"allOf {len(old)} -> {len(new)} parts")

    @staticmethod
    def _fmt_types(types: set[str] | None) -> str:
        return "any" if types is None else "|".join(sorted(types))


def _short(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 80 else text[:77] + "..."


# --- operations -------------------------------------------------------------------------------


def _requirements(doc: Document, op: dict[str, Any]) -> list[dict[str, set[str]]]:
    security = op.get("security", doc.security)
    if security is None:
        return [{}]
    return [{name: set(scopes or []) for name, scopes in (req or {}).items()} for req in security] or [{}]


def _satisfies(have: dict[str, set[str]], need: dict[str, set[str]]) -> bool:
    """A client able to meet requirement `have` can also meet `need`."""
    return all(name in have and scopes <= have[name] for name, scopes in need.items())


def _params(doc: Document, op: dict[str, Any], item: dict[str, Any], path: str) -> dict[tuple[str, str], dict[str, Any]]:
    positions = path_param_positions(path)
    out: dict[tuple[str, str], dict[str, Any]] = {}
    for source in (item.get("parameters") or [], op.get("parameters") or []):  # op overrides item
        for p in source:
            p, _ = doc.resolve(p)
            if not isinstance(p, dict) or "name" not in p or "in" not in p:
                continue
            loc, name = p["in"], str(p["name"])
            if loc == "path":
                key = (loc, f"#{positions.get(name, name)}")  # by position: renames do not matter
            elif loc == "header":
                key = (loc, name.lower())
            else:
                key = (loc, name)
            out[key] = p
    return out


def _without_null(doc: Document, schema: Any) -> Any:
    """A parameter is text on the wire: `null` in its type list (utoipa's Option<T>) admits nothing."""
    resolved, _ = doc.resolve(schema)
    if isinstance(resolved, dict) and isinstance(resolved.get("type"), list) and "null" in resolved["type"]:
        types = [t for t in resolved["type"] if t != "null"]
        resolved = {**resolved, "type": types[0] if len(types) == 1 else types}
    return resolved


def _media(doc: Document, holder: dict[str, Any]) -> dict[str, Any]:
    content = holder.get("content") or {}
    return {str(k).split(";")[0].strip().lower(): v for k, v in content.items()}


def compare_documents(old_raw: dict[str, Any], new_raw: dict[str, Any]) -> list[Change]:
    old_doc, new_doc = Document(old_raw), Document(new_raw)
    schemas = SchemaDiff(old_doc, new_doc)
    findings: list[Change] = []
    new_ops = {key: (m, p, op, item) for key, m, p, op, item in new_doc.operations()}
    for key, method, path, op, item in old_doc.operations():
        label = f"{method.upper()} {path}"
        ctx = Context(operation=label, operation_id=op.get("operationId"), findings=findings)
        if key not in new_ops:
            ctx.add("operation-removed", "", "operation removed")
            continue
        _, new_path, new_op, new_item = new_ops[key]
        if new_path != path:
            label = f"{method.upper()} {new_path}"
            ctx.operation = label
        old_id, new_id = op.get("operationId"), new_op.get("operationId")
        if old_id and old_id != new_id:
            ctx.add("operation-id-changed", "", f"operationId {old_id!r} -> {new_id!r}")
        ctx.operation_id = new_id or old_id
        _compare_security(old_doc, new_doc, op, new_op, ctx)
        _compare_parameters(old_doc, new_doc, schemas, op, item, path, new_op, new_item, new_path, ctx)
        _compare_request_body(old_doc, new_doc, schemas, op, new_op, ctx)
        _compare_responses(old_doc, new_doc, schemas, op, new_op, ctx)
    return findings


def _compare_security(old_doc: Document, new_doc: Document, op: dict, new_op: dict, ctx: Context) -> None:
    old_reqs, new_reqs = _requirements(old_doc, op), _requirements(new_doc, new_op)
    for have in old_reqs:
        if not any(_satisfies(have, need) for need in new_reqs):
            what = "anonymous access" if not have else " + ".join(
                f"{n}[{' '.join(sorted(s))}]" if s else n for n, s in sorted(have.items()))
            ctx.add("security-tightened", "security", f"{what} no longer suffices")


def _compare_parameters(old_doc: Document, new_doc: Document, schemas: SchemaDiff, op: dict, item: dict, path: str,
                        new_op: dict, new_item: dict, new_path: str, ctx: Context) -> None:
    old_params = _params(old_doc, op, item, path)
    new_params = _params(new_doc, new_op, new_item, new_path)
    for key, p in new_params.items():
        name = f"{p['in']} parameter {p['name']}"
        if key not in old_params:
            if p.get("required"):
                ctx.add("request-parameter-added-required", name, "new required parameter")
            continue
        o = old_params[key]
        if p.get("required") and not o.get("required"):
            ctx.add("request-parameter-became-required", name, "now required")
        for kw in ("style", "explode", "allowReserved"):
            if o.get(kw) != p.get(kw):
                ctx.add("request-parameter-serialisation-changed", name, f"{kw} {o.get(kw)} -> {p.get(kw)}")
        if "schema" in o and "schema" in p:
            schemas.compare(_without_null(old_doc, o["schema"]), _without_null(new_doc, p["schema"]), REQUEST, name, ctx)
        for media, body in _media(old_doc, o).items():
            nb = _media(new_doc, p).get(media)
            if nb is not None:
                schemas.compare(body.get("schema"), nb.get("schema"), REQUEST, f"{name} ({media})", ctx)
    for key, o in old_params.items():
        if key not in new_params:
            ctx.add("request-parameter-removed", f"{o['in']} parameter {o['name']}", "removed")


def _compare_request_body(old_doc: Document, new_doc: Document, schemas: SchemaDiff, op: dict, new_op: dict,
                          ctx: Context) -> None:
    old_body, _ = old_doc.resolve(op.get("requestBody"))
    new_body, _ = new_doc.resolve(new_op.get("requestBody"))
    if not new_body and not old_body:
        return
    if new_body and not old_body:
        if new_body.get("required"):
            ctx.add("request-body-added-required", "request body", "new required request body")
        return
    if old_body and not new_body:
        ctx.add("request-body-removed", "request body", "request body removed")
        return
    if new_body.get("required") and not old_body.get("required"):
        ctx.add("request-body-became-required", "request body", "now required")
    old_media, new_media = _media(old_doc, old_body), _media(new_doc, new_body)
    for media, o in old_media.items():
        if media not in new_media:
            ctx.add("request-media-type-removed", "request body", f"{media} no longer accepted")
            continue
        schemas.compare(o.get("schema"), new_media[media].get("schema"), REQUEST, f"request body ({media})", ctx)


def _compare_responses(old_doc: Document, new_doc: Document, schemas: SchemaDiff, op: dict, new_op: dict,
                       ctx: Context) -> None:
    old_resps = {str(k).upper(): v for k, v in (op.get("responses") or {}).items()}
    new_resps = {str(k).upper(): v for k, v in (new_op.get("responses") or {}).items()}
    for status, o in old_resps.items():
        n = new_resps.get(status)
        if n is None:
            if status.startswith("2") and "2XX" not in new_resps:
                ctx.add("response-success-status-removed", f"response {status}", "status no longer documented")
            continue
        o, _ = old_doc.resolve(o)
        n, _ = new_doc.resolve(n)
        if not isinstance(o, dict) or not isinstance(n, dict):
            continue
        where = f"response {status}"
        old_media, new_media = _media(old_doc, o), _media(new_doc, n)
        for media, om in old_media.items():
            if media not in new_media:
                ctx.add("response-media-type-removed", where, f"{media} no longer sent")
                continue
            schemas.compare(om.get("schema"), new_media[media].get("schema"), RESPONSE, f"{where} ({media})", ctx)
        old_headers = {k.lower(): v for k, v in (o.get("headers") or {}).items()}
        new_headers = {k.lower(): v for k, v in (n.get("headers") or {}).items()}
        for h, oh in old_headers.items():
            if h not in new_headers:
                ctx.add("response-header-removed", f"{where} header {h}", "no longer documented")
                continue
            oh, _ = old_doc.resolve(oh)
            nh, _ = new_doc.resolve(new_headers[h])
            if isinstance(oh, dict) and isinstance(nh, dict):
                if oh.get("required") and not nh.get("required"):
                    ctx.add("response-header-became-optional", f"{where} header {h}", "no longer always sent")
                if "schema" in oh and "schema" in nh:
                    schemas.compare(oh["schema"], nh["schema"], RESPONSE, f"{where} header {h}", ctx)


# --- version and changelog policy -------------------------------------------------------------

_SEMVER = re.compile(r"^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$")


def parse_semver(text: str) -> tuple[int, int, int, str | None]:
    m = _SEMVER.match(text.strip())
    if not m:
        raise ValueError(f"not a semantic version: {text!r}")
    return int(m[1]), int(m[2]), int(m[3]), m[4]


def _precedence(v: tuple[int, int, int, str | None]) -> tuple:
    major, minor, patch, pre = v
    if pre is None:
        return (major, minor, patch, 1, ())
    parts = tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in pre.split("."))
    return (major, minor, patch, 0, parts)


def is_incompatible_bump(old: str, new: str) -> bool:
    """New is greater than old, and not semver-compatible with it (Cargo's caret rule)."""
    o, n = parse_semver(old), parse_semver(new)
    if _precedence(n) <= _precedence(o):
        return False
    if o[0] != 0:
        return n[0] != o[0]
    if o[1] != 0:
        return n[0] != 0 or n[1] != o[1]
    return n[0] != 0 or n[1] != 0 or n[2] != o[2]


def changelog_section(text: str, version: str) -> str | None:
    """The body of the section for `version` (up to the next heading of the same or a higher level)."""
    v = re.escape(version.lstrip("v"))
    heading = re.compile(rf"^(#{{1,6}})\s*\[?v?{v}\]?(?=$|[\s\]\-–—(])", re.MULTILINE)
    m = heading.search(text)
    if not m:
        return None
    level = len(m[1])
    line_end = text.find("\n", m.end())
    rest = "" if line_end < 0 else text[line_end:]
    nxt = re.search(rf"^#{{1,{level}}}\s", rest, re.MULTILINE)
    return rest[: nxt.start()] if nxt else rest


def acknowledged(change: Change, section: str) -> bool:
    for mention in change.mentions:
        if " /" in mention:  # "GET /v1/units": method case-insensitive, path exact
            method, path = mention.split(" ", 1)
            if re.search(rf"\b{re.escape(method)}\s+`?{re.escape(path)}(?![\w/{{}}-])", section, re.IGNORECASE):
                return True
        elif re.search(rf"(?<![\w-]){re.escape(mention)}(?![\w-])", section):
            return True
    return False


# --- command line -----------------------------------------------------------------------------


def _load(path: Path) -> dict[str, Any]:
    try:
        with path.open(encoding="utf-8") as fd:
            return json.load(fd)
    except (OSError, ValueError) as err:
        raise SystemExit(_fail(2, f"cannot read {path}: {err}"))


def _fail(code: int, message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return code


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--base", type=Path, required=True, help="the previous contract (JSON)")
    ap.add_argument("--new", type=Path, required=True, help="the new contract (JSON)")
    ap.add_argument("--changelog", type=Path, help="CHANGELOG.md that must list breaking changes")
    ap.add_argument("--base-label", default=None)
    ap.add_argument("--new-label", default=None)
    ap.add_argument("--json", action="store_true", help="print the breaking changes as JSON")
    args = ap.parse_args(argv)
    base_label = args.base_label or str(args.base)
    new_label = args.new_label or str(args.new)

    try:
        old_raw, new_raw = _load(args.base), _load(args.new)
    except SystemExit as exc:
        return int(exc.code or 2)
    try:
        changes = compare_documents(old_raw, new_raw)
    except ValueError as err:
        return _fail(2, str(err))
    old_v, new_v = Document(old_raw).version, Document(new_raw).version

    if args.json:
        print(json.dumps([c.__dict__ | {"mentions": list(c.mentions)} for c in changes], indent=2))
    if not changes:
        same = _canon(old_raw) == _canon(new_raw)
        print(f"    {'contract unchanged' if same else 'no breaking changes'} ({base_label} -> {new_label})")
        if not same and old_v == new_v:
            print(f"    note: the contract changed but info.version is still {new_v}")
        return 0

    print(f"    {len(changes)} breaking change{'s' if len(changes) != 1 else ''} ({base_label} -> {new_label}):")
    for c in changes:
        print(f"      - {c}")

    problems: list[str] = []
    try:
        bumped = is_incompatible_bump(old_v, new_v)
    except ValueError as err:
        bumped = False
        problems.append(f"info.version: {err}")
    else:
        if not bumped:
            problems.append(
                f"info.version {old_v} -> {new_v} is not a breaking-change bump "
                f"(semver: {_suggest(old_v)} or later)"
            )
    missing: list[Change] = []
    if args.changelog is None:
        problems.append("no CHANGELOG.md given (--changelog)")
    elif not args.changelog.is_file():
        problems.append(f"{args.changelog} does not exist")
    else:
        section = changelog_section(args.changelog.read_text(encoding="utf-8"), new_v)
        if section is None:
            problems.append(f"{args.changelog.name} has no section for version {new_v} (e.g. `## [{new_v}]`)")
        else:
            missing = [c for c in changes if not acknowledged(c, section)]
            if missing:
                problems.append(
                    f"{args.changelog.name} section {new_v} does not name {len(missing)} of the breaking changes "
                    "(by operation, operationId or schema name)"
                )
    if not problems:
        print(f"    acknowledged: info.version {old_v} -> {new_v} and {args.changelog.name} lists every change")
        return 0
    for p in problems:
        print(f"    FAIL: {p}", file=sys.stderr)
    print("    suggested CHANGELOG.md entry:", file=sys.stderr)
    target = new_v if bumped else _suggest(old_v)
    print(f"      ## [{target}]\n      ### Breaking", file=sys.stderr)
    for c in (missing or changes):
        print(f"      - `{c.operation or c.where}`: {c.where + ': ' if c.operation and c.where else ''}{c.detail}",
              file=sys.stderr)
    return 1


def _suggest(version: str) -> str:
    try:
        major, minor, patch, _ = parse_semver(version)
    except ValueError:
        return "1.0.0"
    if major:
        return f"{major + 1}.0.0"
    if minor:
        return f"0.{minor + 1}.0"
    return f"0.0.{patch + 1}"


if __name__ == "__main__":
    sys.exit(main())
