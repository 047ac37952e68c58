"""Contact data inside free text: e-mail addresses and phone numbers that a description, a source
note or a post mentions are shown to coordinators only, like the `email` and `phone` fields.

`redact_text` is the one function that hides them; `redact` applies it to every string in a JSON-
like value. The API (api.redaction) passes every answer to a non-coordinator and every page it
renders for one through them, so no field, present or future, is left out.

Patterns err on the side of hiding: a run of ten digits starting with 0 is taken for a Dutch
number even when it is something else.
"""

from __future__ import annotations

import re

EMAIL_HIDDEN = "[e-mailadres verborgen]"
PHONE_HIDDEN = "[telefoonnummer verborgen]"

# name@host.tld, also written with (at) / [at] / " at " and (dot) / [dot], as people do to dodge spam filters.
_AT = r"(?:@|\s*[\[(]\s*at\s*[\])]\s*|\s+at\s+)"
_DOT = r"(?:\.|\s*[\[(]\s*(?:dot|punt)\s*[\])]\s*)"
EMAIL = re.compile(rf"[\w.%+-]+{_AT}[\w-]+(?:{_DOT}[\w-]+)*{_DOT}[a-z]{{2,}}\b", re.IGNORECASE)

# Between the digits of a number people write spaces, dots, hyphens, slashes and brackets:
# 06-12345678, (020) 123 45 67, 070/3456789, +31 (0)6 1234 5678, 0031 20 1234567.
_GAP = r"[ .\-/()]{0,3}"
_NOT_AFTER = r"(?![\w]|[:/]\d)"  # not inside a longer word, a time (10:00) or a date (12/2020)
NATIONAL = re.compile(rf"(?<![\w+])\(?0(?:{_GAP}\d){{9}}{_NOT_AFTER}")  # Dutch: 0 and nine digits
INTERNATIONAL = re.compile(rf"(?<![\w+])(?:\+|00)[1-9](?:{_GAP}\d){{7,13}}{_NOT_AFTER}")


# Cheap first looks: most strings (names, ids, dates) have no '@' or 'at', or too few digits, and
# skip the full patterns, which cost far more per string.
_AT_WORD = re.compile(r"[\s\[(][aA][tT][\s\])]")
_MAYBE_PHONE = re.compile(r"(?:\+|(?<!\d)0)(?:\D{0,3}\d){7}")


def redact_text(text: str) -> str:
    """The text with every e-mail address and phone number in it replaced by a Dutch note."""
    if not text:
        return text
    if "@" in text or _AT_WORD.search(text):
        text = EMAIL.sub(EMAIL_HIDDEN, text)
    if _MAYBE_PHONE.search(text):
        text = NATIONAL.sub(PHONE_HIDDEN, INTERNATIONAL.sub(PHONE_HIDDEN, text))
    return text


def redact(value):
    """`value` (a JSON-like tree of dicts, lists and strings) with `redact_text` applied to every
    string in it, keys excepted."""
    if isinstance(value, str):
        return redact_text(value)
    if isinstance(value, dict):
        return {key: redact(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [redact(item) for item in value]
    return value
