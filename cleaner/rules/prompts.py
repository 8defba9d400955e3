"""Cookie banners, newsletter pitches and subscription or login prompts."""

from __future__ import annotations

import regex

from cleaner.document import Document, Kind, Rule
from cleaner.rules.builders import examples, line_rule, rule
from cleaner.rules.gates import label_of
from cleaner.rules.patterns import FLAGS
from cleaner.text import word_count

# Phrases only a site says about itself; "the firm uses cookies to track users" is news, not a banner.
_COOKIE = regex.compile(
    r"\b(?:we(?: and our (?:partners|vendors))? use cookies|(?:this|our) (?:web)?site (?:uses|is using) cookies|"
    r"our use of cookies|accept (?:all )?cookies|(?:happy|consent) to receive (?:all )?cookies|"
    r"by (?:continuing to (?:use|browse)|using|browsing) (?:this|our) (?:web)?site|"
    r"if you continue (?:to use|using|browsing|to browse) (?:this|our) (?:web)?site|"
    r"wir verwenden cookies|diese (?:web)?seite verwendet cookies|"
    r"(?:ce site|nous) utilis(?:e|ons) des cookies|utilizamos cookies|este sitio (?:web )?utiliza cookies|"
    r"(?:usiamo|utilizziamo) (?:i )?cookie|questo sito (?:web )?(?:usa|utilizza) (?:i )?cookie|"
    r"(?:este site|nós) (?:usa|utiliza|usamos|utilizamos) cookies|"
    r"мы используем (?:файлы )?cookie|(?:этот )?сайт использует (?:файлы )?cookie|"
    r"kami menggunakan cookie|situs (?:web )?ini menggunakan cookie)\b",
    FLAGS,
)
# Cookie links and headings, as whole lines.
_COOKIE_LABEL = regex.compile(
    r"(?:manage )?cookies?(?: (?:policy|settings|preferences|consent|notice|statement|declaration))?"
    r"|(?:privacy and|privacy &) cookies?(?: policy)?|cookie-?richtlinie|politique (?:de|relative aux) cookies"
    r"|política de cookies",
    FLAGS,
)

_COOKIE_BUTTON = regex.compile(
    r"(?:i )?(?:accept|agree|got it|ok|okay|allow(?: all)?|reject(?: all)?|decline|manage (?:settings|options|cookies)|"
    r"more info(?:rmation)?|learn more|akzeptieren|zustimmen|accepter|aceptar|accetta|aceitar|принять|согласен|setuju)[.!]?",
    FLAGS,
)


@rule(
    "PR001",
    "prompts.cookie",
    Kind.LINE,
    "A cookie-consent line: a short line about the site's cookies, or its Accept/Manage buttons.",
    examples(
        (
            "Body.\n\nWe use cookies to improve your experience. By using this site you agree.\n\nAccept\n",
            "Body.\n",
        ),
        (
            "The regulator said the firm uses cookies to track users across other websites.\n\nAccept\n",
            "The regulator said the firm uses cookies to track users across other websites.\n\nAccept\n",
        ),
    ),
    # Banner lines are judged alone and all go in the first run; a second run finds no banner,
    # so it removes no button either.
    rerun_only_after_edits=True,
    opens_footer=True,
)
def cookie(doc: Document, rule: Rule) -> None:
    found = False
    # Every phrase of the banner names cookies or the site.
    for i in doc.lookup().lines_lowercase_containing(("cookie", " site", "seite")):
        line = doc.lines[i]
        if line.removed_by is not None:
            continue
        if (word_count(line.text) <= 60 and _COOKIE.search(line.text)) or _COOKIE_LABEL.fullmatch(label_of(line.text)):
            doc.remove(i, rule)
            found = True
    if not found:
        return
    # The banner's buttons only mean something next to a banner.
    for i, line in doc.iter_content():
        if _COOKIE_BUTTON.fullmatch(label_of(line.text)):
            doc.remove(i, rule)


# What may follow a pitch's "... newsletter": punctuation, or a word that goes on with the pitch
# ("... newsletter for exclusive updates"); "Sign up for our newsletter was printed on every
# leaflet" is a sentence about a pitch, not one.
_PITCH_TAIL = r"(?:\s*[.!:;,–—-].{0,150}|\s+(?:and|to|for|here|today|now|delivered|from|with|in|at)\b.{0,150})?"

