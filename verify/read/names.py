"""Whose document is this? The person a page names, tolerant of OCR.

A page is about the applicant when the name appears on it (spaces between the
characters allowed: ``张 伟``, one OCR-confused character allowed in names of three
or more characters). It names *someone else* when a person slot (``姓名：李强``,
``兹授予李强同志``, ``李强同志：``, ``持证人``...) holds a different name.

>>> from ocr.model import OcrLine, OcrPage
>>> def page(*texts):
...     return OcrPage(1000, 1400, [OcrLine(t, ((0, 40 * i), (600, 40 * i), (600, 40 * i + 30), (0, 40 * i + 30)), 0.9, i)
...                                 for i, t in enumerate(texts)])
>>> name_on_page(page("荣誉证书", "张 伟 同志：", "荣获三等奖"), "张伟")[0]
'present'
>>> name_on_page(page("荣誉证书", "姓名：李强", "荣获三等奖"), "张伟")[0]
'other'
>>> name_on_page(page("荣誉证书", "荣获三等奖"), "张伟")[0]
'absent'
>>> name_on_page(page("姓名：张卫"), "张伟")  # OCR or another person: a person must look
('absent', (0, 0, 600, 30), 0.4)
>>> name_on_page(page("姓名：李强", "考核等次 优秀", "部门负责人：张伟"), "张伟")  # a colleague's form
('elsewhere', (0, 0, 600, 30), 0.3)
>>> name_on_page(page("姓名：张伟", "部门负责人：李强"), "张伟")[0]
'present'
>>> name_on_page(page("经检索，抚顺市环境科学研究院龚", "超刚同志发表的下列论文被收录"), "龚超刚")[0]  # 超刚同志: part of it
'present'
>>> name_on_page(page("委托人 汤阳洋", "申报人所在单位人事部门审核意见："), "汤阳洋")[0]  # 所在: no name
'present'
>>> name_on_page(page("姓名", "阿依古丽·", "买买提", "性别 女"), "阿依古丽·买买提")[0]  # an ID card wraps after the dot
'present'
>>> person_slots("兹授予李强同志")
['李强']
"""
from __future__ import annotations

import logging
import re

from ocr.model import OcrPage
from verify.read.dates import COPY_CERTIFIED
from verify.read.hanzi import simplified

logger = logging.getLogger(__name__)

BBox = tuple[int, int, int, int]

_CJK = r"\u4e00-\u9fff"
#: what forms print between the parts of a minority name (买买提江·吐尔逊, 买买提江.吐尔逊,
#: 买买提江•吐尔逊; or nothing, or a space): marks of one name, not of two. Also the full-width
#: period and the dashes HR systems print for it, or OCR reads it as (阿依古丽．买买提, 阿依古丽-买买提: probe
#: trust12, no name was read); the ASCII hyphen is last, where a character class takes it as itself
_NAME_DOTS = "·•.・‧．﹒･∙⋅－‐‑-"
#: a name in a slot (lazy: the slot's next word ends it): two to four characters, or a
#: minority name's parts of up to eight each joined by a dot
_NAME = rf"(?:[{_CJK}·]{{2,4}}?|[{_CJK}]{{2,8}}?(?:[{_NAME_DOTS}][{_CJK}]{{1,8}}?){{1,2}}?)"
# slots where a person's name is written; the name is group 'n'
#: a bilingual form's English gloss after a slot's label (姓名 Name, 姓名/Name：, 持证人 Holder): the name follows it
#: (probe trust16 P12: 姓名Name 韩雪娟 on a 中英对照 verification report was no slot, another person's name a review)
_GLOSS = r"(?:\s*[/／]?\s*(?:[Ff]ull\s*)?(?:[Nn]ame|NAME|[Hh]older|HOLDER)(?![A-Za-z]))?"
#: a name's pinyin as a bilingual form prints it after the name (Han Xuemei, HAN XUEMEI, HanXuemei): two words at
#: least, each capitalised or in capitals; an English gloss of one word (编号No., 简介About) is none. Glued to the
#: name it ends the name as a space would (probe trust18 P14: a desk photo of a 学信网 report read 「姓名Name」
#: 「韩雪娟Han Xuemei」, no slot's name, and another person's name on it was only a review)
_PINYIN = r"(?:[A-Z][a-z]+[ \t]?[A-Z][a-z]+|[A-Z]{2,}[ \t]?[A-Z]{2,})(?![A-Za-z])"

