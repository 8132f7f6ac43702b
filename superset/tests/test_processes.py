"""Child processes: a server that dies while starting is reported with its log, and stopping stops its children."""
from __future__ import annotations

import sys
import time

import pytest

from assay_superset.processes import ChildProcess, free_port, port_open


def test_a_server_that_exits_while_starting_is_reported_with_its_log(tmp_path):
    child = ChildProcess("broken", [sys.executable, "-c", "print('cannot bind: port taken'); raise SystemExit(3)"],
                         tmp_path / "broken.log")
    with pytest.raises(RuntimeError, match=r"(?s)broken exited \(3\).*cannot bind: port taken"):
        child.wait_for(lambda: False, 30, "listening port")
    child.stop()


def test_stop_ends_the_whole_process_group(tmp_path):
    port = free_port()
    server = f"import http.server as h; h.HTTPServer(('127.0.0.1', {port}), h.BaseHTTPRequestHandler).serve_forever()"
    # a shell that starts the server as its own child, like ./assay starting a JVM
    child = ChildProcess("server", ["sh", "-c", f"{sys.executable} -c \"{server}\"; sleep 60"], tmp_path / "s.log")
    child.wait_for(lambda: port_open("127.0.0.1", port), 30, "listening port")
    child.stop()
    deadline = time.monotonic() + 10
    while port_open("127.0.0.1", port) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not port_open("127.0.0.1", port)
