"""Probe round 27 (issue 13): APPLICANTS WHOSE UNITS ARE NOT IN 抚顺. Every earlier round drew units of 抚顺市 (its
districts, 抚顺县, 新宾, 清原); here the units lie anywhere, their pages probe_trust22's documents on probe_trust16's page
model (Leaf/stamp/scrawl), the ID numbers, addresses, the title certificate's HR bureau and the journal's affiliation
line of the unit's own place:

- other Liaoning cities' bureaus and branches (沈阳市生态环境局浑南分局, 大连市生态环境局金普新区分局: a district
  created in 2014, 鞍山市生态环境局铁东分局), provincial bodies (辽宁省生态环境监测中心, 辽宁省生态环境保护科技中心),
  a 自治州 and a 盟 (延边朝鲜族自治州生态环境局, 锡林郭勒盟生态环境局), an institute of CAS, a state enterprise's
  branch company (中国石油天然气股份有限公司抚顺石化分公司), a unit naming no place (生态环境部环境规划院), places
  sharing characters with others (铁东/铁西, 和平区 of 天津 and 沈阳, 朝阳市 against 北京市朝阳区 and 朝阳县);
- branches named after zones no region database holds (金普新区, 高新区), the city's character worn;
- clean seals worn (a character's strokes half gone, pieces lost all round), stamped faint, or over the print;
- planted: another body's seal one or two characters away (沈河分局 or 浑河分局 for 浑南分局, 铁西 for 铁东, 金州 for
  金普新区, 朝阳县 for 朝阳市, 沈阳市… for a 沈河区 body), a group's seal for its branch company or the reverse,
  another province's same-named body (吉林省… for 辽宁省…, 四平市…铁东分局, 沈阳市和平区… for 天津市和平区…), another
  city's zone branch with the city's character worn (南?市…高新区分局 for 沈阳市…高新区分局).

    PROBE_OUT=/tmp/trust27 python scripts/probe_trust27/make.py   # -> $PROBE_OUT/set, $PROBE_OUT/answer_key.json
    verify batch $PROBE_OUT/set -o OUT --workers 1 -q --cache /tmp/trust27-ocr.sqlite
    PROBE_OUT=/tmp/trust27 python scripts/probe_trust27/score.py OUT -v

Needs Pillow, numpy and the CJK fonts (fonts-wqy-zenhei, fonts-arphic-*); no realdata.
"""
from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

import numpy as np

sys.path.append(str(Path(__file__).resolve().parents[1]))
from probe_common import load_round  # noqa: E402

os.environ.setdefault("PROBE_OUT", "/tmp/trust27")
P22 = load_round(22)
T = P22.T
Leaf, MM = T.Leaf, T.MM
OUT = Path(os.environ["PROBE_OUT"])

# ------------------------------------------------------------ the applicant's place on the pages probe16/22 print
#: what the borrowed pages print of 抚顺, replaced by the dossier's own place (set per dossier by ``place``)
_SWAP: dict[str, str] = {}
_WEAR: dict = {}
_text0, _stamp0 = T.Leaf.text, T.stamp


def _text(self, x_mm, y_mm, s, *a, **k):
    for old, new in _SWAP.items():
        s = s.replace(old, new)
    return _text0(self, x_mm, y_mm, s, *a, **k)


def stamp27(leaf, cx_mm, cy_mm, name, r_mm=21, ink=(205, 35, 40), seed=0, purpose=""):
    """probe16's seal, the HR bureau's of the applicant's place; the unit's seals worn or faint as the dossier says:
    worn: pieces lost all round and the strokes of ``worn_at`` (character indices) half gone; faint: pale ink."""
    name = _SWAP.get(name, name)
    if name == _SWAP.get("抚顺市人力资源和社会保障局") or not _WEAR.get("mode") or _WEAR.get("only", name) != name:
        return _stamp0(leaf, cx_mm, cy_mm, name, r_mm, ink, seed, purpose)
    mode = _WEAR["mode"]
    r = r_mm * MM
    L, _, size, c, span = T.seal_mask(r, name)
    n = len(name)
    m = np.asarray(L, np.float32) / 255
    g = np.random.default_rng(T.rng("wear27", name, seed, mode).randrange(1 << 30))
    if "worn" in mode:
        m *= np.where(g.random(m.shape) < 0.22, 0.15, 0.85)
        yy, xx = np.mgrid[:size, :size]
        ang = (np.degrees(np.arctan2(xx - c, c - yy)) + 360) % 360  # clockwise from the top
        for i in _WEAR.get("worn_at", ()):
            a = (-span / 2 + span * (i + 0.5) / n) % 360
            sector = (np.abs((ang - a + 180) % 360 - 180) < span / n * 0.45) & (yy > c - r * 2)
            m *= np.where(sector & (g.random(m.shape) < 0.6), 0.05, 1.0)
    else:
        m *= np.where(g.random(m.shape) < 0.08, 0.3, 0.9)
    if "faint" in mode:
        m *= 0.5
    T.ink_over(leaf, m, cx_mm, cy_mm, ink)


