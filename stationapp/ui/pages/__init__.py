"""The main window's pages: one package per business line's screens (``parcels``, ``sms``,
``sync``, the station's own ``station``), and ``placeholder`` for lines with no screens yet.
A page imports the core, ``ui.kit`` and its own package, never another page."""
