"""Who a person is: the one place that says which person works, proven, and opens the store as
them. Every entry point — the command line's ``--as``/``CUADRE_USER``, the window's «Usuario» —
goes through :func:`open_as` or :func:`authenticate`; the services below them take the login
they are given.

Shared PostgreSQL workspace: each person is their own PostgreSQL LOGIN role, named by their
login, created by ``cuadre people add`` (:func:`provision`: ``CREATE ROLE … LOGIN PASSWORD``
with a SCRAM-SHA-256 verifier computed on the client, so the password never travels nor lands
in the server's log), a member of ``<database>_personas`` — which may read the workspace and
write its work tables, but never ``people``, ``person_roles``, ``store_meta`` nor change an
audit row — and, for administrators, of ``<database>_administradores`` (who may add people) with
CREATEROLE. The store connects as that role with the password from the person's OS keyring
(:func:`open_as`), and the store's triggers take the actor from ``session_user``
(:mod:`app.store.triggers`): a client claiming someone else is refused. The database's owner
(the user of ``CUADRE_STORE``, which needs CREATEROLE) creates the first person.

Local SQLite workspace: a passphrase hashed with Argon2id (why, in
:mod:`app.security.passphrases`), its hash in ``person_secrets``. Whoever can write the file can
still replace a hash: the passphrase stops a person at the keyboard from acting as another
through Cuadre, not the file's owner.

Both: the secret is remembered in the person's OS keyring on their own computer (``cuadre
people login``, or the window's «Iniciar sesión»), under the names that module documents; never
read from an argument or an environment variable. A person whose secret is not there, or is no
longer valid, is refused (:class:`NotAuthenticated`, a Spanish sentence).

A demo workspace (``store_meta`` key ``demo``, set on a new SQLite store by :func:`mark_demo`:
the window's demonstration) keeps a generated secret for each person registered without one,
in the store itself: its people are names, not proofs, and the README says so.
"""

from __future__ import annotations

from sqlalchemy import select, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from app.domain.i18n import mark_app, tr_app
from app.security import passphrases
from app.security.secrets import SecretStoreError
from app.store.chain import append as audit
from app.store.db import Store, configured_url, default_url, open_configured_store, open_store
from app.store.errors import StoreError
from app.store.models import Person, PersonRole, PersonSecret, StoreMeta
from app.store.triggers import install_session_guards
from app.store.values import utc_now
from app.writeback.errors import CorrectionError, NotAllowed

DEMO_KEY = "demo"
#: What an administrator does with ``people passphrase --reset`` (a refusal names it).
GIVING_SECRETS = mark_app("app.writeback", "dar claves a otras personas")
_POSTGRES_PORT = 5432


class NotAuthenticated(NotAllowed):
    """The person could not prove who they are: no secret on this computer, or a wrong one."""

    code = "not_authenticated"


def _checked(secret: str) -> str:
    """``secret`` when it may be a passphrase; else a :class:`CorrectionError` saying why."""
    try:
        return passphrases.check_new(secret)
    except passphrases.PassphraseError as exc:
        raise CorrectionError(str(exc), "weak_secret") from None


def _login(login: str) -> str:
    clean = (login or "").strip().lower()
    if not clean:
        raise CorrectionError(tr_app("app.writeback", "Falta el usuario."), "missing_login")
    return clean


def url_key(url: str | None) -> str:
    """The workspace a store address names, as the keyring's entries name it: the SQLite
    file's absolute path, or a PostgreSQL server's host, port and database (no user)."""
    try:
        parsed = make_url(configured_url(url) or default_url())
    except SQLAlchemyError:
        return configured_url(url) or default_url()
    if parsed.get_backend_name() == "sqlite":
        from pathlib import Path

        return f"sqlite:{Path(parsed.database or '').resolve()}" if parsed.database else "sqlite:"
    return (f"{parsed.get_backend_name()}://{parsed.host or 'localhost'}:"
            f"{parsed.port or _POSTGRES_PORT}/{parsed.database or ''}")


