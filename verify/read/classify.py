"""Which kind of document a page is (``verify.model.DOCUMENT_KINDS``).

Pages carry no reliable file names, so the kind is read from the text: fuzzy
keyword scoring (rapidfuzz, tolerant of OCR noise) where title-like lines
(large, near the top, short) weigh more than body text, plus layout cues (ISSN
and CN together on a journal cover, a table of contents with page numbers, the
sections of a paper). A page that matches nothing well is ``other``; the
classifier never forces a kind.

>>> from ocr.model import OcrLine, OcrPage
>>> def page(*texts):
...     lines = [OcrLine(t, ((100, 80 + 60 * i), (900, 80 + 60 * i), (900, 120 + 60 * i), (100, 120 + 60 * i)), 0.95, i)
...              for i, t in enumerate(texts)]
...     return OcrPage(1000, 1400, lines)
>>> classify(page("荣誉证书", "张伟同志：", "荣获2021年度抚顺市科学技术进步奖三等奖", "特发此证"))[0]
'award_certificate'
>>> classify(page("2022年度事业单位工作人员年度考核登记表", "姓名 张伟", "考核等次 优秀"))[0]
'annual_assessment'
>>> classify(page("专业技术人员年度考核情况证明", "经查阅本单位人事档案，张伟同志近五年年度考核情况如下：",
...                "考核年度 考核结果 备注", "2022年度 合格 已存档", "2023年度 合格 已存档", "特此证明。"))[0]
'annual_assessment'
>>> classify(page("业绩证明", "兹证明张伟同志于2021年主持完成浑河水质监测项目", "特此证明"))[0]  # the notice's word
'achievement_proof'
>>> classify(page("项目完成情况证明", "项目名称：浑河抚顺段水质自动监测预警系统建设", "项目实施期限：2020年3月至2022年5月",
...                "张伟同志作为项目主要完成人，项目于2022年6月15日通过验收", "特此证明。"))[0]
'achievement_proof'
>>> classify(page("中华人民共和国国家版权局", "计算机软件著作权登记证书", "证书号：软著登字第5123456号", "软件名称：水质预警平台V1.0",
...                "著作权人：张伟", "开发完成日期：2019年11月20日", "首次发表日期：未发表", "权利取得方式：原始取得"))[0]
'award_certificate'
>>> classify(page("今天天气不错", "我们去公园散步"))[0]
'other'
"""
from __future__ import annotations

import logging
import re
import statistics
import unicodedata
import weakref
from dataclasses import dataclass

from ocr.model import OcrPage

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Cue:
    """A keyword for a kind: ``title`` weight when it is on a title-like line,
    ``body`` weight anywhere else."""

    word: str
    title: float
    body: float


def _cues(spec: str) -> tuple[Cue, ...]:
    out = []
    for item in spec.split():
        word, t, b = item.split(":")
        out.append(Cue(word, float(t), float(b)))
    return tuple(out)


