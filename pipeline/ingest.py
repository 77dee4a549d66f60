"""Read raw inputs (files, folders; txt/md, jsonl, csv, html) into Articles, lazily and in a stable order.

A file or record that cannot be read becomes an `IngestError` in the stream instead of an exception, so one
bad input never stops the batch.
"""
from __future__ import annotations

import codecs
import csv
import hashlib
import io
import json
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

TEXT_EXT = {".txt", ".md", ".text"}
JSONL_EXT = {".jsonl", ".ndjson"}
CSV_EXT = {".csv", ".tsv"}
HTML_EXT = {".html", ".htm"}
SUPPORTED = TEXT_EXT | JSONL_EXT | CSV_EXT | HTML_EXT
KNOWN_FIELDS = {"text", "id", "doc_id", "title", "published", "date", "source", "url"}
DEFAULT_MAX_CHARS = 1_000_000

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


@dataclass
class Article:
    doc_id: str
    text: str
    title: str | None = None
    published: str | None = None
    source: str | None = None
    url: str | None = None
    path: str | None = None
    line: int | None = None
    extra: dict = field(default_factory=dict)
    # Problems that do not stop the document (an unparseable `published`): reported in `errors`, document kept.
    problems: list = field(default_factory=list)

    @cached_property
    def content_hash(self) -> str:
        """What resume compares: the text and the fields that change the extraction."""
        h = hashlib.sha1()
        for part in (self.doc_id, self.text, self.published or "", self.title or ""):
            h.update(part.encode("utf-8", "surrogatepass"))
            h.update(b"\x00")
        return h.hexdigest()


@dataclass
class IngestError:
    path: str | None
    doc_id: str | None
    line: int | None
    error: str
    message: str
    stage: str = "ingest"
    # A document whose id is known is also listed in `documents` with status `error`.
    article: Article | None = None


Item = Article | IngestError

# Control characters (tab and newline aside), carriage returns and byte-order marks become spaces: the text
# keeps its length, so offsets in every table index the text exactly as the source gave it.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ufeff]")


def clean_text(text: str) -> str:
    """Blank out control characters without changing the text's length or any other character; a lone carriage
    return (old Mac line end) becomes a newline."""
    return _CONTROL.sub(" ", text.replace("\r\n", " \n").replace("\r", "\n"))


class DecodeError(Exception):
    pass


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode file bytes: BOMs first, then strict UTF-8, then charset detection. Returns (text, encoding)."""
    for bom, enc in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
                     (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError as e:
                raise DecodeError(f"file starts with a {enc} byte-order mark but does not decode as {enc}: {e}") from e
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if _looks_binary(data):
        raise DecodeError("binary file (not text in any known encoding)")
    from charset_normalizer import from_bytes

    results = from_bytes(data[:200_000])
    best = results.best()
    if best is None:
        raise DecodeError("cannot detect the text encoding")
    enc = best.encoding
    # Short Western texts fit several single-byte code pages equally well; English-language news is far more
    # often cp1252 (curly quotes) than its look-alikes, so it wins a tie.
    tied = {m.encoding for m in results if m.chaos <= best.chaos + 0.01}
    if tied & {"cp1252", "latin_1", "iso8859_1", "iso8859_15"}:
        enc = "cp1252"
    try:
        return data.decode(enc), enc
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if not sample:
        return False
    if b"\x00" in sample:
        return True
    bad = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return bad / len(sample) > 0.05


def iter_files(inputs: Iterable[str | Path]) -> Iterator[Path | IngestError]:
    """Expand files and folders (recursively) into a sorted list of candidate files."""
    for raw in inputs:
        p = Path(raw)
        if p.is_dir():
            for f in sorted(x for x in p.rglob("*") if x.is_file()):
                rel = f.relative_to(p)
                if any(part.startswith(".") for part in rel.parts):
                    continue
                if f.suffix.lower() in SUPPORTED:
                    yield f
                else:
                    yield IngestError(str(f), None, None, "UnsupportedFile",
                                      f"unsupported file type {f.suffix or '(none)'!r}; expected one of "
                                      + ", ".join(sorted(SUPPORTED)))
        elif p.is_file():
            yield p
        else:
            yield IngestError(str(p), None, None, "NotFound", "no such file or folder")


def iter_articles(inputs: Iterable[str | Path], published: str | None = None,
                  max_chars: int = DEFAULT_MAX_CHARS) -> Iterator[Item]:
    """Every input as Articles or IngestErrors, in a stable order (files sorted, records in file order)."""
    seen: set[str] = set()
    for f in iter_files(inputs):
        if isinstance(f, IngestError):
            yield f
            continue
        for item in _read_file_safely(f):
            if isinstance(item, Article):
                item = _finish_safely(item, published, max_chars, seen)
            yield item


# What an optional reader library needs, named for the message when importing it fails.
_INSTALL_HINT = {"lxml.html.clean": "lxml_html_clean", "lxml_html_clean": "lxml_html_clean",
                 "trafilatura": "trafilatura", "justext": "justext", "lxml": "lxml",
                 "charset_normalizer": "charset-normalizer"}


def _reader_failure(path: Path, ext: str, e: Exception, after: int) -> IngestError:
    """A reader's unexpected exception as an error row: a missing library is named with its install command."""
    kind = "HTML" if ext in HTML_EXT else ext.lstrip(".").upper() or "text"
    if isinstance(e, ImportError):
        text = f"{getattr(e, 'name', None) or ''} {e}"
        module = next((m for m in _INSTALL_HINT if m in text), getattr(e, "name", None) or "a library")
        package = _INSTALL_HINT.get(module, module)
        message = f"{kind} input needs {package}: pip install {package} ({type(e).__name__}: {e})"
        error = "MissingDependency"
    else:
        message = f"the {kind} reader failed: {type(e).__name__}: {e}"
        error = "ReaderError"
    if after:
        message += f"; the {after} record(s) read before the failure were kept, the rest of the file was not read"
    doc_id = path.stem if ext in TEXT_EXT | HTML_EXT else None
    return _error_with_doc(str(path), doc_id, None, error, message)