def workspace_key(store: Store) -> str:
    return url_key(store.engine.url.render_as_string(hide_password=True))


def _server(url: str | None) -> URL | None:
    """The parsed address when it is a database server (not a SQLite file)."""
    try:
        parsed = make_url(configured_url(url) or default_url())
    except SQLAlchemyError:
        return None
    return None if parsed.get_backend_name() == "sqlite" else parsed


# --- opening the store as a person ------------------------------------------------------------


def open_as(url: str | None, login: str) -> Store:
    """The workspace store at ``url`` (default: where it is configured), opened as ``login``
    once they proved who they are with the secret this computer's keyring holds for them."""
    login = _login(login)
    server = _server(url)
    if server is None:
        store = open_configured_store(url)
        try:
            authenticate(store, login)
        except BaseException:
            store.close()
            raise
        return store
    key = url_key(url)
    secret = passphrases.recall(key, login)
    if secret is None:
        raise NotAuthenticated(_no_secret(login))
    return _connect(server, login, secret)


def _connect(server: URL, login: str, secret: str) -> Store:
    """The server's store as the role ``login`` with ``secret``; a refused login is
    :class:`NotAuthenticated`, anything else the store's own error."""
    as_person = server.set(username=login).render_as_string(hide_password=False)
    try:
        return open_store(as_person, password=secret)
    except StoreError as exc:
        if _refused_login(server.set(username=login), secret):
            raise NotAuthenticated(tr_app(
                "app.writeback", "El servidor no aceptó la clave de «{login}»: pídale a un "
                "administrador que la revise, o guárdela de nuevo con «cuadre people login "
                "{login}».").format(login=login)) from None
        raise exc from None


def _refused_login(url: URL, secret: str) -> bool:
    """Whether the server refuses this user and password (not: is down, is unreachable)."""
    from sqlalchemy import create_engine

    from app.store.db import _with_driver

    engine = create_engine(_with_driver(url).set(password=secret))
    try:
        with engine.connect():
            return False
    except SQLAlchemyError as exc:
        orig = getattr(exc, "orig", exc)
        if getattr(orig, "sqlstate", None) in ("28P01", "28000"):  # invalid password or role
            return True
        words = str(orig).lower()
        return "password authentication failed" in words or ("role" in words and
                                                             "does not exist" in words) \
            or "no password supplied" in words
    finally:
        engine.dispose()


def _no_secret(login: str) -> str:
    return tr_app("app.writeback", "«{login}» no ha iniciado sesión en este equipo: su clave no "
                  "está en el almacén seguro del sistema. Guárdela una vez con «cuadre people "
                  "login {login}» (o en la ventana, «Iniciar sesión»).").format(login=login)


def authenticate(store: Store, login: str, secret: str | None = None) -> str:
    """``login`` when they are who they say: on PostgreSQL, the role the store connected as;
    on SQLite, ``secret`` (else the one this computer's keyring holds; in a demo workspace,
    the one it keeps) matches their Argon2id hash. Else :class:`NotAuthenticated`."""
    login = _login(login)
    if not store.is_sqlite:
        connected = (store.engine.url.username or "").lower()
        if connected != login:
            raise NotAuthenticated(tr_app("app.writeback", "Este almacén está abierto como "
                                          "«{connected}», no como «{login}».").format(
                connected=connected, login=login))
        return login
    with store.read() as session:
        person = session.get(Person, login)
        kept = session.get(PersonSecret, login)
        demo = is_demo(session)
    if person is None or not person.active:
        raise NotAuthenticated(tr_app("app.writeback", "«{login}» no está registrado en este "
                                      "espacio de trabajo.").format(login=login))
    if kept is None:
        raise NotAuthenticated(tr_app("app.writeback", "«{login}» todavía no tiene clave: un "
                                      "administrador debe dársela con «cuadre people passphrase "
                                      "{login} --reset».").format(login=login))
    given = secret
    if given is None:  # a demo's person holds the secret the demo keeps; anyone else, theirs
        given = kept.demo_secret if demo and kept.demo_secret else \
            passphrases.recall(workspace_key(store), login)
    if given is None:
        raise NotAuthenticated(_no_secret(login))
    if not passphrases.matches(kept.verifier, given):
        raise NotAuthenticated(tr_app("app.writeback", "La clave de «{login}» no es la correcta."
                                      ).format(login=login) if secret is not None else tr_app(
            "app.writeback", "La clave guardada en este equipo para «{login}» ya no es la "
            "correcta (¿la cambió en otro equipo?): guárdela de nuevo con «cuadre people login "
            "{login}».").format(login=login))
    return login


