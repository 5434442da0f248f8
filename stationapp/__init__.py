"""Village Station: the software of a village e-commerce service station (村级电商服务站)."""

__version__ = "0.1.0"
APP_NAME = "VillageStation"
