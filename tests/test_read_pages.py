"""Page classification, names and extracted fields on hand-built pages."""
import pytest

from ocr.model import OcrLine, OcrPage
from verify.read.classify import classify
from verify.read.dates import PartialDate
from verify.read.extract import find_assessment_grade, find_certificate_no, find_verification_code, read_page_facts
from verify.model import DOCUMENT_KINDS, Applicant, AwardClaim, PageRead, PaperClaim
from verify.read.names import name_on_page, names_on_page, person_slots


def page(*texts, title_size=1.0, height=1600):
    """Lines stacked from the top; the first line is the title, ``title_size``× taller."""
    lines, y = [], 80
    for i, t in enumerate(texts):
        h = 40 * (title_size if i == 0 else 1.0)
        lines.append(OcrLine(t, ((100, y), (100 + 30 * len(t), y), (100 + 30 * len(t), y + h), (100, y + h)), 0.95, i))
        y += h + 30
    return OcrPage(1200, height, lines)


PAGES = {
    "recommendation_form": ["抚顺市工程系列生态环境专业中级职称评审推荐表", "姓名 张伟 性别 男", "现专业技术资格 助理工程师",
                            "单位推荐意见", "单位负责人（签字）", "（盖章）", "2024年9月20日"],
    "publicity_result": ["关于张伟同志申报工程师职称的公示结果", "根据要求，我单位对张伟同志的申报材料进行了公示",
                         "公示时间：2024年9月23日至2024年9月29日", "公示期间无异议。", "抚顺市生态环境监测站", "2024年9月30日"],
    "annual_assessment": ["事业单位工作人员年度考核登记表", "（2022年度）", "姓名 张伟 单位 抚顺市生态环境监测站",
                          "个人总结", "本人认真履行岗位职责……", "考核等次 优秀", "单位负责人签字", "2023年1月15日"],
    "education_verification": ["教育部学历证书电子注册备案表", "在线验证码：AB3C7D9E1F2G5H6J", "姓名 张伟 性别 男",
                               "毕业院校 沈阳建筑大学", "学历层次 本科", "证书编号 101531201205001234"],
    "continuing_education": ["专业技术人员继续教育证书", "张伟同志", "参加2023年度公需科目学习", "完成学时 90 学时，成绩合格",
                             "特发此证", "2023年12月20日"],
    "award_certificate": ["荣誉证书", "张伟同志：", "在2022年度全市生态环境监测工作中成绩突出，", "荣获抚顺市生态环境系统先进个人称号",
                          "特发此证，以资鼓励。", "抚顺市生态环境局", "2023年1月18日"],
    "achievement_proof": ["项目验收意见", "项目名称：浑河抚顺段水质自动监测系统建设", "完成单位：抚顺市生态环境监测站",
                          "专家组听取了汇报，审阅了技术报告，", "一致同意通过验收。", "专家组组长（签字）", "2022年11月3日"],
    "journal_cover": ["环境保护与循环经济", "HUANJING BAOHU YU XUNHUAN JINGJI", "2022年第5期（月刊）",
                      "主管 辽宁省生态环境厅 主办 辽宁省环境科学学会", "ISSN 1674-1021", "CN 21-1556/X", "定价：15.00元"],
    "journal_toc": ["目 次", "抚顺地区大气PM2.5来源解析研究 ………… 张伟 (1)", "浑河流域水质变化趋势分析 ………… 李强 (6)",
                    "城市污水处理厂提标改造实践 ………… 王芳 (12)", "土壤重金属污染风险评价 ………… 赵敏 (18)",
                    "固体废物资源化利用探讨 ………… 刘洋 (24)"],
    "paper": ["抚顺地区大气PM2.5来源解析研究", "张伟", "（抚顺市生态环境监测站，辽宁 抚顺 113006）",
              "摘要：以抚顺地区2021年采集的PM2.5样品为对象……", "关键词：PM2.5；来源解析；抚顺",
              "中图分类号：X513 文献标识码：A 文章编号：1674-1021(2022)05-0001-05", "1 引言", "参考文献"],
    "retrieval_proof": ["论文检索证明", "经中国知网（CNKI）检索，下列论文被收录：", "题名：抚顺地区大气PM2.5来源解析研究",
                        "作者：张伟 刊名：环境保护与循环经济 2022年第5期", "检索人：李静", "抚顺市生态环境监测站人事科", "2024年9月10日"],
    "id_card": ["中华人民共和国", "居民身份证", "签发机关 抚顺市公安局新抚分局", "有效期限 2015.03.02-2035.03.02"],
    "title_certificate": ["专业技术资格证书", "姓名 张伟", "资格名称 助理工程师", "专业 环境监测",
                          "评审通过时间 2019年6月30日", "管理号 2019210400123", "辽宁省人力资源和社会保障厅"],
    "evaluation_form": ["专业技术资格评定表", "姓名 张伟", "申报资格 工程师", "评审委员会意见",
                        "参加评审委员人数 15 人，赞成票 13 票", "评委会主任（签字）"],
}


