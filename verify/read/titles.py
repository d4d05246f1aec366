"""Which professional title (职称) a text names: its level, for comparing a title
certificate's 资格名称 with the claimed current title.

>>> title_level("高级工程师"), title_level("助理工程师（环境工程）"), title_level("工程师")
('高级工程师', '助理工程师', '工程师')
>>> title_level("正高级工程师"), title_level("技术员"), title_level("环境监测") is None
('正高级工程师', '技术员', True)
"""
from __future__ import annotations

import re

#: title levels, longest first (助理工程师 and 高级工程师 both end in 工程师)
_LEVELS = ("正高级工程师", "教授级高级工程师", "高级工程师", "助理工程师", "工程师", "技术员",
           "正高级研究员", "副研究员", "助理研究员", "研究员", "实习研究员",
           "正高级", "副高级", "中级", "助理级", "员级")  # not 初级: 技术员 or 助理工程师
#: a grade's name as the engineering title of that grade (资格级别：员级 is 技术员's)
_AS_TITLE = {"教授级高级工程师": "正高级工程师", "正高级": "正高级工程师", "副高级": "高级工程师", "中级": "工程师",
             "助理级": "助理工程师", "员级": "技术员"}
_LEVEL = re.compile("|".join(_LEVELS))
#: a certificate's slot for the title it confers
_SLOT = re.compile(r"(?:资格名称|职称名称|专业技术资格名称|资格级别|任职资格|专业技术资格)\s*[:：]?\s*(?P<v>[^\s:：]{2,16})")
#: a line holding a title slot's label alone (its value on the line under it)
_LABEL_ONLY = re.compile(r"(?:资格名称|职称名称|专业技术资格名称|资格级别)[:：]?")
#: the former title a certificate may also print (原资格名称：技术员)
_FORMER = re.compile(r"原\s*(?:资格|职称|专业技术)")


def title_level(text: str | None) -> str | None:
    """The title level ``text`` names (教授级高级工程师 counted as 正高级工程师, a grade as its
    engineering title: 员级 as 技术员, 中级 as 工程师), or None.

    >>> title_level("员级"), title_level("中级"), title_level("初级") is None
    ('技术员', '工程师', True)

    初级工程师, as applicants write a junior title, is no 工程师: 初级 is 助理工程师's grade or 技术员's, so no one level
    (the claim 初级工程师 was 工程师, and its certificate's 资格名称：助理工程师 a review; probe trust22's words);
    中级工程师 is 工程师, 初级（助理工程师） the level it names:

    >>> title_level("初级工程师") is None, title_level("中级工程师"), title_level("初级（助理工程师）")
    (True, '工程师', '助理工程师')
    """
    t = re.sub(r"\s+", "", text or "")
    m = _LEVEL.search(t)
    if not m:
        return None
    if m.group(0) == "工程师" and t[:m.start()].endswith("初级"):
        return None
    return _AS_TITLE.get(m.group(0), m.group(0))


def _exact_level(value: str) -> str | None:
    """The level a slot's value is, whole (a specialty in brackets after it allowed);
    None for a value only part of which is a level (脚理工程师: 助 misread, not 工程师)."""
    v = re.sub(r"[(（][^)）]*[)）]?$", "", value).strip("，,。.;；")
    return _AS_TITLE.get(v, v) if _LEVEL.fullmatch(v) else None


#: a certificate's sentence saying what the holder is qualified as (具备助理工程师资格)
_QUALIFIED = re.compile(r"具备(?P<v>[^\s，,。]{2,8}?)(?:任职)?资格")


def certified_level(lines: list[str]) -> str | None:
    """The title level a certificate confers, read from its title slot (资格名称：工程师)
    or its sentence (具备工程师资格), not from a former title's slot (原资格名称); None
    where they do not name one level, whole.

    >>> certified_level(["专业技术资格证书", "资格名称：技术员", "评审通过时间：2019年6月30日"])
    '技术员'
    >>> certified_level(["原资格名称：技术员", "资格名称：助理工程师"])
    '助理工程师'
    >>> certified_level(["资格名称", "技术员"]), certified_level(["资格级别：员级"])  # probe alt15 P10, P14
    ('技术员', '技术员')
    >>> certified_level(["霞晓同志具备助理工程师资格。", "资格名称", "脚理工程师"])  # 助 misread: no other level
    '助理工程师'
    >>> certified_level(["资格名称 工程师 专业名称 环境工程"])
    '工程师'
    """
    found = set()
    for i, text in enumerate(lines):
        t = re.sub(r"\s+", " ", text).strip()
        if _LABEL_ONLY.fullmatch(t.replace(" ", "")) and i + 1 < len(lines):
            t = t.replace(" ", "") + " " + lines[i + 1].strip()  # the value printed under its label
        for m in _SLOT.finditer(t):
            if _FORMER.search(t[max(0, m.start() - 3):m.start() + 2]):
                continue
            level = _exact_level(m.group("v"))
            if level:
                found.add(level)
        for m in _QUALIFIED.finditer(t.replace(" ", "")):
            if (level := _exact_level(m.group("v"))) is not None:
                found.add(level)
    return found.pop() if len(found) == 1 else None
