#!/usr/bin/env python3
"""Makes the document test set: each held-out report of the normaliser
(services/normalize/testdata/heldout) as a document a monitor might keep, with
its plain-text twin.

Usage: make_documents.py OUT_DIR

Writes OUT_DIR/NAME.EXT (the document) and OUT_DIR/NAME.twin.txt (UTF-8, what
the document says), for:
  - HTML pages with site furniture (header, menu, cookie notice, share
    buttons, related links, footer, scripts), entities for some characters;
    one in windows-1251 with <meta charset>, one in KOI8-R with none;
  - multi-page PDFs with a running header, a "Page N of M" footer and words
    hyphenated across lines (Helvetica, WinAnsi text);
  - DOCX files whose runs split words, with a footnote;
  - plain text in windows-1251, KOI8-R, UTF-16LE and UTF-16BE with a BOM.
The output is deterministic (fixed ZIP dates), so it can be committed and
remade to the same bytes.
"""
import html
import os
import sys
import textwrap
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
HELDOUT = os.path.join(HERE, "..", "..", "normalize", "testdata", "heldout")

# name -> (kind, encoding)
PLAN = {
    "am-2021-trial-monitoring": ("html", "utf-8"),
    "az-2024-defender-case": ("html", "utf-8"),
    "by-2021-ngo-purge": ("html", "utf-8"),
    "az-2024-media-ru": ("html", "windows-1251"),
    "uz-2018-blogger-ru": ("html-nometa", "koi8-r"),
    "ge-2024-transparency-law": ("pdf", None),
    "kz-2021-spring-update": ("pdf", None),
    "kz-2022-january-unrest": ("pdf", None),
    "uz-2019-reform-digest": ("pdf", None),
    "ru-2022-memorial-liquidation": ("docx", None),
    "tj-2021-lawyer-statement": ("docx", None),
    "tj-2023-journalists-statement": ("docx", None),
    "tj-2022-gbao-ru": ("docx", None),
    "by-2023-ru-gomel-trials": ("txt", "windows-1251"),
    "kz-2023-ru-update": ("txt", "koi8-r"),
    "ru-2021-april-protests-ru": ("txt", "koi8-r"),
    "tm-2022-exit-bans": ("txt", "utf-16-le"),
    "ua-2019-journalist-killed": ("txt", "utf-16-be"),
}

# KOI8-R has no guillemets, long dashes or numero sign.
KOI8_SUBSTITUTES = {"«": '"', "»": '"', "—": "-", "–": "-", "№": "N", "„": '"', "“": '"',
                    "”": '"', "…": "..."}


def paragraphs(text):
    return [p for p in text.strip("\n").split("\n\n")]


def make_html(text, encoding, with_meta):
    paras = paragraphs(text)
    title = paras[0]
    body = []
    for p in paras[1:]:
        inner = "<br>\n".join(html.escape(line, quote=False) for line in p.split("\n"))
        if len(p) < 60 and not p.endswith("."):
            body.append("      <h2>%s</h2>" % inner)
        else:
            body.append("      <p>%s</p>" % inner)
            if len(body) == 3:
                body.append('      <div class="share-buttons"><a href="#">Share on Facebook</a>'
                            ' <a href="#">Tweet</a></div>')
    meta = '  <meta charset="%s">\n' % encoding if with_meta else ""
    page = """<!DOCTYPE html>
<html lang="%(lang)s">
<head>
%(meta)s  <title>%(title)s | Rights Monitor</title>
  <meta property="og:title" content="%(title_attr)s">
  <meta property="article:published_time" content="2024-07-01T08:00:00+00:00">
  <link rel="stylesheet" href="/static/site.css">
  <style>.cookie-banner{position:fixed;bottom:0}</style>
  <script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments);}</script>
</head>
<body class="page-template">
  <header class="site-header">
    <a class="logo" href="/">Rights Monitor</a>
    <nav class="main-menu"><ul><li><a href="/">Home</a></li><li><a href="/countries">Countries</a></li>
      <li><a href="/reports">Reports</a></li><li><a href="/about">About us</a></li></ul></nav>
    <form role="search"><input type="search" placeholder="Search"></form>
  </header>
  <div id="cookie-notice" class="cookie-banner">We use cookies to improve your experience.
    <button>Accept all</button> <button>Settings</button></div>
  <div class="breadcrumbs"><a href="/">Home</a> &rsaquo; <a href="/reports">Reports</a></div>
  <main id="content">
    <article class="post">
      <header class="entry-header"><h1>%(title_h)s</h1></header>
%(body)s
    </article>
    <aside class="sidebar"><h3>Most read</h3><ul><li><a href="/x">Another story</a></li></ul></aside>
    <section class="related-posts"><h3>Related</h3><p>Older news from the region.</p></section>
  </main>
  <footer class="site-footer"><p>&copy; 2024 Rights Monitor. All rights reserved.</p>
    <ul class="footer-links"><li><a href="/privacy">Privacy policy</a></li></ul></footer>
  <script src="/static/app.js"></script>
</body>
</html>
""" % {"lang": "ru" if encoding != "utf-8" else "en", "meta": meta,
       "title": html.escape(title, quote=False), "title_attr": html.escape(title),
       "title_h": html.escape(title, quote=False), "body": "\n".join(body)}
    return page.encode(encoding)