@pytest.mark.parametrize("kind", list(PAGES))
def test_classify_each_kind(kind):
    got, conf = classify(page(*PAGES[kind], title_size=1.6))
    assert got == kind
    assert 0.0 <= conf <= 1.0


@pytest.mark.parametrize("kind", list(PAGES))
def test_classify_without_size_cues(kind):
    """Titles the same size as the body (a phone photo, a text layer) still classify."""
    assert classify(page(*PAGES[kind]))[0] == kind


def _damage(text: str) -> str:
    """A crude OCR: drop every 7th character, confuse a few."""
    out = [c for i, c in enumerate(text) if i % 7 != 6]
    return "".join(out).replace("证", "讧").replace("表", "衣", 1)


@pytest.mark.parametrize("kind", ["annual_assessment", "award_certificate", "retrieval_proof", "title_certificate",
                                  "education_verification", "publicity_result", "journal_cover"])
def test_classify_tolerates_ocr_damage(kind):
    texts = [_damage(t) if i else t for i, t in enumerate(PAGES[kind])]
    assert classify(page(*texts, title_size=1.5))[0] == kind


@pytest.mark.parametrize("texts", [[], ["今天天气不错", "我们去公园散步"], ["发票", "金额 120.00 元", "开票日期 2023年5月1日"],
                                   ["会议纪要", "参会人员：全体职工", "会议讨论了下半年工作计划"]])
def test_unknown_pages_are_other(texts):
    kind, _ = classify(page(*texts))
    assert kind == "other"


def test_kinds_are_contract_kinds():
    for texts in PAGES.values():
        assert classify(page(*texts))[0] in DOCUMENT_KINDS


#: the unit's table of several years' results (trust exploration 7, C3: read as an achievement proof)
ASSESSMENT_TABLE = ["专业技术人员年度考核情况证明", "（近五年年度考核情况）",
                    "经查阅本单位人事档案，张伟同志近五年年度考核情况如下：", "序号 考核年度 考核结果 备注",
                    "1 2019年度 合格 已存档", "2 2020年度 合格 已存档", "3 2021年度 合格 已存档",
                    "以上情况属实，特此证明。", "抚顺市生态环境监测站", "2024年10月15日"]


@pytest.mark.parametrize("title_size", [1.0, 1.6])
def test_a_table_of_years_assessment_results_is_annual_assessment(title_size):
    assert classify(page(*ASSESSMENT_TABLE, title_size=title_size))[0] == "annual_assessment"


def test_a_proof_naming_several_years_is_not_an_assessment_table():
    texts = ["项目完成情况证明", "项目名称：浑河抚顺段水质自动监测系统建设", "项目实施期限：2020年度至2022年度",
             "张伟同志作为项目主要完成人，项目于2022年6月15日通过验收", "特此证明。"]
    assert classify(page(*texts))[0] == "achievement_proof"


# ------------------------------------------------------------------ names

@pytest.mark.parametrize("texts,state", [
    (["荣誉证书", "张伟同志："], "present"),
    (["荣誉证书", "张 伟 同志："], "present"),
    (["姓名：张伟"], "present"),
    (["姓名 张讳 性别 男"], "present"),  # OCR-confused character, lower score
    (["姓名：李强"], "other"),
    (["兹授予李强同志工程师资格"], "other"),
    (["李强同志：", "荣获先进个人"], "other"),
    (["荣誉证书", "荣获先进个人"], "absent"),
    (["姓名：张卫"], "absent"),  # one character away: OCR or another person, a person must look
    (["姓名 张卫 性别 男"], "absent"),
    # one character more in the slot (probe alt10: 王强华's award passed for 王强): a person must look
    (["荣誉证书", "张伟华同志："], "absent"),
    (["兹授予张伟华同志工程师资格"], "absent"),
    (["兹有张伟同志"], "present"),
    (["张伟等同志："], "present"),
    (["姓名 张伟别男"], "present"),  # 性 of 性别 lost: the sample's own evaluation form
    (["姓名 张伟·"], "present"),  # a speck read after it (base set p1)
    # wrapped at a line's end, its tail read as a name before 同志 (probe alt7: a clean proof went to review)
    (["经检索，抚顺市环境科学研究院张", "伟同志发表的下列论文被收录"], "present"),
    (["经检索，铁岭市生态环境事务服务中", "心张伟同志发表的下列论文被收录"], "present"),  # 心 of 中心 wrapped before it (alt8)
])
def test_name_on_page(texts, state):
    got, bbox, score = name_on_page(page(*texts), "张伟")
    assert got == state
    assert (bbox is None) == (score == 0.0)
    if got == "absent":
        assert score < 0.7


