"""Share and follow bars."""

from __future__ import annotations

from cleaner.rules.builders import examples, inline_rule, line_rule

_NETWORKS = (
    r"facebook|twitter|x\.com|pinterest|linkedin|whatsapp|reddit|tumblr|telegram|messenger|"
    r"flipboard|pocket|email|e-mail|mail|print|sms|copy link|copy url|line|viber|vk|xing|"
    r"instagram|youtube|tiktok|threads|bluesky|mastodon|snapchat|weibo|wechat|google\+?|digg|"
    r"stumbleupon|share|tweet|pin it|pin|more"
)

SHARE_LABEL = line_rule(
    "SH001",
    "share.label",
    "Share and follow labels: Share this:, Tweet, Share on Facebook, Click to share on X (Opens in new window), "
    "258 Shares, Save.",
    [
        r"share(?: (?:this|the|on|via|to))?(?: (?:article|story|post|page|video|link))?(?: (?:on|via|to|with) .{1,30})?",
        r"(?:click|tap) to (?:share|email|print|tweet)(?: (?:on|this|a|to) .{1,60})?",
        r".{0,60}\(opens in (?:a )?new window\)",
        r"(?:tweet|retweet|pin it|(?:email|print) this(?: (?:article|page|story|post))?|e-?mail to a friend)",
        # Article tools: "Print Article", "Order Reprints", "Reprints & Permissions", "Printer-friendly version".
        r"print (?:article|story)|order (?:a )?reprints?|reprints?(?: (?:&|and) permissions)?"
        r"|print(?:er)?[- ]?friendly(?: (?:version|page|format))?|view pdf(?:\s*/\s*print(?: mode)?)?",
        r"follow @[\w.]{1,30}",
        r"follow us (?:for|to get) [^.!?]{1,60}",
        r"(?:follow|like|find) us(?: on [^,.;!?]{1,40})?",
        r"like this",
        r"\d[\d.,]*\s?[km]?\s*shares?|shares?\s+\d[\d.,]*\s?[km]?",
        r"save(?: (?:article|story|for later|this (?:article|story)))?|bookmark(?: (?:this|article|story))?|gift (?:this )?article",
        r"like loading(?:\.\.\.|…)?",
        r"sharing is caring",
        r"(?:link )?copied!?|copy (?:the )?link(?: to (?:this|the) (?:article|story|post))?",
        r"share all sharing options for:? .{1,200}|(?:addthis|sharethis) sharing buttons",
        # "Follow me on Twitter or LinkedIn.", "Follow The Times Opinion section on Facebook, Twitter (@x) and Instagram."
        rf"follow (?:me|us|[^.!?\n]{{1,60}}) on (?:{_NETWORKS})(?:\s*\(@?[\w.]{{1,30}}\))?"
        rf"(?:\s*(?:,|and|or|&)\s*(?:{_NETWORKS})(?:\s*\(@?[\w.]{{1,30}}\))?)*\.?(?:\s*check out my (?:website|blog)\.?)?",
        # "Like this story? Share it with a friend!", "Print This Article Share it With Friends"
        r"(?:(?:like|enjoy|love)d? this (?:story|article|post)\?|print this (?:article|story|page))?\s*"
        r"share (?:it|this)(?: (?:article|story|post))? with (?:a friend|friends|your friends)",
        rf"share (?:on|via)\s*:?(?:[\s|•·,/]+(?:{_NETWORKS}))+",
        r"(?:close|open) (?:the )?share (?:panel|menu|bar|options|dialog)",
        r"these are external links and will open in a new window",
        r"never miss an? (?:update|story|post|thing)(?:\s*[-–—:|]?\s*follow .{1,40})?",
        r"loading\s*(?:\.{2,}|…)|loading,? please wait!?",
        r"(?:teilen|auf \w+ teilen|artikel teilen|diesen artikel teilen)",
        r"partager(?: (?:sur|par|cet article) .{1,30})?|partagez",
        r"compartir(?: (?:en|este artículo|esta noticia) .{0,30})?|compártelo",
        r"compartilh(?:e|ar)(?: (?:no|este artigo) .{0,30})?|condividi(?: su .{0,30})?",
        r"bagikan(?: (?:ke|artikel ini|berita ini))?|поделиться|공유(?:하기)?|シェア(?:する)?|この記事をシェア(?:する)?",
    ],
    examples(
        ("Last paragraph.\n\nShare this:\n", "Last paragraph.\n"),
        ("Text.\n\nClick to share on X (Opens in new window)\n", "Text.\n"),
        ("Text.\n\nLike this:\nLike Loading...\n", "Text.\n"),
        (
            "Shares in the company fell nine percent on Monday.\n",
            "Shares in the company fell nine percent on Monday.\n",
        ),
    ),
    opens_footer=True,
)

SHARE_RUN = line_rule(
    "SH002",
    "share.run",
    "A line made only of social network names, glued or separated: FacebookTwitterPinterestEmail.",
    [
        rf"(?:(?:share (?:to|on|via)\s*)?(?:{_NETWORKS})[\s|•·,/]*){{2,}}",
        r"(?:facebook|twitter|pinterest|linkedin|whatsapp|reddit|email|print|instagram|youtube|flipboard|tumblr|"
        r"telegram|snapchat|tiktok|messenger|copy link|sms|rss)",
    ],
    examples(
        ("Text.\n\nFacebookTwitterPinterestEmail\n", "Text.\n"),
        ("Text.\nFacebook | Twitter | WhatsApp\n", "Text.\n"),
        (
            "Facebook and Twitter said they would review the policy.\n",
            "Facebook and Twitter said they would review the policy.\n",
        ),
    ),
    opens_footer=True,
)

CLICK_TO_TWEET = inline_rule(
    "SH003",
    "share.click-to-tweet",
    "The 'Click To Tweet' button text glued to the end of a pull quote (the quote stays).",
    # The literal first, so that only lines mentioning it are searched; then what precedes it. The
    # spaces before it are taken from the first of a run only (a search starting again at each
    # space of a long run would read the run again each time).
    [r"(?<![ \t])[ \t]*+click to tweet(?<=[.!?…\"'”’)][ \t]*click to tweet)[ \t]*$"],
    examples(
        (
            "Every business lives in its own time.Click To Tweet\nThe rest of the story.\n",
            "Every business lives in its own time.\nThe rest of the story.\n",
        ),
        (
            "Readers who like a line can click to tweet it.\n",
            "Readers who like a line can click to tweet it.\n",
        ),
    ),
)

RULES = (SHARE_LABEL, SHARE_RUN, CLICK_TO_TWEET)
