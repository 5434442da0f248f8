"""SMS texts from templates: rendering, length and part count, and merging grouped parameters.

Templates live in ``resources/sms/templates.json`` (code -> text with ``{name}`` fields) and carry
no signature: Aliyun notification templates may not contain 【】, so the signature is sent apart
(SignName) and only added here, in front, for what the recipient reads and what is billed.
"""

from __future__ import annotations

import functools
import json
import math
import string
from collections.abc import Mapping
from typing import NamedTuple

from stationapp.core.errors import ValidationError
from stationapp.core.i18n import QT_TRANSLATE_NOOP

# Aliyun and Tencent bill 70 characters (signature and its 【】 included) as one message and
# 67 a part beyond, since each part of a long text carries a concatenation header.
ONE_PART_CHARS = 70
PART_CHARS = 67
MAX_CHARS = 500
LIST_SEPARATOR = "、"


class Rendered(NamedTuple):
    """A text as the recipient reads it, with what it costs."""

    text: str
    chars: int
    parts: int


@functools.cache
def templates() -> dict[str, str]:
    from stationapp.resources import resource_path

    path = resource_path("sms", "templates.json")
    return dict(json.loads(path.read_text(encoding="utf-8")))


def template_fields(template: str) -> list[str]:
    """The ``{fields}`` of a template in order of appearance (Tencent numbers them {1}, {2}...)."""
    body = _template_text(template)
    names = [name for _, name, _, _ in string.Formatter().parse(body) if name]
    return list(dict.fromkeys(names))


def is_list_param(name: str) -> bool:
    """The grouping rule: a parameter whose name ends in "s" (``codes``, ``tails``) is a list
    whose items are joined with "、"; every other parameter is one value."""
    return name.endswith("s")


def count_parts(chars: int) -> int:
    return 1 if chars <= ONE_PART_CHARS else math.ceil(chars / PART_CHARS)


def measure(text: str) -> Rendered:
    return Rendered(text, len(text), count_parts(len(text)))


def clean_signature(signature: str) -> str:
    """``芒艾村服务站`` from ``【芒艾村服务站】`` or `` 芒艾村服务站 ``."""
    return " ".join(str(signature or "").replace("【", " ").replace("】", " ").split())


def normalize_params(template: str, params: Mapping[str, object]) -> dict[str, str]:
    """Parameters as strings; a list field (``carriers``) may be given by its singular
    (``carrier``), which is then moved under the list's name so grouping can extend it."""
    values = {str(key): str(value).strip() for key, value in params.items()}
    for name in template_fields(template):
        singular = name[:-1]
        if is_list_param(name) and name not in values and singular in values:
            values[name] = values.pop(singular)
    return values


def merge_params(kept: Mapping[str, str], joining: Mapping[str, str]) -> dict[str, str]:
    """Parameters of a grouped text after one more parcel joins it.

    List parameters gain the new items not already there, in arrival order; every other
    parameter keeps the value of the text's first parcel (its deadline is the earliest one).
    """
    merged = dict(kept)
    for name, value in joining.items():
        if name not in merged:
            merged[name] = value
        elif is_list_param(name):
            items = _items(merged[name])
            items += [item for item in _items(value) if item not in items]
            merged[name] = LIST_SEPARATOR.join(items)
    return merged


def render(template: str, params: Mapping[str, str], signature: str) -> Rendered:
    """``【signature】`` and the template filled in; refused when a field is missing or empty, or
    when the whole is longer than the providers take (500 characters)."""
    body = _template_text(template)
    missing = [name for name in template_fields(template) if not params.get(name, "").strip()]
    if missing:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "The text '{template}' needs a value for {fields}. Fill it in and queue the "
                "text again.",
            ),
            template=template,
            fields=", ".join(missing),
        )
    signature = clean_signature(signature)
    text = (f"【{signature}】" if signature else "") + body.format_map(dict(params))
    rendered = measure(text)
    if rendered.chars > MAX_CHARS:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "This text would have {chars} characters; a text may have at most {limit}. "
                "Send fewer items in one text.",
            ),
            chars=rendered.chars,
            limit=MAX_CHARS,
        )
    return rendered


def _template_text(template: str) -> str:
    try:
        return templates()[template]
    except KeyError:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "There is no text template called '{template}'. Choose one of: {known}.",
            ),
            template=template,
            known=", ".join(sorted(templates())),
        ) from None


def _items(value: str) -> list[str]:
    return [item.strip() for item in value.split(LIST_SEPARATOR) if item.strip()]
