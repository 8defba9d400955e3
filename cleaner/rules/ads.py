"""Ad slots and CMS shortcodes that scrapers leave in the text."""

from __future__ import annotations

from cleaner.rules.builders import examples, inline_rule, line_rule

AD_SHORTCODE = inline_rule(
    "AD001",
    "ads.shortcode",
    "Ad-slot shortcodes such as [ad_1], [ad_2], [adsense] or [ad id=3].",
    # Attributes need an "=": "[ad id=3]" is a slot, "[ad campaign]" is an editor's insertion.
    # Possessive spaces, tried from the first of a run only: backtracking into a run of spaces, or
    # starting again from each of its spaces, only retries what failed (time quadratic in the run).
    [
        r"(?<![ \t])[ \t]*+\[\s*+/?\s*+(?:ad|ads|adsense|advert|advertisement|ad_?\d++)(?:[_\- ]?\d++)?(?:\s+[\w-]+=[^\]\n]{0,80})?\s*\]"
    ],
    examples(
        ("Headline\n\n[ad_1]\n\nFirst paragraph.\n\n[ad_2]\n", "Headline\n\nFirst paragraph.\n"),
        ("Text before [ad_3] text after.\n", "Text before text after.\n"),
        ('[ad id="3"]\nText.\n', "Text.\n"),
        ("He said [ad campaigns] were to blame.\n", "He said [ad campaigns] were to blame.\n"),
    ),
)

WP_SHORTCODE = inline_rule(
    "AD002",
    "ads.wp-shortcode",
    "WordPress shortcodes: [caption ...]...[/caption], [embed]...[/embed], [gallery ...] and kin.",
    # A shortcode's attributes hold no "[", and its text no second opening of its own kind: read
    # otherwise, each "[caption" of a line holding many would be read to the line's end.
    [
        r"\[(caption|embed|video|audio|playlist|wp_caption)\b[^\[\]\n]*\](?:(?!\[\1\b).)*?\[/\1\]",
        r"\[/?(?:caption|embed|gallery|video|audio|playlist|wp_caption|contact-form(?:-7)?"
        r"|vc_[a-z_]+|et_pb_[a-z_]+|fusion_[a-z_]+|su_[a-z_]+|tweet|instagram|youtube)\b[^\[\]\n]*\]",
    ],
    examples(
        (
            '[caption id="a1" align="alignnone"]Crowds in the square[/caption]\nThe protest grew.\n',
            "The protest grew.\n",
        ),
        ('[gallery ids="1,2,3"]\nThe rest of the story.\n', "The rest of the story.\n"),
        ("[embed]https://example.com/v/1[/embed]\nText.\n", "Text.\n"),
        ("The museum's [new] gallery opens in May.\n", "The museum's [new] gallery opens in May.\n"),
    ),
)

AD_LABEL = line_rule(
    "AD003",
    "ads.label",
    "A lone ad label line: Advertisement, Sponsored, Story continues below advertisement, Ad Feedback, "
    "Anzeige, Publicité, Publicidad.",
    [
        r"advertisement",
        r"advertisements",
        r"advert",
        r"ad",
        r"ads",
        r"sponsored(?: content| post| links?| stories)?",
        r"paid (?:content|post|partner(?:ship)?)|partner content",
        r"advertisement\s*[-–—:]\s*scroll to continue(?: with content)?",
        # An ad slot labelled with its advertiser: "ADVERTISEMENT – Star Tours".
        r"(?:advertisement|sponsored advert)(?:\s*[–—-]\s*[^.!?]{1,40})?",
        r"promoted(?: content| stories)?",
        r"story continues below(?: this)? advertisement",
        r"article continues below(?: this)? advertisement",
        r"continue reading below",
        r"(?:story|article|text|content) continues (?:below|after (?:the |this )?(?:ad|advertisement))",
        r"scroll (?:down )?to continue(?: with content| reading)?",
        r"ad feedback|report (?:this )?ad|ads? by (?:google|taboola|outbrain)",
        r"(?:promoted|sponsored) links(?: by \w+)?|recommended by (?:outbrain|taboola)",
        r"anzeige",
        r"werbung",
        r"publicité",
        r"publicidad",
        r"реклама|iklan|광고|広告|スポンサーリンク|赞助内容|广告",
        r"anuncio",
        r"supported by",
        r"publicidade",
        r"pubblicità",
    ],
    examples(
        ("First paragraph.\n\nADVERTISEMENT\n\nSecond paragraph.\n", "First paragraph.\n\nSecond paragraph.\n"),
        ("Sponsored\nText of the story.\n", "Text of the story.\n"),
        ("The advertisement ran during the final.\n", "The advertisement ran during the final.\n"),
    ),
)

TRACKING_PIXEL = inline_rule(
    "AD004",
    "ads.tracking-pixel",
    'The HTML of a tracking pixel left in the text: <img width="1" height="1" ...>, <noscript>...</noscript>.',
    [
        # Only one-pixel or hidden images: a tag in a code sample of a tutorial is article text.
        # The attribute is looked for before the next "<" or ">" (and within the tag's 600
        # characters), so that each "<img" of a line holding many is not read to the line's end.
        r"<img\b(?=[^<>\n]{0,600}?\b(?:width|height)\s*+=\s*+[\"']?[01][\"'\s>])[^>\n]{0,600}>",
        r"<img\b(?=[^<>\n]{0,600}?display\s*+:\s*+none)[^>\n]{0,600}>",
        r"</?noscript>",
    ],
    examples(
        (
            'Body.\n<img height="1" width="1" style="display:none" src="http://example.com/p?c=1">\nMore body.\n',
            "Body.\nMore body.\n",
        ),
        (
            'Use <img src="cat.png" width="300"> to show the cat.\n',
            'Use <img src="cat.png" width="300"> to show the cat.\n',
        ),
    ),
)

RULES = (AD_SHORTCODE, WP_SHORTCODE, AD_LABEL, TRACKING_PIXEL)
