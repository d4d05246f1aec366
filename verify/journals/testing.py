"""A small registry for tests, built through the real importer from a list written
the way a press administration's export is (Chinese headers), plus one year of the
CAS warning list.

Numbers of real journals are real; ``辽宁化工测试`` and its CN ``21-1586/X`` (one
digit from 环境保护与循环经济's ``21-1556/X``) are made up to test near misses.
Two journals carry their founding year (创刊时间), the others none. ``环境科技`` is both
a former name of 环境保护与循环经济 and the current name of another journal, as in the
CNKI list.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

PRESS_LIST = """报刊名称,曾用刊名,国际标准连续出版物号,国内统一连续出版物号,主办单位,刊期,状态,停刊时间,创刊时间
生态学报,,1000-0933,11-2031/Q,中国生态学学会,半月刊,,,1981
环境保护与循环经济,辽宁城乡环境科技;环境科技,1674-1021,21-1556/X,辽宁省环境科学研究院,月刊,,,
环境科技,江苏环境科技,1674-4829,32-1786/X,江苏省环境科学研究院,双月刊,,,
环境科学,,0250-3301,11-1895/X,中国科学院生态环境研究中心,月刊,,,
环境化学,,0254-6108,11-1844/X,中国科学院生态环境研究中心,月刊,,,1982年
西南农业大学学报(社会科学版),,1672-5379,50-1211/G4,西南农业大学,双月刊,,,
辽宁化工测试,,1004-0935,21-1586/X,辽宁省化工学会,月刊,,,
山东环境,,1002-6088,37-1051/X,山东省环境保护科学研究设计院,双月刊,停刊,2008,
陕西环境,,1006-8678,61-1279/X,陕西省环境科学研究院,双月刊,停刊,,
中国环境管理干部学院学报,,,13-1268/X,中国环境管理干部学院,季刊,,,
某某集刊,,,,某出版社,年刊,,,
"""

WARNING_LIST = """Journal,预警等级（2021）
Complexity,中
Shock and Vibration,中
"""

AS_OF = dt.date(2023, 11, 30)


def small_registry(folder: Path, complete: bool = False) -> Path:
    """Write the lists under ``folder`` and build ``folder/registry.sqlite`` from them."""
    from verify.journals import importer, registry

    folder.mkdir(parents=True, exist_ok=True)
    (folder / "press_list.csv").write_text(PRESS_LIST, encoding="utf-8")
    (folder / "GJQKYJMD2021.csv").write_text(WARNING_LIST, encoding="utf-8")
    target = folder / "registry.sqlite"
    importer.import_list(folder / "press_list.csv", target, name="测试登记库", as_of=AS_OF, complete=complete)
    db = registry.create(target)
    with db:
        importer.write_warnings(db, importer.read_warning_list(folder / "GJQKYJMD2021.csv"))
    db.close()
    return target
