"""Comment sections and comment forms."""

from __future__ import annotations

from cleaner.rules.builders import examples, line_rule

COMMENT_HEADING = line_rule(
    "CM001",
    "comments.heading",
    "Comment-section headings: Leave a Reply, Comments, Post a Comment, 12 Comments, Be the first to comment.",
    [
        r"(?:leave|post|add|write|submit|have) (?:a|your|an?) (?:reply|comment|response)(?: to .{1,80}?)?(?:\s*cancel reply)?",
        r"(?:leave|post) (?:a )?comments?",
        r"comments?(?: \(\d+\))?",
        r"(?:show|view|read|load|see|hide|open|close) (?:all )?(?:\d+ )?comments?(?: \(\d+\))?",
        r"\d+ (?:comments?|responses?|replies|reactions?)",
        r"(?:no|one|two|three) (?:comments?|responses?|replies)(?: yet)?",
        # WordPress quotes the post's title; "Two responses to the crisis" is a subheading.
        r"(?:one|two|three|\d+) (?:responses?|thoughts?|comments?|replies) (?:to|on) [“\"«‘'].{1,150}",
        r"be the first to (?:comment|reply|respond)(?: on this (?:article|post|story))?",
        r"join the (?:discussion|conversation)",
        r"(?:reply|responder|antworten|répondre|report(?: (?:abuse|comment))?)(?:\s*[↓↵])?",
        r"(?:blog )?comments powered by disqus",
        r"please enable javascript to view the comments.{0,60}",
        r"sort (?:comments )?by(?: (?:newest|oldest|best|top|popular))?",
        r"share your thoughts",
        r"comment on this (?:story|article|post)",
        r"(?:newest|oldest|best|top|most liked) first",
        r"(?:kommentare?|\d+ kommentare?)",
        r"(?:schreibe|hinterlasse|schreib) einen kommentar",
        r"(?:laisser|laissez|ajouter) un commentaire",
        r"(?:\d+ )?commentaires?",
        r"(?:laisser|laissez) une réponse",
        r"(?:deja|dejar|escribe|añadir) un comentario",
        r"(?:\d+ )?comentarios?",
        r"(?:\d+ )?comentários?|(?:\d+ )?commenti",
        r"(?:deja|dejar) una respuesta",
        r"(?:\d+ )?komentar|(?:\d+ )?комментари(?:и|ев|й)|댓글(?: \d+)?|コメント(?:する)?",
    ],
    examples(
        ("Last paragraph.\n\nLeave a Reply\n", "Last paragraph.\n"),
        ("Last paragraph.\nComments\nPost a Comment\n", "Last paragraph.\n"),
        ("Last paragraph.\n\n12 Comments\n", "Last paragraph.\n"),
        (
            "In his reply, the minister said nothing had been cut.\n",
            "In his reply, the minister said nothing had been cut.\n",
        ),
    ),
    opens_footer=True,
    opens_comments=True,
)

COMMENT_FORM = line_rule(
    "CM002",
    "comments.form",
    "Comment-form boilerplate: email not published, required fields, save my name, cancel reply, notify me, "
    "the form's data-consent line.",
    [
        r"your email address will not be published\.?(?: required fields are marked\s*\*?)?",
        r"your email will not be published\.?(?: required fields are marked\s*\*?)?",
        r"required fields are marked\s*\*?",
        r"save my name,? email,? and website in this browser for the next time i comment",
        r"cancel reply",
        r"notify me of (?:follow-?up|new) (?:comments|posts|replies).{0,80}",
        r"you must (?:be )?(?:logged in|registered|log in|sign in) to (?:post a )?(?:comment|reply)",
        r"(?:log|sign) ?in (?:or (?:register|sign up) )?to (?:post a )?(?:comment|reply)",
        r"if you would like to (?:add a )?comment,? please (?:register|log in|sign in)(?: or (?:log in|register|sign up))?",
        r"comments? (?:are|is) (?:moderated|subject to moderation).{0,100}",
        r"this site uses akismet to reduce spam.{0,100}",
        r"comments? (?:are|is) closed",
        r"(?:comment|name|email|e-mail|website|url)\s*\*?",
        r"(?:post|submit|send) (?:comment|reply)",
        # The consent line that privacy plugins add under comment forms. Possessive spaces: two
        # optional runs side by side would share a long run of spaces in quadratically many ways.
        r"(?:\[?\s*+\]?\s*+)?by (?:using|submitting) this (?:comment )?form,? you agree (?:with|to) .{1,150}",
        r"this form collects your name,? email and content so that we can keep track of the comments placed on the website.{0,200}",
        r"(?:i )?(?:have read and )?agree(?:s)?(?: with| to)? the storage and handling of (?:my|your) data by this website\.?\s*\*?",
        r"mit der nutzung dieses formulars erklärst du dich mit der speicherung und verarbeitung deiner daten durch "
        r"diese website einverstanden\.?",
        r"(?:deine|ihre) e-mail-adresse wird nicht veröffentlicht\.?(?: erforderliche felder sind mit \* markiert)?",
        r"erforderliche felder sind mit\s*\*?\s*markiert",
        r"votre adresse (?:e-?mail|de messagerie) ne sera pas publiée\.?(?: les champs obligatoires sont indiqués avec \*)?",
        r"les champs obligatoires sont indiqués avec\s*\*?",
        r"tu (?:dirección de )?correo electrónico no será publicad[oa]\.?(?: los campos obligatorios están marcados con \*)?",
        r"los campos obligatorios están marcados con\s*\*?",
    ],
    examples(
        ("Last paragraph.\n\nYour email address will not be published.\n", "Last paragraph.\n"),
        (
            "Text.\nRequired fields are marked *\n"
            "Save my name, email, and website in this browser for the next time I comment.\n",
            "Text.\n",
        ),
        ("Text.\n\nCancel reply\n", "Text.\n"),
        (
            "Text.\nBy using this form you agree with the storage and handling of your data by this website.\n",
            "Text.\n",
        ),
        (
            "Your email address will be kept private, the company promised.\n",
            "Your email address will be kept private, the company promised.\n",
        ),
    ),
    opens_footer=True,
    opens_comments=True,
)

RULES = (COMMENT_HEADING, COMMENT_FORM)
