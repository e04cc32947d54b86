"""A small SMTP server on 127.0.0.1 for the alert e-mail: STARTTLS (or TLS from the first byte)
with a certificate signed by a CA made for the test, and it refuses what real submission
servers refuse — AUTH before TLS (538), MAIL before AUTH (530), a wrong password (535) — so the
client is shown to encrypt first and to authenticate. What it accepted is in ``received``.

:func:`certificates` makes the CA and the server's certificate (for 127.0.0.1 and localhost)
with ``cryptography``; the client trusts the CA through an explicit file, never by turning
verification off.
"""

from __future__ import annotations

import base64
import datetime as dt
import email
import email.policy
import ipaddress
import socket
import socketserver
import ssl
import threading
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Certificates:
    ca: Path
    cert: Path
    key: Path


def certificates(folder: Path) -> Certificates:
    """A CA and a server certificate it signed, as PEM files in ``folder``."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    now = dt.datetime.now(dt.UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "CA de prueba de Cuadre")])
    ca = (x509.CertificateBuilder().subject_name(ca_name).issuer_name(ca_name)
          .public_key(ca_key.public_key()).serial_number(x509.random_serial_number())
          .not_valid_before(now - dt.timedelta(minutes=5)).not_valid_after(now + dt.timedelta(days=1))
          .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
          .add_extension(x509.KeyUsage(False, False, False, False, False, True, True, False, False),
                         critical=True)
          .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()),
                         critical=False)
          .sign(ca_key, hashes.SHA256()))
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (x509.CertificateBuilder()
            .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")]))
            .issuer_name(ca_name).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(minutes=5)).not_valid_after(now + dt.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName([
                x509.IPAddress(ipaddress.ip_address("127.0.0.1")), x509.DNSName("localhost")]),
                critical=False)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()),
                           critical=False)
            .sign(ca_key, hashes.SHA256()))
    paths = Certificates(folder / "ca.pem", folder / "servidor.pem", folder / "servidor.key")
    paths.ca.write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    paths.cert.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    paths.key.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                            serialization.PrivateFormat.PKCS8,
                                            serialization.NoEncryption()))
    return paths


@dataclass
class Received:
    sender: str
    recipients: list[str]
    message: EmailMessage
    user: str


@dataclass
class SmtpServer:
    """The server's settings and what it received; :meth:`start` runs it on a free port."""

    certs: Certificates
    user: str
    password: str
    implicit_tls: bool = False
    received: list[Received] = field(default_factory=list)
    refused_logins: int = 0
    port: int = 0

    def start(self) -> SmtpServer:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(self.certs.cert, self.certs.key)
        owner = self

        class Handler(socketserver.StreamRequestHandler):
            def handle(self) -> None:
                _Session(owner, context, self.request).serve()

        socketserver.ThreadingTCPServer.allow_reuse_address = True
        self._server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(5)


class _Session:
    def __init__(self, server: SmtpServer, context: ssl.SSLContext, sock: socket.socket) -> None:
        self.server, self.context, self.sock = server, context, sock
        self.tls = False
        self.reader: Any = None
        self.user: str | None = None
        self.sender: str | None = None
        self.recipients: list[str] = []
        if server.implicit_tls:
            self._wrap()

    def _wrap(self) -> None:
        if self.reader is not None:
            self.reader.close()
        self.sock = self.context.wrap_socket(self.sock, server_side=True)
        self.tls = True
        self.reader = self.sock.makefile("rb")

    def say(self, line: str) -> None:
        self.sock.sendall(line.encode("ascii") + b"\r\n")

    def serve(self) -> None:
        try:
            if not self.tls:
                self.reader = self.sock.makefile("rb")
            self.say("220 127.0.0.1 ESMTP prueba")
            while True:
                raw = self.reader.readline(4096)
                if not raw:
                    return
                if not self.command(raw.decode("utf-8", "replace").rstrip("\r\n")):
                    return
        except (ssl.SSLError, OSError):
            return  # a client that gave up on the certificate, say
        finally:
            if self.reader is not None:
                self.reader.close()
            if isinstance(self.sock, ssl.SSLSocket):
                self.sock.close()

    def command(self, line: str) -> bool:
        verb, _, rest = line.partition(" ")
        verb = verb.upper()
        handler: Any = {"EHLO": self.ehlo, "HELO": self.ehlo, "STARTTLS": self.starttls,
                        "AUTH": self.auth, "MAIL": self.mail, "RCPT": self.rcpt,
                        "DATA": self.data}.get(verb)
        if verb == "QUIT":
            self.say("221 adios")
            return False
        if verb in ("NOOP", "RSET"):
            self.sender, self.recipients = None, []
            self.say("250 OK")
            return True
        if handler is None:
            self.say("502 comando no implementado")
            return True
        handler(rest)
        return True

    def ehlo(self, rest: str) -> None:
        lines = ["250-127.0.0.1"]
        if not self.tls:
            lines.append("250-STARTTLS")
        else:
            lines.append("250-AUTH PLAIN")
        lines.append("250 8BITMIME")
        for line in lines:
            self.say(line)

    def starttls(self, rest: str) -> None:
        if self.tls:
            self.say("503 ya esta cifrado")
            return
        self.say("220 listo para TLS")
        self._wrap()

    def auth(self, rest: str) -> None:
        if not self.tls:
            self.say("538 5.7.11 se requiere cifrado")
            return
        method, _, payload = rest.partition(" ")
        if method.upper() != "PLAIN":
            self.say("504 mecanismo no soportado")
            return
        if not payload:
            self.say("334 ")
            payload = self.reader.readline().decode("ascii").strip()
        _zid, user, password = base64.b64decode(payload).decode("utf-8").split("\0")
        if (user, password) != (self.server.user, self.server.password):
            self.server.refused_logins += 1
            self.say("535 5.7.8 usuario o contrasena incorrectos")
            return
        self.user = user
        self.say("235 2.7.0 autenticado")

    def mail(self, rest: str) -> None:
        if self.user is None:
            self.say("530 5.7.0 se requiere autenticacion")
            return
        self.sender = rest.partition(":")[2].split()[0].strip("<>")
        self.say("250 OK")

    def rcpt(self, rest: str) -> None:
        if self.sender is None:
            self.say("503 primero MAIL")
            return
        self.recipients.append(rest.partition(":")[2].split()[0].strip("<>"))
        self.say("250 OK")

    def data(self, rest: str) -> None:
        if not self.recipients:
            self.say("503 primero RCPT")
            return
        self.say("354 termine con <CRLF>.<CRLF>")
        lines = []
        while True:
            raw = self.reader.readline()
            if raw in (b".\r\n", b".\n", b""):
                break
            lines.append(raw[1:] if raw.startswith(b"..") else raw)
        parsed = email.message_from_bytes(b"".join(lines), policy=email.policy.default)
        assert isinstance(parsed, EmailMessage)
        self.server.received.append(Received(self.sender or "", self.recipients, parsed,
                                             self.user or ""))
        self.sender, self.recipients = None, []
        self.say("250 OK recibido")
