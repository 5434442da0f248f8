"""What every page uses: the database worker, the scanner, forms, the desk's widgets, printing,
sounds, the theme, the error dialogs, the idle watch, and the Page every screen is."""
