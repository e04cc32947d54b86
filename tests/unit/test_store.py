"""The workspace store on SQLite: pragmas really set, SAVEPOINT really nested, integrity,
schema version, zone-aware timestamps, and no database on a network share."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import text
from sqlalchemy.exc import StatementError

from app.store import SCHEMA_VERSION, StoreError, default_url, network_share, open_store
from app.store.models import Person, StoreMeta


@pytest.fixture
def store(tmp_path):
    with open_store(f"sqlite:///{tmp_path / 'w.sqlite'}") as opened:
        yield opened


def test_the_default_store_lives_in_the_data_folder(cuadre_data_dir):
    assert default_url().endswith(str(cuadre_data_dir / "workspace.sqlite"))
    with open_store() as store:
        assert store.is_sqlite
    assert (cuadre_data_dir / "workspace.sqlite").exists()


def test_pragmas_are_set_on_every_connection(store):
    with store.engine.connect() as one, store.engine.connect() as two:
        for conn in (one, two):
            pragma = {p: conn.exec_driver_sql(f"PRAGMA {p}").scalar()
                      for p in ("journal_mode", "synchronous", "foreign_keys", "busy_timeout")}
            assert pragma == {"journal_mode": "wal", "synchronous": 2, "foreign_keys": 1,
                              "busy_timeout": 15000}
        assert one.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"


def test_savepoints_nest_inside_the_transaction(store):
    """The pysqlite workaround: a released SAVEPOINT belongs to the outer transaction."""
    now = datetime.now(UTC)
    with store.write() as s:
        s.add(Person(login="uno", name="Uno", created_at=now))
        with s.begin_nested() as inner:
            s.add(Person(login="dos", name="Dos", created_at=now))
            s.flush()
            inner.rollback()
        with s.begin_nested():
            s.add(Person(login="tres", name="Tres", created_at=now))
    with store.read() as s:
        assert {p.login for p in s.query(Person)} == {"uno", "tres"}
    with store.engine.connect() as conn:
        outer = conn.begin()
        nested = conn.begin_nested()
        conn.execute(text("INSERT INTO people (login, name, active, created_at) "
                          "VALUES ('cuatro', 'Cuatro', 1, '2024-01-01')"))
        nested.commit()  # RELEASE SAVEPOINT
        outer.rollback()  # takes the released savepoint's work with it
    with store.read() as s:
        assert s.get(Person, "cuatro") is None


def test_foreign_keys_are_enforced(store):
    with store.engine.connect() as conn, pytest.raises(Exception, match="FOREIGN KEY"):
        conn.execute(text("INSERT INTO person_roles (login, role) VALUES ('nadie', 'admin')"))


def test_timestamps_come_back_zone_aware_in_utc(store):
    bogota = datetime(2024, 6, 1, 8, 0, tzinfo=timezone(timedelta(hours=-5)))
    with store.write() as s:
        s.add(Person(login="ana", name="Ana", created_at=bogota))
    with store.read() as s:
        got = s.get(Person, "ana").created_at
    assert got == bogota and got.utcoffset() == timedelta(0)
    with pytest.raises(StatementError, match="naive"), store.write() as s:
        s.add(Person(login="beto", name="Beto", created_at=datetime(2024, 6, 1)))
        s.flush()


def test_reopening_checks_the_schema_version(tmp_path):
    url = f"sqlite:///{tmp_path / 'w.sqlite'}"
    with open_store(url) as store, store.write() as s:
        assert s.get(StoreMeta, "schema_version").value == str(SCHEMA_VERSION)
        s.get(StoreMeta, "schema_version").value = str(SCHEMA_VERSION + 1)
    with pytest.raises(StoreError, match="actualice Cuadre"):
        open_store(url)


def test_an_older_schema_asks_for_a_migration(tmp_path):
    url = f"sqlite:///{tmp_path / 'w.sqlite'}"
    with open_store(url) as store, store.write() as s:
        s.get(StoreMeta, "schema_version").value = "0"
    with pytest.raises(StoreError, match="migrarlo"):
        open_store(url)


@pytest.mark.parametrize("path", [
    r"\\servidor\contabilidad\workspace.sqlite",
    "//servidor/contabilidad/workspace.sqlite",
    r"\\?\UNC\servidor\contabilidad\workspace.sqlite",
])
def test_unc_paths_are_network_shares(path):
    assert network_share(path, windows=True) and network_share(path, windows=False, mounts="")


def test_network_mounts_are_detected_on_linux():
    mounts = ("/dev/sda1 / ext4 rw 0 0\n"
              "//nas/compartido /mnt/nas cifs rw 0 0\n"
              "nas:/export /srv/nfs nfs4 rw 0 0\n")
    assert network_share("/mnt/nas/cuadre/w.sqlite", windows=False, mounts=mounts)
    assert network_share("/srv/nfs/w.sqlite", windows=False, mounts=mounts)
    assert not network_share("/home/ana/w.sqlite", windows=False, mounts=mounts)
    assert not network_share("/mnt/nasty/w.sqlite", windows=False, mounts=mounts)
    assert not network_share(r"C:\Users\ana\w.sqlite", windows=True)


def test_a_store_on_a_network_share_is_refused():
    with pytest.raises(StoreError, match="carpeta de red"):
        open_store(r"sqlite:///\\servidor\contabilidad\workspace.sqlite")


def test_a_bad_url_is_a_spanish_error():
    with pytest.raises(StoreError, match="no es válida"):
        open_store("esto no es una url")


@pytest.mark.parametrize("url", ["postgresql://cuadre:S3creto-del-almacen@db.local/cuadre",
                                 "postgresql+psycopg://cuadre:S3creto-del-almacen@db.local:5432/c"])
def test_a_password_written_in_the_store_address_is_refused_and_never_echoed(url, capsys):
    from app.cli.main import main

    with pytest.raises(StoreError) as refused:
        open_store(url)
    assert "contraseña escrita" in str(refused.value)
    assert "S3creto" not in str(refused.value)
    code = main(["people", "list", "--store", url])
    out, err = capsys.readouterr()
    assert code != 0 and "contraseña escrita" in err
    assert "S3creto" not in out + err
