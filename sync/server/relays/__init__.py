"""The county's relay services (DESIGN §5): work it does for stations on its own account.

The SMS relay: ``sms_requests`` takes the texts stations hand over (an ingest hook) into its
table, ``sms_claims`` carries each row from claim to result, ``sms_worker`` sends them (the
thread of ``county-center serve``), ``sms_provider`` builds the provider from the county's
settings. The bill relays come here later.
"""