#: the labels of a slot a person's name is written after (its value on the line, or in the next box)
#: (发明人, 设计人, 著作权人: a patent's or a software registration's persons; a certificate naming only others passed as
#: the applicant's, no slot read: probe trust25 P15)
_SLOT_LABELS = (r"姓\s*名|持\s*证\s*人|申\s*报\s*人|被\s*考\s*核\s*人|学员|获奖者|获奖人|作者简介|作者(?!简介)|完成人|参[学训培]人员?|学习人员?|培训人员?"
                r"|发明人|设计人|著作权人")

_SLOTS = [
    re.compile(rf"(?:{_SLOT_LABELS})(?:\s*姓\s*名)?{_GLOSS}\s*[:：]?\s*(?P<n>{_NAME})(?=$|[\s,，;；、:：(（]|{_PINYIN}|性别|性|同志|出生|身份|单位|专业|工作)"),
    re.compile(rf"(?:兹授予|授予|兹证明|兹有|经审核|经评审)\s*(?P<n>{_NAME})\s*(?:同志|同学|先生|女士|[,，]|具备|在|参加|于|为|已)"),
    # (after a wrapped sentence's 对 or 将 and the word's tail before it: 日将欧阳燚同志, a five-character catch else)
    re.compile(rf"^\s*(?:\S?[对将])?(?P<n>{_NAME})\s*(?:同志|同学|先生|女士)\s*[:：]?"),
    # a form's first row with 名 of its spread label lost (``姓　　名`` read ``姓`` alone):
    # the cell after 姓 and before the 性别 label
    re.compile(rf"^\s*姓\s*(?!名)(?P<n>{_NAME})\s*(?=性\s*别?)"),
]
_NOT_NAMES = set("""同志 单位 性别 出生 民族 工作 本人 其中 现任 专业 年度 考核 优秀 合格 称职 职务 职称 部门 科室
荣获 获得 参加 完成 证书 证明 情况 学历 学位 项目 该同志 全体 各位 以下 上述 本单位
刊名 题名 篇名 来源 发表 时间 期刊 出处 文献 机构 年份 摘要""".split())  # a retrieval table's headers (作者 刊名 发表时间)

#: characters a slot may catch beside a name that are no part of it (王强等同志, 兹有王强同志,
#: 毛丽别男 for 姓名 毛丽 性别 男 with 性 lost)
_NOT_NAME_PARTS = set("等兹有授予证明经审核评在于为和与及、性别男女民族出生籍贯单位职务称专业年月日")

#: words that start a sentence after a slot's label, never a name (作者为本单位职工…, 申报人系…)
_NOT_NAME_START = set("为是系均在及等的已把被对所或与员")  # not 于 nor 经: surnames; 所 of 申报人所在单位, 所属部门; 员 of 申报人员情况
# 或 and 与 join a label's words (专利权人的姓名或名称, 姓名与单位: a patent certificate's notes caught 「或名称」, failed as
# another person's name on a clean certificate: probe trust25 C02, C15)

#: the first characters of common surnames (the single ones and those that start a
#: compound one: 欧阳, 司马…): a slot's catch that starts otherwise (所在 of 申报人所在单位,
#: 刊名 of a table's header) is no other person's name to set against the applicant's
_SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
    "姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温"
    "康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成"
    "苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费"
    "卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠"
    "惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国"
    "狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢"
    "嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由上皇轩令长宇漕佘淳")

# characters OCR engines confuse in names (pairs read as each other)
_CONFUSABLE = [set(g) for g in ("王玉", "日曰", "己已巳", "未末", "士土", "人入八", "天夭", "大太犬", "刀力",
                                "千干于", "戊戌戍", "晴睛", "钧钩", "斌赋", "伟讳", "洁浩", "丽莉", "娟涓",
                                "杰木", "明朋", "军车", "红江")]


def _squash(text: str) -> str:
    """Drop spaces between CJK characters (OCR writes ``张 伟``).

    >>> _squash("张 伟  同志")
    '张伟同志'
    """
    return re.sub(rf"(?<=[{_CJK}])\s+(?=[{_CJK}])", "", text)


