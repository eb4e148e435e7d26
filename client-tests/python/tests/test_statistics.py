"""A region's statistics through the generated client, in two flows over the same records:

1. Region analyst: an admin creates a unit in Sandviken (2182, FoU Välfärd Gävleborg), a vendor
   client for it and a region analyst client of the region; the vendor PUTs varied SU-X records
   closed in 2024; the analyst reads exact statistics (GET /v1/stats), the yearly report
   (GET /v1/reports/su-x) as JSON and one table as CSV. A vendor token gets protected statistics
   (cell-key method) and is refused exact ones.
2. Analyst (published): the region analyst creates a protected release of the region-year
   (POST /v1/releases); an `analyst` client lists it, reads it (figures are {value, status,
   display}), reads one table as CSV and compares the region with one that has no release.
3. Formats: a release table as JSON-stat 2.0 read with pyjstat (values, hidden cells as NaN with
   their symbol in `status`, Swedish labels), and the release as an xlsx workbook read with
   openpyxl, both compared with the JSON.

CSV, JSON-stat and xlsx: the generated operations parse a 200 as the API's JSON only
(openapi-python-client 0.29.1 keeps one media type per response; the contract also documents
`text/csv`, `application/json-stat+json` and the xlsx type), so `sync_detailed(format_=…CSV)`
raises on the CSV body and would misread the others. Those requests are built by the generated
module's `_get_kwargs` (with the generated format enums) and sent with the generated client's
httpx client, so path, query and auth still come from the client.

Writes only what it creates: one unit with a unique name (units cannot be deleted), records with
unique case references (closed in 2024), a release of the region-year (a new version when one
exists), and clients named "client-tests-py …", revoked at the end. The report is checked against
the region's figures read before the records were written, so records already in the region (the
TypeScript suite's, in a local run) do not break it.
"""

from __future__ import annotations

import datetime
import io
import math
import re
import uuid
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from http import HTTPStatus

import httpx
import openpyxl
import pytest
from pyjstat import pyjstat

from isu_api_client import AuthenticatedClient
from isu_api_client.api.admin import create_client, revoke_client
from isu_api_client.api.cases import put_case
from isu_api_client.api.organisation import create_unit, get_region
from isu_api_client.api.releases import (
    compare_releases,
    create_release,
    get_release,
    get_release_report_page,
    get_release_table,
    list_releases,
)
from isu_api_client.api.statistics import get_stats, get_su_x_report
from isu_api_client.models import (
    ApiClientWithSecret,
    CaseRecord,
    CaseRecordInput,
    Comparison,
    CountFigure,
    DerivedFigure,
    FigureStatus,
    GetReleaseFormat,
    GetReleaseTableFormat,
    GetReleaseTableLang,
    GetStatsProtection,
    GetSuXReportFormat,
    GetSuXReportLang,
    NewRegionAnalystClient,
    NewRegionAnalystClientRole,
    NewRelease,
    NewUnit,
    NewUnitScopedClient,
    NewUnitScopedClientRole,
    NewUnscopedClient,
    NewUnscopedClientRole,
    Problem,
    PublishedAudience,
    PublishedRow,
    PublishedTable,
    Release,
    Region,
    ReleaseList,
    ReportTable,
    StatsResult,
    SuXReport,
    Unit,
)
from isu_api_client.types import UNSET, Unset

from .helpers import Credentials, access_token, bearer_client, new_client_name

REGION = "fou-valfard-gavleborg"
OTHER_REGION = "fou-nordvast"
MUNICIPALITY = "2182"
YEAR = 2024
RECORDS = 60

