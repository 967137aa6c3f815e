#!/usr/bin/env python3
"""Writes Fixtures/pages/*.html: the fixture article (Fixtures/harbour-strike.txt) saved as
a dozen web pages of different layouts, each with page furniture that holds quotes of its
own (reader comments, ads, promos, related stories, newsletter boxes, cookie banners,
hidden blocks). The test suite checks that every page gives the plain article's rows and
none from the furniture. All text is the project's own. Run again after editing the
fixture article.
"""
import html
import os

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
with open(os.path.join(ROOT, "Fixtures", "harbour-strike.txt"), encoding="utf-8") as f:
    headline, *paragraphs = [p for p in f.read().split("\n\n") if p.strip()]

def story(tag="p"):
    return "\n".join(f"<{tag}>{html.escape(p.strip(), quote=False)}</{tag}>" for p in paragraphs)

COMMENT = '<p>"This strike is a disgrace," said reader Tom Hale. "Ban it now."</p>'
AD = '<p>"Best deals of the year," says Shopmart chief Ana Ruiz.</p>'
RELATED = '<ul><li>Mayor Patel said talks would resume next week</li><li>"We will win," union says</li></ul>'
NEWSLETTER = '<p>"Sign up today," said our editor, Lee Grant, "and never miss a story."</p>'

def page(body, title=headline):
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<script>window.dataLayer = [{{"quote": "said nobody"}}];</script><style>.ad{{color:red}}</style></head>
<body>
{body}
</body></html>
"""

PAGES = {
    "01-wordpress.html": f"""<div id="page"><h1 class="entry-title">{headline}</h1>
<div class="entry-content">{story()}</div>
<div id="comments" class="comments-area"><h2>3 thoughts</h2><ol class="comment-list"><li>{COMMENT}</li></ol></div></div>""",
    "02-news-article.html": f"""<header><nav><a href="/">Home</a></nav></header>
<article><h1>{headline}</h1><p class="byline">By Jo Kim</p>{story()}</article>
<aside class="related-stories"><h3>Related</h3>{RELATED}</aside>
<div class="ad-slot">{AD}</div>""",
    "03-schema-article-body.html": f"""<h1 itemprop="headline">{headline}</h1>
<div itemprop="articleBody">{story()}</div>
<section class="newsletter-signup">{NEWSLETTER}</section>
<div class="comments">{COMMENT}</div>""",
    "04-main-with-share.html": f"""<main><h1>{headline}</h1>
<div class="share-buttons"><p>"Share this," said the site.</p></div>
{story()}
<div class="promo-box">{AD}</div></main>""",
    "05-legacy-table.html": f"""<table><tr><td class="sidebar">{RELATED}</td>
<td><h1>{headline}</h1>{story()}</td></tr></table>
<div class="comment-list">{COMMENT}</div>""",
    "06-disqus.html": f"""<article><h1>{headline}</h1>{story()}</article>
<div id="disqus_thread">{COMMENT}{COMMENT}</div>""",
    "07-cookie-and-modal.html": f"""<div class="cookie-banner"><p>"We value your privacy," the publisher said.</p></div>
<div class="modal subscribe-modal">{NEWSLETTER}</div>
<article><h1>{headline}</h1>{story()}</article>""",
    "08-inline-ad.html": f"""<article><h1>{headline}</h1>
{story().replace("</p>", "</p>" + '<div class="advertisement">' + AD + '</div>', 3)}</article>""",
    "09-most-popular.html": f"""<div class="story-body"><h1>{headline}</h1>{story()}</div>
<div class="most-popular"><h2>Most read</h2>{RELATED}</div>
<footer><p>"Contact us," said the footer.</p></footer>""",
    "10-post-content.html": f"""<main><div class="post-header"><h1>{headline}</h1></div>
<div class="post-content">{story()}</div>
<div class="author-bio"><p>"I cover ports," said reporter Jo Kim.</p></div></main>""",
    "11-hidden-blocks.html": f"""<article><h1>{headline}</h1>{story()}
<div hidden>{COMMENT}</div><div style="display: none">{AD}</div><div aria-hidden="true">{NEWSLETTER}</div></article>""",
    "12-no-markers.html": f"""<div><h1>{headline}</h1>{story()}</div>
<aside>{RELATED}</aside><form>{NEWSLETTER}</form>""",
}

def main():
    out = os.path.join(ROOT, "Fixtures", "pages")
    os.makedirs(out, exist_ok=True)
    for name, body in PAGES.items():
        with open(os.path.join(out, name), "w", encoding="utf-8") as f:
            f.write(page(body))
    print(f"{len(PAGES)} pages in {out}")

main()
