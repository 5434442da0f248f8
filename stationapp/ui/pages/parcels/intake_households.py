"""Intake and the county's registered households: as the recipient's phone and name are typed (or
scanned), the households they may be are looked up on the database thread, never holding a key,
and the best is offered under the name (the kit's ``HouseholdOffer``). Ctrl+H marks the parcel
for it and links the customer; Ctrl+Shift+H turns it down and offers the next. A customer
already linked shows its household marked without asking; Ctrl+Shift+H there clears the wrong
link with the parcel's save. A mixin of ``IntakePanel``: it keeps the panel's ``household``."""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot

from stationapp.core import Station, phone
from stationapp.core.errors import UserError
from stationapp.core.parcels.households import RecipientHouseholds
from stationapp.core.parcels.intake import label_tail
from stationapp.ui.kit.household_offer import HouseholdOffer


def households_for(station: Station, recipient_phone: str, name: str) -> RecipientHouseholds:
    """On the database thread: the recipient's linked household, or those offered."""
    return station.parcels.recipient_households(recipient_phone, name)


class IntakeHouseholds:
    """The household offer of ``IntakePanel``. ``household_choice`` is what the save tells
    ``st.parcels.receive`` as ``household_id``: None, as the customer is linked; a 户编号 the
    operator accepted; ``""``, the customer's link cleared as wrong."""

    def _build_household_offer(self) -> HouseholdOffer:
        self.household = HouseholdOffer(self)
        self.household.accepted.connect(self._household_accepted)
        self.household.cleared.connect(self._household_cleared)
        self.phone.textChanged.connect(self._phone_changed)
        self.name.textChanged.connect(self._ask_households)
        self._forget_household()
        return self.household

    def _forget_household(self) -> None:
        """Another recipient: nothing offered, marked or turned down."""
        self.household.reset()
        self.household_choice: str | None = None
        self.household_linked = ""  # the customer's link, shown marked
        self.households_found: list = []  # the last lookup's candidates
        self.households_asked = ("", "")  # the (phone, name) of the last lookup
        self.declined: set[str] = set()  # turned down for this parcel
        self.tail_entered = False

    def _recipient_typed(self) -> tuple[str, str]:
        """(phone, name) to look households up by; the phone '' while it is neither a whole
        mobile nor a label's tail (four digits are a tail once Enter says so, not while they
        are the start of a mobile being typed)."""
        text = self.phone.text().strip()
        name = self.name.text().strip()
        tail = label_tail(text)
        if phone.is_mobile(text) or (tail and (self.tail_entered or not text.isdigit())):
            return text, name
        return "", name

    @Slot(str)
    def _phone_changed(self, _text: str) -> None:
        shown = self.household.isVisibleTo(self)
        self._forget_household()
        if shown:
            self._fit_carrier_list()
        self._ask_households()

    def ask_households_for_tail(self) -> None:
        """Enter after the label's four digits: they may be a household's phone tail too."""
        self.tail_entered = True
        self._ask_households()

    @Slot()
    def _ask_households(self) -> None:
        if self.check is None:
            return
        asked = self._recipient_typed()
        if asked == self.households_asked:
            return
        self.households_asked = asked
        if not any(asked):
            return
        self.worker.call(
            households_for,
            self.station,
            *asked,
            on_done=lambda found: self._show_households(asked, found),
            on_error=self._households_not_found,
        )

    def _households_not_found(self, error: UserError) -> None:
        """A lookup refused offers nothing: the parcel is taken in as typed."""

    def _show_households(self, asked: tuple[str, str], found: RecipientHouseholds) -> None:
        if asked != self.households_asked or self.check is None:
            return  # the operator has typed on meanwhile
        if found.linked is not None or found.candidates:
            self._shrink_carriers()
        if found.linked is not None:
            if self.household_choice is None:
                self.household_linked = found.linked.household_no
                self.household.mark(found.linked)
        elif not self.household_choice:  # nothing accepted: the best of these is offered
            self.households_found = found.candidates
            self._offer_the_rest()
        self._fit_carrier_list()

    def _offer_the_rest(self) -> None:
        self.household.offer(
            [h for h in self.households_found if h.household_no not in self.declined]
        )

    @Slot(str)
    def _household_accepted(self, household_no: str) -> None:
        self.household_choice = household_no
        self.step.setText(self.tr("Marked for the household: press Enter to take the parcel in."))

    @Slot(str)
    def _household_cleared(self, household_no: str) -> None:
        """Not this household: an acceptance taken back, a wrong link cleared (with the save),
        or an offer turned down; the next candidate, if any, is offered."""
        if household_no == self.household_linked and self.household_choice is None:
            self.household_choice = ""
        elif household_no == self.household_choice:
            self.household_choice = "" if self.household_linked else None
        self.declined.add(household_no)
        self._offer_the_rest()
        self._fit_carrier_list()

    def _shrink_carriers(self) -> None:
        """The carrier is chosen by the time the recipient is typed: while an offer is shown,
        its list shrinks to that one row and the offer takes the room (shrunk before the offer
        shows, so the window never has to grow for both)."""
        one_row = self.carriers.sizeHintForRow(0) + 2 * self.carriers.frameWidth()
        self.carriers.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.carriers.setFixedHeight(one_row)
        self.carriers.scrollToItem(self.carriers.currentItem())

    def _fit_carrier_list(self) -> None:
        """The carrier list one row while an offer is shown, else as tall as its rows."""
        if self.offers.isVisibleTo(self) or self.household.isVisibleTo(self):
            self._shrink_carriers()
        else:
            self.carriers.setFixedHeight(self.carriers_height)
            self.carriers.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