T.Leaf.text = _text
T.stamp = P22.stamp = stamp27

#: a place: its HR body and title board, the ID card's address and issuing police, the journal's affiliation line,
#: an ID region code of the place
PLACES = {
    "沈阳": ("沈阳市人力资源和社会保障局", "沈阳市", "辽宁省沈阳市浑南区创新路", "沈阳市公安局浑南分局", "辽宁 沈阳 110167", "210112"),
    "沈河": ("沈阳市人力资源和社会保障局", "沈阳市", "辽宁省沈阳市沈河区青年大街", "沈阳市公安局沈河分局", "辽宁 沈阳 110013", "210103"),
    "大连": ("大连市人力资源和社会保障局", "大连市", "辽宁省大连市金州区友谊街道", "大连市公安局金普新区分局", "辽宁 大连 116100", "210213"),
    "鞍山": ("鞍山市人力资源和社会保障局", "鞍山市", "辽宁省鞍山市铁东区胜利南路", "鞍山市公安局铁东分局", "辽宁 鞍山 114001", "210302"),
    "辽宁": ("辽宁省人力资源和社会保障厅", "辽宁省", "辽宁省沈阳市皇姑区黄河北大街", "沈阳市公安局皇姑分局", "辽宁 沈阳 110031", "210105"),
    "延边": ("延边朝鲜族自治州人力资源和社会保障局", "延边州", "吉林省延吉市光明街", "延吉市公安局", "吉林 延吉 133000", "222401"),
    "锡盟": ("锡林郭勒盟人力资源和社会保障局", "锡林郭勒盟", "内蒙古自治区锡林浩特市额尔敦路", "锡林浩特市公安局", "内蒙古 锡林浩特 026000", "152502"),
    "北京": ("北京市人力资源和社会保障局", "北京市", "北京市朝阳区北辰东路", "北京市公安局朝阳分局", "北京 100101", "110105"),
    "天津": ("天津市人力资源和社会保障局", "天津市", "天津市和平区南京路", "天津市公安局和平分局", "天津 300041", "120101"),
    "朝阳": ("朝阳市人力资源和社会保障局", "朝阳市", "辽宁省朝阳市双塔区新华路", "朝阳市公安局双塔分局", "辽宁 朝阳 122000", "211302"),
    "西城": ("北京市人力资源和社会保障局", "北京市", "北京市西城区西直门内南小街", "北京市公安局西城分局", "北京 100035", "110102"),
    "鄂尔多斯": ("鄂尔多斯市人力资源和社会保障局", "鄂尔多斯市", "内蒙古自治区鄂尔多斯市康巴什区文化东路", "鄂尔多斯市公安局康巴什分局",
              "内蒙古 鄂尔多斯 017010", "150602"),
}


def place(key):
    hr, board, addr, police, post, _ = PLACES[key]
    _SWAP.clear()
    _SWAP.update({"抚顺市人力资源和社会保障局": hr, "经抚顺市工程系列中初级专业技术": f"经{board}工程系列中初级专业技术",
                  "辽宁省抚顺市新华街": addr, "抚顺市公安局": police, "辽宁 抚顺 113000": post, "；抚顺": ""})


