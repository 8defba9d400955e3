"""cleaner: strip scraper debris from article captures, keep every sentence of the article."""

from __future__ import annotations

from cleaner.config import Config, Mode
from cleaner.document import Removal, Rule
from cleaner.pipeline import Explanation, clean_and_explain, clean_text

__all__ = ["Config", "Explanation", "Mode", "Removal", "Rule", "clean_and_explain", "clean_text"]
__version__ = "0.1.0"
