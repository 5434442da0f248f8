"""Why a text was not sent, or what a provider needs, as the operator reads it.

English sources in context ``"Sms"``; each says what is wrong and what to do. Send reasons have no
``{fields}`` (the outbox stores them as they are); status sentences may have some.
"""

from __future__ import annotations

from stationapp.core.i18n import QT_TRANSLATE_NOOP

# --- why a text was not sent -------------------------------------------------------------------
NUMBER_REFUSED = QT_TRANSLATE_NOOP(
    "Sms",
    "The SMS service says this is not a valid mobile number. Check the number with the villager "
    "and correct it; this text will not be sent.",
)
NUMBER_BLOCKED = QT_TRANSLATE_NOOP(
    "Sms",
    "This number refuses texts (it unsubscribed or is on the operator's block list). Tell the "
    "villager in person or by phone; this text will not be sent.",
)
RATE_LIMITED = QT_TRANSLATE_NOOP(
    "Sms",
    "The SMS service allows only a few texts to one number in a given time, and this number has "
    "reached it. The text stays queued and goes out later by itself.",
)
BALANCE_EXHAUSTED = QT_TRANSLATE_NOOP(
    "Sms",
    "The SMS account has run out of credit. Top it up in the SMS service's console, or call the "
    "county center; the texts stay queued.",
)
KEYS_WRONG = QT_TRANSLATE_NOOP(
    "Sms",
    "The SMS service rejected the station's keys. Check the keys in the SMS settings (copy them "
    "again from the service's console); this text was not sent.",
)
KEYS_MISSING = QT_TRANSLATE_NOOP(
    "Sms",
    "The SMS service's keys are not entered yet. Enter them in the SMS settings; the texts stay "
    "queued.",
)
SIGNATURE_MISSING = QT_TRANSLATE_NOOP(
    "Sms",
    "No SMS signature is set. Enter the signature the SMS service approved (like 芒艾村服务站) in "
    "the SMS settings; the texts stay queued.",
)
TEMPLATE_NOT_SET = QT_TRANSLATE_NOOP(
    "Sms",
    "This kind of text has no template code in the SMS settings. Enter the code of the template "
    "the SMS service approved for it; this text was not sent.",
)
TEMPLATE_MISMATCH = QT_TRANSLATE_NOOP(
    "Sms",
    "The SMS service says the signature, template or application ID in the SMS settings is not "
    "an approved one, or the template's fields do not match. Check them against the service's "
    "console; this text was not sent.",
)
PARAM_TOO_LONG = QT_TRANSLATE_NOOP(
    "Sms",
    "A value in this text is longer than the SMS template allows (many pickup codes, a long "
    "name). Send it in shorter texts or by phone; this text was not sent.",
)
CONTENT_REFUSED = QT_TRANSLATE_NOOP(
    "Sms",
    "The SMS service refused this text (see the code in the details). Correct the template or "
    "the settings, then send it again.",
)
CLOCK_WRONG = QT_TRANSLATE_NOOP(
    "Sms",
    "The SMS service refused the request because this computer's date or time is wrong. Set the "
    "clock right; the texts stay queued.",
)
NETWORK_DOWN = QT_TRANSLATE_NOOP(
    "Sms",
    "The SMS service could not be reached (no internet, or the service is down). The text stays "
    "queued and is sent again by itself.",
)
CAPTIVE_PORTAL = QT_TRANSLATE_NOOP(
    "Sms",
    "The internet connection answered with a web page instead of the SMS service (a network "
    "login page?). Log in to the network in a browser; the text stays queued.",
)
SERVICE_TROUBLE = QT_TRANSLATE_NOOP(
    "Sms",
    "The SMS service had a problem of its own. The text stays queued and is sent again later.",
)
FILE_UNWRITABLE = QT_TRANSLATE_NOOP(
    "Sms",
    "The texts file in the station's folder cannot be written (disk full, or no permission). Free "
    "some space or fix the folder; the text stays queued.",
)
MODEM_ABSENT = QT_TRANSLATE_NOOP(
    "Sms",
    "The SMS modem is not plugged in, or its port is wrong. Plug it in or choose its port in the "
    "SMS settings; the texts stay queued.",
)
MODEM_SILENT = QT_TRANSLATE_NOOP(
    "Sms",
    "Nothing answers like a modem on the chosen port. Choose the modem's port in the SMS "
    "settings, or unplug the modem and plug it in again; the texts stay queued.",
)
MODEM_NO_SIM = QT_TRANSLATE_NOOP(
    "Sms",
    "The modem's SIM card is missing, locked with a PIN, or barred. Insert the SIM, remove its PIN "
    "in a phone, or check the SIM's credit; the texts stay queued.",
)
MODEM_NO_NETWORK = QT_TRANSLATE_NOOP(
    "Sms",
    "The modem has no mobile network right now. Move it near a window or check its antenna; the "
    "texts stay queued.",
)
MODEM_BAD_FORMAT = QT_TRANSLATE_NOOP(
    "Sms",
    "The modem refused the format of this text. Tell the support staff, with the code in the "
    "details; this text will not be sent.",
)
MODEM_FAILED = QT_TRANSLATE_NOOP(
    "Sms",
    "The modem could not send the text this time. It stays queued and is tried again.",
)
COUNTY_NOT_JOINED = QT_TRANSLATE_NOOP(
    "Sms",
    "The station has not joined a county center yet, so texts cannot go through it; they stay "
    "queued. Join the county center in the settings, or choose another way to send texts.",
)

