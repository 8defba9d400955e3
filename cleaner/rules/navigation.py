"""Site navigation that leaks into captures: previous/next teasers, related lists, jump links."""

from __future__ import annotations

from bisect import bisect_left

import regex

from cleaner.document import Document, Kind, Rule
from cleaner.rules.builders import examples, first_prose, line_rule, rule
from cleaner.rules.date_text import DATE_LINE, date_lines_settle, remove_date_lines
from cleaner.rules.gates import label_gate, label_of
from cleaner.rules.patterns import FLAGS
from cleaner.text import is_headline_like, is_lowercase_fragment

_PREV_NEXT = regex.compile(
    r"(?:[«‹<←]\s*)?(?:previous|prev|next|older|newer|earlier|later)\s+"
    r"(?:article|post|story|entry|item|news|page|read)s?(?:\s*[»›>→])?"
    r"|vorheriger (?:artikel|beitrag)|nächster (?:artikel|beitrag)"
    r"|article (?:précédent|suivant)|(?:artículo|entrada|noticia) (?:anterior|siguiente)"
    r"|(?:siguiente|anterior) (?:artículo|entrada|noticia)",
    FLAGS,
)
_PREV_NEXT_LINE = regex.compile(rf"(?:{_PREV_NEXT.pattern})\s*[:.]?", FLAGS)
_PREV_NEXT_INLINE = regex.compile(rf"(?:{_PREV_NEXT.pattern})\s*[:\-–—|]\s*\S.{{0,160}}", FLAGS)
_PREV_NEXT_CANDIDATES = label_gate(f"(?:{_PREV_NEXT_INLINE.pattern})|(?:{_PREV_NEXT_LINE.pattern})")


@rule(
    "NV001",
    "navigation.prev-next",
    Kind.BLOCK,
    "A Previous/Next Article label with the teaser it introduces (an image-alt word and one headline).",
    examples(
        (
            "The last paragraph of the story ends here, as stories do.\n\nPrevious Article\nkari lake\n\n"
            "Shock Accusation Surfaces\n\nNext Article\nfire\n\nLawmaker Outed\n",
            "The last paragraph of the story ends here, as stories do.\n",
        ),
        ("Text.\n\nNext Post: How to bake bread\n", "Text.\n"),
        (
            "In the previous article in this series, we looked at the budget.\n",
            "In the previous article in this series, we looked at the budget.\n",
        ),
    ),
    # Every label line goes in the first run, and a teaser only with its label: a second run
    # finds nothing however many other lines went in between.
    rerun_only_after_edits=True,
    opens_footer=True,
)
def prev_next(doc: Document, rule: Rule) -> None:
    # Only lines whose label may be one are tested; a teaser line this run removed is not tested again.
    candidates = _PREV_NEXT_CANDIDATES(doc)
    if not candidates:
        return
    content = doc.content_indices()
    first_sentence: int | None = -1  # -1: not looked for yet (only a label line needs it)
    for i in candidates:
        if not doc.lines[i].kept or doc.lines[i].blank:
            continue
        label = label_of(doc.lines[i].text)
        if _PREV_NEXT_INLINE.fullmatch(label):
            doc.remove(i, rule)
            continue
        if not _PREV_NEXT_LINE.fullmatch(label):
            continue
        doc.remove(i, rule)
        pos = bisect_left(content, i) + 1
        if first_sentence == -1:
            first_sentence = first_prose(doc)
        # Above the story's first sentence the line after the label may be the story's own
        # headline, so the label goes alone there.
        if first_sentence is None or i < first_sentence:
            continue
        # The teaser: at most one alt-text fragment, then one headline.
        if pos < len(content) and is_lowercase_fragment(doc.lines[content[pos]].text):
            doc.remove(content[pos], rule)
            pos += 1
        if pos < len(content):
            text = doc.lines[content[pos]].text
            if is_headline_like(text, max_words=16) and not _PREV_NEXT_LINE.fullmatch(label_of(text)):
                doc.remove(content[pos], rule)


