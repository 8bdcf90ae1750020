"""Dashboard pages, one per file (Dash pages).

Each page calls ``dash.register_page(__name__, path=..., name=..., order=...,
nav_label=N_("..."))`` (``nav_label`` puts it in the navigation), offers
``layout(lang="en", **query)`` returning ``dashboard.layout.page_shell(...)``, keeps its
component ids as module constants with the page's prefix, and, when it has callbacks, wires
them in ``register_callbacks(app)`` (called by ``dashboard.app.create_app``). Callback bodies are
plain functions gluing ``dashboard.data`` to ``dashboard.figures``, tested as such.
"""
