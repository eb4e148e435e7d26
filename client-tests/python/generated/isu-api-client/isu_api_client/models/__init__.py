"""Contains all the data models used in inputs/outputs"""

from .age_summary import AgeSummary
from .api_client import ApiClient
from .api_client_list import ApiClientList
from .api_client_with_secret import ApiClientWithSecret
from .audience import Audience
from .audit_event import AuditEvent
from .audit_event_page import AuditEventPage
from .batch_counts import BatchCounts
from .batch_item_result import BatchItemResult
from .batch_result import BatchResult
from .case_record import CaseRecord
from .case_record_input import CaseRecordInput
from .case_record_page import CaseRecordPage
from .cell_key_method import CellKeyMethod
from .code import Code
from .code_list import CodeList
from .code_list_id import CodeListId
from .code_list_mapping import CodeListMapping
from .code_mapping import CodeMapping
from .code_mapping_set import CodeMappingSet
from .code_mapping_set_list import CodeMappingSetList
from .compare_releases_format import CompareReleasesFormat
from .compare_releases_lang import CompareReleasesLang
from .comparison import Comparison
from .comparison_entry import ComparisonEntry
from .count_figure import CountFigure
from .coverage import Coverage
from .coverage_figure import CoverageFigure
from .coverage_input import CoverageInput
from .days_summary import DaysSummary
from .derived_figure import DerivedFigure
from .field_error import FieldError
from .field_type import FieldType
from .figure_status import FigureStatus
from .form import Form
from .form_code_list import FormCodeList
from .form_field import FormField
from .form_list import FormList
from .form_rule import FormRule
from .form_summary import FormSummary
from .get_release_format import GetReleaseFormat
from .get_release_lang import GetReleaseLang
from .get_release_table_format import GetReleaseTableFormat
from .get_release_table_lang import GetReleaseTableLang
from .get_stats_format import GetStatsFormat
from .get_stats_lang import GetStatsLang
from .get_stats_protection import GetStatsProtection
from .get_su_x_report_format import GetSuXReportFormat
from .get_su_x_report_lang import GetSuXReportLang
from .harmonisation import Harmonisation
from .harmonised_code import HarmonisedCode
from .health import Health
from .information_loss_summary import InformationLossSummary
from .intervention_type import InterventionType
from .json_stat_category import JsonStatCategory
from .json_stat_category_label import JsonStatCategoryLabel
from .json_stat_category_unit_type_0 import JsonStatCategoryUnitType0
from .json_stat_collection import JsonStatCollection
from .json_stat_dataset import JsonStatDataset
from .json_stat_dataset_dimension import JsonStatDatasetDimension
from .json_stat_dataset_status import JsonStatDatasetStatus
from .json_stat_dimension import JsonStatDimension
from .json_stat_extension import JsonStatExtension
from .json_stat_extension_metadata_type_0 import JsonStatExtensionMetadataType0
from .json_stat_extension_symbols import JsonStatExtensionSymbols
from .json_stat_link import JsonStatLink
from .json_stat_protection import JsonStatProtection
from .json_stat_release import JsonStatRelease
from .json_stat_role import JsonStatRole
from .json_stat_unit import JsonStatUnit
from .jwk import Jwk
from .jwk_set import JwkSet
from .localized_text import LocalizedText
from .localized_text_input import LocalizedTextInput
from .localized_text_update import LocalizedTextUpdate
from .manual_method import ManualMethod
from .manual_method_list import ManualMethodList
from .manual_method_update import ManualMethodUpdate
from .mapping_relation import MappingRelation
from .municipality import Municipality
from .municipality_list import MunicipalityList
from .named_method import NamedMethod
from .new_manual_method import NewManualMethod
from .new_municipality_scoped_client import NewMunicipalityScopedClient
from .new_municipality_scoped_client_role import NewMunicipalityScopedClientRole
from .new_region import NewRegion
from .new_region_analyst_client import NewRegionAnalystClient
from .new_region_analyst_client_role import NewRegionAnalystClientRole
from .new_release import NewRelease
from .new_unit import NewUnit
from .new_unit_scoped_client import NewUnitScopedClient
from .new_unit_scoped_client_role import NewUnitScopedClientRole
from .new_unscoped_client import NewUnscopedClient
from .new_unscoped_client_role import NewUnscopedClientRole
from .o_auth_error import OAuthError
from .problem import Problem
from .problem_area_combination import ProblemAreaCombination
from .protection_parameters import ProtectionParameters
from .published_age import PublishedAge
from .published_audience import PublishedAudience
from .published_combination import PublishedCombination
from .published_days import PublishedDays
from .published_dimension import PublishedDimension
from .published_margin import PublishedMargin
from .published_row import PublishedRow
from .published_row_dimensions import PublishedRowDimensions
from .published_table import PublishedTable
from .published_table_units import PublishedTableUnits
from .put_case_if_none_match import PutCaseIfNoneMatch
from .readiness import Readiness
from .region import Region
from .region_list import RegionList
from .region_municipality import RegionMunicipality
from .region_update import RegionUpdate
from .release import Release
from .release_list import ReleaseList
from .release_method import ReleaseMethod
from .release_summary import ReleaseSummary
from .report_table import ReportTable
from .role import Role
from .rule_check_type_0 import RuleCheckType0
from .rule_check_type_0_kind import RuleCheckType0Kind
from .rule_check_type_1 import RuleCheckType1
from .rule_check_type_1_kind import RuleCheckType1Kind
from .rule_check_type_2 import RuleCheckType2
from .rule_check_type_2_kind import RuleCheckType2Kind
from .rule_check_type_3 import RuleCheckType3
from .rule_check_type_3_kind import RuleCheckType3Kind
from .rule_check_type_4 import RuleCheckType4
from .rule_check_type_4_kind import RuleCheckType4Kind
from .rule_check_type_5 import RuleCheckType5
from .rule_check_type_5_kind import RuleCheckType5Kind
from .rule_check_type_6 import RuleCheckType6
from .rule_check_type_6_kind import RuleCheckType6Kind
from .rule_check_type_7 import RuleCheckType7
from .rule_check_type_7_kind import RuleCheckType7Kind
from .stats_dimension import StatsDimension
from .stats_dimension_info import StatsDimensionInfo
from .stats_dimension_value import StatsDimensionValue
from .stats_margin import StatsMargin
from .stats_measure import StatsMeasure
from .stats_metadata import StatsMetadata
from .stats_metadata_filters import StatsMetadataFilters
from .stats_result import StatsResult
from .stats_row import StatsRow
from .stats_row_dimensions import StatsRowDimensions
from .stats_scope import StatsScope
from .stats_table import StatsTable
from .stats_table_units import StatsTableUnits
from .su_x_report import SuXReport
from .suppression_summary import SuppressionSummary
from .table_information_loss import TableInformationLoss
from .token_request import TokenRequest
from .token_request_grant_type import TokenRequestGrantType
from .token_response import TokenResponse
from .unit import Unit
from .unit_list import UnitList
from .unit_update import UnitUpdate
from .validity_period import ValidityPeriod

