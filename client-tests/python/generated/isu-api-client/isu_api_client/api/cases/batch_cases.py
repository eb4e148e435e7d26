from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.batch_result import BatchResult
from ...models.case_record_input import CaseRecordInput
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    unit_id: UUID,
    *,
    body: list[CaseRecordInput],
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/units/{unit_id}/cases/batch".format(
            unit_id=quote(str(unit_id), safe=""),
        ),
    }

    _kwargs["json"] = []
    for body_item_data in body:
        body_item = body_item_data.to_dict()
        _kwargs["json"].append(body_item)

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> BatchResult | Problem | None:
    if response.status_code == 200:
        response_200 = BatchResult.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = Problem.from_dict(response.json())

        return response_409

    if response.status_code == 413:
        response_413 = Problem.from_dict(response.json())

        return response_413

    if response.status_code == 415:
        response_415 = Problem.from_dict(response.json())

        return response_415

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = Problem.from_dict(response.json())

        return response_429

    if response.status_code == 500:
        response_500 = Problem.from_dict(response.json())

        return response_500

    if response.status_code == 503:
        response_503 = Problem.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[BatchResult | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    unit_id: UUID,
    *,
    client: AuthenticatedClient,
    body: list[CaseRecordInput],
) -> Response[BatchResult | Problem]:
    """Create or replace many records

     Roles: vendor, registrar (of the unit). Up to 1,000 records as a JSON array or as
    `application/x-ndjson`; the body may be at most 4 MiB. Each item is validated and written on
    its own, like a PUT of its `case_ref` (no item is ever half written); `results` gives each
    item's status. Answers 200 once the batch was processed, even when items failed. Should the
    database fail mid-batch, nothing of the batch is kept (answer 503): retry it whole.

    Args:
        unit_id (UUID):
        body (list[CaseRecordInput]):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BatchResult | Problem]
    """

    kwargs = _get_kwargs(
        unit_id=unit_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    unit_id: UUID,
    *,
    client: AuthenticatedClient,
    body: list[CaseRecordInput],
) -> BatchResult | Problem | None:
    """Create or replace many records

     Roles: vendor, registrar (of the unit). Up to 1,000 records as a JSON array or as
    `application/x-ndjson`; the body may be at most 4 MiB. Each item is validated and written on
    its own, like a PUT of its `case_ref` (no item is ever half written); `results` gives each
    item's status. Answers 200 once the batch was processed, even when items failed. Should the
    database fail mid-batch, nothing of the batch is kept (answer 503): retry it whole.

    Args:
        unit_id (UUID):
        body (list[CaseRecordInput]):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BatchResult | Problem
    """

    return sync_detailed(
        unit_id=unit_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    unit_id: UUID,
    *,
    client: AuthenticatedClient,
    body: list[CaseRecordInput],
) -> Response[BatchResult | Problem]:
    """Create or replace many records

     Roles: vendor, registrar (of the unit). Up to 1,000 records as a JSON array or as
    `application/x-ndjson`; the body may be at most 4 MiB. Each item is validated and written on
    its own, like a PUT of its `case_ref` (no item is ever half written); `results` gives each
    item's status. Answers 200 once the batch was processed, even when items failed. Should the
    database fail mid-batch, nothing of the batch is kept (answer 503): retry it whole.

    Args:
        unit_id (UUID):
        body (list[CaseRecordInput]):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BatchResult | Problem]
    """

    kwargs = _get_kwargs(
        unit_id=unit_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    unit_id: UUID,
    *,
    client: AuthenticatedClient,
    body: list[CaseRecordInput],
) -> BatchResult | Problem | None:
    """Create or replace many records

     Roles: vendor, registrar (of the unit). Up to 1,000 records as a JSON array or as
    `application/x-ndjson`; the body may be at most 4 MiB. Each item is validated and written on
    its own, like a PUT of its `case_ref` (no item is ever half written); `results` gives each
    item's status. Answers 200 once the batch was processed, even when items failed. Should the
    database fail mid-batch, nothing of the batch is kept (answer 503): retry it whole.

    Args:
        unit_id (UUID):
        body (list[CaseRecordInput]):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BatchResult | Problem
    """

    return (
        await asyncio_detailed(
            unit_id=unit_id,
            client=client,
            body=body,
        )
    ).parsed
