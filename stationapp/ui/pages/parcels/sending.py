"""寄件: the real-name sending form (实名收寄) and today's sent parcels, whose waybill is scanned
when the courier's label goes on. A sender from a registered household is offered it under the
sender (``sending_households``): Ctrl+H marks the parcel for the household log."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QKeyCombination, Qt, Slot
from PySide6.QtGui import QFocusEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from stationapp.core import Event, idcard, phone, waybill
from stationapp.core.changes import Changes
from stationapp.core.errors import UserError
from stationapp.core.money import format_money, parse_money
from stationapp.core.parcels.sending import MAX_FEE_FEN, MAX_WEIGHT_G, SentParcel
from stationapp.ui.kit.desk import (
    Outcome,
    StepHint,
    ask_no_by_default,
    scan_field,
    section_title,
    shortcut,
)
from stationapp.ui.kit.household_offer import marker
from stationapp.ui.kit.page import Page, PageContext
from stationapp.ui.pages.parcels.sending_households import SendingHouseholds
from stationapp.ui.pages.parcels.words import (
    CATEGORIES,
    ID_TYPES,
    PAYMENTS,
    fill_carriers,
    fill_combo,
    select_data,
)


class IdNumberEdit(QLineEdit):
    """The sender's ID number: shown masked (``5301**********123X``) once typed, whole again
    only while the operator corrects it. The whole number is kept in memory until it is sent,
    and the station stores it only masked and hashed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._number = ""
        self.masked = False
        self.editingFinished.connect(self.mask)

    def number(self) -> str:
        return self._number if self.masked else self.text()

    @Slot()
    def mask(self) -> None:
        if self.masked or not self.text().strip():
            return
        self._number = self.text()
        self.masked = True
        self.setText(idcard.mask_id(self._number))

    def unmask(self) -> None:
        if self.masked:
            self.masked = False
            self.setText(self._number)
            self._number = ""

    def clear_number(self) -> None:
        self._number = ""
        self.masked = False
        self.clear()

    def focusInEvent(self, event: QFocusEvent) -> None:
        self.unmask()
        super().focusInEvent(event)


TODAY_TABLE_WIDTH = 470  # px: the columns of today's sendings without cutting a waybill


