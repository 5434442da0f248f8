"""到件入库 in batch mode: waybill (scanned) → carrier (Enter or a digit) → phone → Enter → next.

A label that prints only the phone's tail (``138****5678``, GB/T 41833-2022): the four digits and
Enter offer the known customers whose numbers end so, latest parcel first, and Enter (or the
row's digit) takes one; 0 or none known: the name on the label, and the parcel waits untexted.

A recipient who may be a registered household's (the registry's phone tail, the head's name) is
offered it under the name; Ctrl+H marks the parcel for the household log, and the customer
keeps the link: their next parcel shows it marked without asking (Ctrl+Shift+H: not this one).

No mouse is needed: each step puts the focus where the next key goes, a success and a refusal
sound different, and the running list shows what this batch took in.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from stationapp.core import phone, waybill
from stationapp.core.changes import Changes
from stationapp.core.errors import UserError, ValidationError
from stationapp.core.parcels.facade import Parcel
from stationapp.core.parcels.intake import KnownRecipient, label_tail
from stationapp.ui.kit.desk import (
    Outcome,
    StepHint,
    scan_field,
    section_title,
    shortcut,
    when_text,
)
from stationapp.ui.kit.household_offer import marker
from stationapp.ui.kit.page import Page, PageContext
from stationapp.ui.pages.parcels.intake_batch import RunningBatch
from stationapp.ui.pages.parcels.intake_carriers import CARRIER_LIST_HEIGHT, CarrierChoice
from stationapp.ui.pages.parcels.intake_households import IntakeHouseholds
from stationapp.ui.pages.parcels.intake_offers import TailOffers
from stationapp.ui.pages.parcels.intake_questions import IntakeQuestions
from stationapp.ui.pages.parcels.intake_records import (
    Entry,
    WaybillCheck,
    check_waybill,
    desk_setup,
    record_entry,
)
from stationapp.ui.pages.parcels.intake_setup import BatchSetup
from stationapp.ui.pages.parcels.words import waybill_tail


class IntakePanel(
    BatchSetup,
    CarrierChoice,
    TailOffers,
    IntakeHouseholds,
    IntakeQuestions,
    RunningBatch,
    Page,
):
    """The intake desk: the steps and the save here; the batch's shelf and consent, the carrier
    choice, the tail's offers, the household offered, the two questions and the running batch
    in their mixins (intake_setup, intake_carriers, intake_offers, intake_households,
    intake_questions, intake_batch)."""

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

        slot = self._build_batch_setup()

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
        self._build_household_offer()
        self.saving_marker = ""  # the household of the parcel being saved, for its batch row
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
        name_and_household = QVBoxLayout()  # the household offered, under the villager
        name_and_household.addWidget(self.name)
        name_and_household.addWidget(self.household)
        form.addRow(self._label(self.tr("&Name:"), self.name), name_and_household)

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

    def _show_batch_count(self) -> None:
        # here, not in RunningBatch: PySide's tr() looks a %n string up in this class's context only
        self.batch_title.setText(self.tr("This batch: %n parcel(s)", "", len(self.recorded)))

    def _label(self, text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(buddy)
        return label

    # Page -----------------------------------------------------------------------------------------

    def on_shown(self) -> None:
        if not self.setup_loaded:
            self.worker.call(desk_setup, self.station, on_done=self._show_setup)
        self._focus_step()

    @Slot(Changes)
    def on_changed(self, changes: Changes) -> None:
        if changes.changed_setting("parcels."):
            self.setup_loaded = False
            if self.isVisible():
                self.worker.call(desk_setup, self.station, on_done=self._show_setup)

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
        self._forget_household()
        self._hide_offers()  # and the carrier list as tall as its rows
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
            check_waybill,
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

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.carriers and event.type() == QEvent.Type.KeyPress:
            return self._carrier_key(event)  # type: ignore[arg-type]
        if watched is self.offers and event.type() == QEvent.Type.KeyPress:
            return self._offer_key(event)  # type: ignore[arg-type]
        return super().eventFilter(watched, event)

    @Slot()
    def phone_entered(self) -> None:
        if self.check is None:
            self._refuse_waybill_text(self.tr("Scan the waybill first, then type the phone."))
            return
        self.chosen = None
        tail = label_tail(self.phone.text())
        if tail is not None:
            self.ask_households_for_tail()
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
            household_id=self.household_choice,
        )

    def _phone_confirmed(self) -> bool:
        typed = self.phone.text()
        return (
            bool(self.confirmed_phone)
            and phone.is_mobile(typed)
            and (phone.normalize_mobile(typed) == self.confirmed_phone)
        )

    def _save(self) -> None:
        if self.saving:
            return
        if not self.chosen_carrier():
            self.message.refuse(self.tr("Choose the carrier first: press its number (1 to 9)."))
            self.carriers.setFocus()
            return
        self.saving = True
        shown = self.household.shown
        self.saving_marker = (
            f"{shown.head_name}{marker(shown)}" if self.household.household_id else ""
        )
        # the next waybill, scanned or typed before the save comes back, waits for its field
        self.call_holding_keys(
            record_entry, self.station, self.entry(), on_done=self._recorded, on_error=self._refused
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
        self._add_to_batch(parcel, self.saving_marker)
        text = self.tr("Taken in: {code}  ·  {carrier} tail {tail}  ·  {name} {phone}").format(
            code=parcel.pickup_code,
            carrier=parcel.carrier_name,
            tail=waybill_tail(parcel),
            name=parcel.recipient_name,
            phone=parcel.masked_phone,
        )
        if self.saving_marker:
            text += "  ·  " + self.tr("household {household}").format(household=self.saving_marker)
        self.message.succeed(text)
        self.tell(lines=["parcels"])
        self.start_over()