def log_in(url: str | None, login: str, secret: str) -> None:
    """Check ``secret`` for ``login`` and remember it in this computer's keyring
    (:class:`NotAuthenticated` when wrong; :class:`SecretStoreError` when there is no secure
    keyring — then nothing is kept)."""
    login = _login(login)
    server = _server(url)
    if server is None:
        with open_configured_store(url) as store:
            authenticate(store, login, secret)
    else:
        _connect(server, login, secret).close()
    passphrases.remember(url_key(url), login, secret)


def log_out(url: str | None, login: str) -> bool:
    """Forget ``login``'s secret on this computer; True when there was one."""
    return passphrases.forget(url_key(url), _login(login))


def is_demo(session: Session) -> bool:
    row = session.get(StoreMeta, DEMO_KEY)
    return row is not None and row.value == "1"


def mark_demo(store: Store) -> None:
    """Mark a SQLite store as a demo workspace: only while nobody is registered in it (a real
    workspace never becomes a demo)."""
    if not store.is_sqlite:
        raise CorrectionError(tr_app("app.writeback", "Solo un almacén SQLite puede ser de "
                                     "demostración."), "not_demo")
    with store.write() as session:
        if is_demo(session):
            return
        if session.scalar(select(Person.login).limit(1)) is not None:
            raise CorrectionError(tr_app("app.writeback", "Este espacio de trabajo ya tiene "
                                         "personas: no se vuelve de demostración."), "not_demo")
        session.add(StoreMeta(key=DEMO_KEY, value="1"))


# --- giving a person their secret ---------------------------------------------------------


def provision(session: Session, actor: str, login: str, secret: str | None, *, admin: bool,
              first: bool) -> None:
    """Inside ``add_person``'s transaction: give the new person ``login`` a way to prove who
    they are. SQLite: ``secret``'s hash (a demo workspace generates and keeps one when none is
    given; elsewhere a person without one cannot act until an administrator gives them one —
    the command line and the window never register the first person so). PostgreSQL: their
    login role, with ``secret`` as its password (the first role is made by the database's
    owner, who also sets up the groups, the grants and the session guards)."""
    dialect = session.get_bind().dialect.name
    if dialect == "sqlite":
        demo = None
        if secret is None and is_demo(session):
            secret = demo = passphrases.generated()
        if secret is not None:
            session.add(PersonSecret(login=login, verifier=passphrases.hash_secret(
                _checked(secret) if demo is None else secret), demo_secret=demo,
                set_at=utc_now(), set_by=actor))
        return
    if secret is None:  # no role yet: they cannot connect until an administrator gives one
        return
    _checked(secret)
    _create_role(session, login, secret, admin=admin)


def _create_role(session: Session, login: str, secret: str, *, admin: bool) -> None:
    """PostgreSQL: the person's login role; the groups, grants and session guards first when
    this database has none yet (then the session is the database's owner's)."""
    from app.writeback import identity_pg

    if not identity_pg.is_set_up(session):
        identity_pg.set_up(session)
        install_session_guards(session.connection())
    identity_pg.create_role(session, login, secret, admin=admin)


