"""sitrep's spaCy components. Importing this package registers every factory."""
from . import aliases, boilerplate, entities, incidents, nominals, paragraphs, pos, quotes, truecase  # noqa: F401
