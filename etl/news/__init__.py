"""News text processing: country and index mentions, figure claims and their check.

analyse_article(text, language=None, official=None) -> dict   # what the CLI prints per file
extract_mentions(text, language=None) -> Mentions
extract_claims(text, language=None) -> list[Claim]
check_claims(claims, official, regions=None) -> list[CheckedClaim]
"""

from etl.news.article import analyse_article
from etl.news.claims import Claim, extract_claims
from etl.news.mentions import Mentions, extract_mentions
from etl.news.verify import CheckedClaim, check_claims

__all__ = [
    "CheckedClaim",
    "Claim",
    "Mentions",
    "analyse_article",
    "check_claims",
    "extract_claims",
    "extract_mentions",
]
