"""Raw pdfium: bare C calls, pages and text pages without pypdfium2's wrapper objects, and
the walk over a page's objects (path objects with their matrices, images)."""

from __future__ import annotations

import codecs
import ctypes
from typing import Any, TypeAlias

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c


def _bare(fn: Any) -> Any:
    """A pypdfium2 raw function without ctypes' per-call argument conversion: about three
    times cheaper a call in the per-object and per-character loops. Pass it only handles
    pdfium returned, ``byref`` objects and Python ints where C takes an ``int``."""
    bare = type(fn)(ctypes.cast(fn, ctypes.c_void_p).value)
    bare.restype = fn.restype
    return bare


count_objects = _bare(pdfium_c.FPDFPage_CountObjects)
get_object = _bare(pdfium_c.FPDFPage_GetObject)
obj_type = _bare(pdfium_c.FPDFPageObj_GetType)
obj_bounds = _bare(pdfium_c.FPDFPageObj_GetBounds)
obj_matrix = _bare(pdfium_c.FPDFPageObj_GetMatrix)
count_segments = _bare(pdfium_c.FPDFPath_CountSegments)
get_segment = _bare(pdfium_c.FPDFPath_GetPathSegment)
segment_point = _bare(pdfium_c.FPDFPathSegment_GetPoint)
segment_type = _bare(pdfium_c.FPDFPathSegment_GetType)
segment_close = _bare(pdfium_c.FPDFPathSegment_GetClose)
char_box = _bare(pdfium_c.FPDFText_GetCharBox)
count_rects = _bare(pdfium_c.FPDFText_CountRects)
get_rect = _bare(pdfium_c.FPDFText_GetRect)
_MOVETO, _LINETO = pdfium_c.FPDF_SEGMENT_MOVETO, pdfium_c.FPDF_SEGMENT_LINETO

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
PathObject = tuple[Any, Matrix]  # a path object, the matrix of its enclosing forms
Point = tuple[float, float]


class RawPage:
    """A page loaded by pdfium's C calls, with the part of pypdfium2's ``PdfPage`` this
    stage uses, without its wrapper objects, finalizers and parent tracking."""

    def __init__(self, doc: pdfium.PdfDocument, index: int) -> None:
        self.raw = pdfium_c.FPDF_LoadPage(doc.raw, index)
        if not self.raw:
            raise pdfium.PdfiumError("Failed to load page.")

    def get_mediabox(self) -> tuple[float, float, float, float]:
        box = [ctypes.c_float() for _ in range(4)]
        if not pdfium_c.FPDFPage_GetMediaBox(self.raw, *box):
            return (0, 0, 612, 792)  # pypdfium2's fallback, US Letter
        left, bottom, right, top = (v.value for v in box)
        return (left, bottom, right, top)

    def get_rotation(self) -> int:
        quarters = pdfium_c.FPDFPage_GetRotation(self.raw)
        if quarters == -1:
            raise pdfium.PdfiumError("Failed to get page rotation.")
        return 90 * quarters

    def close(self) -> None:
        pdfium_c.FPDF_ClosePage(self.raw)


class RawTextPage:
    """A page's pdfium text page, by C calls (see ``RawPage``)."""

    def __init__(self, page: RawPage) -> None:
        self.raw = pdfium_c.FPDFText_LoadPage(page.raw)
        if not self.raw:
            raise pdfium.PdfiumError("Failed to load text page.")

    def count_chars(self) -> int:
        count = pdfium_c.FPDFText_CountChars(self.raw)
        if count == -1:
            raise pdfium.PdfiumError("Failed to get character count.")
        return int(count)

    def get_text_range(self) -> str:
        """The page text, as pypdfium2's ``get_text_range()``: leading and trailing
        characters without text (their text index is -1) are left out of the range."""
        first, last = 0, self.count_chars() - 1
        index_of = pdfium_c.FPDFText_GetTextIndexFromCharIndex
        while first <= last and index_of(self.raw, first) == -1:
            first += 1
        while first <= last and index_of(self.raw, last) == -1:
            last -= 1
        if first > last:
            return ""
        size = index_of(self.raw, last) + 2 - index_of(self.raw, first)  # with the NUL
        buffer = (ctypes.c_ushort * size)()
        written = pdfium_c.FPDFText_GetText(self.raw, first, last - first + 1, buffer)
        return codecs.decode(memoryview(buffer)[: written - 1], "utf-16-le", errors="ignore")

    def close(self) -> None:
        pdfium_c.FPDFText_ClosePage(self.raw)


