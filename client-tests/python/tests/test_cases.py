"""A case-management vendor's flow through the generated client: an admin creates two units and
a vendor client for each; the first vendor reads the form, writes SU-X records (PUT with
If-Match, POST with an Idempotency-Key, a batch), pages through them, erases one, and the second
vendor cannot see them.

Writes only what it creates: two units with unique names (units cannot be deleted), records with
unique case references, and vendor clients named "client-tests-py …", revoked at the end. Safe
against a shared sandbox (given ISU_ADMIN_CLIENT_ID/ISU_ADMIN_CLIENT_SECRET).
"""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from http import HTTPStatus

import pytest

from isu_api_client import AuthenticatedClient
from isu_api_client.api.admin import create_client, revoke_client
from isu_api_client.api.cases import batch_cases, create_case, delete_case, get_case, list_unit_cases, put_case
from isu_api_client.api.forms import get_form
from isu_api_client.api.organisation import create_unit
from isu_api_client.models import (
    ApiClientWithSecret,
    BatchCounts,
    BatchResult,
    CaseRecord,
    CaseRecordInput,
    CaseRecordPage,
    Form,
    InterventionType,
    NewUnitScopedClient,
    NewUnitScopedClientRole,
    NewUnit,
    Problem,
    Role,
    Unit,
)
from isu_api_client.types import UNSET, Response

from .helpers import Credentials, access_token, bearer_client, new_client_name


def assert_problem(response: Response[object], status: int) -> Problem:
    """A problem+json response with this status, parsed by the generated client as `Problem`."""
    assert response.status_code == status, response.content
    assert response.headers["content-type"].startswith("application/problem+json")
    problem = response.parsed
    assert isinstance(problem, Problem), problem
    assert problem.status == status
    assert problem.request_id == response.headers["x-request-id"]
    return problem


def record(case_ref: str, **changes: object) -> CaseRecordInput:
    """A valid SU-X 2021 record (closed 2025): 132 intervention days, traditional and manual.
    Optional fields not given stay UNSET (left out of the JSON), never None (sent as null)."""
    fields: dict[str, object] = {
        "case_ref": case_ref,
        "age_at_referral": 11,
        "gender": "girl",
        "birth_background": "sweden_both_parents_sweden",
        "referred_on": datetime.date(2025, 1, 10),
        "started_on": datetime.date(2025, 1, 20),
        "previously_active": "no",
        "problem_areas": ["family_relations", "school"],
        "interventions": ["traditional_family_treatment", "manual_method"],
        "manual_methods": ["Trygghetscirkeln"],
        "closed_on": datetime.date(2025, 6, 1),
        "closing_reason": "goals_met",
    }
    fields.update(changes)
    return CaseRecordInput(**fields)  # type: ignore[arg-type]


@dataclass
class Tenancy:
    """Two fresh units, each with a vendor client (token) of its own."""

    unit_id: str
    other_unit_id: str
    vendor_token: str
    other_vendor_token: str
    client_ids: list[str] = field(default_factory=list)


def _new_unit(admin: AuthenticatedClient, label: str) -> Unit:
    body = NewUnit(municipality="2182", name=f"client-tests-py {label} {uuid.uuid4()}")
    response = create_unit.sync_detailed(client=admin, body=body)
    assert response.status_code == HTTPStatus.CREATED, response.content
    assert isinstance(response.parsed, Unit)
    assert (response.parsed.name, response.parsed.municipality) == (body.name, "2182")
    return response.parsed


@pytest.fixture
def tenancy(base_url: str, admin: AuthenticatedClient) -> Iterator[Tenancy]:
    client_ids: list[str] = []

    def new_vendor(unit_id: str, label: str) -> str:
        body = NewUnitScopedClient(name=new_client_name(label), role=NewUnitScopedClientRole.VENDOR, units=[unit_id])
        response = create_client.sync_detailed(client=admin, body=body)
        assert response.status_code == HTTPStatus.CREATED, response.content
        assert isinstance(response.parsed, ApiClientWithSecret)
        created = response.parsed
        client_ids.append(created.client.client_id)
        assert (created.client.role, created.client.units) == (Role.VENDOR, [unit_id])
        return access_token(base_url, Credentials(created.client.client_id, created.client_secret))

    try:
        unit_id = _new_unit(admin, "cases").id
        other_unit_id = _new_unit(admin, "cases-other").id
        yield Tenancy(
            unit_id=unit_id,
            other_unit_id=other_unit_id,
            vendor_token=new_vendor(unit_id, "vendor"),
            other_vendor_token=new_vendor(other_unit_id, "vendor-other"),
            client_ids=client_ids,
        )
    finally:
        # Leave nothing usable behind in a shared sandbox, even when a step failed.
        for client_id in client_ids:
            revoked = revoke_client.sync_detailed(client_id, client=admin)
            assert revoked.status_code == HTTPStatus.OK, revoked.content