def name_key(text: str) -> str:
    """A name (or a line) as names are compared: spaces dropped, the dots between a
    minority name's parts dropped (``·``, ``•``, ``.``, ``・``, ``‧``, ``。``), traditional
    characters written simplified (an old certificate's 陳珺 is 陈珺; one character for
    one, so positions keep lining up).

    >>> name_key("买买提江·吐尔逊"), name_key("买买提江.吐尔逊"), name_key("买买提江 • 吐尔逊"), name_key("买买提江吐尔逊")
    ('买买提江吐尔逊', '买买提江吐尔逊', '买买提江吐尔逊', '买买提江吐尔逊')
    >>> name_key("买买提江．吐尔逊"), name_key("买买提江-吐尔逊"), name_key("买买提江－吐尔逊"), name_key("2019-12")
    ('买买提江吐尔逊', '买买提江吐尔逊', '买买提江吐尔逊', '2019-12')
    >>> name_key("陳 珺"), name_key("姓名：陳明。"), name_key("2019.12")
    ('陈珺', '姓名：陈明。', '2019.12')
    """
    text = re.sub(rf"(?<=[{_CJK}])\s*[。{_NAME_DOTS}]\s*(?=[{_CJK}])", "", simplified(text))
    return re.sub(r"\s", "", text)


def person_slots(text: str) -> list[str]:
    """Names written in person slots on a line (``姓名：李强``, ``兹授予李强同志``).

    >>> person_slots("姓 毛思娟 性 别 女"), person_slots("姓名 毛思娟 性别 女")  # 名 of a spread label lost
    (['毛思娟'], ['毛思娟'])

    A slot's label followed by a sentence is no name (作者为本单位职工郑海涛: not 为本):

    >>> person_slots("经检索，以上论文被中国知网收录，作者为本单位职工郑海涛")
    []
    >>> person_slots("序号 题名 作者 刊名· 发表时间")  # a retrieval table's header row
    []
    >>> person_slots("注：本表由申报人所在单位填写"), person_slots("申报人所属部门")  # a form's footnote (trust exploration)
    ([], [])
    >>> person_slots("现将我单位申报人员情况予以公示：")  # 申报人 of 申报人员: a web 公示 notice (probe trust26 C11)
    []
    >>> person_slots("参学人员：李强")  # a continuing-education proof's slot (probe alt15 P07b)
    ['李强']
    >>> person_slots("姓名Name 韩雪娟 Han Xuemei"), person_slots("姓名 / Name： 韩雪娟"), person_slots("姓名 Named")  # 中英对照
    (['韩雪娟'], ['韩雪娟'], [])
    >>> person_slots("姓名Name 韩雪娟Han Xuemei"), person_slots("姓名：韩雪娟HAN XUEMEI"), person_slots("姓名 张伟x")  # pinyin glued
    (['韩雪娟'], ['韩雪娟'], [])
    >>> person_slots("学员编号No.12"), person_slots("作者简介About the author"), person_slots("姓名张伟Name")  # no pinyin
    ([], [], [])

    The heading of a paper's author note is no name (作者简介 caught 简介, a name then set
    against the applicant's); the author after it is:

    >>> person_slots("作者简介 About The Author"), person_slots("作者简介：张伟（1980—），男，高级工程师")
    ([], ['张伟'])
    >>> person_slots("姓名：买买提江·艾尔肯 性别 男"), person_slots("兹证明阿依古丽.买买提同志")  # a minority name's parts
    (['买买提江·艾尔肯'], ['阿依古丽.买买提'])

    A 公示's sentence wrapped before 对 (…在单位公示 / 栏对刘晓同志申报…): the line-start
    slot caught 栏对刘晓, which a review quoted as the name read (trust exploration 5, A0):

    >>> person_slots("栏对刘晓同志申报工程师资格的有关材")
    ['刘晓']

    So too before 将, the verb of the 公示's other sentence (我单位已于…至…日 / 将欧阳燚同志申报…; 现将李强同志…予以公示):
    the line-start slot caught 日将欧阳 (燚 unread), quoted as another name read (probe trust22 C01):

    >>> person_slots("日将欧阳同志申报工程师专业技术资格的材料"), person_slots("现将李强同志申报材料予以公示")
    (['欧阳'], ['李强'])
    >>> person_slots("日将欧阳燚同志申报工程师专业技术资格的材料"), person_slots("栏对阿依古丽·买买提同志申报")
    (['欧阳燚'], ['阿依古丽·买买提'])

    A certificate's 持证人签名 (the holder's signature box) is a label, not 持证人 「签名」;
    and a sentence's opening words are no part of a name the line-start slot catches: a
    name whose rare character the recogniser cannot write (张燚 read 张 in 兹证明张燚同志)
    left 兹证明张, failed as another person's name (trust9):

    The slot's end word read as part of the name where the rare character before it was left out: 兹证明张堃同志在…
    read 兹证明张同志在… caught 「张同志」 before 在, a name quoted as read and weighed against the claim (probe trust22 C11):

    >>> person_slots("兹证明张同志在2021一2023年度参加专业技术人员继续教育"), person_slots("兹证明王海涛同志在2021年度参加")
    ([], ['王海涛'])
    >>> person_slots("持证人签名："), person_slots("持证人签字 李翀")
    ([], [])

    Nor the rest of a label that names a person or a body (a patent certificate's notes: 专利权人的姓名或名称、国籍…):

    >>> person_slots("专利权人的姓名或名称、国籍、地址变更等事项记载在专利登记簿上。"), person_slots("姓名与单位")
    ([], [])

    A patent's inventors and a software registration's owner are its persons (a body as owner is no name):

    >>> person_slots("发明人：李国强；王丽；赵海涛"), person_slots("设计人：王明；李国强"), person_slots("著作权人：抚顺市生态环境局")
    (['李国强'], ['王明'], [])
    >>> person_slots("兹证明张同志（身份证号：21040219910417123X）参加专业技术人员"), person_slots("兹证明王海涛同志参加")
    ([], ['王海涛'])
    """
    t = _squash(text)
    out = []
    for rx in _SLOTS:
        for m in rx.finditer(t):
            n = (m.group("n") or "").strip(_NAME_DOTS)
            n = _AFTER_DUI.sub("", n)  # 对 and 将 are no name's, nor what comes before them
            if (bare := _ADDRESS_TAIL.sub("", n)) != n:  # 张同志 (在…): the name is what comes before 同志, if a name
                n = bare if len(name_key(bare)) >= 2 else ""
            if (bare := _OPENING.sub("", n)) != n:  # 兹证明张 (同志): the opening words and what is left
                n = bare if len(name_key(bare)) >= 2 else ""
            if n and could_be_name(n) and n not in out:
                out.append(n)
    # a minority name's first part may be up to eight characters, so a line-start slot
    # catches 兹证明阿依古丽.买买提 where another caught 阿依古丽.买买提: the text before is no name
    return [n for n in out if not (set(n) & set(_NAME_DOTS) and any(o != n and n.endswith(o) for o in out))]