# word:title-weight:body-weight
KIND_CUES: dict[str, tuple[Cue, ...]] = {
    "recommendation_form": _cues(
        "推荐表:10:3 申报推荐表:10:4 评审推荐表:10:4 报评推荐表:12:4 推荐书:8:3 推荐意见表:10:4 推荐意见:2:1.5 单位推荐意见:3:2 推荐单位:2:1 "
        "专业技术职务任职资格:1:0.5 申报专业:1:0.5 拟申报:1:0.8 单位负责人:0:0.5"),
    "publicity_result": _cues(
        "公示:6:2 公示结果:10:4 公示情况:8:3 公示期:3:2 公示时间:3:2.5 无异议:2:2.5 公示情况说明:10:4 "
        "公示期满:2:2.5 异议:0:1 公示内容:2:1.5"),
    "annual_assessment": _cues(
        "年度考核登记表:12:5 考核登记表:10:4 年度考核:8:2.5 考核表:10:3 年度考核表:12:4 考核等次:2:3 考核意见:2:2 "
        "主要表现:1:1 个人总结:1:1.5 称职:0:1 优秀:0:0.6 合格:0:0.6 德能勤绩廉:0:2 主管领导评语:0:1.5 "
        # the unit's table of several years' results (专业技术人员年度考核情况证明: it read as a
        # 完成情况证明, an achievement proof: trust exploration 7, C3)
        "年度考核情况证明:14:5 考核情况证明:12:4 年度考核情况:10:3 年度考核结果:10:3 考核年度:1:1.5 "
        # an enterprise's own yearly table (员工绩效考核结果表: 考核年度 | 2021年, 考核结果：称职) has no
        # 考核登记表 title; it was `other` and joined the page before it (probe trust14, C43)
        "绩效考核:8:2.5 考核结果:3:2 考核结果表:10:4 绩效考核表:10:4 员工考核:6:2"),
    "education_verification": _cues(
        "学信网:8:4 学历证书电子注册备案表:12:5 电子注册备案表:10:4 在线验证码:4:4 教育部学历证书:8:4 "
        "学历查询:8:3 学位查询:8:3 中国高等教育学历认证:10:4 学位网:6:3 学位认证:6:3 学籍在线验证报告:10:4 "
        "chsi:3:3 学历层次:1:2 学习形式:0:1.5 毕业院校:0:1 证书编号:0:0.5 学信档案:6:3 学位在线验证:10:4"),
    "continuing_education": _cues(
        "继续教育:8:3 公需科目:8:4 知识更新工程:6:3 学时证明:8:3 继续教育证书:10:4 继续教育证明:10:3 学习证明:6:2 学时:1:2 学分:1:1.5 "
        "专业科目:1:1 培训证书:6:2 继续教育合格证:10:4 完成学习:1:1.5 结业证书:6:2"),
    "award_certificate": _cues(
        "荣誉证书:10:4 获奖证书:10:4 证书:3:0.5 特发此证:3:3 以资鼓励:2:2.5 荣获:1:2 获奖:2:1 "
        "奖励证书:10:4 科学技术进步奖:4:2 一等奖:1:1.5 二等奖:1:1.5 三等奖:1:1.5 先进个人:2:1 优秀:0:0.3 "
        "成果证书:8:3 兹授予:1:1.5 表彰:2:1 奖:1:0.5 "
        # a patent is an achievement the contract counts with the 成果证书 (实用新型专利证书
        # was `other`, and a claimed patent found no certificate: trust exploration 8, C11)
        "专利证书:10:4 发明专利证书:12:5 实用新型专利证书:12:5 外观设计专利证书:12:5 授权公告日:3:3 专利号:2:2.5 "
        "专利权人:1:2 专利申请日:1:2 国家知识产权局:2:2 "
        # a software registration is one too (计算机软件著作权登记证书 of 国家版权局 was `other`, its claim found no
        # certificate: probe trust25 C06)
        "计算机软件著作权登记证书:14:5 软件著作权登记证书:12:5 著作权登记证书:10:4 软著登字:3:3 著作权人:1:2 开发完成日期:1:2"),
    "achievement_proof": _cues(
        "验收:6:1.5 验收意见:8:3 使用证明:10:4 结题证书:10:4 成果登记:8:3 鉴定:6:1.5 鉴定证书:10:3 效益证明:10:4 经济效益:4:2 社会效益:2:1.5 "
        "采纳证明:10:4 应用证明:10:4 技术报告:8:3 项目验收:8:3 验收证书:10:3 成果鉴定:8:3 "
        "工作报告:4:1.5 监测报告:5:1.5 研究报告:5:1.5 采纳:2:1 完成单位:1:1 项目名称:1:1 科技成果:3:1.5 "
        "证明:1:0.3 财务专用章:0:1.5 专家组:1:1.5 评价报告:5:1.5 "
        # the notice's own words for it (8. 主要业绩成果: 业绩证明, 开题报告, 课题计划, 验收报告, 采纳材料)
        "业绩证明:10:4 工作业绩证明:12:4 业绩材料:6:2 开题报告:8:3 课题计划:6:2.5 验收报告:10:3 采纳材料:8:3 "
        # a proof of what a project did (项目完成情况证明 was `other`, probe alt21 A04/B03)
        "完成情况证明:12:4 项目完成情况:10:3 实施情况证明:10:4 应用情况证明:10:4 通过验收:1:2 主要完成人:1:2 竣工验收:4:2"),
    "journal_cover": _cues(
        "ISSN:4:3 国际标准连续出版物号:4:3 国内统一连续出版物号:4:3 主办:1:1.5 主管:1:1.5 出版:1:1 "
        "编辑出版:2:2 刊号:2:1.5 月刊:3:1.5 双月刊:3:1.5 季刊:3:1.5 半月刊:3:1.5 总第:2:1.5 邮发代号:2:2.5 "
        "定价:1:1.5 国外发行:1:1.5 国内发行:1:1.5 印刷:0:1 编辑部:1:1 版权:2:1 广告经营许可证:1:2"),
    "journal_toc": _cues(
        "目次:10:4 目录:10:4 CONTENTS:8:4 本期目次:10:4 本期导读:6:2"),
    "paper": _cues(
        "摘要:4:4 关键词:4:4 参考文献:4:4 中图分类号:3:4 文献标识码:3:4 文章编号:3:3 Abstract:3:3 "
        "Keywords:3:3 引言:2:2 结论:1:2 作者简介:2:3 DOI:1:1.5 收稿日期:2:3"),
    "retrieval_proof": _cues(
        "检索证明:12:5 检索报告:12:5 论文检索:10:4 收录证明:10:4 收录检索:10:4 中国知网:4:3 知网:3:2 "
        "万方:3:2 维普:3:2 CNKI:3:2 检索结果:6:3 检索人:2:3 被收录:2:2 检索机构:2:3 文献检索:6:3 "
        "查收查引:8:3 数据库:1:1 检索:3:1.5"),
    "id_card": _cues(
        "居民身份证:12:5 身份证复印件:12:5 公民身份号码:8:6 身份证:8:3 签发机关:4:4 有效期限:2:3 民族:0:1.5 住址:0:1.5 "
        "中华人民共和国:2:0.5 出生:0:1 性别:0:0.8"),
    "title_certificate": _cues(
        "专业技术资格证书:12:5 专业技术职务任职资格证书:12:5 专业技术职务资格证书:12:5 资格证书:6:2 评审通过时间:4:4 取得资格时间:4:4 "
        "专业技术资格:4:2 资格名称:3:3 评审委员会:2:2 资格级别:2:2.5 管理号:1:2 任职资格:4:2 "
        "职称证书:10:4 专业名称:0:1 批准文号:0:1.5 评审组织:2:2.5"),
    # pages that are none of the contract's kinds, but look like some
    "other": _cues(
        "申报材料:12:2 材料目录:12:4 劳动合同:12:4 聘任证书:12:4 聘书:10:2 毕业证书:12:4 学位证书:12:4 工作证明:10:3 "
        "在职证明:10:3 学士学位:6:2 硕士学位:6:2 准予毕业:2:3 授予学位:2:3 劳动合同书:12:4 收入证明:10:3 封面:6:2 "
        # a plan or a sign-up is no proof of what was done (继续教育培训计划表 passed for the
        # continuing-education proof, probe alt10)
        "培训计划:12:3 计划表:10:3 学习计划:10:3 报名表:10:3 "
        # a sign-up receipt either (已报名，待学习: probe alt19 K2 passed for the proof)
        "报名确认单:12:4 报名确认:10:3 报名成功:6:3 待学习:2:3 已报名:2:3 "
        # a household register's page is no ID card copy, though it prints the name, birth and the ID number
        # (常住人口登记卡 handed in for the card was id_card, the missing card passed: probe trust36 P01)
        "常住人口登记卡:14:5 户口簿:12:4 居民户口簿:14:5 户口本:12:4 户主或与户主关系:4:5 与户主关系:2:4 户主姓名:2:4 "
        "户别:2:3 户号:2:3 公民身份证件编号:2:3 服务处所:1:2 何时由何地迁来:2:3"),
    "evaluation_form": _cues(
        "评定表:12:4 专业技术资格评定表:14:5 评审表:10:3 资格评审表:12:4 评审意见:2:2 评委会意见:2:2.5 "
        "评审委员会意见:2:2.5 表决结果:1:2.5 赞成票:0:2.5 呈报:1:1"),
}

