"""The classic hosted UI's branding rules (AWS's customizable CSS classes and size limits), without the store:
SetUICustomization enforces them (ui_customization.py) and the console checks a draft with them before a call.
"""

from __future__ import annotations

import re

MAX_CSS_BYTES = 3 * 1024
MAX_IMAGE_BYTES = 100 * 1024

# The classes the classic hosted UI lets you style (Developer Guide, "Customizing the built-in sign-in
# and sign-up webpages"; the last five appear in the CSS the service itself returns).
CSS_CLASSES = frozenset(
    {
        "background-customizable",
        "banner-customizable",
        "errorMessage-customizable",
        "idpButton-customizable",
        "idpButton-customizable:hover",
        "inputField-customizable",
        "inputField-customizable:focus",
        "label-customizable",
        "legalText-customizable",
        "logo-customizable",
        "submitButton-customizable",
        "submitButton-customizable:hover",
        "textDescription-customizable",
        "idpDescription-customizable",
        "socialButton-customizable",
        "redirect-customizable",
        "passwordCheck-notValid-customizable",
        "passwordCheck-valid-customizable",
    }
)
_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_RULE = re.compile(r"([^{}]*)\{([^{}]*)\}")
_FORBIDDEN_VALUE = re.compile(r"javascript:|expression\s*\(|behavior\s*:|-moz-binding|</|<script", re.I)


def css_problem(css: str) -> str | None:
    """Why the hosted UI would not accept this CSS (another selector, an at-rule, script, oversize), or None."""
    if len(css.encode()) > MAX_CSS_BYTES:
        return f"CSS exceeds the maximum size of {MAX_CSS_BYTES} bytes."
    text = _COMMENT.sub("", css)
    at_rule = re.search(r"@([\w-]+)", text)
    if at_rule:
        return f"Invalid CSS: @{at_rule.group(1)} is not allowed."
    if _FORBIDDEN_VALUE.search(text):
        return "Invalid CSS: scripts and expressions are not allowed."
    consumed = 0
    for match in _RULE.finditer(text):
        if text[consumed : match.start()].strip():
            return "Invalid CSS: the style sheet could not be parsed."
        consumed = match.end()
        for selector in match.group(1).split(","):
            name = selector.strip()
            if not name.startswith(".") or name[1:] not in CSS_CLASSES:
                return f"Invalid CSS: {name or '(empty)'} is not a customizable class."
    if text[consumed:].strip():
        return "Invalid CSS: the style sheet could not be parsed."
    return None