#: the words that open a certificate's sentence before its person (兹证明, 兹授予, 兹有…):
#: what a line-start slot caught after them is the name, if anything is left
_OPENING = re.compile(r"^(?:兹证明|兹授予|兹有|兹|授予|经审核|经评审)")

#: the words that address a person, caught at a name's end by a slot ended by what follows them (兹证明张同志在…)
_ADDRESS_TAIL = re.compile(r"(?:同志|同学|先生|女士)$")

#: a word's tail and 对 or 将 before a name (栏对刘晓: 公示栏对刘晓同志 wrapped after 公示; 日将欧阳: …十八日将欧阳燚同志
#: wrapped before 将, 现将李强同志); neither is a surname
_AFTER_DUI = re.compile(r"^.?[对将](?=.{2})")


def could_be_name(n: str) -> bool:
    """Whether what a person slot caught may be a name: no word a form prints there
    (同志, 单位, 刊名…) and no word that starts a sentence (为, 系, 所 of 申报人所在单位).

    >>> could_be_name("李强"), could_be_name("所在"), could_be_name("单位")
    (True, False, False)

    Nor a word for the person meant (本人, 申报人, 作者): an HR box's 「以上论文为申报人本人
    发表」 caught 本人发表 after 申报人, and a retrieval proof read as another author's
    (trust exploration 8, 3b):

    >>> could_be_name("本人发表"), could_be_name("申报人本"), could_be_name("作者本人"), could_be_name("本人")
    (False, False, False, False)

    Nor what a patent certificate's 决定授予专利权 grants (trust exploration 8, C11):

    >>> could_be_name("专利权")
    False

    Nor the label of the box after a blank or unread name's (姓名 | 出生年月 | 1987年6月):
    a form left so would fail as naming another person, 「出生年月」:

    >>> person_slots("姓名 出生年月 1987年6月"), person_slots("姓名 民族 汉"), person_slots("姓名 照片")
    ([], [], [])
    >>> person_slots("姓名 学历 本科"), person_slots("姓名 张伟 出生年月"), person_slots("姓名：籍贯")
    ([], ['张伟'], [])

    Nor the word 姓名 itself: a label may end with it (学员姓名, 获奖人姓名), the name after it (a table's head glossed
    in English, 学员姓名 Student Name, caught 「姓名」, another person's name where the applicant's was not read):

    >>> person_slots("学员姓名 Student Name"), person_slots("获奖人姓名：王强"), person_slots("学员姓名 王强 性别 男")
    ([], ['王强'], ['王强'])
    """
    return bool(n) and n not in _NOT_NAMES and not any(n.startswith(w) for w in _NOT_NAME_WORDS) \
        and n[0] not in _NOT_NAME_START


