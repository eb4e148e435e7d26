"""Checks what headless Chromium made of a report page (scripts/browser.sh test).

Usage: check_page.py PAGE.html DOM.html SCREENSHOT.png PRINT.pdf AUDIENCE

- The DOM dump shows the page parsed as served: the same number of diagrams (each an SVG with
  role="img", a <title> and a <desc>), the same figures (data-value / data-hidden), no script,
  no error text, and the audience the server said.
- The screenshot is a valid PNG of the window size whose content is far from blank: its
  compressed size is compared with a screenshot of an empty page taken the same way.
- The PDF has A4 pages (595 x 842 points), more than one of them.
"""

from __future__ import annotations

import re
import struct
import sys
import zlib

WIDTH, HEIGHT = 1240, 1754


def fail(message: str) -> None:
    print(f"error: {message}", file=sys.stderr)
    sys.exit(1)


def count(pattern: str, text: str) -> int:
    return len(re.findall(pattern, text))


def check_dom(page: str, dom: str, audience: str) -> None:
    diagrams = count(r"<svg\b", page)
    if diagrams == 0:
        fail("the served page has no diagram")
    if count(r"<svg\b", dom) != diagrams:
        fail(f"the DOM has {count(r'<svg', dom)} SVGs, the page {diagrams}")
    for svg in re.findall(r"<svg\b.*?</svg>", dom, flags=re.S):
        if 'role="img"' not in svg or "<title" not in svg or "<desc" not in svg:
            fail("an SVG without role=img, <title> or <desc>")
    for attribute in ("data-value=", "data-hidden=", "<table", "<td"):
        if count(re.escape(attribute), dom) != count(re.escape(attribute), page):
            fail(f"{attribute} appears {count(re.escape(attribute), dom)} times in the DOM, {count(re.escape(attribute), page)} in the page")
    if "<script" in dom.lower():
        fail("the page has a script")
    for error in ("This page contains the following errors", "error on line", "Internal Server Error", "problem+json"):
        if error in dom:
            fail(f"error text in the DOM: {error!r}")
    if f'data-audience="{audience}"' not in dom:
        fail(f"the page is not marked {audience}")
    if audience == "internal" and "EJ FÖR PUBLICERING" not in dom:
        fail("the internal page does not say it is not for publication")
    if not re.search(r"<h1>SU-X årsrapport \d{4}: ", dom):
        fail("no title heading")
    print(f"    DOM: {diagrams} diagrams, {count('<table', dom)} tables, "
          f"{count('data-value=', dom)} figures, {count('data-hidden=', dom)} hidden marks")


def png_size(path: str) -> tuple[int, int, int]:
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        fail(f"{path} is not a PNG")
    pos, idat, width, height, colour, depth = 8, b"", 0, 0, 0, 0
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind = data[pos + 4 : pos + 8]
        body = data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    channels = {0: 1, 2: 3, 4: 2, 6: 4}.get(colour)
    if depth != 8 or channels is None:
        fail(f"unexpected PNG format (depth {depth}, colour type {colour})")
    raw = zlib.decompress(idat)
    if len(raw) != height * (1 + width * channels):
        fail("the PNG's image data is truncated")
    return width, height, len(data)


def check_png(path: str, blank: str) -> None:
    width, height, size = png_size(path)
    if (width, height) != (WIDTH, HEIGHT):
        fail(f"screenshot is {width}x{height}, expected {WIDTH}x{HEIGHT}")
    _, _, blank_size = png_size(blank)
    if size < 5 * blank_size or size < 30_000:
        fail(f"the screenshot looks blank: {size} bytes against {blank_size} for an empty page")
    print(f"    screenshot: {width}x{height}, {size} bytes (an empty page: {blank_size})")


def check_pdf(path: str) -> None:
    data = open(path, "rb").read()
    if not data.startswith(b"%PDF-"):
        fail("the print is not a PDF")
    pages = len(re.findall(rb"/Type\s*/Page\b(?!s)", data))
    boxes = re.findall(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", data)
    if pages < 2:
        fail(f"the PDF has {pages} page(s); the report is longer")
    if not boxes or any(abs(float(w) - 595.3) > 2 or abs(float(h) - 841.9) > 2 for w, h in boxes):
        fail(f"the PDF's pages are not A4: {boxes[:3]}")
    print(f"    PDF: {pages} A4 pages, {len(data)} bytes")


def main() -> None:
    page_path, dom_path, png_path, pdf_path, audience = sys.argv[1:6]
    page = open(page_path, encoding="utf-8").read()
    dom = open(dom_path, encoding="utf-8").read()
    check_dom(page, dom, audience)
    check_png(png_path, png_path + ".blank.png")
    check_pdf(pdf_path)


if __name__ == "__main__":
    main()
