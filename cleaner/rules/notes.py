"""Why each built-in rule exists and where it is known to misfire: shown by `cleaner rule ID` and
in docs/rules.md. Kept apart from the rule definitions so that editing a rule's patterns and
editing its notes never touch the same lines; the registry puts them on each Rule, and a test
requires both for every built-in rule."""

from __future__ import annotations

NOTES: dict[str, tuple[str, tuple[str, ...]]] = {
    "AD001": (
        "WordPress ad plugins leave their slot markers ([ad_1], [adsense]) in the text when a page is "
        "scraped without its ad code; they are never part of what the author wrote.",
        ("An article that quotes a shortcode, say a WordPress tutorial writing out [ad_1], loses the quoted marker.",),
    ),
    "AD002": (
        "Scrapers that read the post's raw content keep the shortcodes WordPress would have rendered; "
        "the caption, embed or gallery markup is not prose.",
        (
            "A tutorial that shows shortcode syntax loses its examples.",
            "A caption written inside [caption]...[/caption] goes with the tags (captions are dropped by default anyway).",
        ),
    ),
    "AD003": (
        "Ad slots leave a label line where the ad stood (Advertisement, Anzeige, Publicité); the line "
        "breaks a paragraph in two and carries no content.",
        (
            "A one-word line 'Advertisement' or 'Sponsored' that is a heading of the article itself (a piece about advertising) goes.",
        ),
    ),
    "AD004": (
        "Tracking pixels and noscript fallbacks survive some HTML-to-text converters as raw HTML that no reader sees.",
        ("An article about HTML that quotes a 1x1 img tag or a noscript element loses the quotation.",),
    ),
    "CM001": (
        "The comment section under an article opens with a fixed heading (Leave a Reply, 12 Comments); "
        "it is page furniture, not the story.",
        (
            "A line that is just 'Comments' or 'No Comments' used as a subheading inside an article goes.",
            "With a heading alone removed, the comments below it are removed only when another rule (TL002, CD002) recognises them.",
        ),
    ),
    "CM002": (
        "Comment forms leave a fixed set of lines (email will not be published, required fields, save "
        "my name) that repeat on every page of a site.",
        (
            "An article about comment moderation or GDPR consent that quotes the form's lines as whole lines loses them.",
        ),
    ),
    "NV001": (
        "Blog themes print 'Previous Article' / 'Next Article' with the neighbouring post's headline "
        "(and an image alt word): a headline of another story glued into this one.",
        (
            "A story whose own last lines start with 'Next' and a short title-like line (a listicle's 'Next: the recipe') can lose that line.",
        ),
    ),
    "NV002": (
        "Related-content boxes open with a standard heading (Related Posts, You may also like); the "
        "heading marks the start of another site's or story's teasers.",
        (
            "An article subheading that happens to read 'Recommended' or 'More from the author' goes.",
            "Only the heading goes: the teaser lines under it are left to CD001, CD003 and TL001.",
        ),
    ),
    "NV003": (
        "Pager and jump links (Read more, Continue reading, Back to top, breadcrumbs) are controls, "
        "not text, and appear on nearly every captured page.",
        (
            "A sentence-less line that is exactly 'Read more' or 'Continue reading' written by the author as a teaser ending goes.",
        ),
    ),
    "NV004": (
        "Header and footer menus become lines of link labels (Home, Privacy Policy, Contact Us) that "
        "open and close most full-page captures.",
        (
            "A short heading that is exactly a menu word, such as 'Search' or 'About Us' in an article about a company, goes.",
        ),
    ),
    "NV005": (
        "Teaser lists and article heads carry time stamps and reading times ('3 hours ago', '5 min "
        "read') that are metadata of the page, not text.",
        ("A one-line answer such as '2 days ago' in an interview transcript, alone on its line, goes.",),
    ),
    "NV006": (
        "News sites set links to other stories into the body ('Read more: <headline>', 'Related: ...'); "
        "they interrupt the story with another one's headline.",
        (
            "A line the author wrote as 'See also: ...' or 'Watch: ...' that is part of the story (a film review's watch list) goes.",
        ),
    ),
    "NV007": (
        "Captures repeat the publication or update date on a line of its own above the story or in "
        "teaser lists, where it says nothing a reader needs in the text.",
        ("A date line over a list item that the author meant as a heading, when no paragraph follows it, goes.",),
    ),
    "AT001": (
        "Syndicated and scraped posts end with a back-link to the original ('The post ... appeared "
        "first on ...', 'Source link'); it names the source, it is not the story.",
        (
            "A line 'Source: ...' that cites a study or a data set inside the article goes, though it is a real citation.",
            "'Via: ...' credits written by the author go too.",
        ),
    ),
    "SH001": (
        "Share bars leave their labels ('Share this:', 'Tweet', '258 Shares') between the headline and the story or under it.",
        (
            "A one-word line 'Share' or 'Save' that is a step of instructions the article gives (how to use an app) goes.",
        ),
    ),
    "SH002": (
        "Icon rows of social networks turn into one line of glued names (FacebookTwitterPinterestEmail) with no text of their own.",
        (
            "A line that lists network names as content, such as a heading 'Facebook, Twitter' in an article about social media, can go.",
        ),
    ),
    "SH003": (
        "Pull quotes with a 'Click To Tweet' button keep the button's text glued to the quote's end; the quote stays, the button text goes.",
        ("A sentence that itself ends in the words 'click to tweet' loses them.",),
    ),
    "CR001": (
        "Photo credits (Getty Images, AFP, Photo: ...) stand on their own lines under images and are "
        "not part of the article's text.",
        ("A short line that names an agency as the article's subject ('Reuters' as a one-word heading) goes.",),
    ),
    "CR002": (
        "Captions that end in a credit ('... Photo: AFP') describe an image the text capture no longer shows.",
        (
            "A sentence of the story that ends by naming an agency after 'Source:' or 'Photo:' goes whole; use keep-captions to keep the caption text and cut only the credit.",
        ),
    ),
    "CP001": (
        "Captions closed by a bare bracketed credit ('... Ariz. (AP)', '... 2019. (Jane Doe/Reuters)') describe an "
        "image the text capture no longer shows; the credit after the caption's last sentence marks the line.",
        (
            "A paragraph of the story that ends with a sentence and then an agency in brackets, '(AP)' or "
            "'(Reuters)' as a source note, goes whole; use keep-captions to keep the text and cut only the bracket.",
        ),
    ),
    "ST001": (
        "A time stamp above the story is page furniture, like the ones the phrase stage's date-line rule takes; these "
        "forms go after content detection, which reads a date line there as the article's start.",
        (
            "A line of the story that is only a date ('Today 12:01 AM') with no paragraph after it, as the last line "
            "of a page, goes.",
        ),
    ),
    "CR003": (
        "A caption sentence directly above a bare 'Name | Agency' credit belongs to the image; the "
        "credit line marks it as a caption.",
        (
            "A one-sentence paragraph of the story that happens to sit right above a credit line is taken as the caption and goes.",
        ),
    ),
    "CR004": (
        "BBC-style captures label captions ('Image caption ...', 'Media caption ...'); the label says the line describes an image or video.",
        (
            "A line of the story that starts with 'Caption:' (an article about captioning) goes; keep-captions keeps the text and cuts only the label.",
        ),
    ),
    "CR005": (
        "Photo galleries leave their controls ('Image 3 of 12', 'Back to Gallery', 'Hide caption') in the capture.",
        ("A line that is only a fraction such as '1 / 23' (a score or a ratio alone on its line) goes.",),
    ),
    "CR006": (
        "Russian, Korean, Japanese and Chinese sites label photo credits in their own scripts (Фото:, 사진=, 写真：), which the Latin-script rules miss.",
        (
            "A line of the story opening with the same label word used in its ordinary sense ('Фото: ...' as the start of a sentence about a photograph) goes.",
        ),
    ),
    "PR001": (
        "Cookie banners are captured as short lines about cookies and their Accept/Manage buttons, on every page of a site.",
        (
            "A short line of an article about cookies or privacy law that reads like a banner ('We use cookies to ...') goes.",
        ),
    ),
    "PR002": (
        "Newsletter, subscription and login prompts interrupt the story with calls to action that repeat on every page.",
        (
            "A short line such as 'Subscribe' or 'Log in' that is part of instructions the article gives (a how-to about an app) goes.",
        ),
    ),
    "PR003": (
        "Sites address the reader in short notices (paywall, ad-blocker, browser, terms, affiliate "
        "disclosures) that are not the author's text.",
        (
            "A short line of the article in which the author addresses the reader in the same words ('Thank you for reading', an affiliate disclosure the reader should see) goes.",
        ),
    ),
    "PR004": (
        "Sites print the same terms-of-use, comment-policy and contact lines under every article, in "
        "phrasings many sites share; they are the site's text, not the author's.",
        (
            "An article whose whole line is a contact address in that form ('Write to the editor at "
            "letters@example.com') or a site's reproduction terms it quotes on a line of its own goes.",
        ),
    ),
    "CD002": (
        "Reader comments after an article follow a 'Name ... said:' pattern; from the first such header on, the text is the thread, not the article.",
        (
            "An article that quotes two people with 'X said:' headers on their own lines (an interview or a chat log) can lose everything from the first header on; conservative mode turns it off.",
        ),
    ),
    "CD003": (
        "Teasers for other stories are often captured as one line of headline and summary glued "
        "together; three or more such lines mark a teaser list.",
        (
            "A page whose own paragraphs open with a dateline in capitals after a sentence without a space (a wire story with broken line joins) can lose them; it needs three such lines and is off on text that already looks clean.",
        ),
    ),
    "CD004": (
        "Category lists and most-commented lists end each line in a count in brackets; a run of three or more is navigation.",
        (
            "A list in the article whose items end in bracketed numbers (results, votes, years) goes unless a line ending in ':' introduces it.",
        ),
    ),
    "CD001": (
        "Full-page captures hold menus, teasers and footers that no phrase list can name; a line model "
        "trained on the bench's pages tells page furniture from article text by its neighbourhood.",
        (
            "Pages that are lists, tables of contents or forms of short lines (directories, glossaries) lose some of their lines where the page also shows furniture (known debris, a long menu); docs/quality.md lists the known cases.",
            "A very short article in a large page may be judged furniture; a selection that keeps under 15% of a page's text is not believed and the page is left to the phrase rules.",
        ),
    ),
    "HD001": (
        "Templates print a label ('TOPIC:', 'Category:') in front of the headline; the label is not part of the headline.",
        (
            "A headline that starts with one of the label words and a colon in its own right ('Topic: why ...' as the title) loses the word.",
        ),
    ),
    "HD004": (
        "Tag and category lines ('Tags: a, b', 'Filed under: ...') list the site's taxonomy, not the story.",
        ("A line of the article that starts 'Topics' or 'Posted in' as ordinary text, alone on its line, goes.",),
    ),
    "HD005": (
        "A byline above the first sentence names the author, which metadata already holds; it is not "
        "part of the article text a corpus wants.",
        (
            "A short first line of 'By' and capitalised words that is a title, not a byline ('By Royal Decree') goes.",
            "A book's author line under its title ('By Jane Austen') in a review goes, as any byline would.",
        ),
    ),
    "HD002": (
        "Above the headline, captures keep the site name, section and tags as short lines; they are "
        "removed when a headline and then prose follow, so the headline itself is safe.",
        (
            "A short first line that is the headline itself, followed by a subtitle and prose, can be taken for a section label; conservative mode turns the rule off.",
        ),
    ),
    "HD003": (
        "Image alt texts leave a lone lowercase word or two between paragraphs ('photo', 'getty') when the image itself is gone.",
        ("A one- or two-word lowercase line that belongs to the text (a poem's short line, a list item) goes.",),
    ),
    "TL001": (
        "Below the article, once a footer opens (comments, related list, share bar), what follows is "
        "page furniture unless it reads as prose. Unless it outweighs the page above: where the lines it "
        "would cut hold more text (menu items not counted) than the page keeps above the opener, the "
        "'footer' is a list that is the page (headlines with summaries, a resume) and nothing is cut.",
        (
            "A postscript, an editor's note or a correction after a share bar is kept only if it reads as prose; short lines of it (a signature, a list) go.",
        ),
    ),
    "TL002": (
        "Comment threads open with a heading such as '12 Comments' followed by commenter bylines; from the heading to the end is the thread.",
        (
            "An article that ends with a section headed like '3 responses to ...' followed by lines in the 'name says:' shape loses that section.",
        ),
    ),
    "WS001": (
        "Trailing spaces, no-break and zero-width spaces at line ends are invisible noise that makes equal lines compare unequal.",
        ("Markdown's two-space hard line break at a line end is removed.",),
    ),
    "WS002": (
        "Removing lines leaves runs of blank lines; one blank line is enough to separate paragraphs.",
        ("Text that uses several blank lines on purpose (poetry, a preformatted block) loses the extra ones.",),
    ),
}