#: words a name never starts with: a form's labels, and the words for the person meant
#: (本人 of 「申报人本人发表」, 申报人, 作者, 该同志: a sentence about the applicant)
_NOT_NAME_WORDS = ("同志", "性别", "单位", "本人", "本单位", "申报人", "申请人", "作者", "该同志", "他人",
                   "姓名",  # 学员姓名 Student Name: a label's own word after another label
                   "专利",  # 决定授予专利权 on a patent certificate
                   "签名", "签字", "签章", "盖章",  # 持证人签名 of a certificate: the holder's signature box
                   # the next box's label where the name's box is blank or unread (姓名 | 出生年月 | 1987年6月)
                   "出生", "民族", "籍贯", "学历", "学位", "照片", "政治面貌", "职务", "职称", "年龄", "身份证",
                   "毕业", "参加工作", "联系电话", "现任", "工作单位", "婚姻", "健康状况", "文化程度")


def same_name(read: str, name: str) -> float:
    """How surely ``read`` is ``name``: 1.0 identical, 0.7 one OCR-confusable
    character apart, 0.4 one other character apart with the same surname (could
    be OCR, could be another person: undecidable), 0.0 otherwise. One character more
    or fewer, the surname and the rest in place, is undecidable too (0.4): a recogniser
    drops the last character of a name read from a copy (刘萍 for 刘萍鑫 on a 250 dpi
    ID card copy), and 刘萍 may also be another person.

    >>> same_name("张伟", "张伟"), same_name("张讳", "张伟"), same_name("张卫", "张伟"), same_name("李强", "张伟")
    (1.0, 0.7, 0.4, 0.0)
    >>> same_name("刘萍", "刘萍鑫"), same_name("刘萍鑫", "刘萍"), same_name("刘鑫", "刘萍鑫"), same_name("萍鑫", "刘萍鑫")
    (0.4, 0.4, 0.4, 0.0)

    Names are compared by :func:`name_key`: a traditional form is the name, and so is a
    minority name with its parts joined by another dot or none; another part is not.

    >>> same_name("陳珺", "陈珺"), same_name("买买提江吐尔逊", "买买提江·吐尔逊"), same_name("买买提江·艾尔肯", "买买提江·吐尔逊")
    (1.0, 1.0, 0.0)
    """
    read, name = name_key(read), name_key(name)
    if read == name:
        return 1.0
    if abs(len(read) - len(name)) == 1 and min(len(read), len(name)) >= 2 and read[0] == name[0]:
        short, long_ = sorted((read, name), key=len)
        return 0.4 if any(long_[:i] + long_[i + 1:] == short for i in range(1, len(long_))) else 0.0
    if len(read) != len(name) or len(name) < 2:
        return 0.0
    diffs = [(a, b) for a, b in zip(read, name) if a != b]
    if len(diffs) != 1:
        return 0.0
    a, b = diffs[0]
    if any(a in g and b in g for g in _CONFUSABLE):
        return 0.7
    if read[0] == name[0] or len(name) >= 3:
        return 0.4
    return 0.0