def _read_file_safely(path: Path) -> Iterator[Item]:
    """`_read_file`, but an exception nobody expected (an optional library missing, a parser bug) ends this file
    with an error row instead of ending the run."""
    count = 0
    try:
        for item in _read_file(path):
            count += 1
            yield item
    except Exception as e:  # noqa: BLE001 - every failure of one file must become a row, not a crash
        yield _reader_failure(path, path.suffix.lower(), e, count)


def _finish_safely(art: Article, published: str | None, max_chars: int, seen: set[str]) -> Item:
    try:
        return finish(art, published, max_chars, seen)
    except Exception as e:  # noqa: BLE001 - a bug in cleaning one document must not stop the batch
        art.text = ""
        return IngestError(art.path, art.doc_id, art.line, "IngestError",
                           f"cannot prepare the article: {type(e).__name__}: {e}", article=art)


def _read_file(path: Path) -> Iterator[Item]:
    ext = path.suffix.lower()
    try:
        data = path.read_bytes()
    except OSError as e:
        yield IngestError(str(path), None, None, type(e).__name__, f"cannot read file: {e.strerror or e}")
        return
    try:
        text, _ = decode_bytes(data)
    except DecodeError as e:
        doc_id = path.stem if ext in TEXT_EXT | HTML_EXT else None
        yield _error_with_doc(str(path), doc_id, None, "DecodeError", str(e))
        return
    if ext in JSONL_EXT:
        yield from _read_jsonl(path, text)
    elif ext in CSV_EXT:
        yield from _read_csv(path, text, "\t" if ext == ".tsv" else ",")
    elif ext in HTML_EXT:
        yield from _read_html(path, text)
    else:
        yield Article(doc_id=path.stem, text=text, path=str(path))


def _error_with_doc(path: str | None, doc_id: str | None, line: int | None, error: str, message: str,
                    **fields) -> IngestError:
    art = Article(doc_id=doc_id, text="", path=path, line=line, **fields) if doc_id else None
    return IngestError(path, doc_id, line, error, message, article=art)


def _record(path: Path, line: int, rec: object) -> Item:
    default_id = f"{path.stem}:{line}"
    if not isinstance(rec, dict):
        return _error_with_doc(str(path), default_id, line, "BadRecord",
                               f"record is a JSON {type(rec).__name__}, expected an object with a 'text' field")
    rid = rec.get("doc_id", rec.get("id"))
    doc_id = str(rid) if rid not in (None, "") else default_id
    meta = {k: (None if rec.get(k) in (None, "") else str(rec.get(k))) for k in ("title", "source", "url")}
    extra = {k: v for k, v in rec.items() if k not in KNOWN_FIELDS}
    pub = rec.get("published", rec.get("date"))
    pub = None if pub in (None, "") else str(pub)
    if "text" not in rec:
        return _error_with_doc(str(path), doc_id, line, "MissingText", "record has no 'text' field", **meta)
    text = rec["text"]
    if text is None:
        return _error_with_doc(str(path), doc_id, line, "MissingText", "record's 'text' is null", **meta)
    if not isinstance(text, str):
        return _error_with_doc(str(path), doc_id, line, "BadText",
                               f"record's 'text' is of type {type(text).__name__}, expected a string", **meta)
    return Article(doc_id=doc_id, text=text, published=pub, path=str(path), line=line, extra=extra, **meta)


