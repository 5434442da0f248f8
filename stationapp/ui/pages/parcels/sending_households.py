"""Sending and the county's registered households: as the sender's mobile and name are typed, the
households the sender may be are looked up on the database thread, never holding a key, and the
best is offered under the sender (the kit's ``HouseholdOffer``, as intake offers it under the
recipient). Ctrl+H marks the parcel for it; Ctrl+Shift+H turns it down and offers the next. A
sender whose phone intake linked to a household shows it marked without asking; Ctrl+Shift+H
there sends this parcel unmarked (the customer's link is intake's to change). A mixin of
``SendingPanel``: it keeps the panel's ``household``."""

from __future__ import annotations

from PySide6.QtCore import Slot

from stationapp.core import Station, phone
from stationapp.core.errors import UserError
from stationapp.core.parcels.households import RecipientHouseholds
from stationapp.ui.kit.household_offer import HouseholdOffer

# px while an offer shows (the style's otherwise: 18 between boxes, 6 between rows, 9 inside)
OFFER_GAP = 4  # between the form's boxes and the offer
ROW_GAP = 2  # between a box's rows
BOX_MARGIN = 5  # inside a box, above and below its rows


def households_for(station: Station, sender_phone: str, name: str) -> RecipientHouseholds:
    """On the database thread: the sender's linked household, or those offered."""
    return station.sending.sender_households(sender_phone, name)


class SendingHouseholds:
    """The household offer of ``SendingPanel``; ``household.household_id`` is what the save
    tells ``st.sending.send`` (the 户编号 accepted or shown marked, '' for none)."""

    def _build_household_offer(self) -> HouseholdOffer:
        self.household = HouseholdOffer(self)
        self.household.cleared.connect(self._household_cleared)
        self.sender_phone.textChanged.connect(self._sender_phone_changed)
        self.sender_name.textChanged.connect(self._ask_households)
        self._forget_household()
        return self.household

    def _forget_household(self) -> None:
        """Another sender: nothing offered, marked or turned down."""
        self.household.reset()
        self.households_found: list = []  # the last lookup's candidates
        self.households_asked = ("", "")  # the (mobile, name) of the last lookup
        self.declined: set[str] = set()  # turned down for this parcel
        self._fit_form()

    def _sender_typed(self) -> tuple[str, str]:
        """(mobile, name) to look households up by; the mobile '' until it is a whole one."""
        text = self.sender_phone.text().strip()
        return (text if phone.is_mobile(text) else "", self.sender_name.text().strip())

    @Slot(str)
    def _sender_phone_changed(self, _text: str) -> None:
        if self.households_asked[0]:
            self._forget_household()  # the mobile that found them is gone (a mark made on
            # the name alone stays while the mobile is typed after it)
        self._ask_households()

    @Slot()
    def _ask_households(self) -> None:
        asked = self._sender_typed()
        if asked == self.households_asked:
            return
        self.households_asked = asked
        if not any(asked):
            self._offer_the_rest([])
            return
        self.worker.call(
            households_for,
            self.station,
            *asked,
            on_done=lambda found: self._show_households(asked, found),
            on_error=self._households_not_found,
        )

    def _households_not_found(self, error: UserError) -> None:
        """A lookup refused offers nothing: the parcel is sent as typed."""

    def _show_households(self, asked: tuple[str, str], found: RecipientHouseholds) -> None:
        if asked != self.households_asked:
            return  # the operator has typed on meanwhile
        if found.linked is not None:
            if found.linked.household_no not in self.declined:
                self.household.mark(found.linked)
            self._fit_form()
            return
        self._offer_the_rest(found.candidates)

    def _offer_the_rest(self, candidates: list) -> None:
        self.households_found = candidates
        self.household.offer([h for h in candidates if h.household_no not in self.declined])
        self._fit_form()

    def _fit_form(self) -> None:
        """While a household is shown the form closes up, so that the page with the offer
        spanning the form under the sender still fits a 1366×768 screen above the taskbar."""
        shown = self.household.isVisibleTo(self)
        self.form_grid.setVerticalSpacing(OFFER_GAP if shown else -1)  # -1: the style's
        self.form_column.setSpacing(OFFER_GAP if shown else -1)
        for box in self.form_boxes:
            rows = box.layout()
            rows.setVerticalSpacing(ROW_GAP if shown else -1)
            if shown:
                margins = rows.contentsMargins()
                rows.setContentsMargins(margins.left(), BOX_MARGIN, margins.right(), BOX_MARGIN)
            else:
                rows.unsetContentsMargins()

    @Slot(str)
    def _household_cleared(self, household_no: str) -> None:
        """Not this household (an offer turned down, a mark taken back): the next candidate,
        if any, is offered."""
        self.declined.add(household_no)
        self._offer_the_rest(self.households_found)
