"""The station's windows (PySide6): the shell, its pages, and the pieces they share.

Widgets never touch the database: every Station call goes through ``worker.StationWorker``.
"""
