"""The `metering` command: build, check, fetch, serve, export, exhibits, declare, records
(README.md).

Thin: each sub-command parses its options and calls etl/ or dashboard/ functions.
Exit codes: 0 ok, 1 a source or check failed (the old marts stay), or the marts or a file
cannot be used (a one-line message says which file and what to do), 2 usage.
"""

from __future__ import annotations

import argparse
import atexit
import gc
import os
import re
import sys
import threading
from pathlib import Path

from etl import paths
from etl.paths import Dirs


def _dirs(args: argparse.Namespace) -> Dirs:
    raw = Path(args.raw_dir).resolve() if getattr(args, "raw_dir", None) else paths.raw_dir()
    official = getattr(args, "official_dir", None)
    return Dirs(raw, Path(official).resolve() if official else paths.official_dir())


def _marts_dir(args: argparse.Namespace) -> Path:
    return Path(args.marts_dir).resolve() if getattr(args, "marts_dir", None) else paths.marts_dir()


def cmd_build(args: argparse.Namespace) -> int:
    from etl.fingerprint import unchanged_build

    if not args.force and unchanged_build(_dirs(args), _marts_dir(args)) is not None:
        # checked before importing the pipeline, so a no-op rebuild stays well under a second
        print("unchanged: inputs and code unchanged; marts kept", file=sys.stderr)
        return 0
    from etl.build import build

    report = build(
        _dirs(args),
        _marts_dir(args),
        allow_rejects=args.allow_rejects,
        force=True,  # checked just above: build() would hash the inputs and the marts again
        allow_shrink=args.allow_shrink,
    )
    for reject in report.rejects:
        print(reject.message(), file=sys.stderr)
    if report.status == "failed":
        print(f"build failed: {report.message}", file=sys.stderr)
        print("the previous marts were left in place", file=sys.stderr)
        if report.rejects:
            print(
                f"every problem is listed in {_marts_dir(args).name}/rejects.csv; fix the "
                "rows or pass --allow-rejects to build without them",
                file=sys.stderr,
            )
        return 1
    print(f"{report.status}: {report.message}", file=sys.stderr)
    for table, count in sorted(report.row_counts.items()):
        print(f"  {table:<32} {count:>8}", file=sys.stderr)
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from etl.build import read_sources
    from etl.problems import SourceError

    try:
        outputs = read_sources(_dirs(args), lambda message: None)
    except SourceError as err:
        print(f"unusable file: {err}", file=sys.stderr)
        return 1
    rejects = [r for output in outputs.values() for r in output.rejects]
    for reject in rejects:
        print(reject.message())
    rows = sum(frame.height for o in outputs.values() for frame in o.tables.values())
    print(f"{rows} rows read, {len(rejects)} problem(s)", file=sys.stderr)
    return 1 if rejects else 0


# `fetch --add` options -> lock entry fields (the card of the file being pinned)
CARD_OPTIONS = {
    "as_path": "path",
    "module": "module",
    "layout": "layout",
    "release_id": "release_id",
    "title": "title",
    "publisher": "publisher",
    "page": "url",
    "file_pattern": "file_pattern",
    "release_file": "release_file",
    "release_date": "release_date",
    "download_url": "download_url",
    "rounding": "rounding",
    "coverage": "coverage",
    "note": "note",
    "came_from": "came_from",  # REPOSITORY@COMMIT:PATH of the copy you hold
}


def _came_from(text: str | None) -> dict | None:
    """`owner/repo@commit:path/in/repo` -> the lock's came_from; SystemExit(2) when malformed."""
    if text is None:
        return None
    found = re.fullmatch(r"([^@\s]+/[^@\s]+)@([0-9a-f]{40}):(.+)", text.strip())
    if not found:
        print("fetch --add: --came-from is REPOSITORY@COMMIT:PATH", file=sys.stderr)
        raise SystemExit(2)
    return dict(zip(("repository", "commit", "path"), found.groups(), strict=True))


def _add_card(args: argparse.Namespace, official: Path) -> dict:
    from etl.official_pin import card_like

    given = {field: getattr(args, option) for option, field in CARD_OPTIONS.items()}
    given |= {"came_from": _came_from(given["came_from"])}
    given |= {"release": given["title"]}  # the release as described: its title
    if given["release_id"]:
        given |= {"source_id": given["release_id"]}
    file_name = Path(args.add).name
    if args.like:
        return card_like(official, args.like, file_name, given)
    needed = ["module", "release_id", "title", "publisher", "page", "rounding"]
    missing = [f"--{o.replace('_', '-')}" for o in needed if not getattr(args, o)]
    if missing:
        print(f"fetch --add: give --like PATH, or {' '.join(missing)}", file=sys.stderr)
        raise SystemExit(2)
    card = {k: v for k, v in given.items() if v is not None}
    card.setdefault("path", f"{args.module}/{file_name}")
    return {"came_from": {"repository": None, "commit": None, "path": None}} | card