def _row_groups(page: OcrPage) -> list[list]:
    """The page's lines that sit on one row, two or more, each row left to right."""
    lines = sorted(page.lines, key=lambda l: (l.bbox[1] + l.bbox[3]) / 2)
    rows: list[list] = []
    for line in lines:
        cy = (line.bbox[1] + line.bbox[3]) / 2
        h = max(line.height, 1.0)
        if rows:
            last = rows[-1]
            ly = sum((l.bbox[1] + l.bbox[3]) / 2 for l in last) / len(last)
            lh = max(max(l.height for l in last), 1.0)
            if abs(cy - ly) < 0.5 * min(h, lh):
                last.append(line)
                continue
        rows.append([line])
    return [sorted(row, key=lambda l: l.bbox[0]) for row in rows if len(row) >= 2]


def _joined(row: list) -> tuple[str, BBox]:
    box = (min(l.bbox[0] for l in row), min(l.bbox[1] for l in row), max(l.bbox[2] for l in row), max(l.bbox[3] for l in row))
    return " ".join(l.text for l in row), box


def page_rows(page: OcrPage) -> list[tuple[str, BBox]]:
    """Lines that sit on one row (table cells: ``姓`` ``名`` ``李强`` ``性别`` ``男``),
    joined left to right with a space, with the row's box; then every line alone
    (so a slot inside one line is not lost)."""
    return [_joined(row) for row in _row_groups(page)] + [(l.text, l.bbox) for l in page.lines]


#: a line that is a person slot's label and nothing else (the value in the next box)
_LABEL_ALONE = re.compile(r"^\s*(?:" + _SLOT_LABELS + r")(?:\s*姓\s*名)?" + _GLOSS + r"\s*[:：]?\s*$")


def slot_rows(page: OcrPage) -> list[tuple[str, BBox]]:
    """:func:`page_rows`, and a person slot's label alone in its box with the box after
    it on a row of three lines or more
    (``姓名`` ``王建军`` of a certificate whose row runs on into the facing page's
    ``批准文号`` ``辽人社职字…``: a slot ends where its row's next label starts, and read
    as one row, 姓名王建军批准文号…, the name had no end: trust9).

    >>> from ocr.model import OcrLine
    >>> box = lambda x, y, w: ((x, y), (x + w, y), (x + w, y + 50), (x, y + 50))
    >>> page = OcrPage(2339, 1654, [OcrLine("姓名", box(235, 738, 150), 1.0, 0), OcrLine("王建军", box(492, 744, 110), 1.0, 1),
    ...                             OcrLine("批准文号", box(1270, 758, 140), 1.0, 2), OcrLine("辽人社职字〔2018〕24号", box(1535, 758, 367), 1.0, 3)])
    >>> [t for t, _ in slot_rows(page)][:3]  # a pair only after a person slot's label in a box of its own
    ['姓名 王建军 批准文号 辽人社职字〔2018〕24号', '姓名 王建军', '姓名']
    >>> names_on_page(page), name_on_page(page, "程昱")[0]
    (['王建军'], 'other')

    A box that starts as no name does (a photo's caption where the name was not read) is no pair:

    >>> blank = OcrPage(2339, 1654, [OcrLine("姓名", box(235, 738, 150), 1.0, 0), OcrLine("照片", box(492, 744, 100), 1.0, 1),
    ...                              OcrLine("批准文号", box(1270, 758, 140), 1.0, 2)])
    >>> names_on_page(blank), name_on_page(blank, "程昱")[0]
    ([], 'absent')
    """
    groups = _row_groups(page)
    pairs = [_joined([a, b]) for row in groups if len(row) >= 3 for a, b in zip(row, row[1:])
             if _LABEL_ALONE.match(a.text) and b.text.strip()[:1] in _SURNAMES]  # a name's box: not 照片 beside a blank
    return [_joined(row) for row in groups] + pairs + [(l.text, l.bbox) for l in page.lines]


def names_on_page(page: OcrPage) -> list[str]:
    """Every name written in a person slot of the page, in reading order, unique."""
    seen: list[str] = []
    for text, _ in slot_rows(page):
        for n in person_slots(text):
            if n not in seen:
                seen.append(n)
    return seen


