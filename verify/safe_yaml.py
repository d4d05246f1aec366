"""YAML (and JSON) from people we do not trust, read within limits.

``applicant.yaml`` comes with the applicant's dossier; a campaign file from the
reviewer. Both are read with :func:`load`, which refuses, with a message in Chinese,
what would exhaust the machine before it is built: a file over ``max_bytes``, more
than ``max_aliases`` aliases (the "billion laughs" bomb: a few hundred bytes of
``&a [*b, *b, ...]`` that expand to gigabytes), a document that would expand to more
than ``max_nodes`` nodes or ``max_chars`` characters, a recursive alias, or nesting
deeper than ``max_depth``. Timestamps stay text (``2019-13-45`` is reported by its
field, not as a parser crash).

>>> load("name: 张伟\\ndate: 2019-06-30\\n", "applicant.yaml")
{'name': '张伟', 'date': '2019-06-30'}
>>> bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\\n" + "".join(
...     f"{chr(98 + i)}: &{chr(98 + i)} [" + ", ".join([f"*{chr(97 + i)}"] * 10) + "]\\n" for i in range(8))
>>> load(bomb, "applicant.yaml")
Traceback (most recent call last):
...
verify.safe_yaml.UnsafeYaml: applicant.yaml：引用（YAML 别名）展开后内容过多，已拒绝（疑似恶意构造的文件）
>>> load("a: &a [*a]\\n", "applicant.yaml")
Traceback (most recent call last):
...
verify.safe_yaml.UnsafeYaml: applicant.yaml：含有自我引用的 YAML 别名，已拒绝

A character YAML does not allow (NUL, ESC, DEL, U+FFFE) is named by where it is:

>>> load("name: 张伟\\nunit: \\x1b某单位\\n", "applicant.yaml")
Traceback (most recent call last):
...
verify.safe_yaml.UnsafeYaml: applicant.yaml：第 2 行第 7 个字符为不可见的控制字符（U+001B），请删除后重新保存

A long file without a single alias is no bomb, and is not called one (1,850 papers):

>>> load("papers:\\n" + "- {title: 论文, journal: 期刊, date: 2020-01}\\n" * 3000, "applicant.yaml")
Traceback (most recent call last):
...
verify.safe_yaml.UnsafeYaml: applicant.yaml：填写的项目过多（论文、获奖等条目远超申报所需），已拒绝，请只填写本次申报的材料
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass

import yaml
from yaml.nodes import MappingNode, SequenceNode

from ocr.errors import os_reason


class UnsafeYaml(ValueError):
    """The text breaks a limit or is not YAML/JSON; the message (Chinese) says which."""


@dataclass(frozen=True)
class YamlLimits:
    max_bytes: int = 256 << 10
    max_aliases: int = 100
    max_nodes: int = 20_000
    max_chars: int = 1 << 20
    max_depth: int = 32


class _Refused(Exception):
    pass


class _Duplicate(Exception):
    """A key given twice in one mapping: which value counts would be the parser's
    choice, not the writer's (unit_kind: 事业单位 at the top, 企业 forty lines lower)."""


class _Loader(yaml.SafeLoader):
    """The safe loader, no implicit timestamps, counting aliases and depth as it
    composes."""

    limits = YamlLimits()

    def __init__(self, stream):
        super().__init__(stream)
        self._aliases = 0
        self._depth = 0
        self._duplicates: list[str] = []  # every key given twice, said at once

    def construct_mapping(self, node, deep=False):
        if isinstance(node, yaml.MappingNode):
            seen = set()
            for key_node, _ in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    # a merge key sets fields out of sight of the key it overrides
                    # (unit_kind: 事业单位 above, <<: {unit_kind: 企业} below: probe alt23 F5)
                    raise _Refused("merge")
                key = self.construct_object(key_node, deep=True)
                try:
                    if key in seen:
                        self._duplicates.append(f"{key}（第 {key_node.start_mark.line + 1} 行）")
                    seen.add(key)
                except TypeError:  # an unhashable key: the base loader says so
                    pass
        return super().construct_mapping(node, deep=deep)

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            self._aliases += 1
            if self._aliases > self.limits.max_aliases:
                raise _Refused("aliases")
        self._depth += 1
        try:
            if self._depth > self.limits.max_depth:
                raise _Refused("depth")
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def _no_sexagesimal(tag: str, rx):
    """YAML 1.1's base-60 numbers (``2019:06:06`` is the integer 7268766) are text here:
    a date typed with colons was refused as 「'7268766' 无法识别」 (hostile exploration 3)."""
    if tag in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float"):
        return tag, re.compile(r"(?![^:]*:)" + rx.pattern, rx.flags)
    return tag, rx


