"""dossier.readable (extension): every submitted file could be read.

A corrupt, encrypted, empty or unsupported file never stops a batch: it becomes a
``review`` finding naming the file and the reason. The reason is in the message (and in
the report's ``unreadable`` list), not in the finding's ``value``: that is what was read
from a page, and the report and the desk label it 读取值.
"""
from __future__ import annotations

from verify.model import Finding
from verify.rules import Dossier

RULE_ID = "dossier.readable"


#: at most this many unreadable files are findings of their own; the rest are one finding
#: that counts them (20,000 empty .jpg gave 40,000 findings and a 24 MB report, probe
#: alt23 F18); the report's list of unreadable files keeps them all
LISTED = 50


#: what the applicant is asked for when the reason says nothing of what to do
RESUBMIT = "请申报人重新提交清晰、未加密的扫描件"


def unreadable_message(reason: str) -> str:
    """The finding's message for a file that could not be read: the reason, then what to
    do about it - the reason's own advice where it gives one (a file of 5,000 pages is
    split, a link replaced by the file), else :data:`RESUBMIT`. Every such message asked
    for a clear, unencrypted scan, under 「请拆分后重新提交」 too (hostile exploration 6, D9).

    >>> unreadable_message("文件已损坏或不完整，无法解码")
    '文件无法读取：文件已损坏或不完整，无法解码。请申报人重新提交清晰、未加密的扫描件'
    >>> unreadable_message("文件共 5000 页，超过上限 400 页，请拆分后重新提交")
    '文件无法读取：文件共 5000 页，超过上限 400 页，请拆分后重新提交'
    """
    reason = reason.rstrip("。 ")
    return f"文件无法读取：{reason}" + ("" if "请" in reason else f"。{RESUBMIT}")


#: a page image shorter than this on its short side (pixels) with a page's proportions (A4 and letter, long side 1.3
#: to 1.5 times the short: not an ID card's 1.58) is a thumbnail: under about 85 dpi for A4, where a seal's ring is a
#: few blurred pixels and a signature's strokes cannot be told from print (probe trust14, P41: a dossier sent as a
#: chat app's 72-dpi thumbnails, 595×841 px, passed but for one seal it could not read)
THUMBNAIL_PX = 700
PAGE_ASPECT = (1.3, 1.5)


def thumbnails(pages) -> list:
    """The whole page images (no half of a spread) that are thumbnails (:data:`THUMBNAIL_PX`).

    >>> from ocr.model import OcrPage
    >>> from verify.model import PageRead
    >>> [p.file for p in thumbnails([PageRead("a.jpg", 1, OcrPage(595, 841)), PageRead("b.jpg", 1, OcrPage(1240, 1754)),
    ...                              PageRead("id.jpg", 1, OcrPage(640, 404)), PageRead("c.jpg", 1, OcrPage(841, 595))])]
    ['a.jpg', 'c.jpg']
    """
    out = []
    for p in pages:
        w, h = p.ocr.width, p.ocr.height
        if p.part or not w or not h:
            continue
        short, long_ = min(w, h), max(w, h)
        if short < THUMBNAIL_PX and PAGE_ASPECT[0] <= long_ / short <= PAGE_ASPECT[1]:
            out.append(p)
    return out


def check(d: Dossier) -> list[Finding]:
    findings = []
    if small := thumbnails(d.pages):
        shown = "、".join(f"{p.where}（{p.ocr.width}×{p.ocr.height} 像素）" for p in small[:3])
        more = f"等 {len(small)} 页" if len(small) > 3 else ""
        findings.append(Finding(
            RULE_ID, "review", f"{shown}{more}图像分辨率过低（短边不足 {THUMBNAIL_PX} 像素，约相当于 A4 纸 85 dpi 以下，"
            "可能是聊天软件压缩的缩略图），文字、印章和签字难以可靠辨认，核验结果不可靠；请申报人提交 150 dpi 以上的清晰扫描件或原图",
            file=small[0].file, page=small[0].page))
    own = [u for u in d.unreadable if not u.service and not u.cut]
    findings += [Finding(RULE_ID, "review", unreadable_message(u.reason), file=u.file) for u in own[:LISTED]]
    if rest := own[LISTED:]:
        findings.append(Finding(RULE_ID, "review", f"另有 {len(rest)} 个文件无法读取（如 {rest[0].file}：{rest[0].reason}），"
                                "请申报人整理材料后重新提交"))
    # the OCR service failed, not the file: the applicant is not asked for anything (an
    # outage told every applicant to resubmit: hostile exploration 5, P2)
    service = [u for u in d.unreadable if u.service]
    findings += [
        Finding(RULE_ID, "review", f"文件未识别：{u.reason}。这是文字识别服务或读取材料的磁盘、网络盘的故障，并非材料问题，"
                                   "无需申报人重新提交；"
                                   "请排除故障后重新运行核验（该申报人将自动重新核验）", file=u.file)
        for u in service[:LISTED]
    ]
    if rest := service[LISTED:]:
        findings.append(Finding(RULE_ID, "review", f"另有 {len(rest)} 个文件因文字识别服务或磁盘、网络盘故障未识别（如 {rest[0].file}），"
                                "请排除故障后重新运行核验"))
    # left unread when the dossier's time ran out: not the applicant's to resubmit
    cut = [u for u in d.unreadable if u.cut]
    findings += [Finding(RULE_ID, "review", f"文件未核验：{u.reason}", file=u.file) for u in cut[:LISTED]]
    if rest := cut[LISTED:]:
        findings.append(Finding(RULE_ID, "review", f"另有 {len(rest)} 个文件因整份材料核验限时将到未读取、未核验（如 "
                                f"{rest[0].file}），请审核人查阅原件，或调高整份材料限时（--dossier-timeout）后重新核验"))
    return findings