def _broken_in_its_cell(page: OcrPage, target: str) -> BBox | None:
    """The box of a name broken over its cell's line break: a line that is the name's start and nothing else, and
    right under it, starting where it starts, a line that is the rest and nothing else (韩雪 / 梅 in a narrow 姓名
    box: probe trust19); None where there is none.

    >>> from ocr.model import OcrLine
    >>> box = lambda x, y, w: ((x, y), (x + w, y), (x + w, y + 36), (x, y + 36))
    >>> cell = lambda below_x: OcrPage(1240, 1754, [OcrLine("韩雪", box(290, 200, 70), 1.0, 0), OcrLine("女", box(700, 210, 30), 1.0, 1),
    ...                                          OcrLine("梅", box(below_x, 246, 36), 1.0, 2)])
    >>> _broken_in_its_cell(cell(292), "韩雪梅")
    (290, 200, 360, 282)
    >>> _broken_in_its_cell(cell(600), "韩雪梅") is None  # not under it: another cell's
    True
    >>> _broken_in_its_cell(cell(292), "韩雪松") is None
    True
    """
    for line in page.lines:
        head = name_key(line.text)
        if not head or len(head) >= len(target) or not target.startswith(head):
            continue
        x0, y0, x1, y1 = line.bbox
        h = max(y1 - y0, 1)
        for below in page.lines:
            bx0, by0, bx1, by1 = below.bbox
            if name_key(below.text) == target[len(head):] and 0 <= by0 - y1 < h and abs(bx0 - x0) < h:
                return min(x0, bx0), y0, max(x1, bx1), by1
    return None


#: a copy's certification (此复印件与原件一致，仅供职称申报使用 in the applicant's hand, HR's 复印件与原件核对一致): the
#: words whose date is a copy's (:data:`verify.read.dates.COPY_CERTIFIED`), or HR's 原件已审
_CERTIFICATION = re.compile(rf"{COPY_CERTIFIED.pattern}|原件已[审核验阅]")


def _certifiers(page: OcrPage, box: BBox) -> bool:
    """Whether the text in ``box`` is a copy's certification or the signature under it: a line of the certification's
    words, or one starting under such a line within two of its own heights (此复印件与原件一致，仅供职称申报使用 /
    蒋文静 2024年10月8日). The name signed there is the certifier's, whoever's document the copy is.

    >>> from ocr.model import OcrLine
    >>> box = lambda x0, y0, x1, y1: ((x0, y0), (x1, y0), (x1, y1), (x0, y1))
    >>> page = OcrPage(1653, 2338, [OcrLine("此复印件与原件一致，仅供职称申报使用", box(292, 2297, 1214, 2390), 0.9, 0),
    ...                             OcrLine("蒋文静", box(322, 2400, 488, 2464), 0.9, 1)])
    >>> _certifiers(page, (322, 2400, 488, 2464)), _certifiers(page, (322, 1400, 488, 1464)), _certifiers(page, (1300, 2400, 1400, 2464))
    (True, False, False)
    """
    x0, y0, x1, y1 = box
    h = max(y1 - y0, 1)
    for line in page.lines:
        if not _CERTIFICATION.search(line.text or ""):
            continue
        lx0, ly0, lx1, ly1 = line.bbox
        if (lx0, ly0, lx1, ly1) == tuple(box) or (ly0 < y0 and -h <= y0 - ly1 <= 2 * h and lx0 - 2 * h <= x0 <= lx1):
            return True
    return False