RELATED_HEADING = line_rule(
    "NV002",
    "navigation.related",
    "Headings of related-content lists: Related Posts, You may also like, More from ..., Recommended.",
    [
        r"related(?: (?:posts?|articles?|stories|story|news|content|reading|coverage|topics|links|videos?|items))?",
        r"(?:you|we think you) (?:may|might|will|would) (?:also )?(?:like|enjoy|be interested in)(?: this| these)?",
        r"(?:more|other|latest|top|recent) (?:stories|news|articles|posts|headlines)(?: (?:from|on|about|in) .{1,60})?",
        # A heading, not a sentence: a few words and no full stop ("More on this story will follow.").
        r"(?![^\n]*[.!?]$)more (?:from|on|in) (?:the )?[\w&'’.-]+(?: [\w&'’.-]+){0,3}",
        r"recommended(?: for you| stories| articles| reading| videos)?",
        r"(?:read|watch|see) (?:also|next)|up next",
        r"(?:also|further) read(?:ing)?",
        r"(?:most|the most) (?:popular|read|viewed|shared|commented)(?: (?:stories|articles|posts|news))?",
        r"popular(?: (?:now|posts|stories|articles|today))?",
        r"trending(?: (?:now|news|stories|articles|topics|today|videos))?",
        r"don'?t miss",
        r"editor'?s picks?",
        r"(?:more )?stories like this(?: one)?",
        r"ähnliche (?:beiträge|artikel)",
        r"(?:das|dies) könnte (?:dich|sie) auch interessieren",
        r"mehr zum thema(?: .{1,40})?",
        r"(?:articles|publications) similaires",
        r"(?:à|a) lire (?:aussi|également)",
        r"vous (?:aimerez|pourriez aimer) aussi",
        r"(?:artículos|entradas|noticias) relacionad[oa]s",
        r"(?:también )?te puede interesar",
        r"lee también",
        r"leia (?:também|mais)|leggi anche",
        r"você (?:também )?pode gostar|(?:ti )?potrebbe (?:anche )?interessare",
        r"(?:all|our latest|latest) (?:articles|news|stories)|helpful links|stay updated",
        r"(?:artigos|notícias|posts) relacionad[oa]s",
        r"baca juga|(?:berita|artikel) (?:terkait|lainnya|terpopuler)",
        r"читайте (?:также|ещё|еще)|(?:похожие|другие|последние) (?:новости|статьи|материалы|публикации)",
        r"관련\s?(?:기사|뉴스)|많이 본 (?:기사|뉴스)",
        r"関連(?:記事|ニュース)|(?:おすすめ|人気)の?記事|こちらの記事も(?:あわせて|合わせて)?(?:どうぞ|読みたい)?",
    ],
    examples(
        ("Last paragraph.\n\nRelated Posts\n", "Last paragraph.\n"),
        ("Text.\n\nYou may also like\n", "Text.\n"),
        ("Text.\n\nMore from Politics\n", "Text.\n"),
        ("Related to this, the council delayed the vote.\n", "Related to this, the council delayed the vote.\n"),
    ),
    opens_footer=True,
)