def change_secret(url: str | None, login: str, old: str, new: str) -> None:
    """``login`` changes their own secret: proven with ``old``, replaced by ``new`` (its hash on
    SQLite, their role's password on PostgreSQL), audited, and remembered on this computer
    when a secure keyring exists."""
    login = _login(login)
    _checked(new)
    server = _server(url)
    store = open_configured_store(url) if server is None else _connect(server, login, old)
    with store:
        if server is None:
            authenticate(store, login, old)
        with store.write() as session:
            if server is None:
                kept = session.get(PersonSecret, login)
                assert kept is not None
                kept.verifier, kept.demo_secret = passphrases.hash_secret(new), None
                kept.set_at, kept.set_by = utc_now(), login
            else:
                from app.writeback import identity_pg

                identity_pg.set_password(session, login, new)
            audit(session, actor=login, action="person_secret_changed", record=login)
    _keep_if_possible(url, login, new)


def reset_secret(store: Store, actor: str, login: str, new: str) -> None:
    """An administrator (already checked by the caller, in the same transaction's reading)
    gives ``login`` a new secret — a lost one, or a person registered without one."""
    login = _login(login)
    _checked(new)
    with store.write() as session:
        if session.get(Person, login) is None:
            raise CorrectionError(tr_app("app.writeback", "«{login}» no está registrado.").format(
                login=login), "not_found")
        if store.is_sqlite:
            kept = session.get(PersonSecret, login)
            if kept is None:
                kept = PersonSecret(login=login, verifier="", set_at=utc_now(), set_by=actor)
                session.add(kept)
            kept.verifier, kept.demo_secret = passphrases.hash_secret(new), None
            kept.set_at, kept.set_by = utc_now(), actor
        else:
            from app.writeback import identity_pg

            if identity_pg.has_role(session, login):
                identity_pg.set_password(session, login, new)
            else:  # registered without one
                admin = session.get(PersonRole, (login, "admin")) is not None
                _create_role(session, login, new, admin=admin)
        audit(session, actor=actor, action="person_secret_reset", record=login)


def _keep_if_possible(url: str | None, login: str, secret: str) -> bool:
    try:
        passphrases.remember(url_key(url), login, secret)
    except SecretStoreError:
        passphrases.forget(url_key(url), login)  # an old one would no longer be valid
        return False
    return True


def session_person(session: Session) -> str | None:
    """PostgreSQL: the login the server says this session is (``session_user``)."""
    if session.get_bind().dialect.name != "postgresql":
        return None
    return str(session.execute(text("SELECT session_user")).scalar_one())


# --- the window ------------------------------------------------------------------------------


def sign_in(store: Store | None, url: str | None, login: str, secret: str | None = None, *,
            remember: bool = False) -> tuple[Store | None, bool]:
    """The window's «Iniciar sesión», run off its thread (Argon2id takes ~0.4 s): ``login``
    proves who they are with ``secret`` (None: the one this computer's keyring holds, or a demo
    workspace keeps). Returns (the store to use from now on when it changes — a PostgreSQL
    server is opened again as the person's own role —, whether the secret was remembered in the
    keyring). :class:`NotAuthenticated` when they cannot."""
    login = _login(login)
    where = url if url is not None or store is None else store.describe()
    server = None if store is not None and store.is_sqlite else _server(where)
    if server is None:
        if store is None:  # a SQLite file that could not be opened: nothing to sign in to
            raise NotAuthenticated(tr_app("app.writeback", "No hay almacén de trabajo abierto."))
        authenticate(store, login, secret)
        opened = None
    elif secret is None:
        opened = open_as(where, login)
    else:
        opened = _connect(server, login, secret)
    kept = False
    if remember and secret is not None:
        kept = _keep_if_possible(where, login, secret)
    return opened, kept


def demo_workspace_url() -> str:
    """The demonstration's own workspace, beside the demo's data: a SQLite store marked as a
    demo (:func:`mark_demo`), never the person's real workspace."""
    from app.paths import data_dir

    return URL.create("sqlite", database=str(data_dir() / "demo" / "espacio-demo.sqlite")) \
        .render_as_string()


def is_demo_store(store: Store) -> bool:
    with store.read() as session:
        return is_demo(session)


def is_server(url: str | None) -> bool:
    """Whether ``url`` (default: where the workspace is configured) is a database server."""
    return _server(url) is not None