class WrittenFloat(float):
    """A YAML float that keeps the text it was written as: an unquoted ``date: 2019.10``
    is the float 2019.1 (January or October?), but its writer typed 2019.10, and an HR
    office types dates so (probe trust16: every dossier whose ``applicant.yaml`` said
    ``date: 2019.12`` was an error row). A reader that wants what was typed asks ``written``.

    >>> value = load("date: 2019.10", "applicant.yaml")["date"]
    >>> value == 2019.1, value.written
    (True, '2019.10')
    """

    written: str


def _construct_float(loader, node):
    value = WrittenFloat(yaml.SafeLoader.construct_yaml_float(loader, node))
    value.written = str(node.value)
    return value


_Loader.add_constructor("tag:yaml.org,2002:float", _construct_float)

_Loader.yaml_implicit_resolvers = {
    first: [_no_sexagesimal(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _expanded(node, limits: YamlLimits) -> None:
    """Refuse a node graph whose tree (aliases expanded) is too big or cyclic."""
    memo: dict[int, tuple[int, int]] = {}
    active: set[int] = set()

    def size(n) -> tuple[int, int]:
        key = id(n)
        if key in memo:
            return memo[key]
        if key in active:
            raise _Refused("recursive")
        active.add(key)
        nodes, chars = 1, 0
        if isinstance(n, SequenceNode):
            children = n.value
        elif isinstance(n, MappingNode):
            children = [c for pair in n.value for c in pair]
        else:
            children = ()
            chars = len(str(n.value))
        for child in children:
            c_nodes, c_chars = size(child)
            nodes += c_nodes
            chars += c_chars
            if nodes > limits.max_nodes or chars > limits.max_chars:
                raise _Refused("expansion")
        active.discard(key)
        memo[key] = (nodes, chars)
        return nodes, chars

    size(node)


_REASONS = {
    "aliases": "YAML 别名（引用）过多，已拒绝（疑似恶意构造的文件）",
    "expansion": "引用（YAML 别名）展开后内容过多，已拒绝（疑似恶意构造的文件）",
    "recursive": "含有自我引用的 YAML 别名，已拒绝",
    "items": "填写的项目过多（论文、获奖等条目远超申报所需），已拒绝，请只填写本次申报的材料",
    "depth": "嵌套层级过深，已拒绝",
    "merge": "使用了 YAML 合并键（<<），字段的取值无法一眼看出，已拒绝，请直接逐项填写",
}


def _too_big(source: str, size: int, limits: YamlLimits) -> UnsafeYaml:
    return UnsafeYaml(f"{source}：文件过大（{size / 1024:.0f} KB，上限 {limits.max_bytes / 1024:.0f} KB），"
                      "请只填写申报信息")


def _unprintable(text: str, exc: yaml.reader.ReaderError, source: str) -> UnsafeYaml:
    """Where the character YAML refuses is, for a person who cannot see it (hostile
    exploration 2 P8: ESC in a name gave an English ``ReaderError`` and a traceback)."""
    at = exc.position
    line = text.count("\n", 0, at) + 1
    column = at - (text.rfind("\n", 0, at) + 1) + 1
    code = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "\0")
    return UnsafeYaml(f"{source}：第 {line} 行第 {column} 个字符为不可见的控制字符（U+{code:04X}），"
                      "请删除后重新保存")


def _unknown_tag(exc: yaml.YAMLError) -> str | None:
    """The tag the safe loader has no constructor for, as it was written (``!!python/…``,
    ``!custom``), shortened; None for any other error. It was told 「格式错误，无法解析」,
    as if a colon were missing.

    >>> try: load("name: !!python/object/apply:os.system ['id']", "applicant.yaml")
    ... except UnsafeYaml as e: print(e)
    applicant.yaml：含有不允许的标签 !!python/object/apply:os.system（第 1 行附近），未读取；请只填写文字、数字和日期
    """
    if not isinstance(exc, yaml.constructor.ConstructorError):
        return None
    found = re.search(r"constructor for the tag '([^']{1,200})'", str(getattr(exc, "problem", "") or ""))
    if found is None:
        return None
    tag = found.group(1)
    tag = "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org,2002:") else tag
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in tag[:80])


def load(text: str, source: str, limits: YamlLimits = YamlLimits()):
    """The data of one YAML document, or :class:`UnsafeYaml`."""
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > limits.max_bytes:
        raise _too_big(source, size, limits)
    loader_class = type("_LimitedLoader", (_Loader,), {"limits": limits})
    try:
        # PyYAML checks every character as the loader is made, before any limit of ours
        loader = loader_class(text)
    except yaml.reader.ReaderError as exc:
        raise _unprintable(text, exc, source) from None
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _expanded(node, limits)
        data = loader.construct_document(node)
        if loader._duplicates:  # every one of them, not the first only (hostile exploration)
            raise _Duplicate("、".join(loader._duplicates))
        return data
    except _Refused as exc:
        reason = str(exc)
        if reason == "expansion" and not loader._aliases:  # long, not a bomb: no alias to expand
            raise UnsafeYaml(f"{source}：{_REASONS['items']}") from None
        raise UnsafeYaml(f"{source}：{_REASONS[reason]}") from None
    except _Duplicate as exc:
        raise UnsafeYaml(f"{source}：字段重复出现：{exc}，无法确定以哪一处为准，请删去重复的字段") from None
    except RecursionError:
        raise UnsafeYaml(f"{source}：{_REASONS['depth']}") from None
    except ValueError:  # an integer of more digits than Python converts (probe alt23 F14)
        raise UnsafeYaml(f"{source}：含有过长的数字，无法解析，请检查填写的号码") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"（第 {mark.line + 1} 行附近）" if mark is not None else ""
        if tag := _unknown_tag(exc):  # !!python/object/apply:os.system: refused, said as such
            raise UnsafeYaml(f"{source}：含有不允许的标签 {tag}{where}，未读取；请只填写文字、数字和日期") from None
        raise UnsafeYaml(f"{source}：格式错误，无法解析{where}") from None
    finally:
        loader.dispose()


