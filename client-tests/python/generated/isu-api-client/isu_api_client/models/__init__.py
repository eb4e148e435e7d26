"""Contains all the data models used in inputs/outputs"""

from .field_error import FieldError
from .health import Health
from .problem import Problem
from .readiness import Readiness

__all__ = (
    "FieldError",
    "Health",
    "Problem",
    "Readiness",
)