__all__ = (
    "AgeSummary",
    "ApiClient",
    "ApiClientList",
    "ApiClientWithSecret",
    "Audience",
    "AuditEvent",
    "AuditEventPage",
    "BatchCounts",
    "BatchItemResult",
    "BatchResult",
    "CaseRecord",
    "CaseRecordInput",
    "CaseRecordPage",
    "CellKeyMethod",
    "Code",
    "CodeList",
    "CodeListId",
    "CodeListMapping",
    "CodeMapping",
    "CodeMappingSet",
    "CodeMappingSetList",
    "CompareReleasesFormat",
    "CompareReleasesLang",
    "Comparison",
    "ComparisonEntry",
    "CountFigure",
    "Coverage",
    "CoverageFigure",
    "CoverageInput",
    "DaysSummary",
    "DerivedFigure",
    "FieldError",
    "FieldType",
    "FigureStatus",
    "Form",
    "FormCodeList",
    "FormField",
    "FormList",
    "FormRule",
    "FormSummary",
    "GetReleaseFormat",
    "GetReleaseLang",
    "GetReleaseTableFormat",
    "GetReleaseTableLang",
    "GetStatsFormat",
    "GetStatsLang",
    "GetStatsProtection",
    "GetSuXReportFormat",
    "GetSuXReportLang",
    "Harmonisation",
    "HarmonisedCode",
    "Health",
    "InformationLossSummary",
    "InterventionType",
    "JsonStatCategory",
    "JsonStatCategoryLabel",
    "JsonStatCategoryUnitType0",
    "JsonStatCollection",
    "JsonStatDataset",
    "JsonStatDatasetDimension",
    "JsonStatDatasetStatus",
    "JsonStatDimension",
    "JsonStatExtension",
    "JsonStatExtensionMetadataType0",
    "JsonStatExtensionSymbols",
    "JsonStatLink",
    "JsonStatProtection",
    "JsonStatRelease",
    "JsonStatRole",
    "JsonStatUnit",
    "Jwk",
    "JwkSet",
    "LocalizedText",
    "LocalizedTextInput",
    "LocalizedTextUpdate",
    "ManualMethod",
    "ManualMethodList",
    "ManualMethodUpdate",
    "MappingRelation",
    "Municipality",
    "MunicipalityList",
    "NamedMethod",
    "NewManualMethod",
    "NewMunicipalityScopedClient",
    "NewMunicipalityScopedClientRole",
    "NewRegion",
    "NewRegionAnalystClient",
    "NewRegionAnalystClientRole",
    "NewRelease",
    "NewUnit",
    "NewUnitScopedClient",
    "NewUnitScopedClientRole",
    "NewUnscopedClient",
    "NewUnscopedClientRole",
    "OAuthError",
    "Problem",
    "ProblemAreaCombination",
    "ProtectionParameters",
    "PublishedAge",
    "PublishedAudience",
    "PublishedCombination",
    "PublishedDays",
    "PublishedDimension",
    "PublishedMargin",
    "PublishedRow",
    "PublishedRowDimensions",
    "PublishedTable",
    "PublishedTableUnits",
    "PutCaseIfNoneMatch",
    "Readiness",
    "Region",
    "RegionList",
    "RegionMunicipality",
    "RegionUpdate",
    "Release",
    "ReleaseList",
    "ReleaseMethod",
    "ReleaseSummary",
    "ReportTable",
    "Role",
    "RuleCheckType0",
    "RuleCheckType0Kind",
    "RuleCheckType1",
    "RuleCheckType1Kind",
    "RuleCheckType2",
    "RuleCheckType2Kind",
    "RuleCheckType3",
    "RuleCheckType3Kind",
    "RuleCheckType4",
    "RuleCheckType4Kind",
    "RuleCheckType5",
    "RuleCheckType5Kind",
    "RuleCheckType6",
    "RuleCheckType6Kind",
    "RuleCheckType7",
    "RuleCheckType7Kind",
    "StatsDimension",
    "StatsDimensionInfo",
    "StatsDimensionValue",
    "StatsMargin",
    "StatsMeasure",
    "StatsMetadata",
    "StatsMetadataFilters",
    "StatsResult",
    "StatsRow",
    "StatsRowDimensions",
    "StatsScope",
    "StatsTable",
    "StatsTableUnits",
    "SuppressionSummary",
    "SuXReport",
    "TableInformationLoss",
    "TokenRequest",
    "TokenRequestGrantType",
    "TokenResponse",
    "Unit",
    "UnitList",
    "UnitUpdate",
    "ValidityPeriod",
)
