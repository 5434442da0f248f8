"""The purchase form's scale keys (a mixin of ``PurchasePanel``): the reader started from the
settings and stopped, F8 takes the stable net weight into the quantity with the scale's frame,
F7 the tare, Ctrl+T tests the scale and reads on."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit

from stationapp.core.produce import quantities as q
from stationapp.scales import ScaleCheck, ScaleError, Tare, weighing_record
from stationapp.ui.kit.desk import Outcome, StepHint
from stationapp.ui.pages.produce.scale import ScaleLabel, ScaleLink, ScaleTester


class ScaleKeys:
    """Needs the panel's ``quantity``, ``unit``, ``price``, ``message``, ``step`` and
    ``scale_label``; keeps ``link`` (None: no scale, weights are typed), ``tare``, ``weighing``."""

    link: ScaleLink | None
    tester: ScaleTester | None
    tare: Tare | None
    weighing: dict[str, str] | None
    check_seconds: float
    quantity: QLineEdit
    price: QLineEdit
    unit: QComboBox
    message: Outcome
    step: StepHint
    scale_label: ScaleLabel
    scale_keys: QLabel

    # --- the scale -------------------------------------------------------------------------------

    def start_scale(self, settings: dict[str, Any]) -> None:
        """Read the configured scale; none configured: the quantity is typed."""
        try:
            # no Qt parent: the scale's thread emits through it until stopped, so it must not be
            # deleted with the form while that thread runs (the form's reference keeps it)
            self.link = ScaleLink.from_settings(settings)
        except ScaleError as error:
            self.scale_label.show()
            self.scale_label.show_problem(error)
            return
        if self.link is None:
            return
        self.link.reading.connect(self.scale_label.show_reading)
        self.link.status.connect(self.scale_label.show_status)
        self.scale_label.set_unit(self.unit.currentText())
        self.scale_label.show()
        self.scale_keys.show()
        self.link.start()

    def stop_scale(self) -> None:
        if self.link is not None:
            self.link.stop()
            self.link = None
        self.tare = None
        self.scale_label.last = None
        self.scale_label.set_tare(None)

    def test_scale(self) -> None:
        """Ctrl+T: the reader lets go of the port, every model listens for a few seconds, the
        verdict is said (frames and last weight, or what is wrong), and reading goes on."""
        if self.link is None or self.tester is not None:
            if self.link is None:
                self.message.refuse(self.tr("No scale is set up: type the weight."))
            return
        config = self.link.config
        self.stop_scale()
        self.step.setText(self.tr("Testing the scale on {port}…").format(port=config.port))
        self.tester = ScaleTester(config, self.check_seconds)  # no parent: as the link
        self.tester.done.connect(lambda check: self._tested(config, check))
        self.tester.start()

    def _tested(self, config: Any, check: ScaleCheck) -> None:
        self.tester = None
        self.step.clear()
        if check.ok and check.last is not None:
            self.message.succeed(
                self.tr("The scale answers: {frames} frames, the last {weight} {unit}.").format(
                    frames=check.frames, weight=check.last.net, unit=check.last.unit
                )
            )
        else:
            self.message.refuse(str(check.error))
        self.start_scale(
            {
                "scale.port": config.port,
                "scale.baudrate": config.baudrate,
                "scale.model": config.model,
            }
        )

    def take_weight(self) -> None:
        """F8: the stable net weight into the quantity, kept with the scale's frame."""
        if self.link is None:
            self.message.refuse(self.tr("No scale is set up: type the weight."))
            return
        unit = self.unit.currentText()
        if unit not in q.WEIGHED_UNITS:
            self.message.refuse(self.tr("Only jin and kg are weighed: choose the unit first."))
            return
        try:
            reading = self.link.reader.take_stable_net()
        except ScaleError as error:
            self.message.refuse(str(error))
            return
        record = weighing_record(reading, unit=unit, tare=self.tare)
        self.quantity.setText(record["net"])
        self.weighing = record
        self.message.clear_message()
        self.price.setFocus()

    def take_tare(self) -> None:
        """F7: the indicator's tare, or the empty basket now on the scale."""
        if self.link is None:
            self.message.refuse(self.tr("No scale is set up: type the weight."))
            return
        try:
            self.tare = self.link.reader.take_tare()
        except ScaleError as error:
            self.message.refuse(str(error))
            return
        self.scale_label.set_tare(self.tare)
        self.message.succeed(
            self.tr("Tare taken: {weight} {unit}.").format(
                weight=self.tare.weight, unit=self.tare.unit
            )
        )
