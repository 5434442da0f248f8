"""The station's windows (PySide6): the shell, its pages, and the pieces they share.

- ``kit/``: what every page uses (the database worker, the scanner, forms, the desk's widgets,
  sub-pages, printing, sounds, theme, language, error dialogs, the idle watch, ``Page``);
- ``runners/``: background work that talks to the network (sync rounds, the feed, sending texts);
- ``pages/<line>/``: one package per line's screens; a page imports the core, ``kit`` and its own
  package, never another page (tests/test_ui_layout_rules.py);
- here: the shell, the main window and its page table, login, lock, the setup wizard and the
  restore from the county, the chain check, the clock warning and the self-test.

Widgets never touch the database: every Station call goes through ``kit.worker.StationWorker``.
What a page records reaches the others as one ``core.changes.Changes``.
"""