AnyPage: TypeAlias = pdfium.PdfPage | RawPage  # pypdfium2's objects: tests pass them
AnyTextPage: TypeAlias = pdfium.PdfTextPage | RawTextPage


def clean_pdfium(text: str) -> str:
    """Line breaks (CRLF, CR, form feed) as LF; pdfium's hyphen marks dropped."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    return text.replace("\ufffe", "")


# ---------------------------------------------------------------- page objects


_IMAGE, _PATH, _FORM = (
    pdfium_c.FPDF_PAGEOBJ_IMAGE,
    pdfium_c.FPDF_PAGEOBJ_PATH,
    pdfium_c.FPDF_PAGEOBJ_FORM,
)


def page_objects(
    parent: Any, ctm: Matrix, depth: int, images: list[Any], paths: list[PathObject]
) -> None:
    """Collect the image and path objects of a page, each path with the matrix from its
    parent's space to the page, descending into form XObjects (a few levels)."""
    if depth:  # forms are rare: pypdfium2's checked calls (the index is an unsigned long)
        count = pdfium_c.FPDFFormObj_CountObjects(parent)
        get = pdfium_c.FPDFFormObj_GetObject
    else:
        count, get = count_objects(parent), get_object
    kind_of, add_path, add_image = obj_type, paths.append, images.append  # a hot loop
    for i in range(max(count, 0)):
        obj = get(parent, i)
        kind = kind_of(obj)
        if kind == _PATH:
            add_path((obj, ctm))
        elif kind == _IMAGE:
            add_image(obj)
        elif kind == _FORM and depth < 3:
            page_objects(obj, compose(object_matrix(obj), ctm), depth + 1, images, paths)


def path_objects(page: AnyPage) -> list[PathObject]:
    """Path objects with the matrix from their parent's space to the page (forms nested)."""
    paths: list[PathObject] = []
    page_objects(page.raw, IDENTITY, 0, [], paths)
    return paths


def object_matrix(obj: Any) -> Matrix:
    m = pdfium_c.FS_MATRIX()
    if not obj_matrix(obj, ctypes.byref(m)):
        return IDENTITY
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def compose(first: Matrix, then: Matrix) -> Matrix:
    """The matrix applying ``first``, then ``then`` (PDF row-vector convention)."""
    a, b, c, d, e, f = first
    a2, b2, c2, d2, e2, f2 = then
    return (
        a * a2 + b * c2,
        a * b2 + b * d2,
        c * a2 + d * c2,
        c * b2 + d * d2,
        e * a2 + f * c2 + e2,
        e * b2 + f * d2 + f2,
    )


class PathReader:
    """Straight segments of path objects, with one set of ctypes buffers for a page."""

    def __init__(self) -> None:
        self._x, self._y, self._m = ctypes.c_float(), ctypes.c_float(), pdfium_c.FS_MATRIX()
        self._px, self._py = ctypes.byref(self._x), ctypes.byref(self._y)
        self._pm = ctypes.byref(self._m)

    def segments(self, obj: Any, ctm: Matrix) -> list[tuple[Point, Point]]:
        """Line-to and close segments of a path, in page space."""
        m = self._m
        own = (m.a, m.b, m.c, m.d, m.e, m.f) if obj_matrix(obj, self._pm) else IDENTITY
        a, b, c, d, e, f = compose(own, ctm)
        x, y, px, py = self._x, self._y, self._px, self._py
        out: list[tuple[Point, Point]] = []
        start: Point | None = None
        cur: Point | None = None
        get_seg, get_point, get_type, get_close = (
            get_segment,
            segment_point,
            segment_type,
            segment_close,
        )
        for i in range(count_segments(obj)):
            seg = get_seg(obj, i)
            if not get_point(seg, px, py):
                continue
            u, v = x.value, y.value
            pt = (a * u + c * v + e, b * u + d * v + f)
            kind = get_type(seg)
            if kind == _MOVETO:  # closing here would add a zero-length segment: no edge
                start = cur = pt
                continue
            if kind == _LINETO and cur is not None:
                out.append((cur, pt))
            cur = pt
            if start is not None and get_close(seg):
                out.append((pt, start))
                cur = start
        return out
