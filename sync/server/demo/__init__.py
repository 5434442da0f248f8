"""A demo county for trying the supervisor web and measuring it: 耿马's townships of the county
plan, their village points and registered households, and a year of each point's daily work as
the station app writes it, pushed through the real sync protocol (``county-center seed-demo``).

- ``county``: the places, products, names and the household registry of the demo;
- ``schedule``: a station's events to come in time order, and a village point's hours;
- ``work`` and ``trade``: a day's work (parcels, sending, services; orders, produce);
- ``year``: one station's history as hash-chained wire events;
- ``seeding``: the county's users, stations and registry, then each station enrolled and pushed.
"""
