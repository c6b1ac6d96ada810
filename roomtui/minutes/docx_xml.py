"""The few things python-docx has no public API for (the East Asian font name, repeated table
headers, rows that never split, the document grid, the page-number field, a fast style
assignment) made with its own oxml helpers, and the zip rewritten with a fixed date so that the
same minutes always give the same bytes, with honest extended properties and no preview image."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime
from xml.sax.saxutils import escape

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


def keep_row_whole(row) -> None:
    """``w:cantSplit``: Word and WPS move a row that does not fit to the next page whole, instead
    of printing half a phone number on each."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tr_pr = row._tr.get_or_add_trPr()
    if tr_pr.find(qn("w:cantSplit")) is None:
        element = OxmlElement("w:cantSplit")
        element.set(qn("w:val"), "true")
        tr_pr.insert(0, element)  # first: cantSplit precedes trHeight and tblHeader


def document_grid(document, section, line_pt: float, body_pt: float, pitch_pt: float) -> None:
    """The document grid of an official document: lines of ``line_pt``, characters of ``pitch_pt``.

    The type is "lines": with "linesAndChars" LibreOffice gives every 16 pt character two cells
    of a 15.79 pt grid (14 a line) and breaks lines at odd places, so the 28 characters a line
    come from the body style's condensed spacing (docx_document.py), which Word, WPS and
    LibreOffice all honour; the character pitch is still recorded for Word's grid dialog.

    The line pitch is in twentieths of a point; ``w:charSpace`` is how much the character pitch
    differs from the default font size, in 4096ths of a point: 156 mm / 28 characters = 15.79 pt
    against 16 pt gives -848 (the usual 公文 templates write -849). The default font size is
    set to the body's so that Word and LibreOffice, which read it from different places, agree.
    """
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    sect_pr = section._sectPr
    grid = sect_pr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        sect_pr.append(grid)
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(round(line_pt * 20)))
    grid.set(qn("w:charSpace"), str(round((pitch_pt - body_pt) * 4096)))
    defaults = document.styles.element.find(qn("w:docDefaults"))
    size = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:sz')}") if defaults is not None else None
    if size is not None:
        size.set(qn("w:val"), str(round(body_pt * 2)))


def character_spacing(style, twentieths: int) -> None:
    """``w:spacing`` of a style's characters, in twentieths of a point (negative: condensed)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    rpr = style.element.get_or_add_rPr()
    for old in rpr.findall(qn("w:spacing")):
        rpr.remove(old)
    element = OxmlElement("w:spacing")
    element.set(qn("w:val"), str(twentieths))
    rpr.insert_element_before(element, "w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u",
                              "w:effect", "w:bdr", "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em",
                              "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath")


def no_grid_snap(style) -> None:
    """``w:snapToGrid w:val="0"``: a style whose characters keep their own pitch (a 10.5 pt table
    or a 22 pt title would otherwise be spread or squeezed onto the body's grid)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    ppr = style.element.get_or_add_pPr()
    element = OxmlElement("w:snapToGrid")
    element.set(qn("w:val"), "0")
    ppr.insert_element_before(element, "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
                              "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
                              "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr",
                              "w:sectPr", "w:pPrChange")


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


_THUMBNAIL = "docProps/thumbnail.jpeg"
_APP = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" \
xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">\
<Application>roomtui</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>\
<Company>{company}</Company><LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>\
<HyperlinksChanged>false</HyperlinksChanged></Properties>"""


def fixed_zip(data: bytes, stamp: datetime, *, company: str = "") -> bytes:
    """The same package with every entry dated ``stamp`` (zip dates otherwise come from the
    clock), the extended properties saying roomtui made it for ``company`` (python-docx's
    template says "Microsoft Macintosh Word"), and without the template's blank preview image."""
    moment = stamp if stamp.year >= 1980 else ZIP_EPOCH
    when = (moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second - moment.second % 2)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename == _THUMBNAIL:
                continue
            payload = source.read(info.filename)
            if info.filename == "_rels/.rels":
                payload = re.sub(rb'<Relationship [^>]*Target="docProps/thumbnail.jpeg"/>', b"", payload)
            elif info.filename == "docProps/app.xml":
                payload = _APP.format(company=escape(company)).encode("utf-8")
            entry = zipfile.ZipInfo(info.filename, date_time=when)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            entry.create_system = 0
            target.writestr(entry, payload, compresslevel=9)
    return out.getvalue()