UNITS = {  # key: (unit as claimed, place, unit_kind)
    "hunnan": ("沈阳市生态环境局浑南分局", "沈阳", "机关"),
    "jinpu": ("大连市生态环境局金普新区分局", "大连", "机关"),
    "tiedong": ("鞍山市生态环境局铁东分局", "鞍山", "机关"),
    "tiexi": ("鞍山市生态环境局铁西分局", "鞍山", "机关"),
    "lnjc": ("辽宁省生态环境监测中心", "辽宁", "事业单位"),
    "lnkj": ("辽宁省生态环境保护科技中心", "辽宁", "事业单位"),
    "yanbian": ("延边朝鲜族自治州生态环境局", "延边", "机关"),
    "xilin": ("锡林郭勒盟生态环境局", "锡盟", "机关"),
    "cas": ("中国科学院沈阳应用生态研究所", "沈阳", "事业单位"),
    "petro": ("中国石油天然气股份有限公司抚顺石化分公司", "辽宁", "企业"),
    "cnpc": ("中国石油天然气股份有限公司", "西城", "企业"),
    "caep": ("生态环境部环境规划院", "北京", "事业单位"),
    "tjhp": ("天津市和平区生态环境局", "天津", "机关"),
    "chaoyang": ("朝阳市生态环境局", "朝阳", "机关"),
    "bjcy": ("北京市朝阳区生态环境局", "北京", "机关"),
    "shenhe": ("沈阳市沈河区生态环境保护服务中心", "沈河", "事业单位"),
    "kangbashi": ("鄂尔多斯市生态环境局康巴什分局", "鄂尔多斯", "机关"),
    "gaoxin": ("沈阳市生态环境局高新区分局", "沈阳", "机关"),
}

NAMES = ["刘洋", "张婷", "王磊", "李静", "赵鹏", "孙丽", "周杰", "吴敏", "郑浩", "冯雪", "陈刚", "褚楠", "卫东", "蒋琳", "沈涛",
         "韩梅", "杨帆", "朱琳", "秦勇", "许晴", "何军", "吕娜", "施展", "张强", "孔洁", "曹阳", "严华", "金鑫", "魏巍", "陶然",
         "姜山", "戚薇", "谢宁", "邹凯", "喻晓", "柏林", "汪洋", "田甜", "范伟"]

