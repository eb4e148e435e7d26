from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.json_stat_dataset_dimension import JsonStatDatasetDimension
    from ..models.json_stat_dataset_status import JsonStatDatasetStatus
    from ..models.json_stat_extension import JsonStatExtension
    from ..models.json_stat_role import JsonStatRole


T = TypeVar("T", bound="JsonStatDataset")


@_attrs_define
class JsonStatDataset:
    """A JSON-stat 2.0 dataset.

    Example:
        {'class': 'dataset', 'dimension': {'closing_reason': {'category': {'index': ['goals_met', 'ended_by_child',
            '_T'], 'label': {'_T': 'Totalt', 'ended_by_child': 'Barnet/familjen har avbrutit insatsen', 'goals_met':
            'Målet/målen med insatsen har uppnåtts helt eller delvis'}}, 'label': 'Avslutsorsak'}, 'measure': {'category':
            {'index': ['children', 'share'], 'label': {'children': 'Antal barn', 'share': 'Andel'}, 'unit': {'children':
            {'decimals': 0, 'label': 'antal barn'}, 'share': {'decimals': 3, 'label': 'andel (0–1)'}}}, 'label': 'Mått'}},
            'extension': {'audience': 'published', 'no_figure': {'en': 'No figure: not defined here', 'sv': 'Ingen uppgift:
            inte definierad här'}, 'protection': {'description': 'Counts 1..k-1 suppressed (primary); …', 'k': 5, 'method':
            'suppression', 'min_group': 10, 'name': 'Cell suppression (primary and secondary)', 'percentile_rounding_days':
            10}, 'release': {'created_at': '2026-11-25T10:00:00Z', 'id': '01936f3e-8a4b-7c3d-9e2f-1a2b3c4d5e6f', 'method':
            'suppression', 'scope': 'fou-valfard-gavleborg', 'version': 1, 'year': 2024}, 'symbols': {'..': {'en': 'Hidden
            to protect other figures, or too few children for shares and means', 'sv': 'Dolt för att skydda andra uppgifter,
            eller för få barn för andelar och medelvärden'}, '≤4': {'en': 'A small count (1–4), hidden to protect
            individuals', 'sv': 'Litet antal (1–4), dolt för att skydda enskilda'}}, 'table': 'd6_closing_reasons'}, 'id':
            ['closing_reason', 'measure'], 'label': 'Diagram 6. Avslutsorsaker', 'note': ['Skyddade uppgifter: små antal
            (1–4) visas som ≤4, …'], 'role': {'metric': ['measure']}, 'size': [3, 2], 'source': 'ISU – individbaserad
            systematisk uppföljning (SU-X), release 01936f3e-8a4b-7c3d-9e2f-1a2b3c4d5e6f', 'status': {'2': '≤4', '3': '..',
            '5': '..'}, 'updated': '2026-11-25T10:00:00Z', 'value': [740, 0.6, None, None, 1234, None], 'version': '2.0'}

    """

    version: str
    """ Always `2.0`. """
    class_: str
    """ Always `dataset`. """
    label: str
    source: str
    id: list[str]
    """ Dimension ids, in the order of `value`. """
    size: list[int]
    """ Categories per dimension (same order as `id`); their product is the length of `value`. """
    role: JsonStatRole
    """ Which dimensions are time, geography and measures. """
    dimension: JsonStatDatasetDimension
    """ Dimension id → dimension. """
    value: list[float | None]
    """ Row-major (the last dimension varies fastest); `null` where hidden or not defined. """
    status: JsonStatDatasetStatus
    """ Index into `value` → the symbol of a hidden figure ("≤4", "..") or of a perturbed one
    (`~`, cell-key releases: the value is shown). """
    note: list[str]
    extension: JsonStatExtension
    """ What a dataset is: the `extension` of every dataset and collection this API serves. """
    updated: None | str | Unset = UNSET
    """ When the figures were made (ISO 8601). """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        version = self.version

        class_ = self.class_

        label = self.label

        source = self.source

        id = self.id

        size = self.size

        role = self.role.to_dict()

        dimension = self.dimension.to_dict()

        value = []
        for value_item_data in self.value:
            value_item: float | None
            value_item = value_item_data
            value.append(value_item)

        status = self.status.to_dict()

        note = self.note

        extension = self.extension.to_dict()

        updated: None | str | Unset
        if isinstance(self.updated, Unset):
            updated = UNSET
        else:
            updated = self.updated

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "version": version,
                "class": class_,
                "label": label,
                "source": source,
                "id": id,
                "size": size,
                "role": role,
                "dimension": dimension,
                "value": value,
                "status": status,
                "note": note,
                "extension": extension,
            }
        )
        if updated is not UNSET:
            field_dict["updated"] = updated

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.json_stat_dataset_dimension import JsonStatDatasetDimension  # noqa: PLC0415
        from ..models.json_stat_dataset_status import JsonStatDatasetStatus  # noqa: PLC0415
        from ..models.json_stat_extension import JsonStatExtension  # noqa: PLC0415
        from ..models.json_stat_role import JsonStatRole  # noqa: PLC0415

        d = dict(src_dict)
        version = d.pop("version")

        class_ = d.pop("class")

        label = d.pop("label")

        source = d.pop("source")

        id = cast(list[str], d.pop("id"))

        size = cast(list[int], d.pop("size"))

        role = JsonStatRole.from_dict(d.pop("role"))

        dimension = JsonStatDatasetDimension.from_dict(d.pop("dimension"))

        value = []
        _value = d.pop("value")
        for value_item_data in _value:

            def _parse_value_item(data: object) -> float | None:
                if data is None:
                    return data
                return cast(float | None, data)

            value_item = _parse_value_item(value_item_data)

            value.append(value_item)

        status = JsonStatDatasetStatus.from_dict(d.pop("status"))

        note = cast(list[str], d.pop("note"))

        extension = JsonStatExtension.from_dict(d.pop("extension"))

        def _parse_updated(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        updated = _parse_updated(d.pop("updated", UNSET))

        json_stat_dataset = cls(
            version=version,
            class_=class_,
            label=label,
            source=source,
            id=id,
            size=size,
            role=role,
            dimension=dimension,
            value=value,
            status=status,
            note=note,
            extension=extension,
            updated=updated,
        )

        json_stat_dataset.additional_properties = d
        return json_stat_dataset

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