def test_confused_name_is_not_certain():
    _, _, score = name_on_page(page("姓名 张讳 性别 男"), "张伟")
    assert score < 0.8
    _, _, score = name_on_page(page("姓名：张伟"), "张伟")
    assert score == 1.0


@pytest.mark.parametrize("text,names", [
    ("姓名：李强", ["李强"]), ("姓 名 李 强 性 别 男", ["李强"]), ("兹授予王小明同志", ["王小明"]),
    ("欧阳晓峰同志：", ["欧阳晓峰"]), ("持证人：赵敏", ["赵敏"]), ("单位：抚顺市生态环境局", []),
    ("姓名", []),
    # an HR box's sentence about the applicant: 本人发表 is no author (trust exploration 8, 3b)
    ("经核对，以上论文为申报人本人发表，与原件一致。", []), ("作者本人承诺以上材料真实", []),
    # a patent certificate grants 专利权, no person (trust exploration 8, C11: 「姓名为「专利权」」)
    ("国家知识产权局依照中华人民共和国专利法进行初步审查，决定授予专利权，颁发实用", []),
])
def test_person_slots(text, names):
    assert person_slots(text) == names


# ------------------------------------------------------------------ fields

APPLICANT = Applicant(
    name="张伟", unit="抚顺市生态环境监测站", id_number="210402198805120019",
    papers=(PaperClaim(title="抚顺地区大气PM2.5来源解析研究", journal="环境保护与循环经济", issn="1674-1021",
                       cn="21-1556/X", date=PartialDate(2022, 5)),),
    awards=(AwardClaim(title="抚顺市生态环境系统先进个人", date=PartialDate(2023, 1)),),
)


def _read(kind):
    p = PageRead("x.jpg", 1, page(*PAGES[kind], title_size=1.6), kind=kind)
    read_page_facts(p, APPLICANT)
    return p


def test_journal_cover_facts():
    r = _read("journal_cover")
    assert r.issn == ["1674-1021"] and r.cn == ["CN 21-1556/X"]
    assert r.fields["journal"] == "环境保护与循环经济"
    assert [m.date.iso() for m in r.dates_with_role("publication")] == ["2022-05"]


def test_title_certificate_facts():
    r = _read("title_certificate")
    assert [m.date.iso() for m in r.dates_with_role("title_date")] == ["2019-06-30"]
    assert r.fields["certificate_no"] == "2019210400123"
    assert r.fields["title_name"] == "助理工程师"
    assert "张伟" in r.names


def test_education_verification_facts():
    r = _read("education_verification")
    assert r.fields["verification_code"] == "AB3C7D9E1F2G5H6J"


def test_annual_assessment_facts():
    r = _read("annual_assessment")
    assert r.fields["assessment_grade"] == "优秀"
    assert [m.date.year for m in r.dates_with_role("assessment_year")] == [2022]


def test_award_facts():
    r = _read("award_certificate")
    assert r.fields["award_title"] == "抚顺市生态环境系统先进个人"
    assert [m.date.iso() for m in r.dates_with_role("issue")] == ["2023-01-18"]


def test_publicity_facts():
    r = _read("publicity_result")
    assert [m.date.iso() for m in r.dates_with_role("publicity_start", "publicity_end")] == ["2024-09-23", "2024-09-29"]


def test_other_person_named():
    p = PageRead("x.jpg", 1, page("荣誉证书", "李强同志：", "荣获先进个人称号"), kind="award_certificate")
    read_page_facts(p, APPLICANT)
    assert p.names == ["李强"]


@pytest.mark.parametrize("text,value", [
    ("在线验证码：AB3C7D9E1F2G5H6J", "AB3C7D9E1F2G5H6J"), ("在线验证码 ab3c 7d9e 1f2g 5h6j", "AB3C7D9E1F2G5H6J"),
    ("学信网", None),
])
def test_verification_code(text, value):
    assert find_verification_code(text) == value


@pytest.mark.parametrize("text,value", [("证书编号：ZJ-2019-0012", "ZJ-2019-0012"), ("管理号 2019210400123", "2019210400123"), ("证书", None)])
def test_certificate_no(text, value):
    assert find_certificate_no(text) == value


