"""One module per source family; each registers its readers on import (see registry)."""
