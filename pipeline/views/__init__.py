"""Look at the tables instead of reading them: one article as a self-contained HTML page (displaCy's entity
style, quotes with their speakers, incidents linked to their evidence) or in the terminal with rich, and
corpus listings of actors and incidents.

Everything here reads the contract columns only, so it works on whatever a run produced (empty quotes or
incidents tables included). `load` reads a document's rows and text, `layout` cuts its spans into flat pieces,
`html` and `terminal` draw them, `query` lists the corpus.
"""
from .html import _other_reports_html as _other_reports_html
from .html import render_html
from .layout import LABEL_COLORS as LABEL_COLORS
from .layout import _segments as _segments
from .layout import _Span as _Span
from .load import DocNotFound, DocView, article_text, doc_view, load_doc
from .load import as_list as as_list
from .query import alias_summary, filter_incidents, top_actors
from .terminal import incidents_table as incidents_table
from .terminal import render_terminal

__all__ = ["DocView", "load_doc", "doc_view", "article_text", "render_html", "render_terminal", "top_actors",
           "filter_incidents", "alias_summary", "DocNotFound"]
