"""The few things python-docx has no public API for (the East Asian font name, repeated table
headers, the page-number field, a fast style assignment) made with its own oxml helpers, and the
zip rewritten with a fixed date so that the same minutes always give the same bytes."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime

# The earliest date a zip entry can carry: used when the record knows no moment.
ZIP_EPOCH = datetime(1980, 1, 1)


def styled(paragraph, style):
    """``paragraph.style = style``, minus the cost: python-docx's setter searches every style of
    the template (about 160) to find the default one, on every call; a table has hundreds of cells."""
    paragraph._p.style = style.style_id
    return paragraph


def set_font(owner, latin: str, east_asian: str, size_pt: float | None) -> None:
    """Latin and East Asian font names on a style or run (``w:rFonts w:eastAsia``).

    Theme font attributes are removed: Word lets a theme font win over an explicit name.
    """
    from docx.oxml.ns import qn
    from docx.shared import Pt

    owner.font.name = latin
    if size_pt is not None:
        owner.font.size = Pt(size_pt)
    rpr = owner.element.get_or_add_rPr() if hasattr(owner.element, "get_or_add_rPr") else owner._r.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)
    fonts.set(qn("w:eastAsia"), east_asian)
    fonts.set(qn("w:cs"), latin)


def set_language(style, east_asian: str) -> None:
    """``w:lang w:eastAsia`` so spelling, line breaking and punctuation follow Chinese rules."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    rpr = style.element.get_or_add_rPr()
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:eastAsia"), east_asian)


def remove_border(style) -> None:
    """The default template's Title has a rule under it; an official title has none."""
    from docx.oxml.ns import qn

    ppr = style.element.pPr
    if ppr is not None:
        for border in ppr.findall(qn("w:pBdr")):
            ppr.remove(border)


def declare_fallback_fonts(document, fallbacks: dict[str, str]) -> None:
    """Name, in the font table, the face Word and WPS use where a GB font is not installed.

    ``w:altName`` is how a document says "方正小标宋简体, or else 宋体"; a run can name one font only.
    """
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml import OxmlElement, parse_xml
    from docx.oxml.ns import qn
    from lxml import etree

    part = document.part.part_related_by(RT.FONT_TABLE)
    fonts = parse_xml(part.blob)
    for name, alternative in fallbacks.items():
        font = OxmlElement("w:font")
        font.set(qn("w:name"), name)
        for tag, value in (("w:altName", alternative), ("w:charset", "86"), ("w:family", "roman"),
                           ("w:pitch", "variable")):
            child = OxmlElement(tag)
            child.set(qn("w:val"), value)
            font.append(child)
        fonts.append(font)
    part._blob = etree.tostring(fonts, xml_declaration=True, encoding="UTF-8", standalone=True)


def repeat_header(row) -> None:
    """Mark a table row as a header row that Word repeats at the top of every page."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tr_pr = row._tr.get_or_add_trPr()
    for tag in ("w:cantSplit", "w:tblHeader"):
        element = OxmlElement(tag)
        element.set(qn("w:val"), "true")
        tr_pr.append(element)


def page_field(run) -> None:
    """A PAGE field in ``run``: Word and WPS show the page's number there."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def char(kind: str):
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        return element

    instruction = OxmlElement("w:instrText")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = " PAGE "
    placeholder = OxmlElement("w:t")
    placeholder.text = "1"
    for element in (char("begin"), instruction, char("separate"), placeholder, char("end")):
        run._r.append(element)


def fixed_zip(data: bytes, stamp: datetime) -> bytes:
    """The same package with every entry dated ``stamp``: zip dates otherwise come from the clock."""
    moment = stamp if stamp.year >= 1980 else ZIP_EPOCH
    when = (moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second - moment.second % 2)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=when)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            entry.create_system = 0
            target.writestr(entry, source.read(info.filename), compresslevel=9)
    return out.getvalue()
