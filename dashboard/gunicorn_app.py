"""`metering serve`: the app under gunicorn with dashboard/gunicorn_config.py."""

from __future__ import annotations

from pathlib import Path

from gunicorn.app.wsgiapp import WSGIApplication

CONFIG = Path(__file__).with_name("gunicorn_config.py")


class _Server(WSGIApplication):
    def __init__(self, host: str, port: int):
        self._bind = f"{host}:{port}"
        super().__init__("%(prog)s [OPTIONS]")

    def load_config(self) -> None:
        self.load_config_from_file(str(CONFIG))
        self.cfg.set("bind", [self._bind])
        self.app_uri = "dashboard.app:server"
        self.cfg.set("default_proc_name", self.app_uri)


def run(host: str, port: int) -> int:
    """Serve until stopped (Ctrl-C); gunicorn's exit status."""
    try:
        _Server(host, port).run()
    except SystemExit as done:
        return int(done.code or 0)
    return 0
