"""Receipts: reportlab PDFs for roll printers (80 mm, 58 mm) and A4 sheets (DESIGN §8).

- ``document``: ``Receipt`` and ``render(receipt, paper)``, which every document goes through;
  it also offers the line kinds of ``content`` (``Row``, ``Text``, ``Table``, ``Total``...).
- ``frame``: the one header and footer, ``ReceiptHeader`` (the station) and ``ReceiptFooter``
  (the event a print names, its time, its operator), built once and passed to any document.
- ``layout``, ``wrapping``, ``paper``, ``fonts``: how lines are drawn and broken, on which paper,
  in the bundled CJK font.
- A package or module per line: ``parcels`` (pickup slip, day summary, manifests); ``testpage``,
  the station's own printer test page.

No Qt here: the GUI prints the bytes these modules return (``stationapp.ui.kit.printing``).
reportlab is imported inside the functions that draw, so importing this package stays cheap.
"""