def pdf_escape(s):
    return s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def make_pdf(text, header, width=64, lines_per_page=18):
    """Wraps paragraphs at `width` (breaking one long word per paragraph with
    a hyphen), pages of `lines_per_page` lines, a running header and a
    'Page N of M' footer. Returns (pdf bytes, twin text)."""
    page_lines = []
    for p in paragraphs(text):
        for line in p.split("\n"):
            wrapped = textwrap.wrap(line, width, break_long_words=False, break_on_hyphens=False)
            # Hyphenate the first long lower-case word that starts a line.
            for i in range(1, len(wrapped)):
                words = wrapped[i].split(" ")
                w = words[0]
                if len(w) >= 8 and w.isalpha() and w.islower():
                    cut = len(w) // 2
                    wrapped[i - 1] += " " + w[:cut] + "-"
                    wrapped[i] = " ".join([w[cut:]] + words[1:])
                    break
            page_lines.extend(wrapped)
        page_lines.append("")
    while page_lines and page_lines[-1] == "":
        page_lines.pop()
    pages = [page_lines[i:i + lines_per_page] for i in range(0, len(page_lines), lines_per_page)]
    objects = ["<< /Type /Catalog /Pages 2 0 R >>", None,
               "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
               "<< /Title (%s) /Producer (make_documents.py) >>" % pdf_escape(header)]
    kids = []
    for n, lines in enumerate(pages):
        c = ["BT /F1 9 Tf 1 0 0 1 56 760 Tm (%s) Tj ET" % pdf_escape(header),
             "BT /F1 11 Tf 15 TL 56 720 Td"]
        for line in lines:
            c.append("(%s) Tj T*" % pdf_escape(line))
        c.append("ET")
        c.append("BT /F1 9 Tf 1 0 0 1 280 40 Tm (Page %d of %d) Tj ET" % (n + 1, len(pages)))
        content = "\n".join(c).encode("cp1252")
        kids.append(len(objects) + 1)
        objects.append("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
                       "/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>"
                       % (len(objects) + 2))
        objects.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
    objects[1] = "<< /Type /Pages /Kids [%s] /Count %d >>" % (
        " ".join("%d 0 R" % k for k in kids), len(pages))
    out = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"
    offsets = []
    for i, o in enumerate(objects):
        offsets.append(len(out))
        body = o if isinstance(o, bytes) else o.encode("cp1252")
        out += b"%d 0 obj\n" % (i + 1) + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 4 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return out


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def run(t):
    return ('<w:r><w:rPr><w:rFonts w:ascii="Calibri"/></w:rPr>'
            '<w:t xml:space="preserve">%s</w:t></w:r>' % html.escape(t, quote=False))


def split_runs(p):
    """Runs as Word leaves them after edits: cut inside words."""
    runs, i, step = [], 0, 7
    while i < len(p):
        runs.append(p[i:i + step])
        i += step
        step = 5 + (step * 3) % 11
    return runs


def make_docx(text, footnote):
    paras = paragraphs(text)
    body = []
    for n, p in enumerate(paras):
        lines = p.split("\n")
        parts = []
        for k, line in enumerate(lines):
            if k:
                parts.append("<w:r><w:br/></w:r>")
            parts.extend(run(r) for r in split_runs(line))
        if n == 1:
            parts.append('<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr>'
                         '<w:footnoteReference w:id="1"/></w:r>')
        style = "Title" if n == 0 else "Normal"
        body.append('<w:p><w:pPr><w:pStyle w:val="%s"/></w:pPr>%s</w:p>' % (style, "".join(parts)))
    document = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                '<w:document xmlns:w="%s"><w:body>%s<w:sectPr/></w:body></w:document>'
                % (W, "".join(body)))
    footnotes = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                 '<w:footnotes xmlns:w="%s">'
                 '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
                 '</w:footnote><w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r>'
                 '<w:continuationSeparator/></w:r></w:p></w:footnote>'
                 '<w:footnote w:id="1"><w:p>%s</w:p></w:footnote></w:footnotes>'
                 % (W, "".join(run(r) for r in split_runs(footnote))))
    content_types = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.'
                     'openxmlformats.org/package/2006/content-types"><Default Extension="xml" '
                     'ContentType="application/xml"/><Override PartName="/word/document.xml" '
                     'ContentType="application/vnd.openxmlformats-officedocument.'
                     'wordprocessingml.document.main+xml"/></Types>')
    from io import BytesIO
    buf = BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in [("[Content_Types].xml", content_types),
                           ("word/document.xml", document),
                           ("word/footnotes.xml", footnotes)]:
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data.encode("utf-8"))
    return buf.getvalue()


def main(out_dir):
    os.makedirs(out_dir, exist_ok=True)
    for name, (kind, encoding) in PLAN.items():
        text = open(os.path.join(HELDOUT, name + ".txt"), encoding="utf-8").read()
        if encoding == "koi8-r":
            for a, b in KOI8_SUBSTITUTES.items():
                text = text.replace(a, b)
        twin = text
        if kind in ("html", "html-nometa"):
            data, ext = make_html(text, encoding, kind == "html"), "html"
        elif kind == "pdf":
            data, ext = make_pdf(text, paragraphs(text)[0][:60]), "pdf"
        elif kind == "docx":
            note = ("Source: interviews with relatives and court documents."
                    if not name.endswith("-ru") else
                    "Источник: беседы с родственниками и документы суда.")
            data, ext = make_docx(text, note), "docx"
            twin = text.rstrip("\n") + "\n\n" + note + "\n"
        else:
            bom = {"utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}.get(encoding, b"")
            data, ext = bom + text.encode(encoding), "txt"
        with open(os.path.join(out_dir, "%s.%s" % (name, ext)), "wb") as f:
            f.write(data)
        with open(os.path.join(out_dir, name + ".twin.txt"), "w", encoding="utf-8") as f:
            f.write(twin)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "documents"))