def _read_jsonl(path: Path, text: str) -> Iterator[Item]:
    # JSON Lines are split on "\n" only: str.splitlines would also split inside a record on U+2028, U+0085 ...,
    # which json.dumps(ensure_ascii=False) writes unescaped
    for n, raw in enumerate(text.split("\n"), start=1):
        if not raw.strip():
            continue
        try:
            rec = json.loads(raw)
        except json.JSONDecodeError as e:
            yield _error_with_doc(str(path), f"{path.stem}:{n}", n, "JSONDecodeError",
                                  f"line {n} is not valid JSON: {e.msg} at column {e.colno}")
            continue
        yield _record(path, n, rec)


def _read_csv(path: Path, text: str, delimiter: str) -> Iterator[Item]:
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = reader.fieldnames or []
    except csv.Error as e:
        yield IngestError(str(path), None, None, "CSVError", f"cannot read the CSV header: {e}")
        return
    if "text" not in header:
        yield IngestError(str(path), None, None, "MissingTextColumn",
                          f"CSV has no 'text' column (columns: {', '.join(header) or 'none'})")
        return
    n = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as e:
            yield IngestError(str(path), None, reader.line_num, "CSVError", f"line {reader.line_num}: {e}")
            break
        n += 1
        yield _record(path, n, {k: v for k, v in row.items() if k is not None})


def _read_html(path: Path, html: str) -> Iterator[Item]:
    import trafilatura  # an ImportError here (a missing optional library) is reported by _read_file_safely

    try:
        doc = trafilatura.bare_extraction(html, include_comments=False, include_tables=False, with_metadata=True)
    except Exception as e:  # trafilatura raises a variety of parser errors on broken markup
        yield _error_with_doc(str(path), path.stem, None, "HTMLError", f"cannot extract the article: {e}")
        return
    if doc is None:
        yield _error_with_doc(str(path), path.stem, None, "EmptyDocument", "no article text found in the HTML page")
        return
    get = (lambda k: doc.get(k)) if isinstance(doc, dict) else (lambda k: getattr(doc, k, None))
    yield Article(doc_id=path.stem, text=get("text") or "", title=get("title"), published=get("date"),
                  source=get("sitename"), url=get("url"), path=str(path))


def finish(art: Article, published: str | None, max_chars: int, seen: set[str]) -> Item:
    """Clean the text, check it, settle title and date; problems become error items.

    Public because the run is not its only caller: `api.extract` and the views (re-reading a document's
    text) finish an article the same way, so their text and offsets are the run's."""
    from . import datefields

    art.text = clean_text(art.text)
    if art.doc_id in seen:
        return IngestError(art.path, art.doc_id, art.line, "DuplicateId",
                           f"document id {art.doc_id!r} was already used by an earlier input; this one is skipped")
    seen.add(art.doc_id)
    if not art.text.strip():
        art.text = ""
        return IngestError(art.path, art.doc_id, art.line, "EmptyDocument", "the article has no text", article=art)
    if len(art.text) > max_chars:
        n = len(art.text)
        art.text = ""
        return IngestError(art.path, art.doc_id, art.line, "TooLarge",
                           f"the article has {n:,} characters, over the limit of {max_chars:,} (--max-chars)",
                           article=art)
    if not art.title:
        first = next((ln.strip() for ln in art.text.splitlines() if ln.strip()), "")
        art.title = first[:200] or None
    if art.published:
        try:
            art.published = datefields.parse_date_field(art.published).isoformat()
        except ValueError as e:
            art.problems.append(IngestError(art.path, art.doc_id, art.line, "BadDate",
                                            f"cannot parse the published date {art.published!r} ({e}); the document "
                                            "was processed with the date found in its text or --published"))
            art.published = None
    if not art.published:
        found = datefields.find_published(art.text)
        art.published = found.isoformat() if found else published
    return art