class SendingPanel(SendingHouseholds, Page):
    TODAY_COLUMNS = 5

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.today: list[SentParcel] = []
        self.just_sent = ""
        self.busy = False
        self.confirmed_phone = ""  # a sender's number outside the numbering plan, kept
        self.phone_box: QMessageBox | None = None

        self.sender_name = QLineEdit()
        self.sender_phone = QLineEdit()
        self.id_type = QComboBox()
        fill_combo(self.id_type, ID_TYPES)
        self.id_number = IdNumberEdit()
        self.id_number.setPlaceholderText(self.tr("read it from the card"))
        sender = self._group(
            self.tr("Sender (real name)"),
            (
                (self.tr("&Name:"), self.sender_name),
                (self.tr("&Mobile:"), self.sender_phone),
                (self.tr("ID &type:"), self.id_type),
                (self.tr("ID n&umber:"), self.id_number),
            ),
        )

        self.item_name = QLineEdit()
        self.item_name.setPlaceholderText(self.tr("e.g. 普洱茶"))
        self.category = QComboBox()
        fill_combo(self.category, CATEGORIES)
        self.item_count = QSpinBox()
        self.item_count.setRange(1, 999)
        item = self._group(
            self.tr("What is sent"),
            (
                (self.tr("&Item:"), self.item_name),
                (self.tr("Cate&gory:"), self.category),
                (self.tr("C&ount:"), self.item_count),
            ),
        )

        self.recipient_name = QLineEdit()
        self.recipient_phone = QLineEdit()
        self.recipient_address = QLineEdit()
        self.recipient_address.setPlaceholderText(self.tr("province, city, street, number"))
        recipient = self._group(
            self.tr("Recipient"),
            (
                (self.tr("Nam&e:"), self.recipient_name),
                (self.tr("P&hone:"), self.recipient_phone),
                (self.tr("A&ddress:"), self.recipient_address),
            ),
        )

        self.carrier = QComboBox()
        fill_carriers(self.carrier)
        self.weight = QSpinBox()
        self.weight.setRange(1, MAX_WEIGHT_G)
        self.weight.setSingleStep(100)
        self.weight.setValue(1000)
        self.weight.setSuffix(self.tr(" g"))
        self.fee = QLineEdit()
        self.fee.setPlaceholderText(self.tr("e.g. 12.5 or 12元5角"))
        self.payment = QComboBox()
        fill_combo(self.payment, PAYMENTS)
        carriage = self._group(
            self.tr("Carriage"),
            (
                (self.tr("&Carrier:"), self.carrier),
                (self.tr("&Weight:"), self.weight),
                (self.tr("&Fee (yuan):"), self.fee),
                (self.tr("&Paid by:"), self.payment),
            ),
        )

        self.send_button = QPushButton(self.tr("Record the sending (Ctrl+Enter)"))
        self.send_button.setObjectName("primary")
        self.send_button.clicked.connect(self.send)
        new_button = QPushButton(self.tr("New form (Ctrl+N)"))
        new_button.clicked.connect(self.new_form)
        self.message = Outcome()

        self.form_boxes = (sender, recipient, item, carriage)
        left = self.form_column = QVBoxLayout()
        form = self.form_grid = QGridLayout()
        form.setHorizontalSpacing(14)
        form.addWidget(sender, 0, 0)  # in the order Tab goes: sender, item, recipient, carriage
        form.addWidget(item, 2, 0)
        form.addWidget(recipient, 0, 1)
        form.addWidget(carriage, 2, 1)
        # under the sender, as wide as the form: a household's number and village on one line
        form.addWidget(self._build_household_offer(), 1, 0, 1, 2)
        buttons = QHBoxLayout()
        buttons.setSpacing(14)  # its own: the column's closes up while a household is offered
        buttons.addWidget(self.send_button)
        buttons.addWidget(new_button)
        buttons.addStretch(1)
        left.addLayout(form)
        left.addLayout(buttons)
        left.addWidget(self.message)
        left.addStretch(1)

        # a combo as wide as its longest choice ("Hong Kong/Macao travel permit") held the form
        # so wide that today's list lost its columns at 1366×768: they shrink, the list opens wide
        for combo in (self.id_type, self.category, self.carrier, self.payment):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(6)
            combo.view().setMinimumWidth(combo.view().sizeHintForColumn(0) + 24)

        self.today_title = section_title("")
        self.today_table = QTableWidget(0, self.TODAY_COLUMNS)
        self.today_table.setHorizontalHeaderLabels(
            [
                self.tr("Time"),
                self.tr("Carrier"),
                self.tr("Recipient"),
                self.tr("Item"),
                self.tr("Waybill"),
            ]
        )
        self.today_table.verticalHeader().hide()
        self.today_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.today_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.today_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.today_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # the item's name gives way, not the waybill (a waybill cut short cannot be checked)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.today_table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # room for a time, a carrier, a name, an item and a whole waybill at 1366×768
        self.today_table.setMinimumWidth(TODAY_TABLE_WIDTH)
        self.waybill = scan_field(self.tr("Scan the label of the chosen parcel"))
        self.waybill.returnPressed.connect(self._waybill_typed)
        waybill_label = QLabel(self.tr("&Label waybill:"))
        waybill_label.setBuddy(self.waybill)
        self.label_step = StepHint()
        # a widget, so that the form offered to other pages (sending_dialog) shows without it
        self.today_column = QWidget()
        right = QVBoxLayout(self.today_column)
        right.setContentsMargins(0, 0, 0, 0)
        right.addWidget(self.today_title)
        right.addWidget(self.today_table, 1)
        right.addWidget(waybill_label)
        right.addWidget(self.waybill)
        right.addWidget(self.label_step)

        columns = QHBoxLayout(self)
        columns.setContentsMargins(0, 0, 0, 0)
        columns.setSpacing(18)
        columns.addLayout(left, 5)
        columns.addWidget(self.today_column, 4)

        for enter in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            shortcut(self, QKeySequence(QKeyCombination(Qt.Modifier.CTRL, enter)), self.send)
        shortcut(self, QKeySequence(QKeyCombination(Qt.Modifier.CTRL, Qt.Key.Key_N)), self.new_form)
        self._show_today([])

    def _group(self, title: str, rows: tuple[tuple[str, QWidget], ...]) -> QGroupBox:
        box = QGroupBox(title)
        form = QFormLayout(box)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        for text, widget in rows:
            label = QLabel(text)
            label.setBuddy(widget)
            form.addRow(label, widget)
        return box

    # Page -----------------------------------------------------------------------------------------

    def on_shown(self) -> None:
        self.refresh()
        if not self.sender_name.text():
            self.sender_name.setFocus()

    @Slot(Changes)
    def on_changed(self, changes: Changes) -> None:
        if changes.touches("parcels") and self.isVisible():
            self.refresh()

    def on_scan(self, code: str) -> bool:
        """A scanned label goes to the chosen parcel still without a waybill. Only a number in a
        waybill's form: a villager's pickup code scanned here goes on to the pickup search."""
        if self.label_target() is None or not waybill.carrier_candidates(code):
            return False
        self.waybill.setText(code)
        self._waybill_typed()
        return True

    def refresh(self) -> None:
        self.worker.call(self.station.sending.on_day, on_done=self._show_today)

    # the form -------------------------------------------------------------------------------------

    def fields(self) -> dict[str, Any]:
        """What ``st.sending.send`` gets; the fee is parsed here (refused as typed)."""
        return {
            "sender_name": self.sender_name.text(),
            "sender_phone": self.sender_phone.text(),
            "id_type": self.id_type.currentData(),
            "id_number": self.id_number.number(),
            "item_name": self.item_name.text(),
            "item_category": self.category.currentData(),
            "item_count": self.item_count.value(),
            "recipient_name": self.recipient_name.text(),
            "recipient_phone": self.recipient_phone.text(),
            "recipient_address": self.recipient_address.text(),
            "carrier": self.carrier.currentData(),
            "weight_g": self.weight.value(),
            "fee_fen": parse_money(self.fee.text(), max_fen=MAX_FEE_FEN),
            "payment": self.payment.currentData(),
            "household_id": self.household.household_id or None,
            "confirm_phone": bool(self.confirmed_phone)
            and phone.is_mobile(self.sender_phone.text())
            and phone.normalize_mobile(self.sender_phone.text()) == self.confirmed_phone,
        }

    @Slot()
    def send(self) -> None:
        if self.busy:
            return
        try:
            fields = self.fields()
        except UserError as error:
            self.message.refuse(str(error))
            self.fee.setFocus()
            self.fee.selectAll()
            return
        self.busy = True
        # the label's waybill, scanned before the record comes back, waits for its field
        self.call_holding_keys(
            self.station.sending.send, **fields, on_done=self._sent, on_error=self._refuse
        )

    def _refuse(self, error: UserError) -> None:
        self.busy = False
        self.message.refuse(str(error))
        if isinstance(error, phone.UnlistedNumber):
            self._ask_unlisted_phone(error)

    def _ask_unlisted_phone(self, warning: phone.UnlistedNumber) -> None:
        # Enter must not keep a mistyped number: the safe answer is the default
        self.phone_box = ask_no_by_default(
            self,
            QMessageBox.Icon.Warning,
            self.tr("Keep this number?"),
            self.tr(
                "{warning}\n\nIs {number} right? Y: yes, keep it and record the parcel. Enter "
                "or Esc: no, correct it."
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
            self.send()
            return
        self.sender_phone.setFocus()
        self.sender_phone.selectAll()

    def _sent(self, parcel: SentParcel) -> None:
        self.busy = False
        self.just_sent = parcel.id
        text = self.tr(
            "Recorded: {item} to {name}, {carrier}, fee {fee}. Put the label on and scan "
            "its waybill."
        ).format(
            item=parcel.item_name,
            name=parcel.recipient_name,
            carrier=parcel.carrier_name,
            fee=format_money(parcel.fee_fen),
        )
        if self.household.household_id and self.household.shown is not None:
            shown = self.household.shown
            text += "\n" + self.tr("Marked for the household {household}.").format(
                household=f"{shown.head_name}{marker(shown)}"
            )
        self.message.succeed(text)
        self.tell(lines=["parcels"])
        self.new_form(keep_message=True)
        self.refresh()
        self.waybill.setFocus()

    @Slot()
    def new_form(self, keep_message: bool = False) -> None:
        for field in (
            self.sender_name,
            self.sender_phone,
            self.item_name,
            self.recipient_name,
            self.recipient_phone,
            self.recipient_address,
            self.fee,
        ):
            field.clear()
        self.id_number.clear_number()
        self._forget_household()
        self.confirmed_phone = ""
        self.item_count.setValue(1)
        self.weight.setValue(1000)
        select_data(self.id_type, "resident_id")
        if not keep_message:
            self.message.clear_message()
        self.sender_name.setFocus()

    # today's parcels and their labels -------------------------------------------------------------

    def _show_today(self, parcels: list[SentParcel]) -> None:
        self.today = list(reversed(parcels))  # newest first
        self.today_table.setRowCount(len(self.today))
        unlabelled = 0
        for row, parcel in enumerate(self.today):
            label = parcel.waybill or self.tr("no label yet")
            unlabelled += not parcel.waybill
            cells = (
                parcel.sent_at[11:16],
                parcel.carrier_name,
                parcel.recipient_name,
                parcel.item_name,
                label,
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, parcel.id)
                if column == 4 and not parcel.waybill:
                    item.setForeground(Qt.GlobalColor.red)
                self.today_table.setItem(row, column, item)
        self.today_title.setText(self.tr("Sent today: %n", "", len(self.today)))
        row = next((r for r, p in enumerate(self.today) if p.id == self.just_sent), -1)
        if row < 0:
            row = next((r for r, p in enumerate(self.today) if not p.waybill), -1)
        if row >= 0:
            self.today_table.selectRow(row)
        self.label_step.setText(
            self.tr(
                "%n parcel(s) still need their label: choose one, scan its waybill.",
                "",
                unlabelled,
            )
            if unlabelled
            else self.tr("Every parcel sent today has its waybill.")
        )

    def label_target(self) -> SentParcel | None:
        row = self.today_table.currentRow()
        rows = self.today_table.selectionModel().selectedRows()
        if rows:
            row = rows[0].row()
        if 0 <= row < len(self.today) and not self.today[row].waybill:
            return self.today[row]
        return None

    @Slot()
    def _waybill_typed(self) -> None:
        target = self.label_target()
        text = self.waybill.text()
        if target is None:
            self.message.refuse(
                self.tr("Choose a parcel marked “no label yet” in the list first, then scan.")
            )
            return
        # the next label's scan waits until this one is on its parcel
        self.call_holding_keys(
            self.station.sending.attach_waybill,
            target.id,
            text,
            on_done=self._labelled,
            on_error=self._refuse_label,
        )

    def _refuse_label(self, error: UserError) -> None:
        self.message.refuse(str(error))
        self.waybill.setFocus()
        self.waybill.selectAll()

    def _labelled(self, event: Event) -> None:
        self.waybill.clear()
        self.just_sent = ""
        self.message.succeed(
            self.tr("Waybill {waybill} is on the parcel.").format(waybill=event.payload["waybill"])
        )
        self.tell([event])
        self.refresh()