@pytest.mark.parametrize("text,value", [("考核等次：优秀", "优秀"), ("考核结果 合 格", "合格"), ("考核等次 基本合格", "基本合格"), ("优秀党员", None),
                                        ("考核等次 优秀口 合格 基本合格口 不合格口", None)])  # the choices printed (trust exploration 8)
def test_assessment_grade(text, value):
    assert find_assessment_grade(text) == value


def test_dossier_index_is_not_a_journal_toc():
    texts = ["目录", "1. 辽宁省专业技术资格报评推荐表 …… 1", "2. 辽宁省专业技术资格评定表 …… 3", "3. 近三年年度考核表 …… 5",
             "4. 学历证书及学信网查询结果 …… 8", "5. 继续教育证明 …… 9", "6. 论文及检索证明 …… 10", "7. 身份证复印件 …… 15"]
    assert classify(page(*texts, title_size=1.6))[0] == "other"


@pytest.mark.parametrize("texts,kind", [
    (["辽宁省专业技术资格报评推荐表", "姓名 张伟"], "recommendation_form"),
    (["2023年度考核表", "姓名 张伟", "考核等次 合格"], "annual_assessment"),
    (["2024年度专业技术人员知识更新工程", "公需科目学时证明", "张伟 完成90学时"], "continuing_education"),
    (["居民身份证复印件", "姓名 张伟"], "id_card"),
    (["专业技术职务任职资格证书", "姓名 张伟", "工程师"], "title_certificate"),
    (["软件使用证明", "我单位使用了张伟开发的监测数据管理系统，效果良好"], "achievement_proof"),
    # a patent certificate is an achievement's certificate (trust exploration 8, C11: `other`)
    (["证书号第5389217号", "实用新型专利证书", "实用新型名称：一种便携式地表水采样与现场预处理装置", "发明人：张伟；孟庆伟",
      "专利号：ZL201721456789.3", "专利申请日：2017年11月03日", "专利权人：抚顺市生态环境监测站", "授权公告日：2019年03月12日",
      "国家知识产权局依照中华人民共和国专利法进行初步审查，决定授予专利权"], "award_certificate"),
    (["发明专利证书", "发明名称：一种水体重金属快速检测方法", "发明人：张伟", "专利号：ZL202010123456.7"], "award_certificate"),
    # a plan is no proof of learning done (probe alt10: it passed for the continuing-education proof)
    (["2024年度专业技术人员继续教育培训计划表", "姓名", "田健", "计划科目", "公需科目丶专业科目", "计划学时", "90学时",
      "备注：本表为年度学习计划，学习完成后以学时证明为准。"], "other"),
])
def test_classify_title_variants(texts, kind):
    assert classify(page(*texts, title_size=1.6))[0] == kind


def test_a_contents_page_whose_page_numbers_are_lines_of_their_own_is_a_contents_page():
    """A journal's 目次 with its ISSN and CN at the foot, each page number read as a line of
    its own (an independently made probe set): it was taken for the journal's cover."""
    texts = ["中国环境监测 2023年第3期", "目次", "农村生活污水分散处理模式比较", "76", "郝晨芳，周文晨", "城市生活垃圾渗滤液处理技术进展",
             "81", "郑芳霞，汤丽晨", "地表水中氨氮在线监测仪比对测定及质量控制", "96", "张梅，薛浩", "典型工业园区VOCs排放特征研究",
             "100", "郭远佳", "燃煤电厂超低排放改造效果评估", "105", "陆欣艳", "ISSN 1002-6002 CN 11-2861/X"]
    assert classify(page(*texts))[0] == "journal_toc"


def test_a_title_certificates_inner_pages_with_the_holders_id_number_are_no_id_card():
    """A certificate photographed open, both panels at once, its title on the cover not
    shown: 姓名, 性别, 出生年月 and 身份证号码 on the left panel made it an ID card (an
    independently made probe set), so the title date was never checked."""
    texts = ["系列", "工程系列", "专业", "环境监测", "资格名称", "助理工程师", "评审通过时间", "2018年10月26日", "姓名", "文兰国",
             "评审组织", "抚顺市工程系列中初级评委会", "性别", "女", "证书编号", "20182104097320", "出生年月", "1984年8月",
             "身份证号码", "210403198408159880", "工作单位", "抚顺市生态环境事务服务中心", "发证机关 (盖章)", "2019年1月3日"]
    assert classify(page(*texts))[0] == "title_certificate"


def _cells(*rows):
    """A ruled table as OCR returns it: one box per cell, rows 60 px apart."""
    lines, i = [], 0
    for r, cells in enumerate(rows):
        x = 100
        for text in cells:
            w = 40 * len(text)
            lines.append(OcrLine(text, ((x, 200 + 60 * r), (x + w, 200 + 60 * r), (x + w, 236 + 60 * r), (x, 236 + 60 * r)), 0.9, i))
            x += w + 60
            i += 1
    return OcrPage(1200, 1600, lines)