_MIN_SCORE = 4.0  # below this no kind is claimed
_TOC_ENTRY = re.compile(r"(?:\.{2,}|…+|·{2,}|\s|^)\s*[(（]?(\d{1,3})[)）]?\s*$")
#: an issue line: 2023年第5期, 2022年 第42卷 第5期 (the volume between, spaced as covers set it), Vol.38 No.5, Vol. 42, No. 5
_ISSUE = re.compile(r"((?:19|20)\d\d\s*年?\s*(?:第\s*\d{1,3}\s*卷\s*[,，]?\s*)?第\s*\d{1,2}\s*期|Vol\.?\s*\d+\s*[,，]?\s*No\.?\s*\d+)",
                    re.I)
_TOC_PAGE = re.compile(r"^[(（]\d{1,3}[)）]$")
_ISSN = re.compile(r"I\s*S\s*S\s*N", re.I)
_CN = re.compile(r"C\s*N\s*[:：]?\s*\d{2}\s*[-—－]\s*\d{4}", re.I)


def _clean(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _title_weights(page: OcrPage) -> list[float]:
    """0..1 per line: how title-like it is. The first lines of the page from the
    top weigh most, then lines high on the page, then tall lines; long lines
    (paragraphs) and anything in the lower half (a tall signature) hardly count."""
    lines = page.lines
    if not lines:
        return []
    heights = [max(l.height, 1.0) for l in lines]
    median_h = statistics.median(heights)
    h = float(page.height or max(l.bbox[3] for l in lines) or 1)
    by_y = sorted(range(len(lines)), key=lambda i: lines[i].bbox[1])
    rank = {i: r for r, i in enumerate(by_y)}
    out = []
    for i, (line, lh) in enumerate(zip(lines, heights)):
        y = line.bbox[1] / h
        size = min(1.0, max(0.0, (lh / median_h - 1.0) / 0.6))  # 1.6× the median height → 1
        first = 1.0 if rank[i] < 3 else 0.5 if rank[i] < 5 else 0.0
        top = 1.0 if y < 0.15 else 0.5 if y < 0.3 else 0.0
        if y > 0.5:
            size = 0.0
        short = 1.0 if len(_clean(line.text)) <= 24 else 0.3
        w = short * (0.45 * first + 0.3 * top + 0.25 * size)
        if size > 0.6 and (first or top) and short == 1.0:
            w += 0.2
        out.append(min(1.0, w))
    return out


def _match(word: str, text: str) -> float:
    """1.0 for an exact substring (case-blind), a lower score for an OCR-damaged
    one, else 0. ``text`` is already lower-cased."""
    word = word.lower()
    if word in text:
        return 1.0
    if len(word) < 5 or len(text) < len(word) - 1:
        # short keywords only match exactly ('结业证书' is not '毕业证书'), and a
        # short line is not a damaged long keyword ('学历' is not '学历层次')
        return 0.0
    if not any(c in text for c in word[-2:]):
        return 0.0  # the document noun (证书, 评定表...) must survive: 资格申报材料 is not 资格证书
    if len(text) < len(word):
        r = _fuzz().ratio(word, text, score_cutoff=80)
    else:
        r = _fuzz().partial_ratio(word, text, score_cutoff=80)
    return (r / 100.0) ** 2 if r else 0.0


def _fuzz():
    from rapidfuzz import fuzz

    return fuzz


def titled_kinds(page: OcrPage) -> set[str]:
    """The kinds one of whose titles (a cue of title weight 10 or more) is a line of
    the page by itself: on a spread (two pages in one photo or A3 scan) the second
    page's kind is there, though the first page's words outweigh it.

    >>> from ocr.model import OcrLine, OcrPage
    >>> box = ((0, 0), (300, 0), (300, 40), (0, 40))
    >>> sorted(titled_kinds(OcrPage(1000, 800, [OcrLine("专业技术资格报评推荐表", box, 0.9), OcrLine("公示结果", box, 0.9),
    ...                                          OcrLine("经公示，无异议", box, 0.9)])))
    ['publicity_result', 'recommendation_form']
    """
    lines = {re.sub(r"[\W_]+", "", l.text).lower() for l in page.lines}
    return {kind for kind, cues in KIND_CUES.items() if kind != "other"
            for cue in cues if cue.title >= 10 and any(t.endswith(cue.word.lower()) and len(t) <= len(cue.word) + 8
                                                       for t in lines)}


#: kind_scores of the pages alive, by ``id(page)``: ``(page (weakly), its height, its lines,
#: the scores)``, dropped as the page goes; the rules ask again of pages the classifier
#: scored (:func:`verify.rules.required.possible_kinds`)
_SCORED: dict[int, tuple] = {}


def kind_scores(page: OcrPage) -> dict[str, float]:
    """Raw evidence per kind (for diagnostics and :func:`classify`). Worked out once for
    a page while its lines and height stay what they were (lines are immutable: the same
    line objects, in the same order, read the same)."""
    kept = _SCORED.get(id(page))
    if kept is not None and kept[0]() is page and kept[1] == page.height and len(kept[2]) == len(page.lines) \
            and all(a is b for a, b in zip(kept[2], page.lines)):
        return dict(kept[3])
    scores = _kind_scores(page)
    key = id(page)

    def gone(ref, key=key):
        if _SCORED.get(key, (None,))[0] is ref:
            _SCORED.pop(key, None)

    try:
        ref = weakref.ref(page, gone)
    except TypeError:  # a page that cannot be referred to weakly is scored each time
        return scores
    _SCORED[key] = (ref, page.height, tuple(page.lines), dict(scores))
    return scores


def _kind_scores(page: OcrPage) -> dict[str, float]:
    lines = [_clean(l.text).lower() for l in page.lines]
    weights = _title_weights(page)
    full = "\n".join(lines)
    scores: dict[str, float] = {}
    for kind, cues in KIND_CUES.items():
        total = 0.0
        for cue in cues:
            word = cue.word.lower()
            if word not in full and (len(word) < 5 or not any(c in full for c in word[-2:])):
                continue  # no line can match it (:func:`_match`): the page is not searched line by line
            best = 0.0
            for text, tw in zip(lines, weights):
                m = _match(cue.word, text)
                if m:
                    best = max(best, m * (cue.body + tw * max(0.0, cue.title - cue.body)))
            total += best
        scores[kind] = total
    # layout cues, on the text as NFKC writes it: a cover setting its numbers in full-width letters and digits
    # (ＩＳＳＮ　１０００－６９２３, ＣＮ　１１－２２０１／Ｘ, as a word processor's full-width mode types them) is a cover still
    # (probe trust35, C01: a born-digital cover read as `other`, its ISSN then "not found" and journal.issn failed)
    folded = unicodedata.normalize("NFKC", full)
    has_issn = bool(_ISSN.search(folded))
    has_cn = bool(_CN.search(folded))
    if has_issn and has_cn:
        scores["journal_cover"] += 6.0
    elif has_issn or has_cn:
        scores["journal_cover"] += 3.0  # a cover may lack one of them (that is for the rules to fail)
    if _ISSUE.search(folded):
        scores["journal_cover"] += 3.0  # 2023年第5期, Vol.38 No.5
    toc_entries = sum(1 for l in page.lines
                      if (_TOC_ENTRY.search(l.text.strip()) and len(_clean(l.text)) >= 8) or _TOC_PAGE.match(_clean(l.text)))
    if toc_entries < 4:
        # page numbers read as lines of their own, each after its title: rising through the page
        numbers = [int(t) for t in (_clean(l.text) for l in page.lines) if t.isdigit() and len(t) <= 3]
        steps = [b - a for a, b in zip(numbers, numbers[1:])]
        # a table's 序号 rises by one; a paper runs over pages
        if len(numbers) >= 4 and min(steps) > 0 and statistics.median(steps) >= 2:
            toc_entries = max(toc_entries, len(numbers))
    if toc_entries >= 4:
        scores["journal_toc"] += min(8.0, toc_entries * 1.0)
    if re.search(r"\d{17}[\dXx]", full) and ("身份" in full or "出生" in full) and "身份证号" not in full:
        # the number on a card (公民身份号码), not in a form's 身份证号码 field: a title
        # certificate, a verification printout or a form carries one too
        scores["id_card"] += 4.0
    if len(full) > 600 and scores["paper"] >= 4:
        scores["paper"] += 2.0
    return scores


_DOSSIER_ITEMS = ("推荐表", "评定表", "考核", "身份证", "学历", "继续教育", "公示", "检索证明", "论文", "获奖", "资格证书")


#: a title of a page about the materials, not one of them: a letter sending them on (关于报送张伟同志专业技术资格评审
#: 材料的函), the applicant's pledge that they are true (申报材料真实性承诺书, 诚信承诺书), the unit's check of them
#: (申报材料审核表, 材料审查意见)
_TRANSMITTAL = re.compile(r"(报送|呈报|上报|呈送|转报).{0,24}(材料|申报|评审).{0,12}(函|报告|请示)$|承诺书$"
                          r"|材料(审核|审查|核查)(表|意见|单|登记表)$")


#: the heading of the dossier's list of its materials: 目录, 目 录, 申报材料目录, 材料清单（2024年）, 目次 (the words a
#: page carried anywhere before)
_INDEX_HEADING = re.compile(r"(目录|材料清单|目次)(?:[(（][^()（）]{0,16}[)）])?[:：]?$")


#: a page reporting a publicity held: its period, its result
_PUBLICITY_HELD = re.compile(r"公示(期|时间|期间|期满|结果|情况)|无异议")


def _is_dossier_index(page: OcrPage) -> bool:
    """The dossier's own 目录 (a list of the materials), not a journal's; or a page about the materials naming
    them: the unit's cover letter sending them (关于报送…评审材料的函: probe trust12, C02, it was taken for an
    annual assessment form, whose year and seal were then each a review on a clean dossier), the applicant's
    pledge that they are true (…承诺书: taken for a title certificate, its seal and date then judged), the unit's
    check of them (申报材料审核表: taken for a retrieval proof).

    >>> from ocr.model import OcrLine, OcrPage
    >>> box = lambda y: ((100, y), (900, y), (900, y + 40), (100, y + 40))
    >>> letter = ["关于报送张伟同志专业技术资格评审材料的函", "抚顺市生态环境局：",
    ...           "现将我单位张伟同志申报工程师专业技术资格的评审材料报送你局，包括专业技术职务任职资格评审推荐表、",
    ...           "年度考核登记表、学历证书电子注册备案表、继续教育学时证明、身份证复印件、论文及检索证明等，请审核。"]
    >>> _is_dossier_index(OcrPage(1200, 1600, [OcrLine(t, box(80 + 70 * i), 0.9) for i, t in enumerate(letter)]))
    True
    >>> pledge = ["专业技术资格评审申报材料真实性承诺书", "本人郑重承诺：本人所提交的专业技术职务任职资格评审推荐表、年度考核登记表、",
    ...           "学历证书、继续教育证明、论文及检索证明、获奖证书等申报材料均真实有效。", "承诺人（签字）："]
    >>> _is_dossier_index(OcrPage(1200, 1600, [OcrLine(t, box(80 + 70 * i), 0.9) for i, t in enumerate(pledge)]))
    True
    >>> report = ["关于上报张伟同志职称评审材料公示情况的报告", "我单位对张伟同志的推荐表、年度考核表、学历证书、继续教育证明、",
    ...           "论文等申报材料进行了公示，公示时间：2024年10月14日至10月18日，公示期间无异议。"]
    >>> _is_dossier_index(OcrPage(1200, 1600, [OcrLine(t, box(80 + 70 * i), 0.9) for i, t in enumerate(report)]))
    False
    >>> award = ["荣誉证书", "李明同志：", "在2022年度全市生态环境监测技术比武中荣获一等奖。", "抚顺市生态环境局",
    ...          "目录：推荐表、考核表、学历、继续教育"]
    >>> _is_dossier_index(OcrPage(1200, 1600, [OcrLine(t, box(80 + 70 * i), 0.9) for i, t in enumerate(award)]))
    False
    >>> form = ["2022年度专业技术人员年度考核登记表", "姓名 张伟", "个人总结：按要求报送各类监测材料，完成推荐表、考核表、学历和继续教育材料审核",
    ...         "考核等次：合格"]
    >>> _is_dossier_index(OcrPage(1200, 1600, [OcrLine(t, box(80 + 70 * i), 0.9) for i, t in enumerate(form)]))
    False
    """
    text = _clean(page.text)
    if sum(w in text for w in _DOSSIER_ITEMS) < 4:
        return False
    top = [_clean(l.text) for l in sorted(page.lines, key=lambda l: l.bbox[1])[:3]]
    # the 目录's own heading, a short line at its top (目录, 申报材料目录, 材料清单): the word anywhere made another
    # person's 荣誉证书 with a footer 「目录：推荐表、考核表、学历、继续教育」 no document, its name never weighed
    # (hostile exploration 12)
    if any(_INDEX_HEADING.search(t) and len(t) <= 40 for t in top):
        return True
    # a cover letter, a pledge, a check of the materials: its title, one of the page's top lines and short, says so;
    # not a report of the publicity (关于上报…评审材料公示情况的报告 naming what was publicised is the 公示结果)
    if _PUBLICITY_HELD.search(text):
        return False
    return any(_TRANSMITTAL.search(t) and len(t) <= 40 for t in top)


#: a line that is only a page's number (5, - 5 -, 第5页, ·5·)
_PAGE_NUMBER = re.compile(r"[-—·•(（]?(第)?\d{1,3}(页)?[-—·•)）]?")


#: the number of a part of the dossier before its heading: 三、 （三） 3、 附件3 第三部分
_PART_NUMBER = re.compile(r"([一二三四五六七八九十]{1,3}|\d{1,2})[、.．]|[（(][一二三四五六七八九十\d]{1,3}[)）]|附件\d|第[一二三四五六七八九十\d]{1,3}部分")


#: words of a certificate conferring something on someone, which no section divider prints: three lines of another
#: person's 荣誉证书 below the sheet's top were taken for a divider, no document, its name never weighed (hostile
#: exploration 12)
_CONFERRED = re.compile(r"同志|荣获|授予|被评为|评为|兹证明|特发此证|[一二三]等奖|优秀奖|特等奖")


def _is_divider(page: OcrPage) -> bool:
    """A section divider (隔页) bound before a part of the dossier: a sheet printing nothing but a heading that names
    the material behind it (三、年度考核登记表（2021—2023年度）, 附件4 公示结果), set below the top of the sheet
    (a document starts at its top: a form whose title alone was read is not taken for one). It is no document: judged
    as the form it names, each divider of probe trust20 (C07) lacked that form's seal, signature and name.

    >>> from ocr.model import OcrLine, OcrPage
    >>> at = lambda y: ((300, y), (1000, y), (1000, y + 70), (300, y + 70))
    >>> _is_divider(OcrPage(1240, 1754, [OcrLine("三、年度考核登记表（2021—2023年度）", at(760), 0.95), OcrLine("- 7 -", at(1650), 0.9)]))
    True
    >>> _is_divider(OcrPage(1240, 1754, [OcrLine("2022年度专业技术人员考核登记表", at(60), 0.95)]))
    False
    >>> _is_divider(OcrPage(1240, 1754, [OcrLine("五、学历证书电子注册备案表", at(60), 0.95)]))
    True
    >>> _is_divider(OcrPage(1240, 1754, [OcrLine("荣誉证书", at(700), 0.95), OcrLine("李明同志荣获2022年度比武一等奖", at(900), 0.9)]))
    False
    >>> _is_divider(OcrPage(1240, 1754, [OcrLine("专业技术资格证书", at(500), 0.95), OcrLine("姓名：张伟", at(700), 0.9),
    ...                                   OcrLine("评审通过时间：2019年12月26日", at(800), 0.9)]))
    False
    """
    lines = [l for l in page.lines if not _PAGE_NUMBER.fullmatch(_clean(l.text))]
    if not 1 <= len(lines) <= 3 or not page.height:
        return False
    text = "".join(_clean(l.text) for l in lines)
    if len(text) > 40 or "：" in text or ":" in text or "中华人民共和国" in text:  # a field read; a card's back
        return False
    if not any(w in text for w in _DOSSIER_ITEMS + ("考核表", "证书", "证明", "材料")):
        return False
    if _CONFERRED.search(text):  # a sparse certificate (荣誉证书 / 李明同志荣获…一等奖 / …局) names whom it honours
        return False
    # a heading numbered as a part of the dossier (三、…, （三）…, 附件3…, 第三部分…) divides wherever it stands
    return min(l.bbox[1] for l in lines) > 0.2 * page.height or _PART_NUMBER.match(text) is not None


def not_a_document(page: OcrPage) -> bool:
    """A page that is no document of the dossier: its 目录 or a page about its materials (:func:`_is_dossier_index`),
    or a section divider (:func:`_is_divider`)."""
    return _is_dossier_index(page) or _is_divider(page)


def classify(page: OcrPage) -> tuple[str, float]:
    """The page's kind and a confidence 0..1; ``("other", score)`` when no kind
    has enough evidence (or the page looks like a known non-contract page:
    a dossier cover or materials list, a diploma, a contract)."""
    if not page.lines:
        return "other", 0.0
    scores = kind_scores(page)
    ranked = sorted(scores.items(), key=lambda kv: kv[1], reverse=True)
    (best, s1), (_, s2) = ranked[0], ranked[1]
    if not_a_document(page):
        return "other", 0.6
    if s1 < _MIN_SCORE:
        logger.debug("no kind: best %s %.1f", best, s1)
        return "other", round(1.0 - s1 / _MIN_SCORE * 0.5, 3)
    margin = (s1 - s2) / s1
    strength = min(1.0, s1 / 15.0)
    conf = round(max(0.05, min(0.99, 0.35 + 0.4 * margin + 0.25 * strength)), 3)
    return best, conf


# kinds whose documents run over several pages, the later ones without a title
MULTI_PAGE_KINDS = ("recommendation_form", "evaluation_form", "annual_assessment", "achievement_proof",
                    "paper", "retrieval_proof", "publicity_result")


def blank_pages(reads) -> frozenset:
    """``(file, page)`` of the pages in ``reads`` that read no text at all: a blank sheet, the white back of a
    one-sided page scanned in duplex mode (probe trust20, C15: between a 推荐表's two pages it cut the form in two, the
    first page judged alone failed seal.present)."""
    return frozenset((r.file, r.page) for r in reads if r.ocr is not None and not r.ocr.lines)


def next_page(prev, cur, blank=frozenset()) -> bool:
    """Whether ``cur`` is the page after ``prev`` in its file, blank sheets between them (``blank``:
    :func:`blank_pages`) passed over.

    >>> from types import SimpleNamespace as P
    >>> a, c = P(file="a.pdf", page=4), P(file="a.pdf", page=6)
    >>> next_page(a, c), next_page(a, c, frozenset({("a.pdf", 5)})), next_page(a, P(file="b.pdf", page=5))
    (False, True, False)
    """
    return (cur.file == prev.file and cur.page > prev.page
            and all((cur.file, n) in blank for n in range(prev.page + 1, cur.page)))


def continue_documents(reads, blank=frozenset()) -> list:
    """Give a title-less continuation page the kind of the page before it (a page
    classified as that kind itself: :func:`continues_same_kind`).

    ``reads`` are ``PageRead`` in file order. A page classified ``other`` that
    directly follows (same file, next page number) a page of a multi-page kind
    takes that kind, with a lower ``kind_score``; pages with any kind of their
    own are left alone. Returns the pages that changed (their facts should be
    read again with :func:`verify.read.extract.read_page_facts`).

    >>> from ocr.model import OcrLine, OcrPage
    >>> from verify.model import PageRead
    >>> body = OcrPage(1000, 1400, [OcrLine("监测数据表明，区域污染物浓度逐年下降。" * 3, ((0, 0), (9, 0), (9, 9), (0, 9)), 0.9)])
    >>> a = PageRead("p.pdf", 1, body, kind="paper", kind_score=0.9)
    >>> b = PageRead("p.pdf", 2, body, kind="other", kind_score=0.8)
    >>> [r.page for r in continue_documents([a, b])], b.kind, b.kind_score
    ([2], 'paper', 0.4)
    """
    changed = []
    for prev, cur in zip(reads, reads[1:]):
        if (cur.kind == "other" and prev.kind in MULTI_PAGE_KINDS and cur.file == prev.file
                and next_page(prev, cur, blank) and cur.ocr.lines and not not_a_document(cur.ocr)):
            take_kind(prev, cur)
            changed.append(cur)
    return changed


def take_kind(prev, cur) -> None:
    """``cur``, a page continuing ``prev``'s document, takes its kind, with a lower
    ``kind_score`` than a page classified so itself."""
    cur.kind = prev.kind
    cur.kind_score = round(min(prev.kind_score, 0.5) * 0.8, 3)


#: a cue this heavy on a title line names the document (推荐表, 年度考核登记表), where a
#: lighter one names a part of it (单位推荐意见, 考核意见)
TITLE_CUE = 6.0


def continues_same_kind(prev, cur, blank=frozenset()) -> bool:
    """Whether ``cur`` (a ``PageRead``) is the next page of ``prev``'s document though
    classified as that kind itself: the same file, the next page, a multi-page kind,
    and no title of its own (the second page of a recommendation form, all 单位推荐意见
    and signatures, reads as a recommendation form too: judged apart, its first page
    lacked the seal and signature the second carries). Three annual forms in one file
    each carry their title; nor does a page naming an assessment year the page before
    does not continue it.

    >>> from ocr.model import OcrLine, OcrPage
    >>> from verify.model import PageRead
    >>> def read(n, *texts):
    ...     lines = [OcrLine(t, ((100, 80 + 60 * i), (900, 80 + 60 * i), (900, 120 + 60 * i), (100, 120 + 60 * i)), 0.95, i)
    ...              for i, t in enumerate(texts)]
    ...     return PageRead("f.pdf", n, OcrPage(1000, 1400, lines), kind="recommendation_form", kind_score=0.6)
    >>> first = read(1, "专业技术资格评审推荐表", "姓名 张伟", "工作单位 抚顺市生态环境监测站")
    >>> continues_same_kind(first, read(2, "单位推荐意见", "同意推荐", "单位负责人（签字）：", "（盖章）"))
    True
    >>> continues_same_kind(first, read(2, "专业技术资格评审推荐表", "姓名 李明"))
    False
    """
    if not (cur.kind == prev.kind and cur.kind in MULTI_PAGE_KINDS and cur.file == prev.file
            and next_page(prev, cur, blank) and cur.ocr.lines):
        return False
    if _has_own_title(cur.ocr, cur.kind):
        return False
    years = {d.date.year for d in cur.dates_with_role("assessment_year") if d.date}
    return not years or years <= {d.date.year for d in prev.dates_with_role("assessment_year") if d.date}


#: a page's place in its document as printed at its foot: 第 1 页 共 2 页, 第1页/共2页
_PAGE_OF = re.compile(r"第\s*(\d{1,2})\s*页\s*[，,/／]?\s*共\s*(\d{1,2})\s*页")


def page_of(page: OcrPage) -> tuple[int, int] | None:
    """The (page, pages) a page prints of its document, or None.

    >>> from ocr.model import OcrLine, OcrPage
    >>> page_of(OcrPage(1000, 1400, [OcrLine("第 1 页 共 2 页", ((0, 0), (9, 0), (9, 9), (0, 9)), 0.9)]))
    (1, 2)
    """
    for line in page.lines:
        if m := _PAGE_OF.search(line.text):
            k, n = int(m.group(1)), int(m.group(2))
            if 1 <= k <= n:
                return k, n
    return None


def continues_in_next_file(prev, cur) -> bool:
    """Whether ``cur``, the first page of the file after ``prev``'s in the same folder,
    is the next page of ``prev``'s document: ``prev`` prints itself page k of n (k < n),
    ``cur`` prints no other place (k + 1 or none), has no title of its own, and is of
    the same multi-page kind or of none (a two-page 推荐表 photographed as 推荐表1.jpg and
    推荐表2.jpg, probe alt22 T6: judged apart, the first lacked the seal and signature
    the second carries). Only the printed page mark joins files: two files of one kind
    are otherwise two documents, each judged whole."""
    if cur.page != 1 or cur.file == prev.file or not cur.ocr.lines or prev.kind not in MULTI_PAGE_KINDS:
        return False
    if cur.file.rpartition("/")[0] != prev.file.rpartition("/")[0] or cur.kind not in (prev.kind, "other"):
        return False
    mark, next_mark = page_of(prev.ocr), page_of(cur.ocr)
    if continued_title(cur.ocr, prev.kind):
        # 「专业技术资格评审推荐表（续）」 says so itself, whatever the page before prints
        # (trust exploration 8, C06: only the second page printed 第2页（共2页）)
        return next_mark is None or next_mark[0] > 1
    if mark is None or mark[0] >= mark[1] or next_mark not in (None, (mark[0] + 1, mark[1])):
        return False
    return not _has_own_title(cur.ocr, prev.kind) and not _is_dossier_index(cur.ocr)


#: what a continued document's title ends with: （续）, (续表), 续表, 续页
_CONTINUED = re.compile(r"(?:[(（〔\[【]\s*续\s*[表页]?\s*[)）〕\]】]|续[表页])\s*$")


def _title_lines(page: OcrPage, kind: str):
    """The title-like lines of ``page`` that name a document of ``kind``
    (:data:`TITLE_CUE`)."""
    cues = [c for c in KIND_CUES.get(kind, ()) if c.title >= TITLE_CUE]
    return [line for line, tw in zip(page.lines, _title_weights(page))
            if tw >= 0.5 and any(_match(c.word, _clean(line.text).lower()) >= 0.8 for c in cues)]


def continued_title(page: OcrPage, kind: str) -> bool:
    """Whether ``page``'s title names a document of ``kind`` continued: 「…推荐表（续）」,
    「…考核表续表」.

    >>> from ocr.model import OcrLine, OcrPage
    >>> box = ((400, 160), (820, 160), (820, 200), (400, 200))
    >>> titled = lambda t: OcrPage(1240, 1754, [OcrLine(t, box, 0.98), OcrLine("评审委员会意见", ((160, 400), (200, 400), (200, 600), (160, 600)), 1.0)])
    >>> [continued_title(titled(t), "recommendation_form") for t in ("专业技术资格评审推荐表（续）", "专业技术资格评审推荐表(续表)",
    ...                                                           "推荐表续页", "专业技术资格评审推荐表", "继续教育证明")]
    [True, True, True, False, False]
    """
    return any(_CONTINUED.search(line.text) for line in _title_lines(page, kind))


def _has_own_title(page: OcrPage, kind: str) -> bool:
    """Whether a title-like line of ``page`` names a document of ``kind``
    (:data:`TITLE_CUE`), not as continued (「推荐表（续）」 is the page after a 推荐表's)."""
    return any(not _CONTINUED.search(line.text) for line in _title_lines(page, kind))
