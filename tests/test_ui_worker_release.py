"""The database worker lets go of a job's callbacks and future on the GUI thread once it has
delivered the result: a callback often holds a widget, and a widget's wrapper freed on the
database thread (the job, its future and the done-callback make a cycle the collector may free
on any thread) made PySide queue its deletion there and crash the interpreter (SIGSEGV in
``BindingManager::runDeletionInMainThread``) once the widget was gone."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel


def test_a_delivered_jobs_callbacks_and_future_are_let_go(qtbot, worker):
    label = QLabel()
    qtbot.addWidget(label)
    jobs: list[object] = []
    worker._job_finished.connect(jobs.append, Qt.ConnectionType.QueuedConnection)
    worker.call(lambda: "收到", on_done=label.setText)
    worker.call(lambda: "再收到", on_done=lambda text: label.setText(text))
    qtbot.waitUntil(lambda: worker.idle and len(jobs) == 2, timeout=3000)
    assert label.text() == "再收到"
    for job in jobs:
        assert job.on_done is None and job.on_error is None and job.future is None


def test_a_refused_jobs_handler_is_let_go_too(qtbot, worker):
    from stationapp.core.errors import ValidationError

    refused: list[str] = []
    jobs: list[object] = []
    worker._job_finished.connect(jobs.append, Qt.ConnectionType.QueuedConnection)

    def refuse() -> None:
        raise ValidationError("No.")

    worker.call(refuse, on_error=lambda error: refused.append(str(error)))
    qtbot.waitUntil(lambda: worker.idle and len(jobs) == 1, timeout=3000)
    assert refused and jobs[0].on_error is None and jobs[0].future is None


def test_a_lambda_holding_a_closed_widget_is_not_called(qtbot, worker):
    label = QLabel()
    called: list[str] = []

    def show(text: str) -> None:
        called.append(text)
        label.setText(text)

    worker.call(lambda: "晚到的结果", on_done=lambda text: (label, show(text)))
    shiboken6.delete(label)  # the window was closed while the call ran
    qtbot.waitUntil(lambda: worker.idle, timeout=3000)
    assert called == []