def test_name_in_table_cells():
    other = _cells(["年度考核登记表"], ["姓", "名", "李强", "性别", "男"], ["单位", "抚顺市生态环境监测站"])
    state, bbox, _ = name_on_page(other, "张伟")
    assert state == "other" and bbox[1] == 260
    mine = _cells(["年度考核登记表"], ["姓", "名", "张伟", "性别", "男"])
    assert name_on_page(mine, "张伟")[0] == "present"
    split = _cells(["荣誉证书"], ["欧阳", "晓峰同志："])
    assert name_on_page(split, "欧阳晓峰")[0] == "present"


@pytest.mark.parametrize("label", ["姓名Name", "姓名 Name", "姓名/Name：", "姓名 Full Name"])
def test_a_bilingual_forms_name_slot_names_its_person(label):
    """A 中英对照 verification report labels the slot 姓名 Name: the name after it is the person's (probe trust16 P12:
    韩雪娟 there was no slot's name, and the report said it read no name at all)."""
    other = _cells(["教育部学历证书电子注册备案表"], [label, "李强", "Li Qiang"], ["性别 Gender", "男 Male"])
    assert name_on_page(other, "张伟")[0] == "other"
    mine = _cells(["教育部学历证书电子注册备案表"], [label, "张伟", "Zhang Wei"])
    assert name_on_page(mine, "张伟")[0] == "present"


@pytest.mark.parametrize("value", ["{} {}", "{}{}", "{}{upper}"])
def test_a_bilingual_forms_name_glued_to_its_pinyin_is_the_slots_name(value):
    """A desk photo of a 学信网 report read 「姓名Name」 「韩雪娟Han Xuemei」: the name glued to its pinyin was no slot's
    name, so another person's name on it was only 「未识别到申报人姓名」 (probe trust18 P14)."""
    cell = lambda name, pinyin: value.format(name, pinyin, upper=pinyin.upper())
    other = _cells(["教育部学历证书电子注册备案表"], ["姓名Name", cell("韩雪娟", "Han Xuemei")], ["性别Gender", "女Female"])
    assert names_on_page(other) == ["韩雪娟"]
    assert name_on_page(other, "韩雪梅")[0] == "absent" and name_on_page(other, "韩雪梅")[1] is not None  # one apart: weighed
    assert name_on_page(other, "张伟")[0] == "other"
    mine = _cells(["教育部学历证书电子注册备案表"], ["姓名Name", cell("韩雪梅", "Han Xuemei")], ["性别Gender", "女Female"])
    assert name_on_page(mine, "韩雪梅")[0] == "present"


def test_a_label_ending_in_xingming_is_no_name_and_the_name_after_it_is():
    """学员姓名 / 获奖人姓名: the slot 学员 caught 「姓名」 as a name, so a table head glossed in English (学员姓名 Student
    Name) named another person, 「姓名」, where the applicant's name was not read, and the name after such a label
    was lost."""
    assert name_on_page(page("培训证明", "学员姓名 Student Name", "学时 24"), "张伟")[0] == "absent"
    assert name_on_page(page("培训证明", "学员姓名：王强", "学时 24"), "张伟")[0] == "other"
    assert name_on_page(page("获奖证书", "获奖人姓名 张伟"), "张伟")[0] == "present"


@pytest.mark.parametrize("text, state", [
    ("姓名：买买提江吐尔逊", "present"),  # the HR forms of probe alt18 C11: no dot
    ("姓名：买买提江.吐尔逊", "present"),  # the continuing-education platform: a full stop
    ("姓名：买买提江•吐尔逊", "present"),
    ("姓名：买买提江・吐尔逊 性别：男", "present"),
    ("兹证明 买买提江 ‧ 吐尔逊 同志参加", "present"),
    ("姓名：买买提江·艾尔肯 性别：男", "other"),  # another part: another person
    ("姓名：艾尔肯·吐尔逊", "other"),
])
def test_a_minority_names_parts_are_one_name_whatever_joins_them(text, state):
    assert name_on_page(page("年度考核登记表", text), "买买提江·吐尔逊")[0] == state


