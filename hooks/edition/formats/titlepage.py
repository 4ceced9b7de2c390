"""The title page of the offline files (PDF and EPUB): the cover, made from the model (the
report's series, title, author and date, which edition and copy this is), then the rest of the
web title page."""
from __future__ import annotations

from html import escape

from edition.formats.meta import Meta
from edition.formats.offline import Chapter
from edition.model.citable import loopback

READERS_COPY = "Reader's copy"
TEACHERS_COPY = ("Teacher's copy: with the editors' annotations after their paragraphs, each "
                 "labelled by its paragraph's number and a letter (3a, 3b, …), the discussion "
                 "questions and the teaching notes")


# The cover: the report's series, title, author and date (set in capitals by the style sheets,
# as a title page prints them), and which edition and copy this is.
def cover(meta: Meta, copy: str) -> str:
    url, (number, path) = escape(meta.site_url), meta.example
    return f"""<section class="cover" id="chapter-title">
<p class="cover__series">{escape(meta.series)}</p>
<h1 class="cover__title" id="title">{escape(meta.title)}</h1>
<p class="cover__author">{escape(meta.author)}</p>
<p class="cover__date">{escape(meta.date)}</p>
<div class="cover__edition">
<p class="cover__kind">Annotated edition · version {escape(meta.version)}</p>
<p class="cover__copy">{escape(copy)}</p>
{web_edition(meta)}
<p>Cite a passage by its ¶ number, printed in the margin, and its section's address:
¶ {number} is <span class="cover__url">{url}{escape(path)}</span></p>
</div>
</section>"""


# Where the web edition is; a copy built for this machine's address says it is a preview,
# as the local site's pages do, so no one cites a loopback address as the edition's.
def web_edition(meta: Meta) -> str:
    url = escape(meta.site_url)
    if loopback(meta.site_url):
        return (f'<p class="cover__preview"><strong>Local preview</strong>, built for {url}: this '
                "copy names no public address. Published releases are built by make release.</p>")
    return f'<p>Web edition (version {escape(meta.version)}): <a class="cover__url" href="{url}">{url}</a></p>'


# The rest of the title page (credits, copyright, this edition), without its heading and
# its list of contents, which each format gives in its own way.
def front_matter(chapter: Chapter) -> str:
    article = chapter.article
    for element in article.select("h1, .title-page"):
        element.decompose()
    heading = article.find("h2", string=lambda text: bool(text) and text.strip() == "Contents")
    while heading is not None:
        following = heading.find_next_sibling()
        heading.decompose()
        heading = following if following is not None and following.name != "h2" else None
    return "".join(str(child) for child in article.contents)