def load_json(text: str, source: str, limits: YamlLimits = YamlLimits()):
    """The data of a JSON text within the same size and depth limits."""
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > limits.max_bytes:
        raise _too_big(source, size, limits)
    def unique(pairs):
        data = dict(pairs)
        if len(data) < len(pairs):  # keys.count(k) for each key took 10.6 s over 27,000 keys (hostile exploration 10)
            seen = set()
            raise _Duplicate(next(k for k, _ in pairs if k in seen or seen.add(k)))
        return data

    try:
        data = json.loads(text, object_pairs_hook=unique)
    except _Duplicate as exc:
        raise UnsafeYaml(f"{source}：字段重复出现：{exc}，无法确定以哪一处为准，请删去重复的字段") from None
    except RecursionError:
        raise UnsafeYaml(f"{source}：{_REASONS['depth']}") from None
    except json.JSONDecodeError as exc:
        raise UnsafeYaml(f"{source}：格式错误，无法解析（第 {exc.lineno} 行附近）") from None
    except ValueError:  # an integer of more digits than Python converts, as in YAML
        raise UnsafeYaml(f"{source}：含有过长的数字，无法解析，请检查填写的号码") from None

    def depth(value, level: int = 1) -> None:
        if level > limits.max_depth:
            raise UnsafeYaml(f"{source}：{_REASONS['depth']}")
        children = value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()
        for child in children:
            depth(child, level + 1)

    depth(data)
    return data


def read_limited(path, source: str, limits: YamlLimits = YamlLimits()) -> str:
    """A small text file's content: a regular file (no link, FIFO or device), at most
    ``max_bytes``, in an encoding :func:`decode_text` reads. :class:`UnsafeYaml` otherwise."""
    import os

    from ocr.errors import NotRegular, open_regular

    try:
        fd, info = open_regular(path)
    except NotRegular:
        raise UnsafeYaml(f"{source}：不是普通文件，未读取") from None
    except OSError as exc:
        if os.path.islink(path):
            raise UnsafeYaml(f"{source}：是符号链接（快捷方式），出于安全考虑未读取，请放入文件本身") from None
        raise UnsafeYaml(f"{source}：无法打开（{os_reason(exc)}）") from None
    try:
        if info.st_size > limits.max_bytes:
            raise _too_big(source, info.st_size, limits)
        with os.fdopen(os.dup(fd), "rb") as fh:
            raw = fh.read(limits.max_bytes + 1)
    finally:
        os.close(fd)
    if len(raw) > limits.max_bytes:
        raise _too_big(source, len(raw), limits)
    text = decode_text(raw)
    if text is None:
        raise UnsafeYaml(f"{source}：不是 UTF-8 或 GBK 编码的文本文件，请另存为 UTF-8") from None
    return text


def decode_text(raw: bytes) -> str | None:
    """A small text file's bytes as text: UTF-8 (with or without BOM); UTF-16 with its BOM (Notepad's 「Unicode」);
    else GB18030, what Notepad and Excel save as 「ANSI」 on Chinese Windows (an HR office's applicant.yaml in GBK
    was an error row, probe trust15 C08), where that reads every byte into printable text holding Chinese. None
    otherwise.

    >>> decode_text("name: 欧阳振华".encode("gbk")), decode_text("name: 张伟".encode("utf-16"))
    ('name: 欧阳振华', 'name: 张伟')
    >>> decode_text(bytes(range(128, 256))) is None, decode_text(b"name: " + bytes.fromhex("8130")) is None
    (True, True)
    """
    import unicodedata

    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            return None
    try:
        text = raw.decode("gb18030")
    except UnicodeDecodeError:
        return None
    # a byte string GB18030 happens to read (another code page's, a binary file) reads as private-use or control
    # characters, or as no Chinese at all: not what was typed
    if any(unicodedata.category(c) in ("Cc", "Co", "Cs", "Cn") and c not in "\t\r\n" for c in text):
        return None
    if not any("\u4e00" <= c <= "\u9fff" for c in text):
        return None
    return text
