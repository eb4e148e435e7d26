from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.get_stats_format import GetStatsFormat
from ...models.get_stats_lang import GetStatsLang
from ...models.get_stats_protection import GetStatsProtection
from ...models.problem import Problem
from ...models.stats_result import StatsResult
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    measure: str | Unset = UNSET,
    group_by: str | Unset = UNSET,
    year: str | Unset = UNSET,
    region: str | Unset = UNSET,
    municipality: str | Unset = UNSET,
    unit: str | Unset = UNSET,
    gender: str | Unset = UNSET,
    age_band: str | Unset = UNSET,
    birth_background: str | Unset = UNSET,
    previously_active: str | Unset = UNSET,
    problem_area: str | Unset = UNSET,
    intervention_type: str | Unset = UNSET,
    intervention: str | Unset = UNSET,
    manual_method: str | Unset = UNSET,
    closing_reason: str | Unset = UNSET,
    form: str | Unset = UNSET,
    format_: GetStatsFormat | Unset = UNSET,
    lang: GetStatsLang | Unset = UNSET,
    protection: GetStatsProtection | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["measure"] = measure

    params["group_by"] = group_by

    params["year"] = year

    params["region"] = region

    params["municipality"] = municipality

    params["unit"] = unit

    params["gender"] = gender

    params["age_band"] = age_band

    params["birth_background"] = birth_background

    params["previously_active"] = previously_active

    params["problem_area"] = problem_area

    params["intervention_type"] = intervention_type

    params["intervention"] = intervention

    params["manual_method"] = manual_method

    params["closing_reason"] = closing_reason

    params["form"] = form

    json_format_: str | Unset = UNSET
    if not isinstance(format_, Unset):
        json_format_ = format_.value

    params["format"] = json_format_

    json_lang: str | Unset = UNSET
    if not isinstance(lang, Unset):
        json_lang = lang.value

    params["lang"] = json_lang

    json_protection: str | Unset = UNSET
    if not isinstance(protection, Unset):
        json_protection = protection.value

    params["protection"] = json_protection

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/stats",
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | StatsResult | None:
    if response.status_code == 200:
        response_200 = StatsResult.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

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
) -> Response[Problem | StatsResult]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    measure: str | Unset = UNSET,
    group_by: str | Unset = UNSET,
    year: str | Unset = UNSET,
    region: str | Unset = UNSET,
    municipality: str | Unset = UNSET,
    unit: str | Unset = UNSET,
    gender: str | Unset = UNSET,
    age_band: str | Unset = UNSET,
    birth_background: str | Unset = UNSET,
    previously_active: str | Unset = UNSET,
    problem_area: str | Unset = UNSET,
    intervention_type: str | Unset = UNSET,
    intervention: str | Unset = UNSET,
    manual_method: str | Unset = UNSET,
    closing_reason: str | Unset = UNSET,
    form: str | Unset = UNSET,
    format_: GetStatsFormat | Unset = UNSET,
    lang: GetStatsLang | Unset = UNSET,
    protection: GetStatsProtection | Unset = UNSET,
) -> Response[Problem | StatsResult]:
    """Statistics of any scope: exact for whoever may see every record, protected for everyone else

     Roles: every role with `stats:read`. Any combination of up to three catalogue dimensions with
    any measures, filtered on catalogue values: rows for every combination of values (zeros
    included), the margins of every subset of the group-by dimensions, and the grand total.

    **Exact** (audience `internal`, not for publication) for a region analyst with `cases:read`
    asking about its own region — the default for such a caller when `region` is absent or names
    only its region. **Protected** (audience `protected`, publishable) for everyone else, for any
    region (`region` naming one region: that region's scope), several regions or the whole country
    (`region` absent or naming several), by the cell-key method: every count is perturbed by a
    perturbation table on the secret keys of the children it counts — cells, margins and the total
    each on their own key, so they need not add up; the same children give the same figure in every
    answer; published counts 1..js never occur; means, medians and the 10th and 90th percentiles
    of days only for groups of at least `min_group` children, with noise (a percentile never at
    the first or last rank); minimum and maximum never; coverage is not published. The method and
    its parameters are in `metadata.protection`. `protection=cell_key` asks for the protected
    answer where the exact one is allowed; `protection=exact` without the rights is 403. Day
    percentiles (`p10`, `p90`) are by nearest rank, as in releases.

    Also as CSV (`format=csv`; a protected answer's last column, "Skyddsmetod"/"Protection
    method", names the method on every row) or as a JSON-stat 2.0 dataset (`format=json-stat`:
    the group-by dimensions with a total category `_T`, then the measures).

    Args:
        measure (str | Unset):
        group_by (str | Unset):
        year (str | Unset):
        region (str | Unset):
        municipality (str | Unset):
        unit (str | Unset):
        gender (str | Unset):
        age_band (str | Unset):
        birth_background (str | Unset):
        previously_active (str | Unset):
        problem_area (str | Unset):
        intervention_type (str | Unset):
        intervention (str | Unset):
        manual_method (str | Unset):
        closing_reason (str | Unset):
        form (str | Unset):
        format_ (GetStatsFormat | Unset): Formats of one table: `json`, `csv`, `json-stat` (`json-
            stat2` is the same).
        lang (GetStatsLang | Unset): Header and label language.
        protection (GetStatsProtection | Unset): Which protection a statistics request asked for.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | StatsResult]
    """

    kwargs = _get_kwargs(
        measure=measure,
        group_by=group_by,
        year=year,
        region=region,
        municipality=municipality,
        unit=unit,
        gender=gender,
        age_band=age_band,
        birth_background=birth_background,
        previously_active=previously_active,
        problem_area=problem_area,
        intervention_type=intervention_type,
        intervention=intervention,
        manual_method=manual_method,
        closing_reason=closing_reason,
        form=form,
        format_=format_,
        lang=lang,
        protection=protection,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    measure: str | Unset = UNSET,
    group_by: str | Unset = UNSET,
    year: str | Unset = UNSET,
    region: str | Unset = UNSET,
    municipality: str | Unset = UNSET,
    unit: str | Unset = UNSET,
    gender: str | Unset = UNSET,
    age_band: str | Unset = UNSET,
    birth_background: str | Unset = UNSET,
    previously_active: str | Unset = UNSET,
    problem_area: str | Unset = UNSET,
    intervention_type: str | Unset = UNSET,
    intervention: str | Unset = UNSET,
    manual_method: str | Unset = UNSET,
    closing_reason: str | Unset = UNSET,
    form: str | Unset = UNSET,
    format_: GetStatsFormat | Unset = UNSET,
    lang: GetStatsLang | Unset = UNSET,
    protection: GetStatsProtection | Unset = UNSET,
) -> Problem | StatsResult | None:
    """Statistics of any scope: exact for whoever may see every record, protected for everyone else

     Roles: every role with `stats:read`. Any combination of up to three catalogue dimensions with
    any measures, filtered on catalogue values: rows for every combination of values (zeros
    included), the margins of every subset of the group-by dimensions, and the grand total.

    **Exact** (audience `internal`, not for publication) for a region analyst with `cases:read`
    asking about its own region — the default for such a caller when `region` is absent or names
    only its region. **Protected** (audience `protected`, publishable) for everyone else, for any
    region (`region` naming one region: that region's scope), several regions or the whole country
    (`region` absent or naming several), by the cell-key method: every count is perturbed by a
    perturbation table on the secret keys of the children it counts — cells, margins and the total
    each on their own key, so they need not add up; the same children give the same figure in every
    answer; published counts 1..js never occur; means, medians and the 10th and 90th percentiles
    of days only for groups of at least `min_group` children, with noise (a percentile never at
    the first or last rank); minimum and maximum never; coverage is not published. The method and
    its parameters are in `metadata.protection`. `protection=cell_key` asks for the protected
    answer where the exact one is allowed; `protection=exact` without the rights is 403. Day
    percentiles (`p10`, `p90`) are by nearest rank, as in releases.

    Also as CSV (`format=csv`; a protected answer's last column, "Skyddsmetod"/"Protection
    method", names the method on every row) or as a JSON-stat 2.0 dataset (`format=json-stat`:
    the group-by dimensions with a total category `_T`, then the measures).

    Args:
        measure (str | Unset):
        group_by (str | Unset):
        year (str | Unset):
        region (str | Unset):
        municipality (str | Unset):
        unit (str | Unset):
        gender (str | Unset):
        age_band (str | Unset):
        birth_background (str | Unset):
        previously_active (str | Unset):
        problem_area (str | Unset):
        intervention_type (str | Unset):
        intervention (str | Unset):
        manual_method (str | Unset):
        closing_reason (str | Unset):
        form (str | Unset):
        format_ (GetStatsFormat | Unset): Formats of one table: `json`, `csv`, `json-stat` (`json-
            stat2` is the same).
        lang (GetStatsLang | Unset): Header and label language.
        protection (GetStatsProtection | Unset): Which protection a statistics request asked for.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | StatsResult
    """

    return sync_detailed(
        client=client,
        measure=measure,
        group_by=group_by,
        year=year,
        region=region,
        municipality=municipality,
        unit=unit,
        gender=gender,
        age_band=age_band,
        birth_background=birth_background,
        previously_active=previously_active,
        problem_area=problem_area,
        intervention_type=intervention_type,
        intervention=intervention,
        manual_method=manual_method,
        closing_reason=closing_reason,
        form=form,
        format_=format_,
        lang=lang,
        protection=protection,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    measure: str | Unset = UNSET,
    group_by: str | Unset = UNSET,
    year: str | Unset = UNSET,
    region: str | Unset = UNSET,
    municipality: str | Unset = UNSET,
    unit: str | Unset = UNSET,
    gender: str | Unset = UNSET,
    age_band: str | Unset = UNSET,
    birth_background: str | Unset = UNSET,
    previously_active: str | Unset = UNSET,
    problem_area: str | Unset = UNSET,
    intervention_type: str | Unset = UNSET,
    intervention: str | Unset = UNSET,
    manual_method: str | Unset = UNSET,
    closing_reason: str | Unset = UNSET,
    form: str | Unset = UNSET,
    format_: GetStatsFormat | Unset = UNSET,
    lang: GetStatsLang | Unset = UNSET,
    protection: GetStatsProtection | Unset = UNSET,
) -> Response[Problem | StatsResult]:
    """Statistics of any scope: exact for whoever may see every record, protected for everyone else

     Roles: every role with `stats:read`. Any combination of up to three catalogue dimensions with
    any measures, filtered on catalogue values: rows for every combination of values (zeros
    included), the margins of every subset of the group-by dimensions, and the grand total.

    **Exact** (audience `internal`, not for publication) for a region analyst with `cases:read`
    asking about its own region — the default for such a caller when `region` is absent or names
    only its region. **Protected** (audience `protected`, publishable) for everyone else, for any
    region (`region` naming one region: that region's scope), several regions or the whole country
    (`region` absent or naming several), by the cell-key method: every count is perturbed by a
    perturbation table on the secret keys of the children it counts — cells, margins and the total
    each on their own key, so they need not add up; the same children give the same figure in every
    answer; published counts 1..js never occur; means, medians and the 10th and 90th percentiles
    of days only for groups of at least `min_group` children, with noise (a percentile never at
    the first or last rank); minimum and maximum never; coverage is not published. The method and
    its parameters are in `metadata.protection`. `protection=cell_key` asks for the protected
    answer where the exact one is allowed; `protection=exact` without the rights is 403. Day
    percentiles (`p10`, `p90`) are by nearest rank, as in releases.

    Also as CSV (`format=csv`; a protected answer's last column, "Skyddsmetod"/"Protection
    method", names the method on every row) or as a JSON-stat 2.0 dataset (`format=json-stat`:
    the group-by dimensions with a total category `_T`, then the measures).

    Args:
        measure (str | Unset):
        group_by (str | Unset):
        year (str | Unset):
        region (str | Unset):
        municipality (str | Unset):
        unit (str | Unset):
        gender (str | Unset):
        age_band (str | Unset):
        birth_background (str | Unset):
        previously_active (str | Unset):
        problem_area (str | Unset):
        intervention_type (str | Unset):
        intervention (str | Unset):
        manual_method (str | Unset):
        closing_reason (str | Unset):
        form (str | Unset):
        format_ (GetStatsFormat | Unset): Formats of one table: `json`, `csv`, `json-stat` (`json-
            stat2` is the same).
        lang (GetStatsLang | Unset): Header and label language.
        protection (GetStatsProtection | Unset): Which protection a statistics request asked for.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | StatsResult]
    """

    kwargs = _get_kwargs(
        measure=measure,
        group_by=group_by,
        year=year,
        region=region,
        municipality=municipality,
        unit=unit,
        gender=gender,
        age_band=age_band,
        birth_background=birth_background,
        previously_active=previously_active,
        problem_area=problem_area,
        intervention_type=intervention_type,
        intervention=intervention,
        manual_method=manual_method,
        closing_reason=closing_reason,
        form=form,
        format_=format_,
        lang=lang,
        protection=protection,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    measure: str | Unset = UNSET,
    group_by: str | Unset = UNSET,
    year: str | Unset = UNSET,
    region: str | Unset = UNSET,
    municipality: str | Unset = UNSET,
    unit: str | Unset = UNSET,
    gender: str | Unset = UNSET,
    age_band: str | Unset = UNSET,
    birth_background: str | Unset = UNSET,
    previously_active: str | Unset = UNSET,
    problem_area: str | Unset = UNSET,
    intervention_type: str | Unset = UNSET,
    intervention: str | Unset = UNSET,
    manual_method: str | Unset = UNSET,
    closing_reason: str | Unset = UNSET,
    form: str | Unset = UNSET,
    format_: GetStatsFormat | Unset = UNSET,
    lang: GetStatsLang | Unset = UNSET,
    protection: GetStatsProtection | Unset = UNSET,
) -> Problem | StatsResult | None:
    """Statistics of any scope: exact for whoever may see every record, protected for everyone else

     Roles: every role with `stats:read`. Any combination of up to three catalogue dimensions with
    any measures, filtered on catalogue values: rows for every combination of values (zeros
    included), the margins of every subset of the group-by dimensions, and the grand total.

    **Exact** (audience `internal`, not for publication) for a region analyst with `cases:read`
    asking about its own region — the default for such a caller when `region` is absent or names
    only its region. **Protected** (audience `protected`, publishable) for everyone else, for any
    region (`region` naming one region: that region's scope), several regions or the whole country
    (`region` absent or naming several), by the cell-key method: every count is perturbed by a
    perturbation table on the secret keys of the children it counts — cells, margins and the total
    each on their own key, so they need not add up; the same children give the same figure in every
    answer; published counts 1..js never occur; means, medians and the 10th and 90th percentiles
    of days only for groups of at least `min_group` children, with noise (a percentile never at
    the first or last rank); minimum and maximum never; coverage is not published. The method and
    its parameters are in `metadata.protection`. `protection=cell_key` asks for the protected
    answer where the exact one is allowed; `protection=exact` without the rights is 403. Day
    percentiles (`p10`, `p90`) are by nearest rank, as in releases.

    Also as CSV (`format=csv`; a protected answer's last column, "Skyddsmetod"/"Protection
    method", names the method on every row) or as a JSON-stat 2.0 dataset (`format=json-stat`:
    the group-by dimensions with a total category `_T`, then the measures).

    Args:
        measure (str | Unset):
        group_by (str | Unset):
        year (str | Unset):
        region (str | Unset):
        municipality (str | Unset):
        unit (str | Unset):
        gender (str | Unset):
        age_band (str | Unset):
        birth_background (str | Unset):
        previously_active (str | Unset):
        problem_area (str | Unset):
        intervention_type (str | Unset):
        intervention (str | Unset):
        manual_method (str | Unset):
        closing_reason (str | Unset):
        form (str | Unset):
        format_ (GetStatsFormat | Unset): Formats of one table: `json`, `csv`, `json-stat` (`json-
            stat2` is the same).
        lang (GetStatsLang | Unset): Header and label language.
        protection (GetStatsProtection | Unset): Which protection a statistics request asked for.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | StatsResult
    """

    return (
        await asyncio_detailed(
            client=client,
            measure=measure,
            group_by=group_by,
            year=year,
            region=region,
            municipality=municipality,
            unit=unit,
            gender=gender,
            age_band=age_band,
            birth_background=birth_background,
            previously_active=previously_active,
            problem_area=problem_area,
            intervention_type=intervention_type,
            intervention=intervention,
            manual_method=manual_method,
            closing_reason=closing_reason,
            form=form,
            format_=format_,
            lang=lang,
            protection=protection,
        )
    ).parsed