SET = [
    # (key, unit key, wear: mode and worn characters, seals of other bodies by document, planted rule)
    ("C01", "hunnan", {"mode": "worn", "worn_at": (8,)}, {}, None),
    ("C02", "jinpu", {"mode": "faint"}, {}, None),
    ("C03", "tiedong", {"mode": "worn", "worn_at": (3,)}, {}, None),
    ("C04", "lnjc", {"mode": "worn faint"}, {}, None),
    ("C05", "lnkj", {"mode": "worn", "worn_at": (7,)}, {}, None),
    ("C06", "yanbian", {"mode": "worn", "worn_at": (4,)}, {}, None),
    ("C07", "xilin", {"mode": "faint"}, {}, None),
    ("C08", "cas", {"mode": "worn", "worn_at": (9,)}, {}, None),
    ("C09", "petro", {"mode": "worn", "worn_at": (15,)}, {}, None),
    ("C10", "caep", {"mode": "worn", "worn_at": (6,)}, {}, None),
    ("C11", "tjhp", {"mode": "faint"}, {}, None),
    ("C12", "chaoyang", {"mode": "worn", "worn_at": (1,)}, {}, None),
    ("C13", "bjcy", {"mode": "worn", "worn_at": (4,)}, {}, None),
    ("C14", "tiexi", {"mode": "worn faint"}, {}, None),
    ("C15", "shenhe", {"mode": "worn", "worn_at": (4,)}, {}, None),
    ("C16", "kangbashi", {"mode": "worn", "worn_at": (9,)}, {}, None),
    ("C17", "cnpc", {"mode": ""}, {}, None),
    # planted: one document stamped by another body
    ("P01", "hunnan", {"mode": "worn"}, {"pub": "沈阳市生态环境局沈河分局"}, "seal.unit"),
    ("P02", "hunnan", {"mode": ""}, {2022: "沈阳市生态环境局浑河分局"}, "seal.unit"),
    ("P03", "tiedong", {"mode": ""}, {"rec": "鞍山市生态环境局铁西分局"}, "seal.unit"),
    ("P04", "tiedong", {"mode": "faint"}, {2023: "四平市生态环境局铁东分局"}, "seal.unit"),
    ("P05", "shenhe", {"mode": ""}, {"pub": "沈阳市生态环境保护服务中心"}, "seal.unit"),
    ("P06", "petro", {"mode": ""}, {"rec": "中国石油天然气集团有限公司"}, "seal.unit"),
    ("P07", "cnpc", {"mode": ""}, {"pub": "中国石油天然气股份有限公司抚顺石化分公司"}, "seal.unit"),
    ("P08", "lnjc", {"mode": ""}, {2021: "吉林省生态环境监测中心"}, "seal.unit"),
    ("P09", "chaoyang", {"mode": ""}, {"pub": "朝阳县生态环境局"}, "seal.unit"),
    ("P10", "bjcy", {"mode": "worn"}, {"rec": "北京市海淀区生态环境局"}, "seal.unit"),
    ("P11", "cas", {"mode": ""}, {"pub": "中国科学院沈阳自动化研究所"}, "seal.unit"),
    ("P12", "caep", {"mode": ""}, {2022: "生态环境部环境发展中心"}, "seal.unit"),
    ("P13", "xilin", {"mode": ""}, {"pub": "锡林郭勒盟正蓝旗生态环境局"}, "seal.unit"),
    ("P14", "yanbian", {"mode": ""}, {"rec": "延边朝鲜族自治州自然资源局"}, "seal.unit"),
    ("P15", "jinpu", {"mode": ""}, {"pub": "大连市生态环境局金州分局"}, "seal.unit"),
    ("P16", "lnkj", {"mode": ""}, {2023: "辽宁省生态环境监测中心"}, "seal.unit"),
    ("P17", "tjhp", {"mode": ""}, {"pub": "沈阳市和平区生态环境局"}, "seal.unit"),
    ("P18", "chaoyang", {"mode": "worn"}, {2021: "北京市朝阳区生态环境局"}, "seal.unit"),
    ("P19", "shenhe", {"mode": "faint"}, {"rec": "沈阳市生态环境局"}, "seal.unit"),
    # a branch named after a zone no region database holds (高新区, 金普新区): the city's first character worn
    ("C18", "gaoxin", {"mode": "worn", "worn_at": (0,)}, {}, None),
    ("P20", "gaoxin", {"mode": "worn", "worn_at": (0,), "only": "南阳市生态环境局高新区分局"},
     {"pub": "南阳市生态环境局高新区分局"}, "seal.unit"),
    ("P21", "jinpu", {"mode": "worn", "worn_at": (1,), "only": "大庆市生态环境局金普新区分局"},
     {2022: "大庆市生态环境局金普新区分局"}, "seal.unit"),
]


def main():
    root = OUT / "set"
    if root.exists():
        shutil.rmtree(root)
    key = {}
    for i, (k, uk, wear, seals, planted) in enumerate(SET):
        unit, where, kind = UNITS[uk]
        place(where)
        _WEAR.clear()
        _WEAR.update(wear)
        base = P22.PEOPLE["C"]
        region = PLACES[where][5]
        birth = f"19{84 + i % 9}{1 + i % 12:02d}{10 + i % 18:02d}"
        seq = f"{100 + 7 * i:03d}"
        p = dict(base, name=NAMES[i], unit=unit, region=region, birth=birth, seq=seq, id=T.ric(region, birth, seq),
                 sex="男" if i % 2 else "女")
        v = {"ds": "cn", "seals": seals}
        P22.write(root / k, P22.dossier(p, v))
        (root / k / "applicant.yaml").write_text(P22.yaml_text(p, v).replace("unit_kind: 事业单位", f"unit_kind: {kind}"),
                                                 encoding="utf-8")
        key[k] = {"planted": planted, "pack": "place27", "person": uk,
                  "variant": {"unit": unit, "wear": str(wear), "seals": {str(a): b for a, b in seals.items()}}}
    (OUT / "answer_key.json").write_text(json.dumps(key, ensure_ascii=False, indent=1))
    print(len(key), "dossiers in", root)


if __name__ == "__main__":
    main()
