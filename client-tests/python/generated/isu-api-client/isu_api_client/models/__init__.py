"""Contains all the data models used in inputs/outputs"""

from .api_client import ApiClient
from .api_client_list import ApiClientList
from .api_client_with_secret import ApiClientWithSecret
from .audit_event import AuditEvent
from .audit_event_page import AuditEventPage
from .field_error import FieldError
from .health import Health
from .jwk import Jwk
from .jwk_set import JwkSet
from .new_api_client import NewApiClient
from .o_auth_error import OAuthError
from .problem import Problem
from .readiness import Readiness
from .role import Role
from .token_request import TokenRequest
from .token_response import TokenResponse

__all__ = (
    "ApiClient",
    "ApiClientList",
    "ApiClientWithSecret",
    "AuditEvent",
    "AuditEventPage",
    "FieldError",
    "Health",
    "Jwk",
    "JwkSet",
    "NewApiClient",
    "OAuthError",
    "Problem",
    "Readiness",
    "Role",
    "TokenRequest",
    "TokenResponse",
)