JUMP_LINKS = line_rule(
    "NV003",
    "navigation.links",
    "Jump and pager links: Read more, Continue reading, Skip to content, Back to top, Load more, View all (23), "
    "You are here: breadcrumbs.",
    [
        r"read (?:more|full (?:article|story))(?: (?:here|»|›|→))?",
        r"(?:click|tap) here to (?:read|see|view|continue) .{0,40}",
        r"continue reading(?: the main story| the story| this article| below)?",
        r"keep reading",
        r"skip to (?:main )?(?:content|navigation|search|footer|site index|the main content)"
        r"(?:\s*skip to (?:main )?(?:content|navigation|search|footer|site index))*",
        r"jump to (?:navigation|content|search)",
        r"(?:back|go|return|scroll|jump)(?: back)? to (?:the )?top(?: of (?:the )?page)?",
        r"(?:load|show|view|see) (?:more|all)(?: (?:stories|articles|posts|news))?(?: \(\d+\))?",
        r"you are here\s*:.{0,120}",
        r"toggle (?:navigation|menu|search)",
        r"accessibility links",
        r"(?:[«‹<←]\s*)?prev(?:ious)?\s*[|/•]?\s*next(?:\s*[»›>→])?",
        r"(?:main )?menu",
        r"close(?: menu| window)?",
        r"view results",
        r"(?:text|font) size|(?:increase|decrease) (?:text|font) size",
        r"weiterlesen|mehr lesen|zum inhalt springen|nach oben",
        r"lire la suite|aller au contenu(?: principal)?|retour en haut",
        r"leer más|seguir leyendo|ir al contenido(?: principal)?|volver arriba",
        r"(?:pular|ir|saltar) para o conteúdo(?: principal)?|continue lendo|voltar ao topo|saltar al contenido",
        r"(?:vai|salta) al contenuto(?: principale)?|continua a leggere|leggi (?:tutto|di più)|torna su",
        r"selengkapnya|baca selengkapnya|kembali ke atas|читать (?:далее|дальше|полностью)|подробнее|наверх",
        r"더\s?보기|맨 위로|続きを読む|もっと見る|トップへ戻る|ページの先頭へ",
    ],
    examples(
        ("Skip to content\nHeadline\n\nBody text.\n", "Headline\n\nBody text.\n"),
        ("Body text.\n\nRead more\n", "Body text.\n"),
        ("Body text.\n\nBack to top\n", "Body text.\n"),
        ("Read more about the plan in the council's report.\n", "Read more about the plan in the council's report.\n"),
    ),
)

# Links every site prints in its header and footer; a line made only of them is furniture.
# Words that could head a section of an article ("Jobs", "Health", "Legal") are left out.
_SITE_LINKS = (
    r"privacy(?: (?:policy|notice|statement|settings|center|centre|preferences))?|(?:updated )?privacy policy"
    r"|terms(?: of (?:use|service|sale))?|terms (?:and|&) conditions|terms (?:and|&) privacy"
    r"|contact(?: us)?|about(?: us| me)?|advertis(?:e|ing)(?: with us)?|site ?map|site index|rss(?: feeds?)?|careers"
    r"|accessibility(?: statement)?|ad ?choices|your ad choices|do not sell my (?:personal )?info(?:rmation)?"
    r"|your california privacy rights|subscriber agreement|copyright policy|community guidelines"
    r"|work with us|press releases|faq|home(?: ?page)?|search|sign out|log ?out|newsletters|more|(?:all )?sections|menusections"
    r"|[×✕☰]|impressum|datenschutz(?:erklärung)?|kontakt|mentions légales|aviso legal|política de privacidad|aviso de privacidad"
    r"|politique de confidentialité|contacto|contatti|contato|fale conosco|note legali|informativa sulla privacy"
    r"|política de privacidade|termos de uso|chi siamo|quem somos|qui sommes-nous|quiénes somos|über uns"
    r"|accueil|inicio|início|startseite"
)
SITE_LINKS = line_rule(
    "NV004",
    "navigation.site-links",
    "Header and footer link lines: Home, Search, Privacy Policy, Terms of Use, Contact Us, About Us, Site Map, RSS.",
    [rf"(?:{_SITE_LINKS})(?:\s*[|•·/,]\s*(?:{_SITE_LINKS}))*"],
    examples(
        ("Home\nSearch\nHeadline of the story\n\nBody text.\n", "Headline of the story\n\nBody text.\n"),
        ("Body text.\n\nPrivacy Policy | Terms of Use | Contact Us\n", "Body text.\n"),
        (
            "Contact us if you saw the accident, police said.\n",
            "Contact us if you saw the accident, police said.\n",
        ),
    ),
    opens_footer=True,
)