def test_vendor_case_flow(base_url: str, tenancy: Tenancy) -> None:
    """Form → PUT (201) → PUT If-Match (200) → stale If-Match (412) → idempotent POST → batch →
    paged list → DELETE → 404 → another unit's vendor gets 404."""
    run = uuid.uuid4().hex[:8]

    def ref(n: int) -> str:
        return f"ct-py-{run}-{n}"

    unit_id = tenancy.unit_id
    with bearer_client(base_url, tenancy.vendor_token) as vendor:
        # The form the records follow, readable with the vendor's token.
        form = get_form.sync_detailed("su-x-2021", client=vendor)
        assert form.status_code == HTTPStatus.OK, form.content
        assert isinstance(form.parsed, Form)
        names = {f.name for f in form.parsed.fields}
        missing = set(record("x").to_dict()) - {"case_ref"} - names
        assert not missing, f"su-x-2021 lacks {missing}"

        # PUT creates: 201, ETag "r1", the derived values.
        created = put_case.sync_detailed(unit_id, ref(1), client=vendor, body=record(ref(1)))
        assert created.status_code == HTTPStatus.CREATED, created.content
        assert created.headers["etag"] == '"r1"'
        assert isinstance(created.parsed, CaseRecord)
        stored = created.parsed
        assert (stored.unit_id, stored.case_ref, stored.form, stored.revision) == (unit_id, ref(1), "su-x-2021", 1)
        assert stored.intervention_days == 132
        assert stored.intervention_type == InterventionType.TRADITIONAL_AND_MANUAL

        # A correction conditional on revision 1: 200, revision 2.
        corrected = put_case.sync_detailed(
            unit_id, ref(1), client=vendor, body=record(ref(1), age_at_referral=12), if_match='"r1"'
        )
        assert corrected.status_code == HTTPStatus.OK, corrected.content
        assert corrected.headers["etag"] == '"r2"'
        assert isinstance(corrected.parsed, CaseRecord)
        assert (corrected.parsed.revision, corrected.parsed.age_at_referral) == (2, 12)

        # The same condition is now stale: 412, nothing written.
        stale = put_case.sync_detailed(
            unit_id, ref(1), client=vendor, body=record(ref(1), age_at_referral=13), if_match='"r1"'
        )
        assert_problem(stale, 412)
        current = get_case.sync_detailed(unit_id, ref(1), client=vendor)
        assert isinstance(current.parsed, CaseRecord), current.content
        assert (current.parsed.revision, current.parsed.age_at_referral) == (2, 12)

        # POST with an Idempotency-Key, twice: created, then the replay of that creation.
        key = f"client-tests-py-{uuid.uuid4()}"
        first = create_case.sync_detailed(unit_id, client=vendor, body=record(ref(2)), idempotency_key=key)
        assert first.status_code == HTTPStatus.CREATED, first.content
        assert isinstance(first.parsed, CaseRecord)
        assert (first.parsed.case_ref, first.parsed.revision) == (ref(2), 1)
        assert first.headers.get("idempotent-replayed") != "true"
        again = create_case.sync_detailed(unit_id, client=vendor, body=record(ref(2)), idempotency_key=key)
        assert again.status_code == HTTPStatus.CREATED, again.content
        assert again.headers.get("idempotent-replayed") == "true"
        assert isinstance(again.parsed, CaseRecord)
        assert (again.parsed.case_ref, again.parsed.revision) == (ref(2), 1)

        # A batch of three, the middle one with a 4th problem area.
        bad = record(ref(4), problem_areas=["family_relations", "school", "violence_victim", "domestic_violence"])
        batch = batch_cases.sync_detailed(unit_id, client=vendor, body=[record(ref(3)), bad, record(ref(5))])
        assert batch.status_code == HTTPStatus.OK, batch.content
        assert isinstance(batch.parsed, BatchResult)
        results = batch.parsed.results
        assert [(r.index, r.case_ref, r.status) for r in results] == [
            (0, ref(3), 201),
            (1, ref(4), 422),
            (2, ref(5), 201),
        ]
        errors = results[1].errors
        assert errors is not UNSET and errors, batch.content
        assert all(e.pointer.startswith("/problem_areas") for e in errors), batch.content
        counts: BatchCounts = batch.parsed.counts
        assert (counts.created, counts.replaced, counts.unchanged, counts.failed) == (2, 0, 0, 1)

        # The unit's records, two at a time through next_cursor.
        refs: list[str] = []
        cursor: str | None = None
        for _ in range(10):
            page = list_unit_cases.sync_detailed(
                unit_id, client=vendor, limit=2, cursor=UNSET if cursor is None else cursor
            )
            assert page.status_code == HTTPStatus.OK, page.content
            assert isinstance(page.parsed, CaseRecordPage)
            assert len(page.parsed.items) <= 2
            for item in page.parsed.items:
                assert item.unit_id == unit_id
                refs.append(item.case_ref)
            next_cursor = page.parsed.next_cursor
            if next_cursor is None or next_cursor is UNSET:
                cursor = None
                break
            assert isinstance(next_cursor, str)
            cursor = next_cursor
        assert cursor is None, "more than 10 pages"
        assert sorted(refs) == sorted([ref(1), ref(2), ref(3), ref(5)])

        # Erase one: 204, then 404.
        deleted = delete_case.sync_detailed(unit_id, ref(5), client=vendor)
        assert deleted.status_code == HTTPStatus.NO_CONTENT, deleted.content
        assert_problem(get_case.sync_detailed(unit_id, ref(5), client=vendor), 404)

    # Another unit's vendor does not see the record at all.
    with bearer_client(base_url, tenancy.other_vendor_token) as other_vendor:
        assert_problem(get_case.sync_detailed(unit_id, ref(1), client=other_vendor), 404)
