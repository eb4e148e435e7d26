"""The SU-X form definitions and code lists, through the generated client: list the versions,
read su-x-2021's fields and one code list, and build a record skeleton from the field names.
Read-only, so it is safe against a shared sandbox."""

from __future__ import annotations

from http import HTTPStatus

from isu_api_client import AuthenticatedClient
from isu_api_client.api.forms import get_code_list, get_form, list_forms
from isu_api_client.models import CodeListId, FieldType, Form, FormCodeList, FormList, Problem


def _form(admin: AuthenticatedClient, form_id: str) -> Form:
    response = get_form.sync_detailed(form_id, client=admin)
    assert response.status_code == HTTPStatus.OK, response.content
    assert isinstance(response.parsed, Form)
    return response.parsed


def test_forms_fields_and_code_lists(admin: AuthenticatedClient) -> None:
    listed = list_forms.sync_detailed(client=admin)
    assert listed.status_code == HTTPStatus.OK, listed.content
    assert isinstance(listed.parsed, FormList)
    ids = {f.id for f in listed.parsed.items}
    assert {"su-x-2020", "su-x-2021"} <= ids, ids

    form2021 = _form(admin, "su-x-2021")
    form2020 = _form(admin, "su-x-2020")
    assert form2021.id == "su-x-2021"

    fields = {f.name: f for f in form2021.fields}
    problem_areas = fields["problem_areas"]
    assert problem_areas.type_ == FieldType.CODE_SET
    assert problem_areas.max_items == 3
    assert problem_areas.min_items == 1
    assert problem_areas.code_list == CodeListId.PROBLEM_AREAS

    codes = get_code_list.sync_detailed(CodeListId.PROBLEM_AREAS, client=admin, form="su-x-2021")
    assert codes.status_code == HTTPStatus.OK, codes.content
    assert isinstance(codes.parsed, FormCodeList)
    by_code = {c.code: c for c in codes.parsed.codes}
    assert "violence_victim" in by_code, list(by_code)
    assert by_code["other"].label.sv == "Annan huvudsaklig problematik"

    assert "birth_background" in fields
    assert "birth_background" not in {f.name for f in form2020.fields}

    skeleton: dict[str, None] = dict.fromkeys(f.name for f in form2021.fields)
    for key in ("age_at_referral", "closed_on", "closing_reason"):
        assert key in skeleton and skeleton[key] is None


def test_unknown_form_is_404(admin: AuthenticatedClient) -> None:
    response = get_form.sync_detailed("su-x-1999", client=admin)
    assert response.status_code == HTTPStatus.NOT_FOUND, response.content
    assert response.headers["content-type"].startswith("application/problem+json")
    assert isinstance(response.parsed, Problem)
    assert response.parsed.status == 404
