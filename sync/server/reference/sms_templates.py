"""The county's SMS templates: the texts stations send (a parcel's arrival...), each checked for
its name, its length within the providers' limit and its placeholders."""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from typing import Any

from stationapp.core.errors import ValidationError
from stationapp.core.i18n import QT_TRANSLATE_NOOP
from sync.server.reference.kinds import Kind, as_dict, delete_item, list_items, upsert_items
from sync.server.storage import Storage
from sync.server.tables import sms_templates

TEMPLATE_NAME = re.compile(r"^[a-z][a-z0-9_.]{0,63}$", re.ASCII)
MAX_TEXT = 500  # the providers' limit on one text, signature included


@dataclass(frozen=True)
class SmsTemplate:
    name: str
    text: str
    provider_code: str = ""

    def feed_data(self) -> dict[str, Any]:
        return as_dict(self)


SMS_TEMPLATES = Kind(sms_templates, "name", "sms_template", SmsTemplate)


def set_sms_template(storage: Storage, *, name: str, text: str, provider_code: str = "") -> bool:
    """Add or change a template; False when it was already so."""
    template = SmsTemplate(
        name=name.strip(), text=text.strip(), provider_code=provider_code.strip()
    )
    _check_template(template)
    with storage.engine.begin() as conn:
        return upsert_items(conn, SMS_TEMPLATES, [template]).unchanged == 0


def _check_template(template: SmsTemplate) -> None:
    if not TEMPLATE_NAME.match(template.name):
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "The template name {name} is not usable; write it in lower-case letters, "
                "digits and _, like parcel_arrival.",
            ),
            name=template.name,
        )
    if not template.text or len(template.text) > MAX_TEXT:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "The text of template {name} has {length} characters; write 1 to 500.",
            ),
            name=template.name,
            length=len(template.text),
        )
    try:
        fields = [field for _, field, _, _ in string.Formatter().parse(template.text) if field]
    except ValueError:
        fields = ["{"]
    bad = [field for field in fields if not field.isidentifier()]
    if bad:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "The template {name} has a broken placeholder ({field}); write placeholders "
                "like {{pickup_code}} and double a brace that is meant literally.",
            ),
            name=template.name,
            field=bad[0],
        )


def delete_sms_template(storage: Storage, name: str) -> bool:
    with storage.engine.begin() as conn:
        return delete_item(conn, SMS_TEMPLATES, name)


def list_sms_templates(storage: Storage) -> list[SmsTemplate]:
    return list_items(storage, SMS_TEMPLATES)
