"""Schemathesis hooks for the ISU API contract tests (loaded through SCHEMATHESIS_HOOKS).

Two hooks keep the run meaningful, and one records what happened:

1. ``before_call``: (a) the fuzzing clients must survive the admin run. The admin operations
   ``POST /v1/admin/clients/{client_id}/revoke`` and ``.../rotate-secret`` are fuzzed with real
   client ids (taken from ``GET /v1/admin/clients`` responses and stateful links); revoking or
   rotating a client this run authenticates with would turn the rest of the run into 401s.
   A call that targets one of ``CONTRACT_PROTECTED_CLIENT_IDS`` is redirected to
   ``CONTRACT_SACRIFICIAL_CLIENT_ID`` (a client created for the purpose), so the operation is
   still exercised on a real client. (b) Integral floats in a JSON body (``212.0``, which JSON
   Schema counts as an integer) are sent as integers (``212``), because the server deliberately
   refuses a fraction in an integer field. Nothing else about a request changes.

2. ``filter_failure``: (a) the ``positive_data_acceptance`` check (ST202) expects every request that
   matches the schemas to be accepted. Some rules of this API cannot be written in JSON Schema:
   they depend on stored data (does the unit exist, is the alias taken), on other fields of the
   same record (dates in order, a detail text only with its code) or on today's date. A 422
   whose ``errors`` are ALL such rules (listed in ``SEMANTIC_RULES``, each with its reason and
   the pointers it may appear at) is not a contract defect, and that one failure is dropped.
   Any other error in the same response keeps the failure: a 422 for a length, a pattern, a
   range, an unknown field or a missing unconditional field means the contract is missing a
   constraint the server enforces, and that is exactly what this check is for.
   (b) ``negative_data_rejection`` (ST201) on ``POST /v1/units/{unit_id}/cases/batch``: the
   batch answers 200 with a result per item, and refuses a schema-invalid item in that item's
   result (422). Such a 200 counts as a rejection when at least one item was refused.

3. ``after_call`` (only with ``CONTRACT_FUZZ_LOG=<file>``): one JSON line per request (operation,
   status, problem codes) for diagnosing a run; never contains credentials or bodies.

4. A deserializer for the xlsx workbooks (``format=xlsx``): Schemathesis has none for the media
   type and would skip their schema check. A workbook must be a ZIP archive holding
   ``xl/workbook.xml``; it is then a string as the contract's ``format: binary`` says.
"""

from __future__ import annotations

import io
import json
import os
import re
import threading
import zipfile
from pathlib import Path
from typing import Any

import schemathesis

# --- 1. keep the run's own clients alive ------------------------------------------------------

_PROTECTED = {c for c in os.environ.get("CONTRACT_PROTECTED_CLIENT_IDS", "").split(",") if c}
# Without a sacrificial client (e.g. against an external sandbox), point at an id that cannot
# exist: the request is still sent and must answer 404.
_SACRIFICIAL = os.environ.get("CONTRACT_SACRIFICIAL_CLIENT_ID") or "isu_contract-tests-protected-client"
_CLIENT_WRITE_PATHS = {
    "/v1/admin/clients/{client_id}/revoke",
    "/v1/admin/clients/{client_id}/rotate-secret",
}


