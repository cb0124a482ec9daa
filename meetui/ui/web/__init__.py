"""The follow view served to browsers (``meetui follow MEETING --web``): a server, a page, a read-only view.

:mod:`.server` serves the page and, for each browser, starts a view process
(:mod:`.view`, showing :mod:`.watch`) through textual-serve, behind an access
token. textual-serve and aiohttp come with the ``web`` extra
(``pip install 'meetui[web]'``); nothing here is imported without ``--web``.
"""