@pytest.mark.parametrize("texts", [
    ["专业技术资格申报材料", "（主卷）", "姓名：张伟", "工作单位：抚顺市生态环境监测站", "申报资格：工程师"],
    ["聘任证书", "兹聘任张伟同志为助理工程师", "聘期三年", "抚顺市生态环境监测站", "2019年7月1日"],
    ["毕业证书", "学生张伟，性别男，于2006年9月至2010年7月在本校环境工程专业四年制本科学习，成绩合格，准予毕业。", "证书编号：101531201005001234"],
    ["学士学位证书", "张伟，男，1988年5月12日生。在沈阳建筑大学环境工程专业完成了本科学习计划，授予工学学士学位。"],
    ["工作证明", "兹证明张伟同志自2010年7月至今在我单位从事环境监测工作。", "特此证明。"],
    # a 户口簿's 常住人口登记卡 copied for the ID card (probe trust36 P01: classified id_card, the missing card passed)
    ["常住人口登记卡", "姓名 张伟 户主或与户主关系 户主", "曾用名 性别 男", "出生地 辽宁省抚顺市 民族 汉",
     "籍贯 辽宁抚顺 出生日期 1988年5月12日", "公民身份证件编号 210402198805120012", "服务处所 抚顺市生态环境监测站",
     "承办人签章： 登记日期：2015年3月12日"],
    ["居民户口簿", "户别 家庭户 户主姓名 张伟", "户号 012345678", "住址 辽宁省抚顺市望花区和平路东段27号",
     "公民身份号码 210402198805120012"],
])
def test_look_alike_pages_are_other(texts):
    """A diploma is not the 学信网 verification, a dossier cover not a title certificate:
    classifying them as a required kind would hide a missing document."""
    assert classify(page(*texts, title_size=1.6))[0] == "other"


@pytest.mark.parametrize("texts", [
    ["节能与环保", "2023年第5期", "主管：中国科学技术协会", "CN 11-4454/TK", "主办：北京节能环保中心"],  # no ISSN
    ["节能与环保", "2023年第5期", "主管：中国科学技术协会", "ISSN 1009-539X", "主办：北京节能环保中心"],  # no CN
    ["节能与环保", "2023年第5期", "主管：中国科学技术协会", "主办：北京节能环保中心"],  # neither
    # neither, the volume between year and issue as many covers print it
    ["节能与环保", "2022年 第42卷 第5期", "主管：中国科学技术协会", "主办：北京节能环保中心"],
    ["节能与环保", "Vol. 42, No. 5", "主管：中国科学技术协会", "主办：北京节能环保中心"],
])
def test_cover_missing_an_identifier_is_still_a_cover(texts):
    """A planted 'no ISSN' cover must stay a journal cover, or the defect is reported
    as a missing cover on no page instead of on the page itself."""
    assert classify(page(*texts, title_size=2.5))[0] == "journal_cover"


def test_a_cover_printing_its_numbers_in_full_width_is_a_cover():
    """ＩＳＳＮ　１０００－６９２３ and ＣＮ　１１－２２０１／Ｘ as a word processor's full-width mode types them (probe
    trust35, C01: the born-digital cover was `other`, its ISSN not found, journal.issn failed a clean applicant)."""
    texts = ["中国环境科学", "CHINA ENVIRONMENTAL SCIENCE", "2022年 第42卷 第5期", "本期导读", "区域大气污染联防联控机制研究进展",
             "流域水环境容量核算方法比较", "主管：中国科学技术协会", "主办：中国环境科学学会", "ＩＳＳＮ\u3000１０００－６９２３",
             "ＣＮ\u3000１１－２２０１／Ｘ"]
    assert classify(page(*texts, title_size=2.5))[0] == "journal_cover"


def test_a_cover_letter_sending_the_materials_is_no_document_of_the_dossier():
    """The unit's 报送函 first in a dossier's PDF, naming the documents it encloses (probe trust12, C02): it was
    classified an annual assessment form, whose year and seal were then reviews on a clean dossier."""
    texts = ["关于报送欧阳晓明同志专业技术资格评审材料的函", "抚顺市生态环境局：",
             "现将我单位欧阳晓明同志申报工程师专业技术资格的评审材料报送你局，包括专业技术职务任职资格评审推荐表、",
             "年度考核登记表、学历证书电子注册备案表、继续教育学时证明、身份证复印件、论文及检索证明等，请审核。",
             "抚顺市环境科学研究院", "2024年10月28日"]
    assert classify(page(*texts, title_size=1.3))[0] == "other"


@pytest.mark.parametrize("title, role", [
    ("2021—2022年度专业技术人员年度考核登记表", "assessment_span"), ("（2021至2022年度）", "assessment_span"),
    ("2021年-2022年度考核表", "assessment_span"), ("（2022年度）", "assessment_year"), ("2022年度考核登记表", "assessment_year")])
