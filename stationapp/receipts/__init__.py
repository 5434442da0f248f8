"""Receipts: reportlab PDFs for roll printers (80 mm, 58 mm) and A4 sheets.

No Qt here: the GUI prints the bytes these modules return (``stationapp.ui.printing``).
reportlab is imported inside the modules below, so importing this package stays cheap.
"""
