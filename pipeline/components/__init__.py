"""sitrep's spaCy components. Importing this package registers every factory."""
from . import aliases, entities, incidents, quotes  # noqa: F401
