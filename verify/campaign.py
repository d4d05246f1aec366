"""Campaigns: what changes from year to year and city to city.

A campaign is a YAML file; ``fushun-2024`` (from 抚环发〔2024〕127号) is bundled and
others are taken by path.

>>> c = load_campaign("fushun-2024")
>>> c.application_year, c.assessment_years, c.publicity_min_working_days
(2024, (2021, 2022, 2023), 5)
>>> c.rule_for("recommendation_form").signature
True
>>> c.rule_for("no_such_kind").required
False
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from verify.model import DOCUMENT_KINDS

BUNDLED = Path(__file__).parent / "campaigns"
DEFAULT_CAMPAIGN = "fushun-2024"


class CampaignError(Exception):
    """The campaign file is missing or malformed."""


@dataclass(frozen=True)
class KindRule:
    required: bool = False
    required_if_current_title: bool = False
    seal: bool = False
    seal_names_unit: bool = False
    signature: bool = False
    personal: bool = False


@dataclass(frozen=True)
class Campaign:
    id: str
    name: str
    application_year: int
    assessment_years: tuple[int, ...]
    submission_start: dt.date | None
    submission_end: dt.date | None
    publicity_min_working_days: int
    specialties: dict[str, tuple[str, ...]]
    related_fields: tuple[str, ...]
    documents: dict[str, KindRule]
    enterprise_exempt_rules: tuple[str, ...] = field(default=())

    def rule_for(self, kind: str) -> KindRule:
        return self.documents.get(kind, KindRule())

    def kinds_where(self, attr: str) -> list[str]:
        return [k for k, r in self.documents.items() if getattr(r, attr)]


def _date(v) -> dt.date | None:
    if v is None:
        return None
    if isinstance(v, dt.date):
        return v
    return dt.date.fromisoformat(str(v))


def load_campaign(name_or_path: str | None = None) -> Campaign:
    """A bundled campaign by name (``fushun-2024``) or a YAML file by path."""
    ref = name_or_path or DEFAULT_CAMPAIGN
    path = Path(ref)
    if not path.suffix:
        path = BUNDLED / f"{ref}.yaml"
    if not path.is_file():
        known = ", ".join(sorted(p.stem for p in BUNDLED.glob("*.yaml")))
        raise CampaignError(f"找不到评审批次配置 {ref!r}（内置：{known}；或给出 YAML 文件路径）")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        docs = {}
        for kind, spec in (data.get("documents") or {}).items():
            if kind not in DOCUMENT_KINDS:
                raise CampaignError(f"{path.name}：未知的材料类型 {kind!r}")
            docs[kind] = KindRule(**(spec or {}))
        window = data.get("submission_window") or {}
        return Campaign(
            id=str(data.get("id") or path.stem),
            name=str(data.get("name") or path.stem),
            application_year=int(data["application_year"]),
            assessment_years=tuple(int(y) for y in data.get("assessment_years", [])),
            submission_start=_date(window.get("start")),
            submission_end=_date(window.get("end")),
            publicity_min_working_days=int(data.get("publicity_min_working_days", 5)),
            specialties={k: tuple(v or ()) for k, v in (data.get("specialties") or {}).items()},
            related_fields=tuple(data.get("related_fields") or ()),
            documents=docs,
            enterprise_exempt_rules=tuple(data.get("enterprise_exempt_rules") or ()),
        )
    except CampaignError:
        raise
    except (KeyError, TypeError, ValueError, yaml.YAMLError) as e:
        raise CampaignError(f"{path.name}：评审批次配置格式错误（{e}）") from None