def test_a_form_over_two_years_has_no_year_of_its_own(title, role):
    """2021—2022年度 on an annual form counted as 2022's (probe trust12): 2021 was then missing, or the form stood
    for 2022 beside a 2021 form. A span's last year is an ``assessment_span``, its first no year of the form's."""
    p = page("专业技术人员年度考核登记表", title, "姓名 张伟 性别 男", "单位 抚顺市生态环境监测站", "考核等次：合格", "2023年1月10日",
             title_size=1.5)
    r = PageRead("a.jpg", 1, p, kind="annual_assessment", kind_score=0.9)
    read_page_facts(r)
    assert [m.date.year for m in r.dates_with_role(role)] == [2022]
    assert [m.date.year for m in r.dates_with_role("assessment_year")] == ([2022] if role == "assessment_year" else [])


@pytest.mark.parametrize("shown, state", [
    ("阿依古丽．买买提", "present"), ("阿依古丽-买买提", "present"), ("阿依古丽－买买提", "present"),
    ("热依拉-买买提", "other"), ("阿依古丽·买买江", "absent")])
def test_a_minority_names_dot_printed_as_a_full_width_period_or_a_dash(shown, state):
    """An HR system prints the dot of 阿依古丽·买买提 as ．, or OCR reads it as a dash (probe trust12): no name was
    read on the form at all; another person's dotted name is still another person's."""
    p = page("2022年度考核登记表", f"姓名 {shown} 性别 女", "单位 抚顺市生态环境监测站", "考核等次：合格")
    assert name_on_page(p, "阿依古丽·买买提")[0] == state


@pytest.mark.parametrize("shown, state", [("阿依古丽", "absent"), ("买买提", "absent"), ("热依拉", "other")])
def test_one_part_of_a_minority_name_alone_is_no_other_person(shown, state):
    """阿依古丽 alone in the name slot of 阿依古丽·买买提's form (the rest in a box not read, or the given name only)
    was another person named surely: a fail of identity.name on a clean dossier (probe trust12)."""
    p = page("2022年度考核登记表", f"姓名 {shown} 性别 女", "单位 抚顺市生态环境监测站", "考核等次：合格")
    assert name_on_page(p, "阿依古丽·买买提")[0] == state


@pytest.mark.parametrize("texts", [
    ["专业技术资格评审申报材料真实性承诺书", "本人郑重承诺：本人所提交的专业技术职务任职资格评审推荐表、年度考核登记表、学历证书、",
     "继续教育证明、论文及检索证明、获奖证书等申报材料均真实有效，如有弄虚作假，自愿承担一切责任。", "承诺人（签字）：", "2024年10月20日"],
    ["申报材料审核表", "姓名 张伟 单位 抚顺市生态环境监测站", "审核项目：推荐表 考核表 学历 继续教育 论文 检索证明",
     "审核结论：材料齐全，同意上报", "审核人：李红", "2024年10月25日"]])
def test_a_pledge_or_a_check_of_the_materials_is_no_document_of_the_dossier(texts):
    """真实性承诺书 naming the materials was taken for a title certificate (its seal, date and level then judged), and
    a 申报材料审核表 for a retrieval proof (probe trust12, text level)."""
    assert classify(page(*texts, title_size=1.4))[0] == "other"


def test_a_report_of_the_publicity_naming_the_materials_is_still_the_publicity_result():
    """关于上报…评审材料公示情况的报告 names what was publicised: it is the 公示结果, not a cover letter (it would have
    been missing, a fail of dossier.required)."""
    texts = ["关于上报张伟同志职称评审材料公示情况的报告", "我单位对张伟同志的推荐表、年度考核表、学历证书、继续教育证明、论文等申报材料进行了公示，",
             "公示时间：2024年10月14日至10月18日，公示期间无异议。", "抚顺市生态环境监测站", "2024年10月21日"]
    assert classify(page(*texts, title_size=1.4))[0] == "publicity_result"


#: an enterprise's own yearly table, as the page recogniser read it (probe trust14, C43: no 考核登记表 title; it was
#: `other` and joined the publicity page before it, and every year's form was missing)
ENTERPRISE_ASSESSMENT = ["北京中导开源科技有限公司", "员工绩效考核结果表", "考核年度", "2021年", "部门", "环保技术部", "姓名",
                         "张伟", "岗", "位", "环保工程师", "入职时间", "2012年7月", "职称", "助理工程师", "年度工作完成情况：",
                         "完成污水处理站运行管理、排污许可执行报告编制及环保设施验收工作。", "员工签字：", "部门评价：",
                         "考核结果：", "称职", "部门负责人签字：", "人力资源部盖章）", "2022年1月12日"]


