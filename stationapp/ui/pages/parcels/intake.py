"""到件入库 in batch mode: waybill (scanned) → carrier (Enter or a digit) → phone → Enter → next.

A label that prints only the phone's tail (``138****5678``, GB/T 41833-2022): the four digits and
Enter offer the known customers whose numbers end so, latest parcel first, and Enter (or the
row's digit) takes one; 0 or none known: the name on the label, and the parcel waits untexted.

No mouse is needed: each step puts the focus where the next key goes, a success and a refusal
sound different, and the running list shows what this batch took in.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from stationapp.core import Event, Station, phone, waybill
from stationapp.core.errors import UserError, ValidationError
from stationapp.core.i18n import translate
from stationapp.core.parcel_intake import KnownRecipient, label_tail
from stationapp.core.parcels import Parcel, Shelf
from stationapp.ui.pages.base import Page, PageContext
from stationapp.ui.pages.parcels.common import (
    Outcome,
    StepHint,
    ask_no_by_default,
    day_text,
    scan_field,
    section_title,
    shortcut,
    waybill_tail,
    when_text,
)
from stationapp.ui.pages.parcels.words import CONSENTS, fill_combo, select_data

DIGIT_KEYS = {getattr(Qt.Key, f"Key_{n}"): n for n in range(1, 10)}
ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
CARRIER_LIST_HEIGHT = 276  # all nine carriers without scrolling
CARRIER_ITEM_PADDING = (8, 2)  # px, as common.STYLE_SHEET pads the carrier list's items
OFFER_ROWS_SHOWN = 7  # known customers a tail offers, shown without scrolling (digits reach all)


@dataclass(frozen=True)
class WaybillCheck:
    number: str
    candidates: list[waybill.CarrierGuess]
    on_shelf: Parcel | None  # the same waybill still waiting: refused
    left_before: Parcel | None  # taken in before and gone: a re-delivery, to be confirmed


@dataclass(frozen=True)
class Entry:
    waybill: str
    carrier: str
    phone: str
    name: str
    shelf: str
    layer: int
    consent: str
    confirm_redelivery: bool
    confirm_phone: bool = False


@dataclass(frozen=True)
class DeskSetup:
    shelves: list[Shelf]
    last_shelf: tuple[str, int]
    default_consent: str


# on the database thread -------------------------------------------------------------------------


def _check_waybill(station: Station, text: str) -> WaybillCheck:
    number = waybill.normalize_waybill(text)
    earlier = [p for p in station.parcels.find(number, waiting_only=False) if p.waybill == number]
    on_shelf = next((p for p in earlier if p.status == "waiting"), None)
    return WaybillCheck(
        number=number,
        candidates=station.parcels.carrier_candidates(number),
        on_shelf=on_shelf,
        left_before=None if on_shelf else (earlier[0] if earlier else None),
    )


def _record(station: Station, entry: Entry) -> Parcel | None:
    """The parcel, or None when the phone is new and the name is still needed."""
    if (
        not entry.name
        and label_tail(entry.phone) is None
        and station.parcels.customer_by_phone(entry.phone) is None
    ):
        # a number the numbering plan does not list is asked about before the name
        phone.normalize_mobile(entry.phone, confirmed=entry.confirm_phone)
        return None
    return station.parcels.receive(
        waybill=entry.waybill,
        recipient_phone=entry.phone,
        recipient_name=entry.name,
        carrier=entry.carrier,
        shelf=entry.shelf,
        layer=entry.layer,
        consent=entry.consent,
        confirm_redelivery=entry.confirm_redelivery,
        confirm_phone=entry.confirm_phone,
    )


def _desk_setup(station: Station) -> DeskSetup:
    return DeskSetup(
        shelves=station.parcels.shelves(),
        last_shelf=station.parcels.last_shelf(),
        default_consent=station.settings.get("parcels.default_consent"),
    )


# the panel --------------------------------------------------------------------------------------


class IntakePanel(Page):
    BATCH_COLUMNS = 5

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.check: WaybillCheck | None = None
        self.redelivery_confirmed = False
        self.redelivery_box: QMessageBox | None = None
        self.confirmed_phone = ""  # a number outside the numbering plan the operator kept
        self.phone_box: QMessageBox | None = None
        self.recorded: list[Parcel] = []
        self.setup_loaded = False
        self.saving = False

        self.shelf = QComboBox()
        self.layer = QComboBox()
        self.consent = QComboBox()
        fill_combo(self.consent, CONSENTS)
        self.shelf.currentIndexChanged.connect(self._shelf_changed)
        for combo in (self.shelf, self.layer, self.consent):
            combo.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        # where the parcels go and how the recipients agreed: set once for the batch
        slot = QGridLayout()
        slot.setColumnStretch(4, 1)
        for row, column, text, combo in (
            (0, 0, self.tr("Shel&f:"), self.shelf),
            (0, 2, self.tr("La&yer:"), self.layer),
            (1, 0, self.tr("C&onsent:"), self.consent),
        ):
            slot.addWidget(self._label(text, combo), row, column)
            slot.addWidget(combo, row, column + 1, 1, 3 if row else 1)

        self.waybill = scan_field(self.tr("Scan the waybill barcode, or type it and press Enter"))
        self.carriers = QListWidget()
        self.carriers.setObjectName("carrierChoice")
        self.carriers.setFixedHeight(CARRIER_LIST_HEIGHT)
        self.carriers_height = CARRIER_LIST_HEIGHT  # taller when a guess's reason wraps
        self.carriers.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.carriers.installEventFilter(self)
        self.phone = scan_field(self.tr("Mobile, or the label's last 4 digits"))
        # the known customers a label's tail offers; the chosen one's whole number is kept here,
        # never shown: the screen faces the counter
        self.offers = QListWidget()
        self.offers.setObjectName("recipientChoice")
        self.offers.installEventFilter(self)
        self.offers.hide()
        self.offered: list[KnownRecipient] = []
        self.chosen: KnownRecipient | None = None
        self.name = QLineEdit()
        self.name.setPlaceholderText(
            self.tr("Only for a new phone: the name on the waybill (张* is fine)")
        )
        self.step = StepHint()
        self.message = Outcome()

        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        form.addRow(self._label(self.tr("&Waybill:"), self.waybill), self.waybill)
        form.addRow(self._label(self.tr("&Carrier:"), self.carriers), self.carriers)
        phone_and_offers = QVBoxLayout()  # the offers, when shown, right under the tail typed
        phone_and_offers.addWidget(self.phone)
        phone_and_offers.addWidget(self.offers)
        form.addRow(self._label(self.tr("&Phone:"), self.phone), phone_and_offers)
        form.addRow(self._label(self.tr("&Name:"), self.name), self.name)

        left = QVBoxLayout()
        left.addLayout(form)
        left.addWidget(self.step)
        left.addWidget(self.message)
        left.addStretch(1)

        self.batch_title = section_title("")
        self.batch = QTableWidget(0, self.BATCH_COLUMNS)
        self.batch.setHorizontalHeaderLabels(
            [
                self.tr("Pickup code"),
                self.tr("Waybill tail"),
                self.tr("Phone"),
                self.tr("Name"),
                self.tr("Carrier"),
            ]
        )
        self.batch.verticalHeader().hide()
        self.batch.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.batch.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.batch.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.batch.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # the name gives way when room is short (English headers at 1366×768), not the carrier
        self.batch.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.batch.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        right = QVBoxLayout()
        right.addLayout(slot)
        right.addSpacing(8)
        right.addWidget(self.batch_title)
        right.addWidget(self.batch, 1)

        columns = QHBoxLayout(self)
        columns.setContentsMargins(0, 0, 0, 0)
        columns.setSpacing(20)
        columns.addLayout(left, 3)
        columns.addLayout(right, 2)

        self.waybill.returnPressed.connect(self.waybill_entered)
        self.phone.returnPressed.connect(self.phone_entered)
        self.name.returnPressed.connect(self.name_entered)
        shortcut(self, Qt.Key.Key_Escape, self.start_over)
        self._show_batch_count()
        self.start_over()

    def _label(self, text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(buddy)
        return label

    # Page -----------------------------------------------------------------------------------------

    def on_shown(self) -> None:
        if not self.setup_loaded:
            self.worker.call(_desk_setup, self.station, on_done=self._show_setup)
        self._focus_step()

    def on_event(self, event: Any) -> None:
        if not isinstance(event, Event) or event.type != "settings.changed":
            return
        if str(event.payload.get("key", "")).startswith("parcels."):
            self.setup_loaded = False
            if self.isVisible():
                self.worker.call(_desk_setup, self.station, on_done=self._show_setup)

    def on_scan(self, code: str) -> bool:
        """A scanned waybill starts the next parcel; a scanned phone fills the phone step."""
        if self.saving:
            self.message.refuse(self.tr("Wait a moment: the last parcel is still being saved."))
            return True
        if self.check is not None:
            self._scan_while_typing(code)
            return True
        self.start_over()
        self.waybill.setText(code)
        self.waybill_entered()
        return True

    def _scan_while_typing(self, code: str) -> None:
        """A parcel is half entered: a phone fills it in; the same waybill again is nothing new;
        another waybill is refused, so that no parcel is dropped without the operator knowing."""
        assert self.check is not None
        if phone.is_mobile(code):
            self.phone.setText(code)
            self.phone_entered()
            return
        try:
            number = waybill.normalize_waybill(code)
        except ValidationError:
            number = code
        if number == self.check.number:
            self._focus_step()
            return
        self.message.refuse(
            self.tr(
                "Waybill {waybill} is not recorded yet: type its recipient's phone and press "
                "Enter, or press Esc to drop it; then scan the next one."
            ).format(waybill=self.check.number)
        )

    # shelves and consent --------------------------------------------------------------------------

    def _show_setup(self, setup: DeskSetup) -> None:
        first_load = not self.setup_loaded
        self.setup_loaded = True
        current = (self.shelf.currentData(), self.layer.currentData())
        self.shelf.blockSignals(True)
        self.shelf.clear()
        for shelf in setup.shelves:
            self.shelf.addItem(shelf.name, shelf.layers)
        self.shelf.blockSignals(False)
        shelf_name, layer = setup.last_shelf if first_load or current[0] is None else current
        index = self.shelf.findText(str(shelf_name))
        self.shelf.setCurrentIndex(max(index, 0))
        self._shelf_changed()
        select_data(self.layer, layer)
        if first_load:
            select_data(self.consent, setup.default_consent)

    @Slot()
    def _shelf_changed(self) -> None:
        keep = self.layer.currentData()
        layers = self.shelf.currentData() or 0
        self.layer.clear()
        for number in range(1, int(layers) + 1):
            self.layer.addItem(str(number), number)
        select_data(self.layer, keep)

    # the steps ------------------------------------------------------------------------------------

    @Slot()
    def start_over(self) -> None:
        """Esc: drop the parcel being typed (nothing was recorded) and wait for a waybill."""
        self.check = None
        self.redelivery_confirmed = False
        self.confirmed_phone = ""
        self.waybill.clear()
        self.carriers.clear()
        self.phone.clear()
        self.name.clear()
        self._hide_offers()
        self._set_step_enabled()
        if self.message.kind == "refusal":  # it was about the parcel just dropped
            self.message.clear_message()
        self.step.setText(self.tr("Scan the next parcel's waybill."))
        self.waybill.setFocus()

    def _set_step_enabled(self) -> None:
        ready = self.check is not None
        self.carriers.setEnabled(ready)
        self.phone.setEnabled(ready)
        self.name.setEnabled(ready)

    def _focus_step(self) -> None:
        if self.check is None:
            self.waybill.setFocus()
        elif not self.phone.text():
            self.carriers.setFocus()
        else:
            self.phone.setFocus()

    @Slot()
    def waybill_entered(self) -> None:
        text = self.waybill.text()
        self.check = None
        self.carriers.clear()
        self._set_step_enabled()
        # the keys after a scan (the carrier's digit, Enter) wait until the carriers are shown
        self.call_holding_keys(
            _check_waybill,
            self.station,
            text,
            on_done=self._show_waybill_check,
            on_error=self._refuse_waybill,
        )

    def _refuse_waybill(self, error: UserError) -> None:
        self.message.refuse(str(error))
        self.waybill.setFocus()
        self.waybill.selectAll()

    def _show_waybill_check(self, check: WaybillCheck) -> None:
        if check.on_shelf is not None:
            parcel = check.on_shelf
            self._refuse_waybill_text(
                self.tr(
                    "Waybill {waybill} is already on the shelf at {code} (taken in {since}). "
                    "Do not take it in twice: put this parcel with it and scan the next one."
                ).format(
                    waybill=check.number,
                    code=parcel.pickup_code,
                    since=when_text(parcel.received_at),
                )
            )
            return
        self.check = check
        self.waybill.setText(check.number)
        self._show_candidates(check.candidates)
        self._set_step_enabled()
        self.message.clear_message()
        self.step.setText(
            self.tr("Press Enter for the highlighted carrier, or its number to pick another.")
        )
        self.carriers.setFocus()
        if check.left_before is not None:
            self._ask_redelivery(check)

    def _refuse_waybill_text(self, text: str) -> None:
        self.message.refuse(text)
        self.waybill.setFocus()
        self.waybill.selectAll()

    def _show_candidates(self, candidates: list[waybill.CarrierGuess]) -> None:
        """The ranked guesses first, then every other carrier: digits 1-9 reach all of them."""
        self.carriers.clear()
        guessed = [g.carrier for g in candidates]
        others = [c for c in waybill.CARRIERS if c not in guessed]
        for number, code in enumerate(guessed + others, start=1):
            name = waybill.CARRIERS[code]
            if code in guessed:
                reason = translate("CarrierGuess", candidates[guessed.index(code)].reason)
                text = f"{number}  {name}   · {reason}"
            else:
                text = f"{number}  {name}"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, code)
            if code not in guessed:
                item.setForeground(Qt.GlobalColor.darkGray)
            self.carriers.addItem(item)
            if code in guessed:
                self._wrap_hint(item, reason)
        self._fit_carriers()
        self.carriers.setCurrentRow(0 if guessed else -1)
        if not guessed:
            self.step.setText(
                self.tr("The carrier cannot be told from this number: press its number.")
            )

    def _wrap_hint(self, item: QListWidgetItem, reason: str) -> None:
        """A guess with its reason on a line of its own under the carrier's name (in the list
        item's one line it was cut off behind a horizontal scroll bar at 1366×768). The item's
        text moves to its accessible text (screen readers), so the list does not paint it too."""
        name = html.escape(item.text().split("·")[0].rstrip())
        label = QLabel(f"{name}<br><span style='font-size: 16px;'>{html.escape(reason)}</span>")
        label.setObjectName("carrierHint")
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setWordWrap(True)
        label.setStyleSheet("QLabel#carrierHint { font-size: 20px; }")
        label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        item.setData(Qt.ItemDataRole.AccessibleTextRole, item.text())
        item.setText("")
        self.carriers.setItemWidget(item, label)

    def _fit_carriers(self) -> None:
        """Each guess as tall as its lines, and the list tall enough for every row."""
        width = self.carriers.viewport().width() - 2 * CARRIER_ITEM_PADDING[0]
        total = 0
        for row in range(self.carriers.count()):
            item = self.carriers.item(row)
            label = self.carriers.itemWidget(item)
            if label is not None:
                height = label.heightForWidth(width) + 2 * CARRIER_ITEM_PADDING[1]
                item.setSizeHint(QSize(width, height))
            total += self.carriers.sizeHintForRow(row)
        frame = 2 * self.carriers.frameWidth()
        self.carriers_height = max(CARRIER_LIST_HEIGHT, total + frame + 4)
        self.carriers.setFixedHeight(self.carriers_height)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.carriers and event.type() == QEvent.Type.KeyPress:
            return self._carrier_key(event)  # type: ignore[arg-type]
        if watched is self.offers and event.type() == QEvent.Type.KeyPress:
            return self._offer_key(event)  # type: ignore[arg-type]
        return super().eventFilter(watched, event)

    def _carrier_key(self, event: QKeyEvent) -> bool:
        key = event.key()
        if key in DIGIT_KEYS and DIGIT_KEYS[key] <= self.carriers.count():
            self.carriers.setCurrentRow(DIGIT_KEYS[key] - 1)
            self.carrier_confirmed()
            return True
        if key in ENTER_KEYS:
            self.carrier_confirmed()
            return True
        return False

    @Slot()
    def carrier_confirmed(self) -> None:
        if self.check is None:
            return
        if self.carriers.currentItem() is None:
            self.message.refuse(self.tr("Choose the carrier first: press its number (1 to 9)."))
            return
        self.message.clear_message()
        self.step.setText(self.tr("Type the recipient's mobile number and press Enter."))
        self.phone.setFocus()
        self.phone.selectAll()

    def chosen_carrier(self) -> str:
        item = self.carriers.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else ""

    def _ask_redelivery(self, check: WaybillCheck) -> None:
        parcel = check.left_before
        assert parcel is not None
        when = when_text(parcel.picked_up_at or parcel.returned_at)
        # a double scan ends with Enter: that must not take the parcel in a second time
        self.redelivery_box = ask_no_by_default(
            self,
            QMessageBox.Icon.Question,
            self.tr("Delivered again?"),
            self.tr(
                "Waybill {waybill} was taken in before and left the station on {when}. Did "
                "the courier bring it again? Y: yes, take it in again. Enter or Esc: no."
            ).format(waybill=check.number, when=when),
            name="redeliveryQuestion",
            on_answer=self._redelivery_answered,
        )

    def _redelivery_answered(self, box: QMessageBox, yes: bool) -> None:
        self.redelivery_box = None
        box.deleteLater()
        if yes:
            self.redelivery_confirmed = True
            self.carriers.setFocus()
        else:
            self.start_over()
            self.step.setText(self.tr("Not taken in. Scan the next parcel's waybill."))

    @Slot()
    def phone_entered(self) -> None:
        if self.check is None:
            self._refuse_waybill_text(self.tr("Scan the waybill first, then type the phone."))
            return
        self.chosen = None
        tail = label_tail(self.phone.text())
        if tail is not None:
            # the key that picks an offer, typed before the offers are shown, waits for them
            self.call_holding_keys(
                lambda station: station.parcels.known_by_tail(tail),
                self.station,
                on_done=lambda offers: self._show_offers(tail, offers),
                on_error=self._refused,
            )
            return
        self._hide_offers()
        try:
            phone.normalize_mobile(self.phone.text())
        except ValidationError as error:
            self.message.refuse(str(error))
            self.phone.setFocus()
            self.phone.selectAll()
            return
        self._save()

    # the label shows only the tail ----------------------------------------------------------------

    def _show_offers(self, tail: str, offers: list[KnownRecipient]) -> None:
        if label_tail(self.phone.text()) != tail or self.check is None:
            return  # the operator has moved on meanwhile
        self.offered = offers
        self.offers.clear()
        if not offers:
            self._hide_offers()
            self.message.clear_message()
            self.step.setText(
                self.tr(
                    "No customer known here has a number ending in {tail}: type the name on "
                    "the label and press Enter. No text can be sent until the number is known."
                ).format(tail=tail)
            )
            self.name.setFocus()
            return
        for number, known in enumerate(offers, start=1):
            parts = [f"{number}  {known.name}"]
            if known.village_group:
                parts.append(known.village_group)
            if known.last_parcel_at:
                last = day_text(known.last_parcel_at)
                parts.append(self.tr("last parcel {day}").format(day=last))
            parts.append(known.masked_phone)
            self.offers.addItem("  ·  ".join(parts))
        self.offers.addItem(self.tr("0  None of them: type the name on the label"))
        # the carrier is chosen: its list shrinks to that one row and the offers take the room
        one_row = self.carriers.sizeHintForRow(0) + 2 * self.carriers.frameWidth()
        self.carriers.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.carriers.setFixedHeight(one_row)
        self.carriers.scrollToItem(self.carriers.currentItem())
        rows = min(self.offers.count(), OFFER_ROWS_SHOWN)
        frame = 2 * self.offers.frameWidth()
        self.offers.setFixedHeight(rows * self.offers.sizeHintForRow(0) + frame)
        self.offers.setCurrentRow(0)
        self.offers.show()
        self.message.clear_message()
        self.step.setText(
            self.tr(
                "Press Enter for {name}, a row's number for another, 0 for none of them."
            ).format(name=offers[0].name)
        )
        self.offers.setFocus()

    def _hide_offers(self) -> None:
        self.offered = []
        self.chosen = None
        self.offers.clear()
        self.offers.hide()
        self.carriers.setFixedHeight(self.carriers_height)
        self.carriers.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)

    def _offer_key(self, event: QKeyEvent) -> bool:
        key = event.key()
        if key == Qt.Key.Key_0:
            self._hide_offers()
            self.step.setText(
                self.tr(
                    "Type the name on the label and press Enter. No text can be sent until the "
                    "number is known."
                )
            )
            self.name.setFocus()
            return True
        if key in DIGIT_KEYS and DIGIT_KEYS[key] <= len(self.offered):
            self._take_offer(DIGIT_KEYS[key] - 1)
            return True
        if key in ENTER_KEYS:
            row = self.offers.currentRow()
            if 0 <= row < len(self.offered):
                self._take_offer(row)
            else:  # the "none of them" row
                self._offer_key(QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_0, event.modifiers()))
            return True
        return False

    def _take_offer(self, row: int) -> None:
        self.chosen = self.offered[row]
        self._save()

    @Slot()
    def name_entered(self) -> None:
        if not self.name.text().strip():
            self.message.refuse(
                self.tr("Type the recipient's name as the waybill prints it (张* is fine).")
            )
            return
        if label_tail(self.phone.text()) is not None and self.check is not None:
            self._hide_offers()
            self._save()  # the tail and the name are all the label gives: taken in as they are
            return
        self.phone_entered()

    def entry(self) -> Entry:
        assert self.check is not None
        return Entry(
            waybill=self.check.number,
            carrier=self.chosen_carrier(),
            phone=self.chosen.phone if self.chosen is not None else self.phone.text().strip(),
            name=self.name.text().strip(),
            shelf=self.shelf.currentText(),
            layer=int(self.layer.currentData() or 0),
            consent=self.consent.currentData(),
            confirm_redelivery=self.redelivery_confirmed,
            confirm_phone=self._phone_confirmed(),
        )

    def _phone_confirmed(self) -> bool:
        typed = self.phone.text()
        return bool(self.confirmed_phone) and phone.is_mobile(typed) and (
            phone.normalize_mobile(typed) == self.confirmed_phone
        )

    def _save(self) -> None:
        if self.saving:
            return
        if not self.chosen_carrier():
            self.message.refuse(self.tr("Choose the carrier first: press its number (1 to 9)."))
            self.carriers.setFocus()
            return
        self.saving = True
        # the next waybill, scanned or typed before the save comes back, waits for its field
        self.call_holding_keys(
            _record, self.station, self.entry(), on_done=self._recorded, on_error=self._refused
        )

    def _refused(self, error: UserError) -> None:
        self.saving = False
        if isinstance(error, phone.UnlistedNumber):
            self._ask_unlisted_phone(error)
            return
        self.message.refuse(str(error))
        field = self.name if self.name.hasFocus() else self.phone
        field.setFocus()
        field.selectAll()

    def _ask_unlisted_phone(self, warning: phone.UnlistedNumber) -> None:
        self.message.refuse(str(warning))
        # Enter must not keep a mistyped number: the safe answer is the default
        self.phone_box = ask_no_by_default(
            self,
            QMessageBox.Icon.Warning,
            self.tr("Keep this number?"),
            self.tr(
                "{warning}\n\nIs {number} right? Y: yes, keep it. Enter or Esc: no, correct it."
            ).format(warning=str(warning), number=warning.number),
            name="unlistedPhoneQuestion",
            on_answer=lambda box, yes: self._unlisted_phone_answered(box, yes, warning.number),
        )

    def _unlisted_phone_answered(self, box: QMessageBox, yes: bool, number: str) -> None:
        self.phone_box = None
        box.deleteLater()
        if yes:
            self.confirmed_phone = number
            self.message.clear_message()
            self._save()
            return
        self.step.setText(self.tr("Correct the mobile number and press Enter."))
        self.phone.setFocus()
        self.phone.selectAll()

    def _recorded(self, parcel: Parcel | None) -> None:
        self.saving = False
        if parcel is None:
            self.message.clear_message()
            self.step.setText(
                self.tr("A new phone: type the name on the waybill (张* is fine) and press Enter.")
            )
            self.name.setFocus()
            return
        self.recorded.append(parcel)
        self._add_to_batch(parcel)
        self.message.succeed(
            self.tr("Taken in: {code}  ·  {carrier} tail {tail}  ·  {name} {phone}").format(
                code=parcel.pickup_code,
                carrier=parcel.carrier_name,
                tail=waybill_tail(parcel),
                name=parcel.recipient_name,
                phone=parcel.masked_phone,
            )
        )
        self.event_recorded.emit(parcel)
        self.start_over()

    # the running batch ----------------------------------------------------------------------------

    def _add_to_batch(self, parcel: Parcel) -> None:
        self.batch.insertRow(0)
        cells = (
            parcel.pickup_code,
            waybill_tail(parcel),
            parcel.masked_phone,
            parcel.recipient_name,
            parcel.carrier_name,
        )
        for column, text in enumerate(cells):
            item = QTableWidgetItem(text)
            if column == 0:
                font = item.font()
                font.setBold(True)
                font.setPixelSize(20)
                item.setFont(font)
            self.batch.setItem(0, column, item)
        self._show_batch_count()

    def _show_batch_count(self) -> None:
        self.batch_title.setText(self.tr("This batch: %n parcel(s)", "", len(self.recorded)))

    def batch_rows(self) -> list[list[str]]:
        """The running list as shown, newest first (for tests and the screenshot)."""
        return [
            [self.batch.item(row, column).text() for column in range(self.BATCH_COLUMNS)]
            for row in range(self.batch.rowCount())
        ]
