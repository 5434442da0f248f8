"""The county's reference data: what the CLI (and later the admin web) writes and stations
download through the feed.

``kinds`` holds what every kind shares (how a kind is kept, written, deleted and listed) and the
county's settings; each kind has a module beside it: ``places`` (townships, villages and the
stations' lists), ``household_registry``, ``id_keys``, ``catalog``, ``billers``,
``sms_templates`` and ``announcements``. The imports read spreadsheets: ``households_import``
(the registry), ``catalog_import`` (catalog and billers), over ``sheets`` and ``xlsx_rows``.
"""