NEWSLETTER = line_rule(
    "PR002",
    "prompts.newsletter",
    "Newsletter, subscription, login and app prompts and sign-up form messages: Sign up for our newsletter, "
    "Subscribe, Log in, Enter your email, Download the ... app, There was an error processing your subscription., "
    "Click here to subscribe to ..., I agree that ... can send me the ... newsletter.",
    [
        r"(?:sign up|subscribe|register) (?:for|to) (?:our|the|my)(?: free)? [\w' -]{0,40}(?:newsletters?|mailing list|updates|alerts)"
        + _PITCH_TAIL,
        r"(?:get|receive) (?:our|the)(?: free)? [\w' -]{0,40}newsletters?" + _PITCH_TAIL,
        r"join (?:our|the) (?:mailing list|newsletter|community)" + _PITCH_TAIL,
        r"(?:enter|type) your e-?mail(?: address)?(?: here)?(?:[ ,.!:-]+.{0,80})?",
        r"(?:e-?mail address|your e-?mail)",
        r"newsletters?(?: sign[- ]?up)?",
        r"(?:[\w'’+&.-]+ ){0,4}newsletters?(?: (?:&|and) alerts)?(?: sign[- ]?up)?!?",
        r"(?:get|see|view|browse|manage|all|our|free|email|e-mail|daily|weekly)(?: all| our| free)? newsletters?(?: .{0,60})?",
        r"(?:sign up|subscribe|register)(?: now| today| here)?(?: (?:for|to))? .{0,80}newsletters?" + _PITCH_TAIL,
        r"(?:sign up|subscribe)\s*:\s*.{1,60}",
        r"subscribe (?:to|for) [^.!?,;]{1,50}",
        r"subscribe now.{0,60}|subscriber services|manage (?:your )?subscriptions?|(?:digital|corporate|print) subscriptions?"
        r"|subscriptions?|e-?edition|today's paper|home delivery",
        # Possessive spaces: the two runs around an optional "|" would share a long run of spaces in
        # quadratically many ways.
        r"(?:subscribe|register|log ?in|sign ?in|sign up)(?:\s*+(?:[|/]|or)?\s*+(?:subscribe|register|log ?in|sign ?in|sign up|sign out|log ?out))+",
        r"(?:subscribe|sign up|sign in|log ?in|log ?out|register|my account|create (?:an|your) account)(?: now| today| here)?",
        r"already (?:a subscriber|have an account|registered)\??(?: .{0,40})?",
        r"subscribe (?:for|to get|and get) (?:full|unlimited|digital) .{0,100}",
        r"by (?:signing up|subscribing),? you agree .{0,200}",
        r"donate(?: now| today)?|support (?:our|independent|quality) journalism|become a (?:member|subscriber|supporter)(?: today| now)?",
        r"thank(?:s| you) for (?:signing up|subscribing).{0,100}",
        # App prompts: "Download the BBC News app", "CLICK HERE TO GET THE CITY NEWS APP".
        r"(?:(?:click|tap) here to )?(?:download|get|install) (?:the|our)(?: free)? [\w&'’. -]{0,30}\bapp"
        r"(?: (?:now|today|here|for free))?",
        # A sign-up form's messages: "There was an error processing your subscription.",
        # "Please check the opt-in box to acknowledge that you would like to subscribe."
        r"there was an? (?:error|problem) (?:processing|with) your (?:subscription|request|submission|sign-?up|registration)"
        r"(?:[.!,;:]?\s.{0,80})?",
        r"please (?:check|tick|select) the (?:opt-in |consent )?box to .{1,100}",
        r"please (?:enter|provide) a valid e-?mail(?: address)?(?:[.!,;:]?\s.{0,40})?",
        r"keep an eye on your inbox(?: for .{1,80})?",
        # "Click here to subscribe to The Daily Newsletter", "Click here to subscribe!"
        r"(?:click|tap) here (?:to|and) (?:subscribe|sign up|register)(?: (?:to|for) [^.!?,;]{1,60})?[.!]?",
        # A sign-up form's consent box: "I agree that Example Sports can send me the ... newsletter."
        r"(?:yes,? )?i (?:agree|consent|would like)(?: that [\w .&'’-]{1,40} (?:can|may|will) (?:send|e-?mail) me| to (?:receive|get))"
        r"[^.!?]{0,120}?(?:newsletters?|e-?mails?|updates|offers|alerts|messages|communications)[^.!?]{0,60}[.!]?",
        r"newsletter abonnieren|jetzt abonnieren|anmelden|abmelden|"
        r"(?:s'abonner|abonnez-vous)(?: à (?:la|notre) newsletter)?|se connecter|"
        r"suscríbete(?: a (?:nuestro|el) boletín)?|iniciar sesión|accedi|entrar|fazer login|iscriviti|assine",
    ],
    examples(
        ("Body.\n\nSign up for our daily newsletter\n\nEnter your email address\n", "Body.\n"),
        ("Subscribe\nLog In\nHeadline\n\nBody text.\n", "Headline\n\nBody text.\n"),
        (
            "She decided to subscribe to the theory that prices would fall.\n",
            "She decided to subscribe to the theory that prices would fall.\n",
        ),
        ("Body.\n\nCLICK HERE TO GET THE CITY NEWS APP\n\nMore body.\n", "Body.\n\nMore body.\n"),
        ("Body.\n\nThere was an error processing your subscription.\n", "Body.\n"),
        (
            "Download the app, the health ministry urged residents on Monday.\n",
            "Download the app, the health ministry urged residents on Monday.\n",
        ),
    ),
    opens_footer=True,
)