GENDERS = ["girl", "boy", "other_identity"]
BACKGROUNDS = [
    "sweden_both_parents_sweden",
    "sweden_one_parent_abroad",
    "sweden_both_parents_abroad",
    "rest_of_europe",
    "outside_europe",
    "unknown",
]
PREVIOUSLY = ["no", "once", "several", "unknown"]
PROBLEMS = [
    ["family_relations", "school"],
    ["parenting"],
    ["child_mental_health", "behaviour"],
    ["violence_victim", "domestic_violence"],
    ["parent_substance_abuse"],
    ["crime", "substance_abuse", "behaviour"],
    ["parent_mental_health", "family_relations"],
]
CLOSING = ["goals_met", "goals_met", "ended_by_guardian", "ended_by_child", "not_matching_needs"]
INTERVENTIONS: list[tuple[list[str], list[str] | None]] = [
    (["traditional_family_treatment"], None),
    (["crisis_support"], None),
    (["traditional_family_treatment", "manual_method"], ["Trygghetscirkeln"]),
    (["manual_method"], ["Trygghetscirkeln"]),
]
REPORT_TABLES = ("t1_background", "d1_problem_areas", "d6_closing_reasons")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def record(case_ref: str, i: int) -> CaseRecordInput:
    """The i-th of the varied, valid SU-X 2021 records, all closed in 2024. Optional fields not
    used stay UNSET (left out of the JSON), never None (sent as null)."""
    day = 1 + i % 28
    closing = CLOSING[(i * 3) % len(CLOSING)]
    interventions, methods = INTERVENTIONS[i % len(INTERVENTIONS)]
    fields: dict[str, object] = {
        "case_ref": case_ref,
        "age_at_referral": 3 + (i * 7) % 15,
        "gender": GENDERS[i % len(GENDERS)],
        "birth_background": BACKGROUNDS[(i * 5) % len(BACKGROUNDS)],
        "referred_on": datetime.date(YEAR, 1, day),
        "started_on": datetime.date(YEAR, 2, day),
        "previously_active": PREVIOUSLY[(i >> 1) % len(PREVIOUSLY)],
        "problem_areas": PROBLEMS[(i * 5) % len(PROBLEMS)],
        "interventions": interventions,
        "closed_on": datetime.date(YEAR, 3 + i % 9, day),
        "closing_reason": closing,
    }
    if methods is not None:
        fields["manual_methods"] = methods
    if closing == "not_matching_needs":
        fields["closing_reason_text"] = "client-tests: needs changed"
    return CaseRecordInput(**fields)  # type: ignore[arg-type]


@dataclass
class Seeded:
    """A unit of the region with RECORDS records closed in 2024, and tokens of its vendor, a
    region analyst of the region and an analyst."""

    base_url: str
    unit_id: str
    vendor_token: str
    region_analyst_token: str
    analyst_token: str
    children_before: int
    client_ids: list[str] = field(default_factory=list)


def report_table(report: SuXReport, table_id: str) -> ReportTable:
    tables = {t.id: t for t in report.tables}
    assert table_id in tables, f"the report has no table {table_id}: {sorted(tables)}"
    return tables[table_id]


def regional_report(client: AuthenticatedClient) -> SuXReport:
    response = get_su_x_report.sync_detailed(client=client, region=REGION, year=YEAR)
    assert response.status_code == HTTPStatus.OK, response.content
    assert isinstance(response.parsed, SuXReport)
    return response.parsed


def send(client: AuthenticatedClient, kwargs: dict[str, object]) -> httpx.Response:
    """Send a request built by a generated operation's `_get_kwargs` with the generated client's
    httpx client (for responses the generated parser cannot read: CSV)."""
    return client.get_httpx_client().request(**kwargs)  # type: ignore[arg-type]


def assert_figure(figure: CountFigure | DerivedFigure | Unset, where: str) -> None:
    """A protected figure: a value exactly when published; a suppressed one shows "≤4" or ".."."""
    assert isinstance(figure, (CountFigure, DerivedFigure)), f"{where}: {figure!r}"
    if figure.status == FigureStatus.PUBLISHED:
        assert isinstance(figure.value, (int, float)), f"{where}: published without a value"
    else:
        assert figure.status == FigureStatus.SUPPRESSED, where
        assert figure.value is None or figure.value is UNSET, f"{where}: suppressed with a value"
        assert figure.display in ("≤4", ".."), f"{where}: suppressed shown as {figure.display!r}"