def name_on_page(page: OcrPage, name: str) -> tuple[str, BBox | None, float]:
    """Whether the page is about ``name``.

    ``('present', bbox, score)``: the name is on the page (score 1.0), or a person
    slot holds it with one OCR-confusable character (0.7);
    ``('other', bbox, 1.0)``: a person slot names someone else and ``name`` is
    nowhere; ``('elsewhere', bbox, 0.3)``: a person slot names someone else (its box
    given), none names ``name``, and ``name`` is only on other rows (部门负责人：张伟 on
    李强's form: a person must look); ``('absent', bbox, 0.4)``: a slot holds a name one character away
    that OCR may have damaged or that may be another person: undecidable, a
    person must look; ``('absent', None, 0.0)``: no name read at all.
    """
    target = name_key(name)
    best: tuple[float, BBox | None] = (0.0, None)
    other: tuple[float, BBox | None] = (0.0, None)
    # a person slot holding the name with more round it (王强华 for 王强) and none holding
    # it as it is: another person's, or the name misread; a person must look
    rows = [(text, box, person_slots(text)) for text, box in slot_rows(page)]
    slots = [(name_key(n), box) for _, box, names in rows for n in names]
    if target and not any(n == target for n, _ in slots):
        longer = [(n, box) for n, box in slots
                  if (n.startswith(target) and len(n) == len(target) + 1  # 王强华; not 心韩冬雪 (…中 / 心韩冬雪同志)
                      and "\u4e00" <= (extra := n[-1]) <= "\u9fff" and extra not in _NOT_NAME_PARTS)
                  # a surname before it: 刘江涛's forms for 江涛, 杨振宇's for 振宇 (probe alt23 F4)
                  or (n.endswith(target) and len(n) == len(target) + 1 and n[0] in _SURNAMES)]
        if longer:
            return "absent", longer[0][1], 0.4
    # a person slot naming someone else, none naming the applicant: the name found
    # elsewhere on the page (部门负责人：<applicant> on a colleague's form) does not make
    # the page the applicant's
    foreign = [box for n, box in slots if same_name(n, target) == 0.0 and n[0] in _SURNAMES
               and len(set(n) & set(target)) < 2] if target else []  # not 超刚 (同志) of a wrapped 龚超刚
    if foreign and any(same_name(n, target) >= 0.7 for n, _ in slots):
        foreign = []

    def found(box: BBox) -> tuple[str, BBox | None, float]:
        if foreign and not any(b[1] < box[3] and box[1] < b[3] for b in foreign):  # none on the name's row
            return "elsewhere", foreign[0], 0.3
        return "present", box, 1.0

    # where a slot names someone else, the applicant's name signed under a copy's certification (此复印件与原件一致 /
    # 蒋文静 2024年10月8日 across a colleague's title certificate) is the certifier's, not the document's: the
    # applicant certifying a copy does not make it theirs (probe trust38 P13, P27: a person was asked to look)
    signed = (lambda box: bool(foreign) and _certifiers(page, box))  # noqa: E731
    compact = [name_key(line.text) for line in page.lines]
    for line, text in zip(page.lines, compact):
        if target and target in text and not signed(line.bbox):
            return found(line.bbox)
    # a name wrapped at the end of a line (…抚顺市环境科学研究院孙 / 洋玉同志发表的…)
    for line, a, b in zip(page.lines, compact, compact[1:]):
        if target and target in name_key(a + b) and not signed(line.bbox):  # 阿依古丽· / 买买提: the dot ends a line
            return found(line.bbox)
    if target and (box := _broken_in_its_cell(page, target)) is not None:
        return found(box)
    for text, box, names in rows:
        if target and target in name_key(text) and not signed(box):
            return found(box)  # a name split over two boxes
        for n in map(name_key, names):
            s = max((same_name(n[: len(target)], target), same_name(n, target)))
            if s > best[0]:
                best = (s, box)
            elif s == 0.0 and other[1] is None:
                other = (1.0, box)
    if best[0] >= 0.7:
        return "present", best[1], best[0]
    # an OCR-confusable spelling outside any slot
    if len(target) >= 2:
        for line, text in zip(page.lines, compact):
            if signed(line.bbox):
                continue
            for i in range(len(text) - len(target) + 1):
                if same_name(text[i:i + len(target)], target) >= 0.7 and text[i] == target[0]:
                    return "present", line.bbox, 0.7
    if best[0] > 0:
        return "absent", best[1], best[0]
    # one part of a minority name alone (阿依古丽 of 阿依古丽·买买提: the rest in a box not read, or the form
    # printing the given name only) is no other person's: a person must look (probe trust12)
    parts = {name_key(x) for x in re.split(rf"[\s{_NAME_DOTS}]+", name) if x}
    if len(parts) > 1 and (piece := next((box for n, box in slots if n in parts), None)) is not None:
        return "absent", piece, 0.4
    if other[1] is not None:
        return "other", other[1], other[0]
    return "absent", None, 0.0
