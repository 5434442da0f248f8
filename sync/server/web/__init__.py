"""The county's web pages (DESIGN §6): the supervisor pages and the admin pages come here.

Nothing is served from it yet; the JSON API the stations call is in ``routers/``.
"""