@pytest.fixture(scope="module")
def seeded(base_url: str, admin_credentials: Credentials) -> Iterator[Seeded]:
    run = uuid.uuid4().hex[:8]
    client_ids: list[str] = []
    with bearer_client(base_url, access_token(base_url, admin_credentials)) as admin:

        def new_client(body: NewUnitScopedClient | NewRegionAnalystClient | NewUnscopedClient) -> str:
            response = create_client.sync_detailed(client=admin, body=body)
            assert response.status_code == HTTPStatus.CREATED, response.content
            assert isinstance(response.parsed, ApiClientWithSecret)
            created = response.parsed
            client_ids.append(created.client.client_id)
            assert created.client.role.value == body.role.value
            return access_token(base_url, Credentials(created.client.client_id, created.client_secret))

        try:
            unit = create_unit.sync_detailed(
                client=admin, body=NewUnit(municipality=MUNICIPALITY, name=f"client-tests-py stats {uuid.uuid4()}")
            )
            assert unit.status_code == HTTPStatus.CREATED, unit.content
            assert isinstance(unit.parsed, Unit)
            unit_id = unit.parsed.id
            vendor_token = new_client(
                NewUnitScopedClient(
                    name=new_client_name("stats-vendor"), role=NewUnitScopedClientRole.VENDOR, units=[unit_id]
                )
            )
            region_analyst_token = new_client(
                NewRegionAnalystClient(
                    name=new_client_name("region-analyst"),
                    role=NewRegionAnalystClientRole.REGION_ANALYST,
                    region=REGION,
                )
            )
            analyst_token = new_client(
                NewUnscopedClient(name=new_client_name("analyst"), role=NewUnscopedClientRole.ANALYST)
            )

            with bearer_client(base_url, region_analyst_token) as region_analyst:
                before = report_table(regional_report(region_analyst), "d6_closing_reasons").table.total.children
            children_before = before if isinstance(before, int) else 0

            with bearer_client(base_url, vendor_token) as vendor:
                for i in range(RECORDS):
                    case_ref = f"ct-py-stats-{run}-{i}"
                    put = put_case.sync_detailed(unit_id, case_ref, client=vendor, body=record(case_ref, i))
                    assert put.status_code == HTTPStatus.CREATED, put.content
                    assert isinstance(put.parsed, CaseRecord)

            yield Seeded(
                base_url=base_url,
                unit_id=unit_id,
                vendor_token=vendor_token,
                region_analyst_token=region_analyst_token,
                analyst_token=analyst_token,
                children_before=children_before,
                client_ids=client_ids,
            )
        finally:
            # Leave nothing usable behind in a shared sandbox, even when a step failed.
            for client_id in client_ids:
                revoked = revoke_client.sync_detailed(client_id, client=admin)
                assert revoked.status_code == HTTPStatus.OK, revoked.content


