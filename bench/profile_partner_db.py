"""Where a partner submission's PostgreSQL backend CPU goes (issue 17, docs/benchmarks.md (7d) "Database side").

    .venv/bin/python bench/profile_partner_db.py [--loops 200] [--explain] [--indexes] [--storage]

Same set-up as bench/profile_partner.py (throwaway PostgreSQL + Redis, geography, starter catalogue, a partner
key, 20 warm-up submissions through the WSGI stack). Then it captures the statements of one submission with their
real parameters and replays each one ``--loops`` times on the same connection, every write inside
``BEGIN … ROLLBACK`` (so the same parameters can be replayed and nothing stays), and prints per statement:

* the backend's CPU per execution (``/proc/<backend pid>/stat``, the same clock as profile_partner's summary),
  with client-side binding (as Django sends it by default) and as a server-side prepared statement;
* ``--explain``: EXPLAIN (ANALYZE, BUFFERS, WAL, VERBOSE) of each statement once, and the mean planning and
  execution time over the loops (the Insert nodes and the FK triggers of the CTE);
* ``--indexes``: for each index of the tables the CTE writes, the CTE's mean execution time with that index
  dropped (in a transaction that is rolled back) against with all indexes;
* ``--storage``: the CTE with the JSON columns' TOAST compression off (``SET STORAGE EXTERNAL``, rolled back).

Never fails on timing; prints figures only.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.profile_partner import _backend_cpu, body, partner_client

# Indexes a composite or unique index starts with (so it serves the same lookups): issue 17, (7d) Database side.
REDUNDANT = ("journeys_intake_submitted_at_", "journeys_intaketag_intake_id_", "journeys_supportrequest_hub_id_")


def _explain_times(text: str) -> tuple[float, float]:
    planning = float(re.search(r"Planning Time: ([0-9.]+) ms", text).group(1))
    execution = float(re.search(r"Execution Time: ([0-9.]+) ms", text).group(1))
    return planning, execution


def commit_figures(cur, pid, statement, tables, *, loops) -> None:
    """The CTE as the submission runs it (autocommit: its own transaction, FK checks and COMMIT included, rows
    kept) against the same statement rolled back; each committed run gets new unique values (public id,
    reference, status token) by text replacement in the JSON parameters."""
    import json
    import secrets
    import uuid

    sql, params = statement
    intake = json.loads(params[0])[0]
    request = next(doc for doc in (json.loads(p)[0] for p in params) if "status_token" in doc)
    originals = [intake["public_id"], request["reference"], request["status_token"]]

    def fresh() -> list:
        new = [str(uuid.uuid4()), request["reference"][:-8] + secrets.token_hex(4).upper(),
               secrets.token_urlsafe(len(request["status_token"]))[:len(request["status_token"])]]
        out = []
        for text in params:
            for old, value in zip(originals, new, strict=True):
                text = text.replace(old, value)
            out.append(text)
        return out

    def committed():
        cur.execute(sql, fresh())

    def rolled_back():
        cur.execute("BEGIN")
        cur.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cur.execute(sql, fresh())
        cur.execute("ROLLBACK")

    def bare():
        fresh()
        cur.execute("BEGIN")
        cur.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cur.execute("ROLLBACK")

    figures = {"committed": [], "rolled back (FK checks immediate)": [], "BEGIN/SET/ROLLBACK": []}
    for round_no in range(6):
        for name, values in (list(figures.items()) if round_no % 2 == 0 else list(reversed(figures.items()))):
            run = {"committed": committed, "BEGIN/SET/ROLLBACK": bare}.get(name, rolled_back)
            cur.execute(f"VACUUM {', '.join(tables)}")
            for _ in range(5):
                run()
            before = _backend_cpu(pid)
            for _ in range(loops):
                run()
            values.append((_backend_cpu(pid) - before) / loops * 1000)
    print("\n== the CTE committed vs rolled back (6 alternating rounds, backend CPU ms per execution)")
    for name, values in figures.items():
        print(f"   {statistics.median(values):.3f}  {name}  ({', '.join(f'{v:.2f}' for v in values)})")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--loops", type=int, default=200)
    parser.add_argument("--explain", action="store_true")
    parser.add_argument("--indexes", action="store_true")
    parser.add_argument("--each-index", action="store_true", help="with --indexes: every index on its own too")
    parser.add_argument("--storage", action="store_true")
    parser.add_argument("--prepare-ab", action="store_true",
                        help="client-bound against prepared, 10 alternating rounds per statement (db + Python CPU)")
    parser.add_argument("--commit", action="store_true",
                        help="the CTE committed (fresh unique values each time) against rolled back")
    parser.add_argument("--skip-statements", action="store_true", help="no per-statement figures")
    args = parser.parse_args()
    with partner_client() as client:
        import psycopg
        from django.db import connection, transaction

        for seq in range(20):
            response = client.post("/api/v1/partner/intakes/", body(seq), content_type="application/json")
            assert response.status_code == 201, response.content[:300]
        captured: list[tuple[str, object]] = []

        def capture(execute, sql, params, many, context):
            captured.append((sql, params))
            return execute(sql, params, many, context)

        class Undo(Exception):
            pass

        try:  # rolled back, so that the captured parameters can be replayed
            with transaction.atomic(), connection.execute_wrapper(capture):
                response = client.post("/api/v1/partner/intakes/", body(9_999), content_type="application/json")
                assert response.status_code == 201
                raise Undo
        except Undo:
            pass
        print(f"== {len(captured)} statements of one submission")
        raw_conn = connection.connection
        raw_conn.autocommit = True
        pid = raw_conn.info.backend_pid
        client_cur = psycopg.ClientCursor(raw_conn)
        server_cur = psycopg.Cursor(raw_conn)

        def is_write(sql: str) -> bool:
            return not sql.lstrip().upper().startswith("SELECT")

        def run(cur, sql, params, *, prepare=None, explain=None):
            writes = is_write(sql)
            if writes:
                cur.execute("BEGIN")
            text = f"EXPLAIN ({explain}) {sql}" if explain else sql
            if prepare is None:
                cur.execute(text, params)
            else:
                cur.execute(text, params, prepare=prepare)
            out = cur.fetchall()
            if writes:
                cur.execute("ROLLBACK")
            return out

        def backend_ms(fn, loops=args.loops) -> float:
            for _ in range(10):
                fn()
            before = _backend_cpu(pid)
            for _ in range(loops):
                fn()
            return (_backend_cpu(pid) - before) / loops * 1000

        TABLES = re.findall(r'INSERT INTO "([a-z_]+)"', captured[-1][0])
        base = backend_ms(lambda: (client_cur.execute("BEGIN"), client_cur.execute("ROLLBACK")))
        print(f"   (BEGIN + ROLLBACK alone: {base:.3f} ms backend CPU; subtracted from the writes below)")
        variants = {
            "client-bound": lambda sql, params: run(client_cur, sql, params),
            "server-bound": lambda sql, params: run(server_cur, sql, params, prepare=False),
            "prepared": lambda sql, params: run(server_cur, sql, params, prepare=True),
        }
        for sql, params in [] if args.skip_statements else captured:
            label = " ".join(sql.split())[:90]
            sub = base if is_write(sql) else 0.0
            figures = {name: [] for name in variants}
            for _round in range(3):  # interleaved, so that a change of load hits every variant alike
                for name, fn in variants.items():
                    if sub:  # the replays' dead rows and index entries, so that no variant pays for another's
                        client_cur.execute(f"VACUUM {', '.join(TABLES)}")
                    figures[name].append(backend_ms(lambda fn=fn, sql=sql, params=params: fn(sql, params)) - sub)
            print("  " + " | ".join(f"{name} {statistics.median(v):.3f} ({', '.join(f'{x:.2f}' for x in v)})"
                                    for name, v in figures.items()) + f"  ms   {label}")
        for mode in () if args.skip_statements else ("force_generic_plan", "force_custom_plan"):
            server_cur.execute(f"SET plan_cache_mode = {mode}")
            for sql, params in captured:
                sub = base if is_write(sql) else 0.0
                values = [backend_ms(lambda sql=sql, params=params: run(server_cur, sql, params, prepare=True)) - sub
                          for _ in range(2)]
                print(f"  prepared, {mode}: {', '.join(f'{x:.3f}' for x in values)} ms   {' '.join(sql.split())[:60]}")
            server_cur.execute("RESET plan_cache_mode")
        if args.commit:
            commit_figures(client_cur, pid, captured[-1], TABLES, loops=args.loops)
        if args.prepare_ab:
            print("\n== client-bound vs server-side prepared, 10 alternating rounds of 400 (medians; ms per execution)")
            for sql, params in captured:
                sub = base if is_write(sql) else 0.0
                rows = {"client": [], "prepared": []}
                for round_no in range(10):
                    order = ("client", "prepared") if round_no % 2 == 0 else ("prepared", "client")
                    for name in order:
                        if sub:
                            client_cur.execute(f"VACUUM {', '.join(TABLES)}")
                        cur, prepare = (client_cur, None) if name == "client" else (server_cur, True)
                        for _ in range(5):
                            run(cur, sql, params, prepare=prepare)
                        db0, py0 = _backend_cpu(pid), time.process_time()
                        for _ in range(400):
                            run(cur, sql, params, prepare=prepare)
                        rows[name].append(((_backend_cpu(pid) - db0) * 2.5 - sub, (time.process_time() - py0) * 2.5))
                med = {name: (statistics.median(r[0] for r in v), statistics.median(r[1] for r in v))
                       for name, v in rows.items()}
                print(f"   db {med['client'][0]:.3f} -> {med['prepared'][0]:.3f}, Python {med['client'][1]:.3f} -> "
                      f"{med['prepared'][1]:.3f}   {' '.join(sql.split())[:70]}")
        # The FK constraints are DEFERRABLE INITIALLY DEFERRED (Django): their checks run at COMMIT, which the
        # rolled-back replays above never reach. SET CONSTRAINTS ALL IMMEDIATE runs them inside the statement.
        cte_sql, cte_params = captured[-1]

        def with_fk_checks(cur, prepare):
            cur.execute("BEGIN")
            cur.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cur.execute(cte_sql, cte_params, prepare=prepare)
            cur.execute("ROLLBACK")

        immediate = []
        for _ in range(3):
            client_cur.execute(f"VACUUM {', '.join(TABLES)}")
            immediate.append(backend_ms(lambda: with_fk_checks(client_cur, None)) - base)
        print(f"  CTE with its FK checks (SET CONSTRAINTS ALL IMMEDIATE), client-bound: "
              f"{', '.join(f'{x:.3f}' for x in immediate)} ms")
        client_cur.execute("BEGIN")
        client_cur.execute("SET CONSTRAINTS ALL IMMEDIATE")
        for line in client_cur.execute("EXPLAIN (ANALYZE, SUMMARY) " + cte_sql, cte_params).fetchall():
            if "Trigger" in line[0] or "Time" in line[0]:
                print("     " + line[0])
        client_cur.execute("ROLLBACK")
        if args.explain:
            for sql, params in captured:
                label = " ".join(sql.split())[:90]
                timings = [_explain_times("\n".join(r[0] for r in run(client_cur, sql, params,
                                                                         explain="ANALYZE, SUMMARY")))
                           for _ in range(min(args.loops, 100))]
                plan = statistics.mean(t[0] for t in timings)
                execution = statistics.mean(t[1] for t in timings)
                print(f"\n== {label}\n   mean planning {plan:.3f} ms, execution {execution:.3f} ms "
                      f"(over {len(timings)} EXPLAIN ANALYZE runs)")
                for line in run(client_cur, sql, params, explain="ANALYZE, BUFFERS, WAL, VERBOSE, SUMMARY"):
                    print("   " + line[0][:220])

        def cte_exec_ms(cur, loops=60) -> float:
            values = []
            for _ in range(loops):
                cur.execute("SAVEPOINT m")
                cur.execute("EXPLAIN (ANALYZE, SUMMARY) " + cte_sql, cte_params)
                values.append(_explain_times("\n".join(r[0] for r in cur.fetchall()))[1])
                cur.execute("ROLLBACK TO SAVEPOINT m")
            return statistics.median(values)

        tables = TABLES

        def paired(change: str, loops: int = 40) -> float:
            """CTE execution ms with ``change`` minus without, measured both ways round (after a VACUUM each)."""
            deltas = []
            for change_first in (True, False):
                client_cur.execute(f"VACUUM {', '.join(tables)}")  # the replays' dead rows, so no drift
                client_cur.execute("BEGIN")
                client_cur.execute("SAVEPOINT change")
                if change_first:
                    client_cur.execute(change)
                    changed = cte_exec_ms(client_cur, loops)
                    client_cur.execute("ROLLBACK TO SAVEPOINT change")
                    plain = cte_exec_ms(client_cur, loops)
                else:
                    plain = cte_exec_ms(client_cur, loops)
                    client_cur.execute(change)
                    changed = cte_exec_ms(client_cur, loops)
                client_cur.execute("ROLLBACK")
                deltas.append(changed - plain)
            return statistics.mean(deltas)

        if args.indexes:
            client_cur.execute(
                "SELECT c.relname, t.relname, pg_get_indexdef(c.oid), ix.indisunique OR ix.indisprimary "
                "FROM pg_index ix JOIN pg_class c ON c.oid = ix.indexrelid JOIN pg_class t ON t.oid = ix.indrelid "
                "WHERE t.relname = ANY(%s) ORDER BY t.relname, c.relname", [tables])
            indexes = client_cur.fetchall()
            client_cur.execute(f"VACUUM {', '.join(tables)}")
            client_cur.execute("BEGIN")
            with_all = cte_exec_ms(client_cur)
            client_cur.execute("ROLLBACK")
            print(f"\n== CTE execution (median of 60), all {len(indexes)} indexes: {with_all:.3f} ms; "
                  "each index dropped (paired, both orders, rolled back):")
            droppable = [name for name, _t, _d, unique in indexes if not unique]
            candidates = [name for name in droppable if name.endswith("_like") or any(
                name.startswith(prefix) for prefix in REDUNDANT)]
            for label, names in (("every non-unique index", droppable), ("the candidates", candidates)):
                delta = paired("; ".join(f"DROP INDEX {name}" for name in names), loops=80)
                print(f"   {delta:+7.3f} ms without {label} ({len(names)}: {', '.join(names)[:300]})")
            for name, table, definition, unique in indexes if args.each_index else []:
                if unique:
                    print(f"   (unique/primary, kept)  {table}.{name}")
                    continue
                print(f"   {paired(f'DROP INDEX {name}'):+7.3f} ms without {name}: {definition[:150]}")
        if args.storage:
            client_cur.execute(
                "SELECT a.attrelid::regclass::text, a.attname FROM pg_attribute a "
                "JOIN pg_class c ON c.oid = a.attrelid "
                "WHERE c.relname = ANY(%s) AND a.atttypid = 'jsonb'::regtype AND a.attnum > 0", [tables])
            columns = client_cur.fetchall()
            for storage in ("SET STORAGE EXTERNAL", "SET COMPRESSION lz4"):
                change = "; ".join(f'ALTER TABLE {t} ALTER COLUMN "{c}" {storage}' for t, c in columns)
                print(f"\n== CTE execution with every JSON column {storage}: {paired(change):+.3f} ms (paired)")
            for table, column in columns:  # the stored (compressed) against the text size of each JSON column
                client_cur.execute(f'SELECT avg(octet_length("{column}"::text))::int, '  # noqa: S608 - catalog names
                                   f'avg(pg_column_size("{column}"))::int FROM {table}')
                text_bytes, stored = client_cur.fetchone()
                print(f"   {table}.{column}: {text_bytes} bytes as text, {stored} stored")
        started = time.perf_counter()
        print(f"== done ({time.perf_counter() - started:.1f} s)")


if __name__ == "__main__":
    main()
