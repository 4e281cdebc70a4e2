"""Helpers for the follow-up tests: read the file mailbox, a real SMTP server that can hang, Redis control."""

import email
import os
import socket
import subprocess
import threading
import time
from collections import Counter
from pathlib import Path

from tests.support.worker import wait_until


def mailbox_messages(directory: Path) -> list[email.message.Message]:
    """Every message Django's file backend wrote (one file per connection, messages split by a dash line)."""
    messages = []
    for path in sorted(directory.glob("*.log")):
        for chunk in path.read_text().split("-" * 79 + "\n"):
            if chunk.strip():
                messages.append(email.message_from_string(chunk))
    return messages


def message_id_counts(messages) -> Counter:
    return Counter(message["Message-ID"] for message in messages)


class HangingSMTPServer:
    """A minimal SMTP server on a free port. After ``accept_first`` messages it stops answering the end of
    DATA (like a server that hangs), so a worker can be killed after it handed the message over but before
    the server said "250 OK" -- by SMTP rules such a message was never accepted."""

    def __init__(self, *, accept_first: int | None = None) -> None:
        self.accept_first = accept_first
        self.accepted: list[bytes] = []
        self.hanging = threading.Event()
        self._lock = threading.Lock()
        self._sock = socket.socket()
        self._sock.bind(("127.0.0.1", 0))
        self._sock.listen(16)
        self.port = self._sock.getsockname()[1]
        threading.Thread(target=self._serve, daemon=True).start()

    def release(self) -> None:
        self.accept_first = None

    def close(self) -> None:
        self._sock.close()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self._sock.accept()
            except OSError:
                return
            threading.Thread(target=self._handle, args=(conn,), daemon=True).start()

    def _handle(self, conn: socket.socket) -> None:
        reader = conn.makefile("rb")
        conn.sendall(b"220 test ESMTP\r\n")
        try:
            while line := reader.readline():
                verb = line[:4].upper()
                if verb in (b"EHLO", b"HELO"):
                    conn.sendall(b"250 test\r\n")
                elif verb == b"DATA":
                    conn.sendall(b"354 go ahead\r\n")
                    data = b"".join(iter(lambda: reader.readline(), b".\r\n"))
                    with self._lock:
                        accept = self.accept_first is None or len(self.accepted) < self.accept_first
                        if accept:
                            self.accepted.append(data)
                    if not accept:
                        self.hanging.set()
                        while reader.readline():  # hold the reply until the client goes away
                            pass
                        return
                    conn.sendall(b"250 OK queued\r\n")
                elif verb == b"QUIT":
                    conn.sendall(b"221 bye\r\n")
                    return
                else:
                    conn.sendall(b"250 OK\r\n")
        except OSError:
            return
        finally:
            conn.close()

    def message_ids(self) -> Counter:
        return Counter(email.message_from_bytes(data)["Message-ID"] for data in self.accepted)


class ThrowawayRedis:
    """Stop and restart the test run's Redis on the same port, as an outage would."""

    def __init__(self) -> None:
        self.port = os.environ["TEST_REDIS_PORT"]
        self.run_dir = Path(os.environ["TEST_RUN_DIR"])

    def _ping(self) -> bool:
        result = subprocess.run(["redis-cli", "-p", self.port, "ping"], capture_output=True, text=True, check=False)
        return result.stdout.strip() == "PONG"

    def stop(self) -> None:
        subprocess.run(["redis-cli", "-p", self.port, "shutdown", "nosave"], capture_output=True, check=False)
        assert wait_until(lambda: not self._ping(), timeout=10)
        time.sleep(0.3)  # the port is released a moment after the last reply

    def start(self) -> None:
        if self._ping():
            return
        subprocess.run(
            ["redis-server", "--bind", "127.0.0.1", "--port", self.port, "--save", "", "--appendonly", "no",
             "--daemonize", "yes", "--pidfile", str(self.run_dir / "redis.pid"),
             "--logfile", str(self.run_dir / "redis.log")],
            check=True,
        )
        assert wait_until(self._ping, timeout=10)