def test_region_analyst_flow(seeded: Seeded) -> None:
    """Exact statistics (GET /v1/stats) → the yearly report (JSON) → one table as CSV → a vendor
    is refused the statistics (403)."""
    with bearer_client(seeded.base_url, seeded.region_analyst_token) as analyst:
        # By gender and problem area, the unit's records only.
        stats = get_stats.sync_detailed(
            client=analyst, group_by="gender,problem_area", measure="children,share", year=str(YEAR), unit=seeded.unit_id
        )
        assert stats.status_code == HTTPStatus.OK, stats.content
        assert isinstance(stats.parsed, StatsResult)
        result = stats.parsed
        assert result.metadata.records == RECORDS
        assert result.metadata.scope.region == REGION
        assert [d.value for d in result.table.group_by] == ["gender", "problem_area"]
        assert result.table.total.children == RECORDS
        assert result.table.rows, "no rows"
        assert any(isinstance(r.children, int) and r.children > 0 for r in result.table.rows)
        for row in result.table.rows:
            assert {"gender", "problem_area"} <= set(row.dimensions.additional_properties), row.to_dict()
        margins = {tuple(d.value for d in m.group_by): m for m in result.table.margins}
        assert ("gender",) in margins, sorted(margins)
        girls = [r for r in margins[("gender",)].rows if r.dimensions.additional_properties.get("gender") == "girl"]
        assert [r.children for r in girls] == [RECORDS // len(GENDERS)]

        # The yearly report: its tables, counting the records put.
        report = regional_report(analyst)
        assert report.year == YEAR
        for table_id in REPORT_TABLES:
            report_table(report, table_id)
        for table_id in ("t1_background", "d6_closing_reasons"):
            total = report_table(report, table_id).table.total.children
            assert total == seeded.children_before + RECORDS, (table_id, total, seeded.children_before)
        assert report_table(report, "d1_problem_areas").table.rows

        # One table as CSV, in English.
        csv = send(
            analyst,
            get_su_x_report._get_kwargs(
                region=REGION, year=YEAR, format_=GetSuXReportFormat.CSV, table="d6_closing_reasons", lang=GetSuXReportLang.EN
            ),
        )
        assert csv.status_code == HTTPStatus.OK, csv.content
        assert csv.headers["content-type"].startswith("text/csv")
        lines = csv.text.lstrip("\ufeff").splitlines()
        assert lines[0] == "Closing reason,Children,Share"
        assert len(lines) > 2, csv.text

    # A vendor's token reads protected statistics (cell-key method), never exact ones.
    with bearer_client(seeded.base_url, seeded.vendor_token) as vendor:
        protected = get_stats.sync_detailed(client=vendor, group_by="gender", year=str(YEAR))
        assert protected.status_code == HTTPStatus.OK, protected.content
        assert isinstance(protected.parsed, StatsResult)
        assert protected.parsed.metadata.audience.value == "protected"
        assert protected.parsed.metadata.protection.method == "cell_key"
        for row in protected.parsed.table.rows:
            assert row.children == 0 or row.children > protected.parsed.metadata.protection.js
        refused = get_stats.sync_detailed(
            client=vendor, group_by="gender", year=str(YEAR), protection=GetStatsProtection.EXACT
        )
        assert refused.status_code == HTTPStatus.FORBIDDEN, refused.content
        assert isinstance(refused.parsed, Problem)
        assert refused.parsed.status == 403


def test_published_release_flow(seeded: Seeded) -> None:
    """The region analyst releases the region-year (201) → an analyst lists it, reads it, reads
    d6_closing_reasons as CSV, compares the region with one without a release and reads the
    release's report page (HTML) with its title."""
    with bearer_client(seeded.base_url, seeded.region_analyst_token) as region_analyst:
        created = create_release.sync_detailed(client=region_analyst, body=NewRelease(scope=REGION, year=YEAR))
    if created.status_code == HTTPStatus.UNPROCESSABLE_ENTITY:
        # Refused as unprotectable: the problem must name /scope; the rest of the flow is skipped.
        assert isinstance(created.parsed, Problem), created.content
        errors = created.parsed.errors if not isinstance(created.parsed.errors, Unset) else []
        assert any(e.pointer == "/scope" for e in errors), created.content
        pytest.skip(f"release refused (422 {[(e.pointer, e.code) for e in errors]}): {created.parsed.detail}")
    assert created.status_code == HTTPStatus.CREATED, created.content
    assert isinstance(created.parsed, Release)
    release = created.parsed
    assert (release.scope, release.year, release.audience) == (REGION, YEAR, PublishedAudience.PUBLISHED)
    assert release.version >= 1
    assert_figure(release.records, "records")

    with bearer_client(seeded.base_url, seeded.analyst_token) as analyst:
        # Listed among the year's releases.
        listed = list_releases.sync_detailed(client=analyst, year=YEAR)
        assert listed.status_code == HTTPStatus.OK, listed.content
        assert isinstance(listed.parsed, ReleaseList)
        found = [r for r in listed.parsed.items if r.id == release.id]
        assert len(found) == 1, f"release {release.id} not listed"
        assert (found[0].scope, found[0].year, found[0].version) == (REGION, YEAR, release.version)

        # Read in full: every count and share is a protected figure.
        got = get_release.sync_detailed(release.id, client=analyst)
        assert got.status_code == HTTPStatus.OK, got.content
        assert isinstance(got.parsed, Release)
        tables = {t.id: t for t in got.parsed.tables}
        assert set(REPORT_TABLES) <= set(tables), sorted(tables)
        figures = 0
        for table in got.parsed.tables:
            for row in [*table.rows, table.total]:
                where = f"{table.id} {row.dimensions.to_dict()}"
                if not isinstance(row.children, Unset):
                    assert_figure(row.children, f"{where} children")
                    figures += 1
                if not isinstance(row.share, Unset):
                    assert_figure(row.share, f"{where} share")
        assert figures > 0, "no count figures"

        # One table as CSV, in English.
        csv = send(
            analyst,
            get_release_table._get_kwargs(
                release.id, "d6_closing_reasons", format_=GetReleaseTableFormat.CSV, lang=GetReleaseTableLang.EN
            ),
        )
        assert csv.status_code == HTTPStatus.OK, csv.content
        assert csv.headers["content-type"].startswith("text/csv")
        lines = [line for line in csv.text.lstrip("\ufeff").splitlines() if line]
        # The last column names the release's protection method on every row.
        assert lines[0] == "Closing reason,Children,Share,Protection method"
        assert len(lines) > 2, csv.text
        assert all(line.endswith((",cell suppression", ",cell-key method")) for line in lines[1:]), csv.text
        # Figures are numbers, "≤4" or ".." (suppressed); the last row is the total.
        assert re.match(r"^Total,(\d+|≤4|\.\.),", lines[-1]), csv.text

        # Side by side with a region that has no release of the year.
        compared = compare_releases.sync_detailed(
            client=analyst, table="d6_closing_reasons", year=YEAR, scopes=f"{REGION},{OTHER_REGION}"
        )
        assert compared.status_code == HTTPStatus.OK, compared.content
        assert isinstance(compared.parsed, Comparison)
        comparison = compared.parsed
        assert comparison.table == "d6_closing_reasons"
        assert [(e.scope, e.release_id, e.table.id) for e in comparison.entries] == [
            (REGION, release.id, "d6_closing_reasons")
        ]
        assert comparison.missing == [OTHER_REGION]

        # The report page. The contract documents its 200 as `text/html` with a string schema;
        # openapi-python-client 0.29.1 generates `parsed = response.text` for it (a str), so the
        # generated operation itself reads the page.
        region = get_region.sync_detailed(REGION, client=analyst)
        assert isinstance(region.parsed, Region), region.content
        page = get_release_report_page.sync_detailed(release.id, client=analyst)
        assert page.status_code == HTTPStatus.OK, page.content
        assert page.headers["content-type"] == "text/html; charset=utf-8"
        assert isinstance(page.parsed, str)
        title = f"SU-X årsrapport {YEAR}: {region.parsed.name}, version {release.version}"
        assert f"<title>{title}</title>" in page.parsed, f"no <title>{title}</title> in the page"
        assert f'data-release="{release.id}"' in page.parsed
        assert "<svg " in page.parsed, "no diagram"

def _release_for_formats(seeded: Seeded) -> str:
    """The id of a release of the region-year (created here; skips when it is refused)."""
    with bearer_client(seeded.base_url, seeded.region_analyst_token) as region_analyst:
        created = create_release.sync_detailed(client=region_analyst, body=NewRelease(scope=REGION, year=YEAR))
    if created.status_code == HTTPStatus.UNPROCESSABLE_ENTITY:
        pytest.skip(f"release refused: {created.content!r}")
    assert created.status_code == HTTPStatus.CREATED, created.content
    assert isinstance(created.parsed, Release)
    return created.parsed.id


def _json_rows(table: PublishedTable) -> list[PublishedRow]:
    """Rows in the JSON's order: cells, margins, total."""
    return [*table.rows, *[row for margin in table.margins for row in margin.rows], table.total]


def _labels(table: PublishedTable) -> dict[str, dict[str, str]]:
    """Dimension id → value code → Swedish label."""
    return {d.id.value: {v.code: v.label.sv for v in d.values} for d in table.dimensions}


def test_release_table_as_json_stat(seeded: Seeded) -> None:
    """A release table as JSON-stat 2.0 (format=json-stat), read with pyjstat: every figure of the
    JSON at its labels, hidden ones NaN with their symbol in `status`, labels in Swedish."""
    release_id = _release_for_formats(seeded)
    with bearer_client(seeded.base_url, seeded.analyst_token) as analyst:
        as_json = get_release_table.sync_detailed(release_id, "t1_background", client=analyst)
        assert as_json.status_code == HTTPStatus.OK, as_json.content
        assert isinstance(as_json.parsed, PublishedTable)
        table = as_json.parsed
        response = send(
            analyst, get_release_table._get_kwargs(release_id, "t1_background", format_=GetReleaseTableFormat.JSON_STAT)
        )
    assert response.status_code == HTTPStatus.OK, response.content
    assert response.headers["content-type"] == "application/json-stat+json"
    raw = response.json()
    dataset = pyjstat.Dataset.read(response.text)
    with warnings.catch_warnings():
        # pyjstat 2.4.0's own Dataset.write calls its deprecated from_json_stat.
        warnings.filterwarnings("ignore", "Shouldn't use this function anymore", DeprecationWarning)
        frame = dataset.write("dataframe")
    dims = [d.id.value for d in table.dimensions]
    labels = _labels(table)
    dim_labels = [raw["dimension"][d]["label"] for d in dims]
    assert dim_labels == ["Kommun", "Kön"]
    assert list(frame.columns) == [*dim_labels, "Mått", "value"]
    measure_labels = raw["dimension"]["measure"]["category"]["label"]
    by_labels = {tuple(r[:-1]): r[-1] for r in frame.itertuples(index=False, name=None)}
    assert len(by_labels) == len(frame) == len(raw["value"])
    sizes = raw["size"]
    checked = hidden = 0
    for row in _json_rows(table):
        codes = [row.dimensions.additional_properties.get(d, "_T") for d in dims]
        names = [labels[d][c] if c != "_T" else "Totalt" for d, c in zip(dims, codes)]
        for measure, figure in (("children", row.children), ("share", row.share)):
            assert isinstance(figure, (CountFigure, DerivedFigure)), figure
            value = by_labels[(*names, measure_labels[measure])]
            # The index in `value` of these coordinates (row-major, the measure fastest).
            index = 0
            for i, (dim, code) in enumerate([*zip(dims, codes), ("measure", measure)]):
                index = index * sizes[i] + raw["dimension"][dim]["category"]["index"].index(code)
            if figure.status == FigureStatus.PUBLISHED:
                assert value == pytest.approx(figure.value), (names, measure)
                assert str(index) not in raw["status"]
            else:
                assert math.isnan(value), (names, measure, value)
                assert raw["value"][index] is None
                assert raw["status"][str(index)] == figure.display
                hidden += 1
            checked += 1
    assert checked > 10 and hidden > 0, (checked, hidden)
    assert raw["extension"]["release"]["id"] == release_id
    assert raw["extension"]["protection"]["k"] == 5
    assert set(raw["status"].values()) <= set(raw["extension"]["symbols"])


def test_release_as_workbook(seeded: Seeded) -> None:
    """A release as one .xlsx workbook (format=xlsx), read with openpyxl: a first sheet saying
    what it is, then a sheet per table whose cells equal the JSON (numbers as numbers, hidden
    figures as their symbols)."""
    release_id = _release_for_formats(seeded)
    with bearer_client(seeded.base_url, seeded.analyst_token) as analyst:
        got = get_release.sync_detailed(release_id, client=analyst)
        assert got.status_code == HTTPStatus.OK, got.content
        assert isinstance(got.parsed, Release)
        release = got.parsed
        response = send(analyst, get_release._get_kwargs(release_id, format_=GetReleaseFormat.XLSX))
    assert response.status_code == HTTPStatus.OK, response.content
    assert response.headers["content-type"] == XLSX
    assert response.headers["content-disposition"].startswith("attachment; filename=")
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Om statistiken", *[t.id for t in release.tables]]
    about = [str(c) for row in book["Om statistiken"].iter_rows(values_only=True) for c in row if c is not None]
    for needle in (release_id, REGION, "≤4", "Skyddsmetod", "Källa"):
        assert any(needle in text for text in about), needle
    compared = 0
    for table in release.tables:
        if table.id == "problem_area_combinations":
            continue  # pairs follow their row: checked in the Rust tests
        sheet = list(book[table.id].iter_rows(values_only=True))
        assert sheet[0][0] == table.title.sv
        dims = [d.id.value for d in table.dimensions]
        labels = _labels(table)
        for line, row in zip(sheet[2:], _json_rows(table), strict=True):
            names = [labels[d][row.dimensions.additional_properties[d]] if d in row.dimensions.additional_properties else "Totalt" for d in dims]
            assert list(line[: len(dims)]) == names, (table.id, line)
            figures: list[object] = []
            for measure in table.measures:
                value = getattr(row, measure.value, UNSET)
                if measure.value in ("intervention_days", "enrolment_days"):
                    parts = ["n", "mean", "median", "p10", "p90"]
                    figures += [UNSET if isinstance(value, Unset) else getattr(value, p) for p in parts]
                elif measure.value == "age":
                    figures.append(UNSET if isinstance(value, Unset) else value.mean)
                else:
                    figures.append(value)
            for cell, figure in zip(line[len(dims) :], figures, strict=True):
                if isinstance(figure, Unset):
                    assert cell is None, (table.id, line)
                elif figure.status == FigureStatus.PUBLISHED:
                    assert isinstance(cell, (int, float)) and cell == pytest.approx(figure.value), (table.id, line)
                else:
                    assert cell == figure.display, (table.id, line)
                compared += 1
    assert compared > 100, compared
