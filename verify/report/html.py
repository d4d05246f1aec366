"""``report.html``: the page a reviewer at the review desk reads.

One self-contained HTML file per applicant, a view of ``report.json`` (the dict
``verify.run.pipeline.build_report`` makes) plus the pages that were read (for their
thumbnails, seal and signature crops and text). It opens offline: CSS inline,
every image a ``data:`` URI, a few lines of inline script (status filter, print),
no external fonts, scripts or links.

Two layers: :func:`verify.report.view.build_view` turns the report and its pages into
plain view objects (no markup), and Jinja2 templates with autoescape under
``verify/report/templates/report/`` draw them. The desk (``verify desk``) renders
the same partials inside its own pages: :func:`template_loader` is the loader to
chain with its own, :func:`install` adds the filters and globals the partials use,
and ``finding_card(card, actions)`` leaves room for per-finding buttons.

Each page thumbnail is embedded exactly once, as an SVG ``<image>`` in a hidden
``<defs>`` block, and every view of the page (the finding cards, the zoomed
detail, the documents section) draws it with ``<use href="#...">`` inside an SVG
whose ``viewBox`` is the page's pixel size, so finding boxes need no scaling and
a 300-page dossier costs one JPEG per page, not one per finding.

Everything the reviewer reads is Simplified Chinese:

>>> html = render_html({"key": "k", "applicant": {"name": "<张伟>", "unit": "站"},
...                     "findings": [{"rule": "seal.present", "status": "fail",
...                                   "message": "未发现印章", "file": "a.jpg", "page": 1}]})
>>> "不通过" in html and "&lt;张伟&gt;" in html and "<张伟>" not in html
True
"""
from __future__ import annotations

import logging
import re
from collections.abc import Mapping, Sequence
from functools import lru_cache

import jinja2
from markupsafe import Markup

from verify.model import RULE_NAMES_ZH, PageRead, shown_file
from verify.report.view import (
    STATUS_NAMES_ZH,
    _STATUS_ORDER,
    _STATUS_SHORT_ZH,
    ReportView,
    _norm_status,
    build_view,
    rule_name_zh,
    status_zh,
)

log = logging.getLogger(__name__)

__all__ = [
    "RULE_NAMES_ZH",
    "STATUS_NAMES_ZH",
    "ReportView",
    "build_view",
    "environment",
    "install",
    "render_html",
    "rule_name_zh",
    "status_zh",
    "template_loader",
]


# ---------------------------------------------------------------- templates


def template_loader() -> jinja2.BaseLoader:
    """The loader of the report's templates (names start with ``report/``); the desk
    chains it after its own (``jinja2.ChoiceLoader([desk_loader, template_loader()])``)."""
    return jinja2.PackageLoader("verify.report", "templates")


#: Filters the partials use, by name.
FILTERS: dict[str, object] = {
    "rule_name_zh": rule_name_zh,
    "status_zh": status_zh,
    "status_short_zh": lambda s: _STATUS_SHORT_ZH[_norm_status(s)],
    "nonblank_lines": lambda text: len([ln for ln in str(text or "").splitlines() if ln.strip()]),
    "shown_file": shown_file,
}

#: Globals the partials use.
GLOBALS: dict[str, object] = {
    "STATUSES": tuple(_STATUS_ORDER),
    "STATUS_SHORT_ZH": _STATUS_SHORT_ZH,
}


#: characters that turn the direction of the text after them (U+202E made 「gpj.exe」 of a
#: file's name in the report, the list and the audit: hostile exploration 3): shown as
#: what they are wherever a page prints a value
_DIRECTION_MARKS = {c: f"[U+{c:04X}]" for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C)}
#: and the control characters but tab and line breaks (an ESC, a BEL in a file's name,
#: 证\x1b[31m书\x07.jpg, printed as nothing: the name the report showed was on no disk)
_DIRECTION_MARKS.update({c: f"[U+{c:04X}]" for c in (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x7F, 0xA0))})
#: any of them, looked for in one pass: a character-by-character test of every value a
#: report prints was near half of rendering it (45 ms a report on the sample, 25 without)
_DIRECTION_MARK = re.compile("[" + re.escape("".join(map(chr, _DIRECTION_MARKS))) + "]")


def visible_direction_marks(value):
    """``value`` with its direction-control and control characters (but tab and line
    breaks) shown as ``[U+202E]``, ``[U+001B]`` (Markup
    stays Markup: they are no HTML); anything but text as it is. The environments'
    ``finalize``: every value a template prints passes here.

    >>> visible_direction_marks("扫描\u202egpj.exe"), visible_direction_marks(3)
    ('扫描[U+202E]gpj.exe', 3)
    >>> visible_direction_marks("证\\x1b[31m书\\x07.jpg"), visible_direction_marks("a\\tb\\nc")
    ('证[U+001B][31m书[U+0007].jpg', 'a\\tb\\nc')
    """
    if isinstance(value, str) and not value.isprintable() and _DIRECTION_MARK.search(value):
        shown = value.translate(_DIRECTION_MARKS)
        return type(value)(shown) if isinstance(value, Markup) else shown
    return value


def install(env: jinja2.Environment) -> jinja2.Environment:
    """Add what the report's partials need (filters, globals) to ``env``, and show the
    direction marks in what it prints (:func:`visible_direction_marks`)."""
    env.finalize = visible_direction_marks
    env.filters.update(FILTERS)
    env.globals.update(GLOBALS)
    return env


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """The Jinja2 environment of ``report.html``: autoescape on for everything."""
    env = jinja2.Environment(
        loader=template_loader(),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return install(env)


def render_html(report: Mapping, pages: Sequence[PageRead] = ()) -> str:
    """The reviewer's ``report.html`` for one applicant.

    ``report`` is the ``report.json`` dict (schema ``dossier-report/1``);
    ``pages`` the pages read, for thumbnails, seal/signature crops and text
    (without them the report still renders, without images). Unknown or
    missing fields are shown as such, never guessed; an unknown status counts
    as 需人工复核.
    """
    view = build_view(report, pages)
    html = environment().get_template("report/report.html").render(view=view)
    log.debug("report.html for %s: %d bytes, %d pages, %d findings", view.key, len(html),
              len(view.documents.cards), view.findings.total)
    return html