# What a site says about itself inside a sentence: newsletter pitches, ad-blocker and browser
# notices, terms-of-use boilerplate. Found anywhere in a short line; the phrase is the evidence.
_NOTICE = regex.compile(
    r"(?:^|(?<=[.!?]\s))(?:sign up|subscribe|join|get|start your day)[^.!?]{0,120}(?:newsletter|inbox)e?s?"
    r"(?=\s*(?:$|[.!:;,–—-])|\s+(?:and|to|for|here|today|now|delivered|from|with|in|at|every|daily)\b)"
    r"|delivered (?:straight |directly |right )?to your (?:e-?mail )?inbox"
    r"|(?:disable|turn off|whitelist|pause|deactivate) (?:your |the |an |any )?ad[ -]?block"
    r"|talk about your ad[ -]?block"
    r"|(?:enable|turn on) javascript|javascript (?:is )?(?:disabled|required|must be enabled)"
    r"|update (?:to )?(?:a )?(?:modern|newer|supported) browser"
    r"|(?:your|this) browser (?:is (?:not supported|out of date|outdated)|does not support)"
    r"|detected (?:that )?you are (?:on|using) internet explorer"
    r"|constitutes acceptance of (?:our|the)"
    r"|(?:we have|we.ve) updated our privacy policy|your privacy is important to us"
    r"|(?:abide by|read|follow|respect|review) our (?:submission|community|commenting|comment|posting) (?:guidelines|policy|rules)"
    # Paywalls.
    r"|you have reached (?:your|the) (?:\w+ )?(?:limit|maximum)"
    r"|(?:subscribe|log ?in|sign ?in|register)(?: now| today)? to (?:continue|keep) reading"
    r"|(?:create|register for) a free account to (?:continue|keep) reading"
    # Membership pitches under an article: "If you enjoyed this article, we have a proposition for
    # you: Join ...", "If you value our journalism, please consider subscribing."
    r"|if you (?:enjoyed|liked|like|enjoy|value|appreciate|rely on) (?:this|our|reading this) (?:article|story|post|piece"
    r"|journalism|reporting|work|content)[^.!?]{0,60}?(?:we have a proposition|please (?:consider|support|subscribe|donate"
    r"|join)|consider (?:subscribing|supporting|joining|becoming|making)|(?:subscribe|join|support|donate|become a)\b)"
    r"|(?:every|each) (?:day|morning|week|weekday|evening),? we(?:'ll| will)? send (?:you )?an? (?:e-?mail|newsletter)"
    r" (?:with|of) (?:the|our) (?:top|best|biggest|latest|most important|day's) (?:stories|news|headlines|reads)"
    r"|this (?:article|content|story) is (?:only )?(?:available|reserved|exclusive) (?:to|for) (?:subscribers|members|premium)"
    # Affiliate disclosures.
    r"|(?:if|when) you (?:buy|click|purchase|shop)[^.!?]{0,80}(?:we|\p{Lu}[\w.]*) (?:may|might|could|will) "
    r"(?:receive|earn|get|collect|be paid) (?:a )?(?:small )?(?:share of the sale|commission|(?:affiliate )?compensation)"
    r"|(?:this|the) (?:post|article|page|story|review) (?:may )?contains? affiliate links"
    r"|as an amazon associate,? (?:i|we) earn from qualifying purchases"
    r"|als amazon-partner verdien(?:e ich|en wir) an qualifizierten verkäufen"
    r"|en tant que partenaire amazon,? (?:je réalise|nous réalisons) un bénéfice sur les achats remplissant les conditions requises"
    r"|como afiliad[oa] de amazon,? (?:obtengo|obtenemos) ingresos por las compras adscritas que cumplen los requisitos aplicables"
    r"|in qualità di affiliato amazon,? (?:io )?ricev(?:o|iamo) un guadagno dagli acquisti idonei"
    r"|como associad[oa] da amazon,? (?:eu )?ganh(?:o|amos) com (?:as )?compras qualificadas",
    FLAGS,
)