def integral_floats_to_ints(value: Any) -> Any:
    """1.0 -> 1, recursively; every other value unchanged (bool is not touched)."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, list):
        return [integral_floats_to_ints(v) for v in value]
    if isinstance(value, dict):
        return {k: integral_floats_to_ints(v) for k, v in value.items()}
    return value


@schemathesis.hook
def before_call(context: Any, case: Any, kwargs: dict[str, Any]) -> None:
    if case.operation.path in _CLIENT_WRITE_PATHS and case.path_parameters:
        if case.path_parameters.get("client_id") in _PROTECTED:
            case.path_parameters["client_id"] = _SACRIFICIAL
    # JSON Schema counts 1.0 as an integer, so Hypothesis generates `"closed_cases": 212.0` as
    # schema-valid data; the server (deliberately, see crates/isu-domain/src/record.rs "Integers are JSON
    # integers") refuses a fraction in an integer field. Send integral numbers without the
    # fraction: the value is the same number, the request is as schema-valid or -invalid as
    # before, and the positive-data check tests the rules it is meant to test.
    # (Only replaced when needed: assigning the body marks the case for revalidation.)
    if isinstance(case.body, (dict, list)) and _has_integral_float(case.body):
        case.body = integral_floats_to_ints(case.body)


def _has_integral_float(value: Any) -> bool:
    if isinstance(value, float):
        return value.is_integer()
    if isinstance(value, list):
        return any(_has_integral_float(v) for v in value)
    if isinstance(value, dict):
        return any(_has_integral_float(v) for v in value.values())
    return False


# --- 2. 422s for rules that JSON Schema cannot express ------------------------------------------

# (code, pointer regex, message regex or None, why the contract cannot state the rule). A
# pointer is an RFC 6901 pointer into the body, or `query:<name>` / `path:<name>` /
# `header:<name>` for parameters (see Problem.errors); array indexes are matched by `\d+`. The
# message regex separates a conditional `required`/`not_allowed` ("… when …", "… unless …") from
# an unconditional one, which the schema CAN state (`required`).
# Keep this list SHORT and specific: every entry is a class of 422 the fuzzer will never report.
# (One more case is decided by value, in _is_semantic: `unknown_code` for a code that another SU-X
# version has, e.g. `crisis_support` in a 2020 record.)
_CONDITIONAL = r"\b(when|unless)\b"
_RECORD_DETAILS = r"^/(problem_area_other|other_intervention_text|closing_reason_text|manual_methods|interventions|started_on)$"
SEMANTIC_RULES: list[tuple[str, str, str | None, str]] = [
    # --- stored data: existence and uniqueness ---
    ("unknown_unit", r"^/units/\d+$", None, "the unit must exist (referential integrity)"),
    ("unknown_region", r"^(/region|query:region)$", None, "the region must exist; regions are created at run time"),
    # Only for a well-formed code (four digits, quoted in the message): a malformed one means the
    # contract lacks `pattern: ^[0-9]{4}$`.
    (
        "unknown_municipality",
        r"^(/municipality|/municipalities/\d+|query:municipality)$",
        r'code "[0-9]{4}"',
        "a four-digit code that is not one of the 290 SCB municipalities (reference data)",
    ),
    ("in_other_region", r"^/municipalities/\d+$", None, "a municipality belongs to at most one region (state)"),
    ("alias_taken", r"^/aliases/\d+$", None, "an alias identifies one method across the registry (state)"),
    # Compared after name normalisation (case, accents, punctuation) and against the name too;
    # `uniqueItems` (which the contract should also state) only catches exact repeats.
    ("duplicate_alias", r"^/aliases/\d+$", None, "aliases differ from each other and the name once normalised"),
    ("duplicate", r"^/manual_methods/\d+$", None, "two entries that the registry resolves to one method"),
    ("use_intervention_code", r"^/manual_methods/\d+$", None, "the registry counts this method under a code (state)"),
    ("invalid_cursor", r"^query:cursor$", None, "a page cursor is an opaque token the server issued"),
    # A method name, alias or free-text method needs a letter or digit of any script (compared
    # after normalisation); ECMA-262 patterns without the `u` flag have no Unicode letter class.
    ("no_letters", r"^/(name|aliases/\d+)$", None, "a name needs a letter or digit (of any script)"),
    ("invalid_format", r"^/manual_methods/\d+$", r"letter or digit", "a method name needs a letter or digit (of any script)"),
    # --- rules between fields ---
    (
        "date_order",
        r"^(/(started_on|closed_on)|query:(closed_to|to))$",
        None,
        "a date before an earlier date of the same record, or a range that ends before it starts",
    ),
    ("not_allowed", _RECORD_DETAILS, _CONDITIONAL, "a detail or value another field rules out (form rules)"),
    ("required", _RECORD_DETAILS, _CONDITIONAL, "a detail or value another field makes required (form rules)"),
    ("form_mismatch", r"^/form$", None, "`form` must be the version the closing date selects"),
    ("case_ref_mismatch", r"^/case_ref$", None, "the body's case_ref must equal the URL's"),
    # POST bodies and batch items must carry case_ref; PUT takes it from the URL. The three share
    # one schema (CaseRecordInput, one record type in generated clients), where it is optional.
    ("required", r"^/case_ref$", r"^case_ref is required$", "required in POST and batch bodies, not in PUT"),
    ("sum_mismatch", r"^/quarters$", None, "the quarters must add up to closed_cases"),
    ("no_slug", r"^/name$", None, "without an `id`, the id is derived from the name and must not be empty"),
    # The closing date selects the form version, and the versions differ in their fields:
    # birth_background is required in SU-X 2021 and does not exist in SU-X 2020.
    ("required", r"^/birth_background$", None, "required by the version the closing date selects"),
    ("not_in_form", r"^/(birth_background|other_intervention_text)$", None, "not a field of that version"),
    # SU-X 2020 allows 2 interventions, 2021 allows 4: with `maxItems: 4` in the contract, 3 or 4
    # in a 2020 record are refused by the version's rule (the message names the 2020 limit).
    ("too_many", r"^/interventions$", r"at most 2$", "SU-X 2020 allows at most 2 interventions"),
    # --- the calendar ---
    ("in_future", r"^/(referred_on|started_on|closed_on)$", None, "a date after today (changes every day)"),
    ("no_form_for_date", r"^/closed_on$", None, "no form version covers the closing date (validity periods)"),
    ("too_early", r"^/(referred_on|started_on|closed_on)$", None, "a date before the scheme began (rule not_before)"),
    # Coverage years run from 2020 to the current year: the lower bound belongs in the contract
    # (`minimum: 2020`; a year below it is NOT excused, see _year_after_2020), the upper one moves
    # every January.
    ("out_of_range", r"^path:year$", None, "a year after the current year"),
    # --- statistics and releases: values that are data, not contract ---
    # Region ids, municipalities of the caller's scope, units and registry methods are data of a
    # deployment (and of the caller's scope); the contract states their shape only.
    ("unknown_value", r"^query:[a-z_]+$", None, "a catalogue value this scope does not have (data)"),
    ("unknown_scope", r"^/scope$", None, "a region id that does not exist (data)"),
    ("too_few_children", r"^/scope$", None, "a scope-year with too few children to publish safely (data)"),
    ("too_large", r"^/scope$", None, "a scope-year with more classes of children than protected in time (data)"),
    # A new version of a release depends on what changed since the previous one (stored state).
    ("too_few_changes", r"^/scope$", None, "1..k-1 children changed since the previous version (data)"),
    ("revision_not_protectable", r"^/scope$", None, "a new version that cannot be protected with the earlier ones (data)"),
    # A scope-year keeps its first version's method, and a national release by suppression needs
    # the regions' releases by suppression (decision 0008, part 5): stored state, not contract.
    ("method_differs_from_earlier_versions", r"^/method$", None, "a new version asking for another method (data)"),
    ("regional_releases_by_cell_key", r"^/method$", None, "a national release by suppression over cell-key regions (data)"),
    ("not_in_year", r"^query:table$", None, "a table that exists only from 2021 (birth background)"),
    # Combinations the contract cannot state for comma lists: a dimension twice, more than three,
    # coverage with a dimension that has no reported closures.
    ("duplicate_dimension", r"^query:group_by$", None, "a dimension named twice"),
    ("too_many_dimensions", r"^query:group_by$", None, "more than three dimensions"),
    ("coverage_dimension", r"^query:(group_by|[a-z_]+)$", None, "coverage only by organisational dimensions"),
    ("required", r"^query:table$", r"CSV holds one table", "CSV needs one table (format=csv)"),
    # A release's year runs to the current year; the upper bound moves every January.
    ("out_of_range", r"^/year$", r"^year must be 2020", "a year after the current year"),
    # A year's release opens on 1 February of the next year (decision 0005): the bound moves
    # with the calendar, so the contract states it in words, not as a maximum.
    ("year_not_closed", r"^/year$", None, "a year whose release has not opened yet (the calendar)"),
    # --- content a schema cannot recognise ---
    (
        "personal_identity_number",
        r"^(/case_ref|/problem_area_other|/other_intervention_text|/closing_reason_text|/comment"
        r"|/manual_methods/\d+|path:case_ref)$",
        None,
        "a Swedish personal identity/coordination number (date + checksum) inside a text",
    ),
]


def _problem_errors(response: Any) -> list[dict[str, Any]] | None:
    try:
        body = json.loads(response.content)
    except (ValueError, TypeError):
        return None
    errors = body.get("errors") if isinstance(body, dict) else None
    if not isinstance(errors, list) or not errors:
        return None
    return [e for e in errors if isinstance(e, dict)]


def is_semantic_rejection(status: int, errors: list[dict[str, Any]] | None, case: Any = None) -> bool:
    """True when a 422 lists only rules from SEMANTIC_RULES, each at a pointer it may have."""
    if status != 422 or not errors:
        return False
    return all(_is_semantic(error, case) for error in errors)


def _version_specific_codes() -> dict[str, set[str]]:
    """field -> codes that some SU-X versions have and others do not (from crates/isu-domain/reference/forms).

    With an enum of all versions' codes in the contract, such a code is schema-valid and still
    refused (`unknown_code`) when the closing date selects a version without it.
    """
    forms_dir = Path(__file__).resolve().parents[2] / "crates" / "isu-domain" / "reference" / "forms"
    per_version: list[dict[str, set[str]]] = []
    for path in sorted(forms_dir.glob("*.json")):
        try:
            form = json.loads(path.read_text(encoding="utf-8"))
            per_version.append({cl["field"]: {c["code"] for c in cl["codes"]} for cl in form["code_lists"]})
        except (OSError, ValueError, KeyError, TypeError):
            return {}
    out: dict[str, set[str]] = {}
    for field in {f for v in per_version for f in v}:
        lists = [v.get(field, set()) for v in per_version]
        out[field] = set().union(*lists) - set.intersection(*lists)
    return out


_VERSION_SPECIFIC_CODES = _version_specific_codes()


def _value_at(body: Any, pointer: str) -> Any:
    for part in pointer.lstrip("/").split("/"):
        if isinstance(body, dict):
            body = body.get(part.replace("~1", "/").replace("~0", "~"))
        elif isinstance(body, list) and part.isdigit() and int(part) < len(body):
            body = body[int(part)]
        else:
            return None
    return body


def _is_semantic(error: dict[str, Any], case: Any) -> bool:
    code, pointer, message = str(error.get("code")), str(error.get("pointer", "")), str(error.get("message", ""))
    if code == "unknown_code" and pointer.startswith("/"):
        field = pointer.lstrip("/").split("/")[0]
        value = _value_at(getattr(case, "body", None), pointer)
        if isinstance(value, str) and value in _VERSION_SPECIFIC_CODES.get(field, set()):
            return True
    for rule_code, pointer_re, message_re, _why in SEMANTIC_RULES:
        if rule_code != code or not re.search(pointer_re, pointer):
            continue
        if message_re is not None and not re.search(message_re, message):
            continue
        if code == "out_of_range" and pointer == "path:year" and not _year_after_2020(case):
            continue
        return True
    return False


def _year_after_2020(case: Any) -> bool:
    try:
        return int((case.path_parameters or {}).get("year")) > 2020
    except (TypeError, ValueError):
        return False


def is_rejected_batch_item(path: str, status: int, content: bytes) -> bool:
    """True for a 200 batch answer in which the server refused at least one item (4xx)."""
    if path != _BATCH_PATH or status != 200:
        return False
    try:
        body = json.loads(content)
    except (ValueError, TypeError):
        return False
    results = body.get("results") if isinstance(body, dict) else None
    return isinstance(results, list) and any(
        isinstance(r, dict) and isinstance(r.get("status"), int) and 400 <= r["status"] < 500 for r in results
    )


_BATCH_PATH = "/v1/units/{unit_id}/cases/batch"


@schemathesis.hook
def filter_failure(context: Any, failure: Any, case: Any, response: Any) -> bool:
    code = getattr(failure, "code", None)
    if code == "ST202":
        return not is_semantic_rejection(response.status_code, _problem_errors(response), case)
    if code == "ST201":
        # POST .../cases/batch writes each record on its own and answers 200 with one result per
        # item (BatchResult; documented): a schema-invalid item is rejected by its own 422 result,
        # not by the status of the whole request. The failure stands when no item was refused.
        return not is_rejected_batch_item(case.operation.path, response.status_code, response.content)
    return True


# --- 3. optional request log ----------------------------------------------------------------------

_LOG_PATH = os.environ.get("CONTRACT_FUZZ_LOG")
_LOG_LOCK = threading.Lock()

if _LOG_PATH:

    @schemathesis.hook
    def after_call(context: Any, case: Any, response: Any) -> None:
        errors = _problem_errors(response) or []
        meta = getattr(case, "_meta", None)
        generation = getattr(meta, "generation", None)
        phase = getattr(meta, "phase", None)
        line = {
            "operation": f"{case.operation.method.upper()} {case.operation.path}",
            "method": response.request.method,
            "status": response.status_code,
            "phase": str(getattr(getattr(phase, "name", None), "value", None) or ""),
            "mode": str(getattr(getattr(generation, "mode", None), "value", None) or ""),
            "codes": sorted({f"{e.get('pointer')}:{e.get('code')}" for e in errors}),
        }
        if not errors:  # OAuthError of the token endpoint
            try:
                body = json.loads(response.content)
                if isinstance(body, dict) and isinstance(body.get("error"), str):
                    line["codes"] = [body["error"]]
            except (ValueError, TypeError):
                pass
        with _LOG_LOCK, open(_LOG_PATH, "a", encoding="utf-8") as fd:
            fd.write(json.dumps(line, ensure_ascii=False) + "\n")


# --- 4. xlsx workbooks ----------------------------------------------------------------------------

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def check_xlsx(content: bytes) -> str:
    """A short description of a valid workbook; ValueError for anything else."""
    if not content.startswith(b"PK\x03\x04"):
        raise ValueError("an xlsx workbook is a ZIP archive (PK\\x03\\x04), this is not")
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = set(archive.namelist())
    except zipfile.BadZipFile as exc:
        raise ValueError(f"a broken ZIP archive: {exc}") from exc
    if "xl/workbook.xml" not in names:
        raise ValueError("a ZIP archive without xl/workbook.xml is no xlsx workbook")
    return f"xlsx workbook, {len(content)} bytes, {sum(n.startswith('xl/worksheets/') for n in names)} sheets"


@schemathesis.deserializer(XLSX)
def deserialize_xlsx(ctx: Any, response: Any) -> str:
    return check_xlsx(response.content)
