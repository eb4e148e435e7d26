from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.localized_text import LocalizedText
    from ..models.rule_check_type_0 import RuleCheckType0
    from ..models.rule_check_type_1 import RuleCheckType1
    from ..models.rule_check_type_2 import RuleCheckType2
    from ..models.rule_check_type_3 import RuleCheckType3
    from ..models.rule_check_type_4 import RuleCheckType4
    from ..models.rule_check_type_5 import RuleCheckType5
    from ..models.rule_check_type_6 import RuleCheckType6
    from ..models.rule_check_type_7 import RuleCheckType7


T = TypeVar("T", bound="FormRule")


@_attrs_define
class FormRule:
    """A rule a record must satisfy, with a stable id (usable as an error code)."""

    id: str
    """ Stable id of the rule. """
    description: LocalizedText
    """ A text in Swedish and English. The Swedish text is authoritative; for form labels it is
    exactly the wording of the form. """
    check: (
        RuleCheckType0
        | RuleCheckType1
        | RuleCheckType2
        | RuleCheckType3
        | RuleCheckType4
        | RuleCheckType5
        | RuleCheckType6
        | RuleCheckType7
    )
    """ The machine-readable content of a rule. Field names are wire names. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.rule_check_type_0 import RuleCheckType0  # noqa: PLC0415
        from ..models.rule_check_type_1 import RuleCheckType1  # noqa: PLC0415
        from ..models.rule_check_type_2 import RuleCheckType2  # noqa: PLC0415
        from ..models.rule_check_type_3 import RuleCheckType3  # noqa: PLC0415
        from ..models.rule_check_type_4 import RuleCheckType4  # noqa: PLC0415
        from ..models.rule_check_type_5 import RuleCheckType5  # noqa: PLC0415
        from ..models.rule_check_type_6 import RuleCheckType6  # noqa: PLC0415

        id = self.id

        description = self.description.to_dict()

        check: dict[str, Any]
        if isinstance(self.check, RuleCheckType0):
            check = self.check.to_dict()
        elif isinstance(self.check, RuleCheckType1):
            check = self.check.to_dict()
        elif isinstance(self.check, RuleCheckType2):
            check = self.check.to_dict()
        elif isinstance(self.check, RuleCheckType3):
            check = self.check.to_dict()
        elif isinstance(self.check, RuleCheckType4):
            check = self.check.to_dict()
        elif isinstance(self.check, RuleCheckType5):
            check = self.check.to_dict()
        elif isinstance(self.check, RuleCheckType6):
            check = self.check.to_dict()
        else:
            check = self.check.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "description": description,
                "check": check,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.localized_text import LocalizedText  # noqa: PLC0415
        from ..models.rule_check_type_0 import RuleCheckType0  # noqa: PLC0415
        from ..models.rule_check_type_1 import RuleCheckType1  # noqa: PLC0415
        from ..models.rule_check_type_2 import RuleCheckType2  # noqa: PLC0415
        from ..models.rule_check_type_3 import RuleCheckType3  # noqa: PLC0415
        from ..models.rule_check_type_4 import RuleCheckType4  # noqa: PLC0415
        from ..models.rule_check_type_5 import RuleCheckType5  # noqa: PLC0415
        from ..models.rule_check_type_6 import RuleCheckType6  # noqa: PLC0415
        from ..models.rule_check_type_7 import RuleCheckType7  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        description = LocalizedText.from_dict(d.pop("description"))

        def _parse_check(
            data: object,
        ) -> (
            RuleCheckType0
            | RuleCheckType1
            | RuleCheckType2
            | RuleCheckType3
            | RuleCheckType4
            | RuleCheckType5
            | RuleCheckType6
            | RuleCheckType7
        ):
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_rule_check_type_0 = RuleCheckType0.from_dict(data)

                return componentsschemas_rule_check_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_rule_check_type_1 = RuleCheckType1.from_dict(data)

                return componentsschemas_rule_check_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_rule_check_type_2 = RuleCheckType2.from_dict(data)

                return componentsschemas_rule_check_type_2
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_rule_check_type_3 = RuleCheckType3.from_dict(data)

                return componentsschemas_rule_check_type_3
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_rule_check_type_4 = RuleCheckType4.from_dict(data)

                return componentsschemas_rule_check_type_4
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_rule_check_type_5 = RuleCheckType5.from_dict(data)

                return componentsschemas_rule_check_type_5
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_rule_check_type_6 = RuleCheckType6.from_dict(data)

                return componentsschemas_rule_check_type_6
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_rule_check_type_7 = RuleCheckType7.from_dict(data)

            return componentsschemas_rule_check_type_7

        check = _parse_check(d.pop("check"))

        form_rule = cls(
            id=id,
            description=description,
            check=check,
        )

        form_rule.additional_properties = d
        return form_rule

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
