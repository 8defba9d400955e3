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


DIRECTORY = [
    "Harbour Rowing Club: rowing on the estuary for adults and juniors, boats provided for beginners",
    "Northside Chess Circle: weekly games and a winter league, beginners taught on Monday evenings",
    "Old Town Choir: four-part singing with a concert every spring and every December",
    "Riverside Allotment Society: plots to rent by the year, a seed swap in March and a shared tool shed",
    "Valley Ramblers: walks of ten to twenty kilometres every other Sunday, all year round",
    "Castle Hill Photography Group: monthly outings, a darkroom and an exhibition in the library each autumn",
    "Market Street Book Club: one novel a month, discussed over tea in the back room of the bakery",
    "Lakeside Sailing School: dinghy courses from April to September, lifejackets provided",
]


def layout_table_page() -> str:
    """A page laid out in a table, as pages were around 2005: menu cell, article cell, a nested
    table inside the article cell and a small data table."""
    paragraphs = "".join(f"<p>{p}</p>" for p in ARTICLE)
    return f"""<html><head><title>Harbour Gazette</title></head><body>
<table width="100%" border="0"><tr>
<td width="150" valign="top"><a href="/">Home</a><br><a href="/world">World</a><br><a href="/sports">Sports</a></td>
<td valign="top"><h1>Council votes to rebuild the harbour bridge</h1>
{paragraphs}
<table><tr><td><p>The ferry timetable is posted at both piers and on the council's notice board.</p></td></tr></table>
<table><tr><th>Days</th><th>First ferry</th><th>Last ferry</th></tr>
<tr><td>Monday to Friday</td><td>6:30</td><td>22:00</td></tr></table>
</td></tr>
<tr><td></td><td></td></tr>
</table></body></html>
"""


_SECTIONS = ["Home", "World", "Business", "Sports", "Science", "Health", "Opinion", "Travel", "Culture", "Weather"]
_TOPICS = ["ferry", "tide", "market", "storm", "budget", "school", "festival", "museum", "library", "park", "rail"]
TEASERS = [f"Harbour {topic} report number {i} is out" for i, topic in enumerate(_TOPICS * 4)]


def short_news_page() -> str:
    """A news page with a short article under long teaser lists and footer menus: trafilatura keeps
    the article, under a tenth of the page's words, and content detection on the page's text finds
    no article it trusts (its selection is under 15% of the page)."""
    nav = "".join(f"<li><a href='/{s.lower()}'>{s}</a></li>" for s in _SECTIONS)
    teasers = "".join(
        f"<li><a href='/t{i}'>{t}</a><div>By Staff</div><div>11/20/2019 0{i % 10}:14 PM</div></li>"
        for i, t in enumerate(TEASERS)
    )
    foot = "".join(f"<li><a href='/f{i}'>{s} desk</a></li>" for i, s in enumerate(_SECTIONS * 6))
    return f"""<!DOCTYPE html><html><head><title>Council votes</title></head><body>
<nav><ul>{nav}</ul></nav>
<main><article><h1>Council votes to rebuild the harbour bridge</h1><p>By A. Writer</p>
<p>{ARTICLE[0]} {ARTICLE[1]}</p><p>{ARTICLE[2]}</p></article></main>
<aside><h2>Latest news</h2><ul>{teasers}</ul></aside>
<footer><ul>{foot}</ul><p>Copyright 2026 Harbour Gazette. All rights reserved.</p></footer>
</body></html>"""


HEADLINE_TEASERS = [
    ("Harbour ferry fares to rise in spring", "The operator blames the price of fuel"),
    ("School roof repairs finished early", "Pupils return to their classrooms on Monday"),
    ("Library extends its opening hours", "Evening opening starts next month"),
]


def headline_teasers_page(after: str = "", item_extra: str = "") -> str:
    """An article followed by a box of teasers for other stories, each item only a headline and a
    standfirst set as headings; `after` goes after the box, `item_extra` into each item after its headings."""
    paragraphs = "".join(f"<p>{p}</p>" for p in ARTICLE)
    items = "".join(f"<li><h3>{head}</h3><h4>{dek}</h4>{item_extra}</li>" for head, dek in HEADLINE_TEASERS)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Council votes | Harbour Gazette</title></head>
<body><main><article>
<h1>Council votes to rebuild the harbour bridge</h1>
{paragraphs}
<ul class="list">{items}</ul>
{after}
</article></main></body></html>
"""
