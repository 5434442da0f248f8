"""The supervisor web's pages, one module per page group, each an ``APIRouter``."""