TEASER_META = line_rule(
    "NV005",
    "navigation.teaser-meta",
    "The time stamps and reading times of teaser lists and articles: 3 hours ago, 32M ago, Updated 1 day ago, "
    "5 min read, Reading time: 4 minutes.",
    [
        r"(?:updated |posted |published )?(?:\d+|an?|one)\s*(?:s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?"
        r"|d|days?|w|wks?|weeks?|mo|months?|y|yrs?|years?)\s+ago",
        r"(?:\d+|one)\s*(?:-| )?min(?:ute)?s?\.? read",
        # "Reading time: 4 minutes", "Tempo de leitura: 1 minuto", "Lesezeit: 3 Min."
        r"(?:(?:estimated )?read(?:ing)? time|tempo de leitura|tiempo de lectura|temps de lecture|lesezeit|tempo di lettura)"
        r"\s*:?\s*(?:\d+|one|um|uma|un|una|eine?)\s*(?:-| )?(?:min(?:ute|uto|uti|uten)?s?|minutos?|minuti)\.?",
        # A teaser's date line that ends in its reading time: "Nov 18, 2019 at 9:24 pm ET • 2 min read".
        r"[^.!?]{0,60}[•|·]\s*(?:\d+|one)\s*(?:-| )?min(?:ute)?s?\.? read",
        r"vor \d+ (?:minuten|stunden|tagen)|il y a \d+ (?:minutes?|heures?|jours?)|hace \d+ (?:minutos?|horas?|días?)",
    ],
    examples(
        ("Body text.\n\nMayor resigns\n3 hours ago\n", "Body text.\n\nMayor resigns\n"),
        ("Two days ago the river burst its banks.\n", "Two days ago the river burst its banks.\n"),
    ),
    opens_footer=True,
)

LINK_LINE = line_rule(
    "NV006",
    "navigation.link-line",
    "A link to another story set into the article: Read more: <headline>, Related: ..., See also: ..., Watch: ....",
    [
        r"(?:read more|related(?: (?:article|story|stories|coverage|content|links?|reading))?|see also|also read|read also"
        r"|read next|must read|don'?t miss|more on this(?: story)?|further reading|watch|listen"
        r"|lesen sie auch|lesen sie mehr|mehr zum thema|(?:à )?lire aussi|voir aussi|lee también|leer también|ver también"
        r"|leia também|leggi anche|baca juga|читайте также)"
        r"\s*:\s*\S.{0,200}",
        # A link to a story on the site itself, named by its domain: "Also on rt.com <headline>",
        # "On HoustonChronicle.com: <headline>". The headline starts with a capital or a quote.
        r"(?:also on [\w-]+(?:\.[\w-]+)*\.\p{L}{2,}(?:\s*:)?|on [\w-]+(?:\.[\w-]+)*\.\p{L}{2,}\s*:)\s*(?-i:[\p{Lu}\d'\"‘“]).{0,200}",
    ],
    examples(
        (
            "First paragraph.\n\nRead more: Council approves new budget\n\nSecond paragraph.\n",
            "First paragraph.\n\nSecond paragraph.\n",
        ),
        (
            "Read more about the plan in the council's report.\n",
            "Read more about the plan in the council's report.\n",
        ),
    ),
    opens_footer=True,
)

_DATE_CANDIDATES = label_gate(DATE_LINE)


@rule(
    "NV007",
    "navigation.date-line",
    Kind.LINE,
    "A line that is only a date (Updated: 18 Nov 2019 9:38 pm), above the story's first sentence or in a "
    "list where no paragraph follows it; a date heading over a paragraph, as in a timeline, stays.",
    examples(
        (
            "Mayor resigns\nNovember 19, 2019\nThe mayor resigned on Tuesday after a week of protests outside the town hall.\n",
            "Mayor resigns\nThe mayor resigned on Tuesday after a week of protests outside the town hall.\n",
        ),
        (
            "The town has seen a difficult year, and the council has met many times since then.\n\n"
            "March 3, 2019\n\nThe first protest took place outside the town hall in the rain.\n",
            "The town has seen a difficult year, and the council has met many times since then.\n\n"
            "March 3, 2019\n\nThe first protest took place outside the town hall in the rain.\n",
        ),
    ),
    settles=date_lines_settle,
)
def date_line(doc: Document, rule: Rule) -> None:
    remove_date_lines(doc, rule, _DATE_CANDIDATES(doc), DATE_LINE)


RULES = (prev_next, RELATED_HEADING, JUMP_LINKS, SITE_LINKS, TEASER_META, LINK_LINE, date_line)