@pytest.mark.parametrize("title_size", [1.0, 1.5])
def test_an_enterprises_own_yearly_table_is_an_annual_assessment(title_size):
    texts = [ENTERPRISE_ASSESSMENT[1], ENTERPRISE_ASSESSMENT[0], *ENTERPRISE_ASSESSMENT[2:]] if title_size > 1 \
        else ENTERPRISE_ASSESSMENT
    p = PageRead("x.pdf", 3, page(*texts, title_size=title_size))
    p.kind, _ = classify(p.ocr)
    assert p.kind == "annual_assessment"
    read_page_facts(p, APPLICANT)
    assert [m.date.year for m in p.dates_with_role("assessment_year")] == [2021]
    assert p.fields["assessment_grade"] == "称职"


def test_a_publicity_result_is_not_taken_for_an_enterprises_assessment_table():
    assert classify(page(*PAGES["publicity_result"]))[0] == "publicity_result"


#: a recommendation form printed in traditional characters (a Hong Kong or Macao form), as the recogniser read it
TRADITIONAL_RECOMMENDATION = ["專業技術資格評審推薦表", "推薦單位：撫順市生態環境監測站", "姓名", "張偉", "現專業技術資格",
                              "助理工程師", "單位推薦意見：", "該同志申報材料真實有效，經公示無異議，同意推薦。",
                              "申報人簽字：", "單位負責人簽字：", "（單位蓋章）", "2024年10月22日"]


def test_a_page_printed_in_traditional_characters_is_read_in_simplified_ones():
    from types import SimpleNamespace

    from verify.run.pipeline import read_page

    result = SimpleNamespace(index=1, ocr=page(*TRADITIONAL_RECOMMENDATION, title_size=1.5), image=None)
    read = read_page("x.pdf", result, APPLICANT, None, {})
    assert read.kind == "recommendation_form"
    assert read.ocr.lines[0].text == "专业技术资格评审推荐表" and "单位负责人签字：" in read.ocr.text
    assert result.ocr.lines[0].text == "專業技術資格評審推薦表"  # the page read is not changed in place


def test_a_name_broken_over_its_cells_line_break_is_the_applicants():
    """Probe trust19 C11, C12: a 推荐表 printing 韩雪 / 梅 in its narrow 姓名 box, the form's other cells read between the
    two lines: identity.name reviewed a clean form as 「识别为“韩雪”，不是“韩雪梅”」."""
    def at(text, x, y, w, i):
        return OcrLine(text, ((x, y), (x + w, y), (x + w, y + 36), (x, y + 36)), 0.99, i)

    lines = [at("姓名", 120, 196, 60, 0), at("性别", 460, 196, 60, 1), at("韩雪", 300, 214, 70, 2), at("女", 560, 220, 30, 3),
             at("1987年11月", 820, 220, 140, 4), at("梅", 302, 262, 36, 5)]
    got, bbox, _ = name_on_page(OcrPage(1240, 1754, lines), "韩雪梅")
    assert got == "present" and bbox[1] == 214 and bbox[3] == 298, (got, bbox)
    # the rest under another cell is not the name's
    lines[-1] = at("梅", 820, 262, 36, 5)
    assert name_on_page(OcrPage(1240, 1754, lines), "韩雪梅")[0] != "present"


@pytest.mark.parametrize("heading", ["三、年度考核登记表（2021—2023年度）", "一、专业技术资格评审推荐表", "四、公示结果",
                                     "附件5 学历证书电子注册备案表", "九、论文及论文收录检索证明"])
def test_a_section_divider_is_no_document_of_the_dossier(heading):
    """A coloured divider sheet bound before each part of the dossier's PDF, printing only the part's name (probe
    trust20, C07): each was judged as the form it names, five seal fails and six name reviews on a clean dossier."""
    from verify.read.classify import continue_documents

    at = lambda y, t: OcrLine(t, ((200, y), (200 + 40 * len(t), y), (200 + 40 * len(t), y + 70), (200, y + 70)), 0.96)
    divider = OcrPage(1240, 1754, [at(760, heading), at(1660, "- 7 -")])
    assert classify(divider)[0] == "other"
    # nor does it continue the document before it in the file
    prev = PageRead("a.pdf", 4, page(*PAGES["recommendation_form"]), kind="recommendation_form", kind_score=0.9)
    cur = PageRead("a.pdf", 5, divider, kind="other", kind_score=0.6)
    assert continue_documents([prev, cur]) == [] and cur.kind == "other"


@pytest.mark.parametrize("kind", ["annual_assessment", "title_certificate", "recommendation_form"])
def test_a_form_whose_title_alone_is_read_at_its_top_is_still_that_form(kind):
    """Only a heading set below the sheet's top is a divider: a faint form whose title alone was read keeps its kind."""
    assert classify(page(PAGES[kind][0], title_size=1.5))[0] == kind