# --- status sentences --------------------------------------------------------------------------
STATUS_FILE = QT_TRANSLATE_NOOP(
    "Sms",
    "Texts are written to the file {path}, not sent to phones. Choose an SMS service in the "
    "settings to reach the villagers.",
)
STATUS_ALIYUN_READY = QT_TRANSLATE_NOOP(
    "Sms", "Texts go out through Aliyun SMS, signed 【{signature}】."
)
STATUS_TENCENT_READY = QT_TRANSLATE_NOOP(
    "Sms", "Texts go out through Tencent Cloud SMS, signed 【{signature}】."
)
STATUS_KEYS_MISSING = QT_TRANSLATE_NOOP(
    "Sms", "The {service} keys are not entered yet: enter them in the SMS settings."
)
STATUS_SIGNATURE_MISSING = QT_TRANSLATE_NOOP(
    "Sms",
    "No SMS signature is set: enter the signature the SMS service approved (like 芒艾村服务站) "
    "in the SMS settings.",
)
STATUS_APP_ID_MISSING = QT_TRANSLATE_NOOP(
    "Sms",
    "The SmsSdkAppId of the Tencent Cloud SMS application is not entered: copy it from the "
    "console into the SMS settings.",
)
STATUS_MODEM_PORT_NOT_SET = QT_TRANSLATE_NOOP(
    "Sms", "No modem port is chosen: choose the modem's port (like COM3) in the SMS settings."
)
STATUS_MODEM_ABSENT = QT_TRANSLATE_NOOP(
    "Sms",
    "No modem on {port}: plug it in, or choose its port in the SMS settings. Texts stay queued.",
)
STATUS_MODEM_PORT_BUSY = QT_TRANSLATE_NOOP(
    "Sms",
    "The port {port} exists but cannot be opened: another program (the modem's own dialer?) uses "
    "it, or this user account may not open it. Close that program and check again.",
)
STATUS_MODEM_SILENT = QT_TRANSLATE_NOOP(
    "Sms",
    "The port {port} opens but no modem answers on it: choose the modem's port in the SMS "
    "settings.",
)
STATUS_MODEM_NO_SIM = QT_TRANSLATE_NOOP(
    "Sms",
    "The modem on {port} has no usable SIM card (missing or locked with a PIN): insert the SIM or "
    "remove its PIN in a phone.",
)
STATUS_MODEM_NO_NETWORK = QT_TRANSLATE_NOOP(
    "Sms",
    "The modem on {port} has no mobile network: move it near a window or check its antenna.",
)
STATUS_MODEM_READY = QT_TRANSLATE_NOOP(
    "Sms", "Modem ready on {port}, signal {signal} of 31; texts need no internet."
)
STATUS_COUNTY_NOT_JOINED = QT_TRANSLATE_NOOP(
    "Sms",
    "Not joined to a county center yet: join one in the settings, or choose another way to send "
    "texts.",
)

# --- refusals (raised as UserError) ------------------------------------------------------------
UNKNOWN_PROVIDER = QT_TRANSLATE_NOOP(
    "UserError",
    "There is no SMS service called '{name}'. Choose one of: file, aliyun, tencent, modem, county.",
)
