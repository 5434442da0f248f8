"""The county center: a FastAPI app over SQLAlchemy Core storage (DESIGN §6).

At the top: the app factory (``app``), its dependencies (``deps``), settings, storage and every
table (``tables``), the middlewares (``bodies``, ``clocks``, ``logs``), stations, users and
backups. The packages: ``routers`` (one per resource of the API), ``ingest`` (a push taken in),
``feed`` (what stations download), ``reference`` (the county's reference data and its imports),
``relays`` (the SMS relay), ``lines`` (each business line's read model), ``web`` (the
supervisor and admin pages) and ``cli`` (``county-center``).
"""
