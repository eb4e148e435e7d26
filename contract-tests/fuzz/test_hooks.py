"""Tests of the pure parts of hooks.py (run by `scripts/contract-tests.sh fuzz` before fuzzing)."""

from __future__ import annotations

import json
from types import SimpleNamespace
from typing import Any

import pytest

import hooks


def case(body: Any = None, **path: str) -> SimpleNamespace:
    return SimpleNamespace(body=body, path_parameters=path)


def err(pointer: str, code: str, message: str = "") -> dict[str, str]:
    return {"pointer": pointer, "code": code, "message": message}


@pytest.mark.parametrize(
    ("errors", "c", "semantic"),
    [
        ([err("/units/0", "unknown_unit")], case(), True),
        ([err("/municipality", "unknown_municipality", 'no municipality has code "9999" (SCB kommunkod)')], case(), True),
        # a malformed code: the contract lacks a pattern
        ([err("/municipality", "unknown_municipality", 'no municipality has code "n" (SCB kommunkod)')], case(), False),
        ([err("/aliases/3", "alias_taken")], case(), True),
        ([err("/aliases/1", "duplicate_alias")], case(), True),
        ([err("/manual_methods/1", "duplicate")], case(), True),
        ([err("/problem_areas/1", "duplicate")], case(), False),  # uniqueItems can say that
        ([err("/closed_on", "date_order"), err("/closed_on", "in_future")], case(), True),
        ([err("query:closed_to", "date_order")], case(), True),
        ([err("/started_on", "required", "started_on must not be null unless closing_reason is never_started")], case(), True),
        # unconditional: the contract must list started_on as required
        ([err("/started_on", "required", "started_on is required")], case(), False),
        ([err("/manual_methods", "required", "manual_methods is required when interventions is manual_method")], case(),
         True),
        ([err("/birth_background", "required", "birth_background is required")], case(), True),
        ([err("/interventions", "too_many", "interventions allows at most 2")], case(), True),
        ([err("/interventions", "too_many", "interventions allows at most 4")], case(), False),
        ([err("path:year", "out_of_range", "year must be 2020 to 2026")], case(year="2031"), True),
        ([err("path:year", "out_of_range", "year must be 2020 to 2026")], case(year="1999"), False),
        ([err("/year", "year_not_closed", "the release of 2026 opens on 2027-02-01")], case(), True),
        ([err("/scope", "too_few_changes")], case(), True),
        ([err("/method", "method_differs_from_earlier_versions")], case(), True),
        ([err("/method", "regional_releases_by_cell_key")], case(), True),
        ([err("/method", "unknown_method")], case(), False),  # the contract's enum says that
        ([err("/year", "year_not_closed"), err("/scope", "invalid_format")], case(), False),
        ([err("/interventions/0", "unknown_code")], case({"interventions": ["crisis_support"]}), True),
        ([err("/interventions/0", "unknown_code")], case({"interventions": ["bogus"]}), False),
        # one non-semantic error keeps the failure
        ([err("/units/0", "unknown_unit"), err("/name", "invalid_length")], case(), False),
        ([err("/name", "invalid_characters")], case(), False),
        ([err("/region", "not_allowed", "only region analysts have a region")], case(), False),
        ([], case(), False),
        (None, case(), False),
    ],
)
def test_is_semantic_rejection(errors: Any, c: Any, semantic: bool) -> None:
    assert hooks.is_semantic_rejection(422, errors, c) is semantic


def test_only_422_can_be_semantic() -> None:
    assert not hooks.is_semantic_rejection(400, [err("/units/0", "unknown_unit")], case())


def batch(*statuses: int) -> bytes:
    return json.dumps({"results": [{"index": i, "status": s} for i, s in enumerate(statuses)]}).encode()


def test_is_rejected_batch_item() -> None:
    path = "/v1/units/{unit_id}/cases/batch"
    assert hooks.is_rejected_batch_item(path, 200, batch(201, 422))
    assert not hooks.is_rejected_batch_item(path, 200, batch(201, 200))
    assert not hooks.is_rejected_batch_item(path, 422, batch(422))
    assert not hooks.is_rejected_batch_item("/v1/units/{unit_id}/cases", 200, batch(422))
    assert not hooks.is_rejected_batch_item(path, 200, b"not json")


def test_integral_floats_to_ints() -> None:
    body = {"a": 1.0, "b": [2.0, 2.5, True], "c": {"d": -3.0}, "e": "1.0"}
    assert hooks.integral_floats_to_ints(body) == {"a": 1, "b": [2, 2.5, True], "c": {"d": -3}, "e": "1.0"}
    out = hooks.integral_floats_to_ints(body)
    assert isinstance(out["a"], int) and isinstance(out["b"][2], bool)
    assert not hooks._has_integral_float({"a": 1, "b": [2.5]})
    assert hooks._has_integral_float({"a": [{"b": 3.0}]})


def test_version_specific_codes_come_from_the_reference_forms() -> None:
    codes = hooks._VERSION_SPECIFIC_CODES
    assert "crisis_support" in codes.get("interventions", set())
    assert "traditional_family_treatment" not in codes.get("interventions", set())


def test_a_workbook_is_a_zip_with_a_workbook_part() -> None:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", "<worksheet/>")
    assert hooks.check_xlsx(buffer.getvalue()).endswith("1 sheets")
    with pytest.raises(ValueError):
        hooks.check_xlsx(b'{"not": "a workbook"}')
    other = io.BytesIO()
    with zipfile.ZipFile(other, "w") as archive:
        archive.writestr("word/document.xml", "<document/>")
    with pytest.raises(ValueError):
        hooks.check_xlsx(other.getvalue())
