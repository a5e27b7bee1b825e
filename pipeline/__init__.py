"""notice-tasks: Chinese government task-division notices → analyst-ready Parquet."""

__version__ = "0.1.0"
PIPELINE_VERSION = __version__
