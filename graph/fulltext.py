"""Typo-tolerant search over the `entity_search` full-text index: turning what a user typed into a
Lucene query, and cutting a short snippet that shows why a node matched. No Cypher here; the
query runs in graph.repositories.reading."""

from __future__ import annotations

import re

# Lucene's query syntax characters; a user's text must never act as syntax.
_SPECIAL = re.compile(r'([+\-&|!(){}\[\]^"~*?:\\/])')
# Words as the index's standard analyzer cuts them: runs of letters and digits. Splitting on
# everything else (hyphens, apostrophes, slashes) makes 'VNO-NCW' two words, as it is indexed.
_WORD = re.compile(r"\w+", re.UNICODE)
MAX_WORDS = 8  # every word adds eight clauses; a pasted paragraph should not become a huge query

# Boosts: a hit in the name counts most, then in an alias, then anywhere (description, keywords).
_NAME, _NAME_NEAR, _ALIAS, _ALIAS_NEAR = 10, 8, 6, 5


def escape(term: str) -> str:
    return _SPECIAL.sub(r"\\\1", term)


def words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)][:MAX_WORDS]


def edit_distance(word: str) -> int:
    """How many typos a word may carry: none for one or two letters (everything is one edit away
    from 'ab'), one up to five letters, two for longer words."""
    return 0 if len(word) <= 2 else 1 if len(word) <= 5 else 2


def _clause(word: str) -> str:
    w = escape(word)
    n = edit_distance(word)
    near = [f"name:{w}~{n}^{_NAME_NEAR}", f"aliases:{w}~{n}^{_ALIAS_NEAR}", f"{w}~{n}"] if n else []
    return (
        "("
        + " OR ".join(
            [
                f"name:{w}^{_NAME}",
                f"name:{w}*^{_NAME_NEAR}",
                f"aliases:{w}^{_ALIAS}",
                f"aliases:{w}*^{_ALIAS_NEAR}",
                f"{w}*",
                *near,
            ]
        )
        + ")"
    )


def lucene_query(text: str) -> str | None:
    """Every word must match, exactly, as a prefix ('enschede*') or within its edit distance
    ('enschde~2'); None when the text has no words at all."""
    found = words(text)
    return " AND ".join(_clause(w) for w in found) if found else None


def _levenshtein(a: str, b: str, limit: int) -> int:
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def _first_hit(text: str, query_words: list[str]) -> int | None:
    """Where the first word of `text` that a query word matches (as the index would) begins."""
    for match in _WORD.finditer(text):
        token = match.group().lower()
        for w in query_words:
            typos = edit_distance(w)
            if token.startswith(w) or (typos and _levenshtein(token, w, typos) <= typos):
                return match.start()
    return None


def snippet(
    query: str, name: str | None, aliases: list[str] | None, texts: list[str | None], width: int = 160
) -> str | None:
    """A short piece of text showing why a node matched: an alias when the hit is there and not in
    the name ('Den Bosch' for 's-Hertogenbosch), else the part of the first text that matches,
    else the start of the first text."""
    query_words = words(query)
    if aliases and _first_hit(name or "", query_words) is None:
        hits = [a for a in aliases if _first_hit(a, query_words) is not None]
        if hits:
            return "also known as " + ", ".join(hits)
    # Folded YAML keeps line breaks; a snippet is one line.
    texts = [" ".join(t.split()) for t in texts if t and t.strip()]
    for text in texts:
        at = _first_hit(text, query_words)
        if at is not None:
            return _window(text, at, width)
    return _window(texts[0], 0, width) if texts else None


def _window(text: str, at: int, width: int) -> str:
    start = max(0, min(at - width // 3, len(text) - width))
    # Start and end on word boundaries, and say when text was cut off.
    if start > 0:
        start = text.find(" ", start) + 1 or start
    end = start + width
    if end < len(text):
        end = text.rfind(" ", start, end) if text.rfind(" ", start, end) > start else end
    return ("…" if start > 0 else "") + text[start:end].strip() + ("…" if end < len(text) else "")
