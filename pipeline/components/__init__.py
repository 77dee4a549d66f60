"""sitrep's spaCy components. Importing this package registers every factory."""
from . import (  # noqa: F401
    actor_table,
    aliases,
    boilerplate,
    entities,
    incidents,
    nominals,
    paragraphs,
    pos,
    quotes,
    truecase,
)