NOTICE_CUES = (
    "newsletter",
    "inbox",
    "block",
    "javascript",
    "browser",
    "explorer",
    "constitutes",
    "privacy",
    "limit",
    "maximum",
    # Membership pitches: "If you enjoyed this article, ..." and "Every day we send an email ...".
    "if you enjoy",
    "if you like",
    "if you value",
    "if you appreciate",
    "if you rely",
    "we send",
    "reading",
    "subscribers",
    "members",
    "premium",
    "guidelines",
    "policy",
    # Affiliate disclosures: "If you buy..." (news text says "commission" too often to be a cue).
    "you buy",
    "you click",
    "you purchase",
    "you shop",
    "affiliate",
    "amazon",
)


@rule(
    "PR003",
    "prompts.site-notice",
    Kind.LINE,
    "A short line in which the site talks to the reader: newsletter pitches, paywalls, membership pitches "
    "(If you enjoyed this article, ... join ...), ad-blocker and browser notices, terms-of-use boilerplate, "
    "affiliate disclosures.",
    examples(
        ("Body.\n\nGet the day's top headlines delivered to your inbox every morning.\n", "Body.\n"),
        ("Body.\n\nIf you value our work, please disable your ad blocker.\n", "Body.\n"),
        ("Body.\n\nIf you buy something through this post, we may earn a commission.\n", "Body.\n"),
        (
            "Body.\n\nIf you enjoyed this article, we have a proposition for you: Join our club.\n",
            "Body.\n",
        ),
        (
            "If you enjoyed this article about the harbour, the museum said, you will enjoy the tour.\n",
            "If you enjoyed this article about the harbour, the museum said, you will enjoy the tour.\n",
        ),
        (
            "Most readers who sign up for a newsletter never read it, the study found.\n",
            "Most readers who sign up for a newsletter never read it, the study found.\n",
        ),
    ),
    params={"max-words": 50},
    rerun_only_after_edits=True,
    opens_footer=True,
)
def site_notice(doc: Document, rule: Rule) -> None:
    max_words = rule.param(doc.config, "max-words")
    # Every notice holds one of the cue words, and fifty words never take 600 characters: both
    # checks spare the search on ordinary lines.
    for i in doc.lookup().lines_lowercase_containing(NOTICE_CUES):
        line = doc.lines[i]
        if line.removed_by is not None or len(line.text) > 12 * max_words:
            continue
        if word_count(line.text) <= max_words and _NOTICE.search(line.text):
            doc.remove(i, rule)


# Lines every page of a site prints under its articles, in the phrasings sites share. Whole lines
# only: an article quoting a site's terms goes on past them.
SITE_TERMS = line_rule(
    "PR004",
    "prompts.site-terms",
    "Terms-of-use, comment-policy and contact lines under an article: The material on this site may not be "
    "reproduced ... without the prior written permission of ..., Please be mindful of our community standards, "
    "Write to <name> at <address>.",
    [
        r"(?:the )?(?:material|content|contents|information|text)(?: (?:on|of|in) this (?:web ?site|site|page))?"
        r" may not be (?:reproduced|republished|copied|redistributed|published)\b[^.]{0,150}"
        r"\b(?:without|except with) (?:the )?(?:prior |express |explicit )*(?:written )?(?:permission|consent)[^.]{0,80}",
        r"no part of this (?:publication|site|website|article|page) may be (?:reproduced|republished|copied|redistributed)"
        r"\b[^.]{0,150}\b(?:without|except with) (?:the )?(?:prior |express |explicit )*(?:written )?(?:permission|consent)[^.]{0,80}",
        r"(?:our )?community (?:rules|guidelines|standards) apply to all content you (?:upload|post|submit)\b.{0,100}",
        r"(?:please )?be mindful of our (?:community|commenting|comment|posting) (?:standards|guidelines|policy|rules)",
        # The domain is taken whole (atomic): giving it back part by part, when the rest of the line
        # fails, took time quadratic in its dots.
        r"write to (?:the author|us|[\w.'’ -]{1,60}) at [\w.+-]+@(?>[\w-]+(?:\.[\w-]+)+)(?:(?:,|and|or) .{1,80})?",
    ],
    examples(
        (
            "Body.\n\nThe material on this site may not be reproduced, distributed, transmitted, cached or otherwise "
            "used, except with the prior written permission of Example Media.\n",
            "Body.\n",
        ),
        ("Body.\n\nWrite to Jane Doe at jane.doe@example.com\n", "Body.\n"),
        (
            "The judge said the material may not be reproduced without permission, and fined the blog.\n",
            "The judge said the material may not be reproduced without permission, and fined the blog.\n",
        ),
    ),
)

RULES = (cookie, NEWSLETTER, site_notice, SITE_TERMS)
