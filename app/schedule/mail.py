"""The alert e-mail: SMTP over TLS with the server's certificate verified, the PDF attached.

``starttls`` (port 587) says hello in the clear and switches to TLS before anything else —
a server that does not offer STARTTLS is refused, so the password never crosses in the clear;
``ssl`` (port 465) is TLS from the first byte. The certificate is always checked against the
system's trust store (:func:`app.connectors.http.trust_store_context`), or against a CA file
the settings name (a company's own CA). The password is read from the OS credential store
under :meth:`SmtpSettings.secret_ref` (``cuadre schedule smtp set`` puts it there) and goes
nowhere else: not in a message, not in the log.
"""

from __future__ import annotations

import logging
import smtplib
import ssl
from collections.abc import Sequence
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path

from app.domain.i18n import tr_app
from app.schedule.config import SSL, SmtpSettings
from app.schedule.errors import ScheduleError

log = logging.getLogger(__name__)


def tls_context(settings: SmtpSettings) -> ssl.SSLContext:
    """The context that checks the server: the CA file when named, else the OS trust store.
    Verification and host-name checking are on, always."""
    if settings.ca_file:
        context = ssl.create_default_context(cafile=settings.ca_file)
    else:
        from app.connectors.http import trust_store_context

        context = trust_store_context()
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    context.check_hostname = True
    context.verify_mode = ssl.CERT_REQUIRED
    return context


def build_message(settings: SmtpSettings, recipients: Sequence[str], subject: str, body: str,
                  attachment: Path | None) -> EmailMessage:
    message = EmailMessage()
    message["From"] = settings.sender
    message["To"] = ", ".join(recipients)
    message["Subject"] = subject
    message["Date"] = formatdate(localtime=True)
    message["Message-ID"] = make_msgid(domain=settings.sender.rpartition("@")[2] or None)
    message.set_content(body)
    if attachment is not None:
        message.add_attachment(attachment.read_bytes(), maintype="application", subtype="pdf",
                               filename=attachment.name)
    return message


def send(settings: SmtpSettings, password: str | None, message: EmailMessage) -> None:
    """Send ``message``; a :class:`ScheduleError` in Spanish says why not."""
    where = f"{settings.host}:{settings.port}"
    if not password:
        raise ScheduleError(tr_app("app.schedule", "no hay contraseña del correo {user} en el "
                                   "almacén seguro de credenciales: guárdela con «cuadre schedule "
                                   "smtp set …»").format(user=settings.user))
    context = tls_context(settings)
    try:
        if settings.security == SSL:
            client: smtplib.SMTP = smtplib.SMTP_SSL(settings.host, settings.port,
                                                    timeout=settings.timeout, context=context)
        else:
            client = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout)
        with client:
            if settings.security != SSL:
                client.ehlo()
                client.starttls(context=context)  # refused when the server does not offer it
                client.ehlo()
            client.login(settings.user, password)
            refused = client.send_message(message)
    except smtplib.SMTPNotSupportedError:
        raise ScheduleError(tr_app("app.schedule", "el servidor de correo {where} no ofrece "
                                   "STARTTLS: Cuadre no envía la contraseña sin cifrar (use "
                                   "--security ssl si el servidor cifra desde el inicio)").format(
            where=where)) from None
    except smtplib.SMTPAuthenticationError:
        raise ScheduleError(tr_app("app.schedule", "el servidor de correo {where} rechazó el "
                                   "usuario o la contraseña de {user}: guárdela de nuevo con "
                                   "«cuadre schedule smtp set …»").format(
            where=where, user=settings.user)) from None
    except smtplib.SMTPRecipientsRefused as exc:
        raise ScheduleError(tr_app("app.schedule", "el servidor de correo {where} rechazó los "
                                   "destinatarios: {who}").format(
            where=where, who=", ".join(exc.recipients))) from None
    except smtplib.SMTPSenderRefused:
        raise ScheduleError(tr_app("app.schedule", "el servidor de correo {where} rechazó el "
                                   "remitente {sender}").format(where=where,
                                                                 sender=settings.sender)) from None
    except ssl.SSLCertVerificationError as exc:
        raise ScheduleError(tr_app("app.schedule", "el certificado del servidor de correo "
                                   "{where} no es de confianza ({why}): no se envió nada").format(
            where=where, why=exc.verify_message or type(exc).__name__)) from None
    except ssl.SSLError as exc:
        raise ScheduleError(tr_app("app.schedule", "no se pudo cifrar la conexión con el "
                                   "servidor de correo {where} ({why})").format(
            where=where, why=exc.reason or type(exc).__name__)) from None
    except smtplib.SMTPResponseException as exc:
        raise ScheduleError(tr_app("app.schedule", "el servidor de correo {where} respondió "
                                   "{code}: no se envió el aviso").format(
            where=where, code=exc.smtp_code)) from None
    except (TimeoutError, smtplib.SMTPException, OSError) as exc:
        raise ScheduleError(tr_app("app.schedule", "no se pudo conectar con el servidor de correo "
                                   "{where} ({why})").format(
            where=where, why=getattr(exc, "strerror", None) or type(exc).__name__)) from None
    if refused:
        raise ScheduleError(tr_app("app.schedule", "el servidor de correo {where} rechazó a: "
                                   "{who}").format(where=where, who=", ".join(refused)))
    log.info("alert mail sent through %s to %d recipient(s)", where, len(message["To"].split(",")))
