"""Campaigns: what changes from year to year and city to city.

A campaign is a YAML file; ``fushun-2024`` (from 抚环发〔2024〕127号) is bundled and
others are taken by path.

The campaign is the rulebook, and the reviewer's choice: ``--campaign`` (a bundled
name or a YAML path), else the bundled default. A dossier (``campaign:`` in
``applicant.yaml``, or the roster's 评审批次) may only name a *bundled* campaign;
a path or anything that is not a bundled name is refused (:func:`campaign_for`).
Every campaign carries the sha256 of the file it was read from, and the report
records it (:meth:`Campaign.rulebook`), so nobody has to trust a name.

>>> c = load_campaign("fushun-2024")
>>> c.application_year, c.assessment_years, c.publicity_min_working_days
(2024, (2021, 2022, 2023), 5)
>>> c.rule_for("recommendation_form").signature
True
>>> c.rule_for("no_such_kind").required
False
>>> campaign_for(None, "../../tmp/lax")
Traceback (most recent call last):
...
verify.campaign.CampaignError: 申报材料指定的评审批次 '../../tmp/lax' 不是内置评审批次（内置：fushun-2024）；评审批次由审核人用 --campaign 指定
>>> campaign_for(None, None).rulebook()["origin"]
'default'
"""
from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from ocr.errors import os_reason
from verify.model import DOCUMENT_KINDS
from verify.safe_yaml import UnsafeYaml, YamlLimits, load as load_yaml, read_limited

#: A bundled campaign's name: the file ``campaigns/<name>.yaml``; nothing else.
BUNDLED_NAME = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")
CAMPAIGN_LIMITS = YamlLimits(max_bytes=1 << 20)

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
    generic_terms: tuple[str, ...] = field(default=())  # specialty words any field uses (研究, 管理): no evidence alone
    enterprise_exempt_rules: tuple[str, ...] = field(default=())
    #: rules that judge an enterprise applicant's journal pages as anyone's, but pass (with the
    #: exemption's note) a paper with no journal page or number to judge: it need not be published
    enterprise_unpublished_rules: tuple[str, ...] = field(default=())
    sha256: str = ""  # of the campaign file's bytes
    origin: str = ""  # reviewer (--campaign) | applicant (a bundled name the dossier gave) | default
    file: str = ""  # the bundled name, or the file name of a reviewer's campaign

    def rulebook(self) -> dict:
        """What the report records about the rules applied."""
        return {"id": self.id, "name": self.name, "file": self.file, "sha256": self.sha256, "origin": self.origin}

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


def bundled_campaigns() -> list[str]:
    return sorted(p.stem for p in BUNDLED.glob("*.yaml") if BUNDLED_NAME.fullmatch(p.stem))


def is_bundled(name: str | None) -> bool:
    return bool(name) and BUNDLED_NAME.fullmatch(name) is not None and name in bundled_campaigns()


def campaign_for(reviewer: str | None, dossier: str | None) -> Campaign:
    """The campaign to apply: the reviewer's (``--campaign``), else the bundled one the
    dossier names, else the bundled default. A dossier naming anything but a bundled
    campaign raises :class:`CampaignError`."""
    if reviewer:
        return load_campaign(reviewer, origin="reviewer")
    if dossier:
        if not is_bundled(dossier):
            raise CampaignError(f"申报材料指定的评审批次 {dossier!r} 不是内置评审批次（内置：{'、'.join(bundled_campaigns())}）；"
                                "评审批次由审核人用 --campaign 指定")
        return load_campaign(dossier, origin="applicant")
    return load_campaign(DEFAULT_CAMPAIGN, origin="default")


def load_campaign(name_or_path: str | None = None, origin: str = "reviewer") -> Campaign:
    """A bundled campaign by name (``fushun-2024``) or a YAML file by path (the
    reviewer's; never call this with a name from a dossier: :func:`campaign_for`)."""
    ref = name_or_path or DEFAULT_CAMPAIGN
    if not name_or_path:
        origin = "default"
    if BUNDLED_NAME.fullmatch(ref) and (BUNDLED / f"{ref}.yaml").is_file():
        path, label = BUNDLED / f"{ref}.yaml", ref
    else:
        path, label = Path(ref), Path(ref).name
        if not path.suffix.lower() in (".yaml", ".yml") or not path.is_file():
            known = "、".join(bundled_campaigns())
            raise CampaignError(f"找不到评审批次配置 {ref!r}（内置：{known}；或给出 .yaml 文件路径）")
    try:
        st = path.stat()
    except OSError as exc:
        raise CampaignError(f"评审批次配置 {path.name} 无法读取（{os_reason(exc)}）") from None
    # a batch applies the same file to every dossier: parsed once while it is unchanged
    # (~80 ms of YAML per dossier otherwise); an edited file is parsed anew
    return _parsed(str(path.resolve()), st.st_mtime_ns, st.st_size, st.st_ino, label, origin)


@functools.lru_cache(maxsize=16)
def _parsed(resolved: str, mtime_ns: int, size: int, inode: int, label: str, origin: str) -> Campaign:
    """The campaign in the file at ``resolved`` as it stood at ``mtime_ns``/``size``/``inode``
    (the key: a file changed since is another entry). Campaigns are frozen, so the one
    object serves every dossier; a malformed file raises each time (errors are not cached)."""
    path = Path(resolved)
    try:
        text = read_limited(path, path.name, CAMPAIGN_LIMITS)
        raw = path.read_bytes()
        data = load_yaml(text, path.name, CAMPAIGN_LIMITS)
    except UnsafeYaml as exc:
        raise CampaignError(f"评审批次配置：{exc}") from None
    except OSError as exc:
        raise CampaignError(f"评审批次配置 {path.name} 无法读取（{os_reason(exc)}）") from None
    if not isinstance(data, dict):
        raise CampaignError(f"{path.name}：评审批次配置格式错误（应为字段表）")
    try:
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
            generic_terms=tuple(data.get("generic_terms") or ()),
            documents=docs,
            enterprise_exempt_rules=tuple(data.get("enterprise_exempt_rules") or ()),
            enterprise_unpublished_rules=tuple(data.get("enterprise_unpublished_rules") or ()),
            sha256=hashlib.sha256(raw).hexdigest(),
            origin=origin,
            file=label,
        )
    except CampaignError:
        raise
    except (KeyError, TypeError, ValueError, AttributeError) as e:
        raise CampaignError(f"{path.name}：评审批次配置格式错误（{type(e).__name__}: {e}）") from None
