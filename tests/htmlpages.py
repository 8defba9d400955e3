"""Small synthetic HTML pages made for this project's tests (not copied from any site)."""

from __future__ import annotations

ARTICLE = [
    "The city council voted on Tuesday to rebuild the old harbour bridge, ending a debate that has run for more than a decade.",
    "Engineers told the council that the present bridge, opened in 1931, can no longer carry buses and will need constant repairs if it stays.",
    "The new span will keep two lanes for traffic and add a wide path for people on foot and on bicycles, according to the plans shown at the meeting.",
    "Residents who spoke at the meeting were divided: some welcomed the plan, while others asked why the money could not go to schools instead.",
    "Work is expected to begin next spring and to last about three years, during which a ferry will carry passengers across the harbour.",
]

DEBRIS = ["Home", "World", "Sports", "Leave a Reply", "Your email address will not be published.", "Advertisement"]


def news_page(title: str = "Council votes to rebuild the harbour bridge", charset: str = "utf-8") -> str:
    """A news page: menu, headline, article with an ad shortcode and an ad label, comments, footer."""
    paragraphs = [f"<p>{p}</p>" for p in ARTICLE]
    paragraphs.insert(2, "<p>[ad_1]</p>")
    paragraphs.insert(4, "<p>Advertisement</p>")
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="{charset}"><title>{title} | Harbour Gazette</title>
<script>var tracking = "Leave a Reply";</script><style>p {{ color: black; }}</style></head>
<body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/sports">Sports</a></li></ul></nav>
<main><article>
<h1>{title}</h1>
<p class="byline">By A. Writer</p>
{"".join(paragraphs)}
</article>
<section id="comments" class="comments-area">
<h3 id="reply-title" class="comment-reply-title">Leave a Reply</h3>
<form id="commentform" class="comment-form"><p class="comment-notes">Your email address will not be published.</p>
<textarea name="comment"></textarea><input type="submit" value="Post Comment"></form>
</section></main>
<footer><p>Copyright 2026 Harbour Gazette. All rights reserved.</p></footer>
</body></html>
"""


def footer_only_page() -> str:
    """A page whose only text sits in its footer: main-content extraction finds nothing."""
    return """<html><head><title>Opening hours</title></head><body>
<footer><p>Opening hours are nine to five every weekday except public holidays.</p>
<p>Leave a Reply</p></footer>
</body></html>
"""
