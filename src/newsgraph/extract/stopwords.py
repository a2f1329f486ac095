"""The stop-word list a page's prose is measured with.

jusText's stop-word lists are the classic measure of prose: running text is roughly a third
function words, menus and product specs hardly any. English is assumed; a page whose words
are barely English stop words gets its language identified and that language's list.
"""
from __future__ import annotations

import functools

import justext

from newsgraph.language import detect

ENGLISH_FLOOR = 0.12  # English prose sits well above this share of English stop words
MIN_TOKENS = 50  # below this the share says nothing and English is kept
SAMPLE_TOKENS = 600

# ISO 639-1 code (what py3langid gives) -> jusText's list name
JUSTEXT_NAMES = {
    "af": "Afrikaans", "sq": "Albanian", "ar": "Arabic", "hy": "Armenian", "az": "Azerbaijani",
    "eu": "Basque", "be": "Belarusian", "bn": "Bengali", "bs": "Bosnian", "br": "Breton",
    "bg": "Bulgarian", "ca": "Catalan", "hr": "Croatian", "cs": "Czech", "da": "Danish",
    "nl": "Dutch", "en": "English", "eo": "Esperanto", "et": "Estonian", "fi": "Finnish",
    "fr": "French", "gl": "Galician", "ka": "Georgian", "de": "German", "el": "Greek",
    "gu": "Gujarati", "ht": "Haitian", "he": "Hebrew", "hi": "Hindi", "hu": "Hungarian",
    "is": "Icelandic", "id": "Indonesian", "ga": "Irish", "it": "Italian", "jv": "Javanese",
    "kn": "Kannada", "kk": "Kazakh", "ko": "Korean", "ku": "Kurdish", "ky": "Kyrgyz",
    "la": "Latin", "lv": "Latvian", "lt": "Lithuanian", "lb": "Luxembourgish", "mk": "Macedonian",
    "ms": "Malay", "ml": "Malayalam", "mt": "Maltese", "mr": "Marathi", "ne": "Nepali",
    "nb": "Norwegian_Bokmal", "no": "Norwegian_Bokmal", "nn": "Norwegian_Nynorsk", "oc": "Occitan",
    "fa": "Persian", "pl": "Polish", "pt": "Portuguese", "qu": "Quechua", "ro": "Romanian",
    "ru": "Russian", "sr": "Serbian", "sk": "Slovak", "sl": "Slovenian", "es": "Spanish",
    "sw": "Swahili", "sv": "Swedish", "tl": "Tagalog", "ta": "Tamil", "te": "Telugu",
    "tr": "Turkish", "uk": "Ukrainian", "ur": "Urdu", "uz": "Uzbek", "vi": "Vietnamese",
    "cy": "Welsh", "yo": "Yoruba",
}  # fmt: skip


@functools.lru_cache(maxsize=None)
def stoplist(name: str) -> frozenset[str]:
    return frozenset(justext.get_stoplist(name))


def stopwords_for(lines_tokens: list[list[str]]) -> frozenset[str]:
    """The stop words of the page's language (lower-cased tokens of each line given)."""
    english = stoplist("English")
    tokens = [t for toks in lines_tokens for t in toks]
    if len(tokens) < MIN_TOKENS or sum(map(english.__contains__, tokens)) >= ENGLISH_FLOOR * len(tokens):
        return english
    longest = sorted(lines_tokens, key=len, reverse=True)
    sample, size = [], 0
    for toks in longest:
        if size >= SAMPLE_TOKENS:
            break
        sample.append(" ".join(toks))
        size += len(toks)
    name = JUSTEXT_NAMES.get(detect(" ".join(sample)) or "")
    return stoplist(name) if name else english
