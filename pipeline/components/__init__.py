"""sitrep's spaCy components. Importing this package registers every factory."""
from . import aliases, entities, incidents, paragraphs, quotes  # noqa: F401