def cmd_fetch(args: argparse.Namespace) -> int:
    from etl import official_fetch, official_lock, official_pin
    from etl.problems import SourceError

    official, pinned = paths.official_dir(), 0
    try:
        if args.add:
            print(official_pin.pin(official, Path(args.add), _add_card(args, official))[1])
        elif args.from_dir:
            changed = official_lock.refresh_from(official, Path(args.from_dir))
            print(f"{len(changed)} file(s) updated: {', '.join(changed) or 'none'}")
        else:
            pages = [Path(p).read_text(encoding="utf-8") for p in args.listing or []] or None
            findings = official_fetch.find_newest(official, pages)
            for finding in findings:
                print(finding.line())
            for line in official_fetch.fetch_new(official, findings):
                print(line)
                pinned += 1
    except official_fetch.Offline as err:
        done = "nothing changed" if not pinned else "only the files above were pinned"
        print(f"{err}; {done}", file=sys.stderr)
        return 1
    except (SourceError, OSError) as err:
        print(f"fetch failed: {err}", file=sys.stderr)
        return 1
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    """Bring the marts up to date (a no-op when nothing changed), then serve them."""
    from etl.build import build

    report = build()
    if report.status == "failed":
        print(f"build failed: {report.message}", file=sys.stderr)
        from marts_io.manifest import verify

        verify(paths.marts_path())  # MartsInvalid (exit 1) when no usable marts are left
        print("serving the previous marts", file=sys.stderr)
    if args.debug:
        from dashboard.app import app

        app.run(host=args.host, port=args.port, debug=True)
        return 0
    from dashboard.gunicorn_app import run

    return run(args.host, args.port)


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="metering", description=__doc__.splitlines()[0])
    sub = top.add_subparsers(dest="command", required=True)

    p = sub.add_parser("build", help="all sources -> marts")
    p.add_argument("--raw-dir")
    p.add_argument("--official-dir")
    p.add_argument("--marts-dir")
    p.add_argument("--allow-rejects", action="store_true", help="build without the bad rows")
    p.add_argument("--force", action="store_true", help="rebuild even if nothing changed")
    p.add_argument(
        "--allow-shrink",
        action="store_true",
        help="build even if a dataset is empty or lost rows against the last good build",
    )
    p.set_defaults(run=cmd_build)

    p = sub.add_parser("check", help="validate inputs only and explain every problem")
    p.add_argument("--raw-dir")
    p.add_argument("--official-dir")
    p.set_defaults(run=cmd_check)

    p = sub.add_parser(
        "fetch",
        help="find, download and pin the newest official releases (see "
        "docs/adding-an-official-source.md)",
    )
    p.add_argument(
        "--listing", action="append", metavar="PAGE", help="read a saved listing page instead"
    )
    p.add_argument("--from", dest="from_dir", help="copy newer pinned files from a local folder")
    p.add_argument("--add", metavar="FILE", help="pin a file you have: writes its lock entry")
    p.add_argument("--like", metavar="PATH", help="with --add: copy the card of this locked file")
    for option in CARD_OPTIONS:
        flag = "--as" if option == "as_path" else f"--{option.replace('_', '-')}"
        p.add_argument(flag, dest=option, help=f"with --add: the entry's {CARD_OPTIONS[option]}")
    p.set_defaults(run=cmd_fetch)

    p = sub.add_parser("serve", help="bring the marts up to date, then serve the dashboard")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8050)
    p.add_argument(
        "--debug", action="store_true", help="Flask's development server (reloads, tracebacks)"
    )
    p.set_defaults(run=cmd_serve)

    from dashboard.exports.cli import add_export_commands

    add_export_commands(sub)
    from dashboard.records import add_records_command

    add_records_command(sub)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    build_process = argv is None and args.command == "build"  # run as `metering build`
    if build_process:
        # The cyclic garbage collector is off for the build, which ends the process: its
        # passes over the objects the imports of polars, duckdb and numpy made cost 40-70 ms
        # of a 0.6 s build (one full pass held the GIL ~40 ms in the statistics worker), and
        # a build leaves ~8,000 objects in cycles (a few MB; the peak memory was the same at
        # x1 and at 100x SYNTHETIC rows). Everything else is freed by reference counting.
        gc.disable()
    code = run(args)
    if build_process:
        end_process(code)
    return code


def run(args: argparse.Namespace) -> int:
    from etl.problems import SourceError
    from marts_io.manifest import MartsInvalid

    try:
        return args.run(args)
    except MartsInvalid as err:
        print(f"metering: the marts cannot be used: {err}", file=sys.stderr)
    except SourceError as err:
        print(f"metering: unusable file: {err}", file=sys.stderr)
    except OSError as err:
        where = err.filename or "a file"
        print(
            f"metering: {where}: {err.strerror or err}; check the path and its permissions",
            file=sys.stderr,
        )
    return 1


def end_process(code: int) -> None:
    """Exit now with `code` if no other thread runs: the atexit handlers run and the output is
    flushed, as at a normal exit, but the interpreter's teardown of every module and its
    collections over every object (~60 ms of CPU once polars, duckdb and numpy are loaded) is
    skipped. The build has closed, fsynced and renamed its files by then."""
    if threading.active_count() > 1:
        return
    atexit._run_exitfuncs()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    sys.exit(main())
