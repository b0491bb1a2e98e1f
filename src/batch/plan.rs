//! Planning a batch: which sets there are and what belongs to each, without reading the
//! articles. Set directories become sets of files; a JSONL file is scanned once for each line's
//! `set` and byte range, with a running content hash per set; a set's members are read back
//! when it is processed ([`read_members`]).
use std::collections::BTreeMap;
use std::fs::File;
use std::io::{BufReader, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use serde::Deserialize;
use xxhash_rust::xxh3::Xxh3;

use super::{OLD_TAG, TMP_TAG};
use crate::input::{self, LineRead, Problem, Source, Unit};

/// One article of a set, not yet read.
#[derive(Debug, Clone)]
pub(super) enum Member {
    /// An article file (any format but JSONL, or a whole JSONL file inside a set directory).
    File(Source),
    /// One line of a batch JSONL file.
    Line {
        file: usize,
        offset: u64,
        len: usize,
        line: usize,
    },
}

/// A set to process: its members in input order and the hash of their content.
pub(super) struct SetPlan {
    /// The set's name as the input gives it.
    pub(super) raw: String,
    /// The directory name under `--out` (sanitised).
    pub(super) name: String,
    pub(super) members: Vec<Member>,
    /// Problems found while planning (a set directory with no articles, unreadable files).
    pub(super) problems: Vec<Problem>,
    pub(super) hasher: Xxh3,
    /// The size of the set's inputs: the best guess of its work before it is read (far better
    /// than its count of articles, which vary in length).
    pub(super) bytes: u64,
}

impl SetPlan {
    pub(super) fn new(raw: String, name: String) -> Self {
        SetPlan {
            raw,
            name,
            members: Vec::new(),
            problems: Vec::new(),
            hasher: Xxh3::new(),
            bytes: 0,
        }
    }
}

/// A set name made safe as one path component: letters, digits, `.`, `_`, `-` kept, anything
/// else `_`, no leading dot, at most 100 bytes.
pub fn sanitize_set_name(raw: &str) -> String {
    let mut name: String = raw
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-') {
                c
            } else {
                '_'
            }
        })
        .collect();
    while name.starts_with('.') {
        name.replace_range(0..1, "_");
    }
    if name.len() > 100 {
        name.truncate(100);
    }
    if name.is_empty() {
        name.push('_');
    }
    // Names that would clash with the batch's own files or temporary directories.
    if name.contains(TMP_TAG) || name.contains(OLD_TAG) {
        name = name.replace(TMP_TAG, "_tmp-").replace(OLD_TAG, "_old-");
    }
    if matches!(name.as_str(), "index.csv" | "errors.csv") {
        name.insert(0, '_');
    }
    name
}

/// A batch JSONL file: where it is read, and its name in messages, errors.csv and hashes.
#[derive(Debug, Clone)]
pub(super) struct JsonlFile {
    path: PathBuf,
    origin: String,
}

/// The name of standard input in messages, errors.csv and hashes, and its sets' default name.
const STDIN_ORIGIN: &str = "<stdin>";
const STDIN_SET: &str = "stdin";

/// Sets keyed by raw name, with the sanitised directory names kept unique.
#[derive(Default)]
pub(super) struct Planner {
    pub(super) sets: BTreeMap<String, SetPlan>,
    taken: BTreeMap<String, String>,
    pub(super) jsonl_files: Vec<JsonlFile>,
    pub(super) problems: Vec<Problem>,
    pub(super) notes: Vec<String>,
    /// Standard input, spooled to a temporary file so that its lines can be read back by
    /// offset like any JSONL file's; removed when the planner is dropped.
    stdin_spool: Option<tempfile::NamedTempFile>,
}

impl Planner {
    fn set(&mut self, raw: &str) -> &mut SetPlan {
        if !self.sets.contains_key(raw) {
            let base = sanitize_set_name(raw);
            let mut name = base.clone();
            let mut n = 1;
            while self.taken.contains_key(&name) {
                n += 1;
                name = format!("{base}-{n}");
            }
            if name != raw {
                self.notes
                    .push(format!("set `{raw}` is written to directory `{name}`"));
            }
            self.taken.insert(name.clone(), raw.to_string());
            self.sets
                .insert(raw.to_string(), SetPlan::new(raw.to_string(), name));
        }
        self.sets.get_mut(raw).expect("inserted above")
    }

    pub(super) fn add_input(&mut self, path: &Path) {
        if path.as_os_str() == "-" {
            self.add_stdin();
            return;
        }
        // `./sets.jsonl` and `sets.jsonl` are one input: its name is part of each set's hash
        // (errors.csv shows it), so two spellings would redo every set.
        let path = &input::normalize_path(path);
        let origin = path.display().to_string();
        let meta = match std::fs::metadata(path) {
            Ok(m) => m,
            Err(e) => {
                self.problems.push(input::io_problem(&origin, &e));
                return;
            }
        };
        if !meta.is_dir() {
            if input::format_of(path) == Some(concord_parser::Format::Jsonl) {
                self.add_jsonl(path, &origin, None);
            } else {
                self.problems.push(Problem::new(
                    origin,
                    None,
                    "unknown-format",
                    "batch input must be a directory of set directories or a JSONL file",
                ));
            }
            return;
        }
        let mut entries: Vec<PathBuf> = match std::fs::read_dir(path) {
            Ok(rd) => rd
                .filter_map(|e| e.ok())
                .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
                .map(|e| e.path())
                .collect(),
            Err(e) => {
                self.problems.push(input::io_problem(&origin, &e));
                return;
            }
        };
        entries.sort();
        let mut any = false;
        for entry in entries {
            if entry.is_dir() {
                any = true;
                let raw = entry
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                self.add_set_dir(&raw, &entry);
            } else if input::format_of(&entry) == Some(concord_parser::Format::Jsonl) {
                any = true;
                self.add_jsonl(&entry, &entry.display().to_string(), None);
            } else {
                self.notes.push(format!(
                    "{}: skipped, not in a set directory (sets are subdirectories or JSONL files)",
                    entry.display()
                ));
            }
        }
        if !any {
            self.problems.push(Problem::new(
                origin,
                None,
                "no-sets",
                "no sets found (expected subdirectories or JSONL files)",
            ));
        }
    }

    fn add_set_dir(&mut self, raw: &str, dir: &Path) {
        let discovery = input::discover(&[dir.to_path_buf()]);
        for s in &discovery.skipped {
            self.notes
                .push(format!("{}: skipped, not an article format", s.display()));
        }
        let plan = self.set(raw);
        plan.problems.extend(discovery.problems);
        for source in discovery.sources {
            if let Source::File { path, .. } = &source {
                // Content hash, so that touching a file without changing it redoes nothing.
                // The path is hashed too: it appears in errors.csv.
                plan.hasher.update(path.to_string_lossy().as_bytes());
                plan.hasher.update(&[0]);
                match hash_file(path) {
                    Ok(h) => plan.hasher.update(&h.to_le_bytes()),
                    Err(e) => plan.hasher.update(e.to_string().as_bytes()),
                }
                plan.bytes += std::fs::metadata(path).map_or(0, |m| m.len());
            }
            plan.members.push(Member::File(source));
        }
    }

    /// `-`: JSONL on standard input, copied (streamed) to a temporary file, then planned like a
    /// JSONL file named `<stdin>` whose lines without a `set` field go to the set `stdin`.
    fn add_stdin(&mut self) {
        if self.stdin_spool.is_some() {
            return;
        }
        let spooled = tempfile::Builder::new()
            .prefix("concord-stdin-")
            .suffix(".jsonl")
            .tempfile()
            .and_then(|mut spool| {
                std::io::copy(&mut std::io::stdin().lock(), &mut spool)?;
                spool.as_file_mut().flush()?;
                Ok(spool)
            });
        match spooled {
            Ok(spool) => {
                let path = spool.path().to_path_buf();
                self.stdin_spool = Some(spool);
                self.add_jsonl(&path, STDIN_ORIGIN, Some(STDIN_SET));
            }
            Err(e) => self.problems.push(Problem::new(
                STDIN_ORIGIN,
                None,
                "unreadable",
                format!("cannot copy standard input to a temporary file: {e}"),
            )),
        }
    }

    /// First pass over a batch JSONL file: each line's set and byte range; nothing kept but
    /// offsets and the running hash of each set. Lines without a `set` go to `default_set`, or
    /// the file's stem.
    fn add_jsonl(&mut self, path: &Path, origin: &str, default_set: Option<&str>) {
        let origin = origin.to_string();
        let file = match File::open(path) {
            Ok(f) => f,
            Err(e) => {
                self.problems.push(input::io_problem(&origin, &e));
                return;
            }
        };
        let mut reader = BufReader::with_capacity(1 << 20, file);
        if let Some(p) = input::binary_head(&origin, &mut reader) {
            self.problems.push(p);
            return;
        }
        let file_index = self.jsonl_files.len();
        self.jsonl_files.push(JsonlFile {
            path: path.to_path_buf(),
            origin: origin.clone(),
        });
        let default_set = match default_set {
            Some(set) => set.to_string(),
            None => path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_else(|| "default".to_string()),
        };
        let mut buf = Vec::new();
        let mut offset: u64 = 0;
        let mut line_no = 0;
        let mut any = false;
        loop {
            buf.clear();
            line_no += 1;
            let start = offset;
            let read = match input::read_line_limited(&mut reader, &mut buf) {
                Ok(r) => r,
                Err(e) => {
                    self.problems.push(Problem::new(
                        &origin,
                        Some(line_no),
                        "unreadable",
                        e.to_string(),
                    ));
                    break;
                }
            };
            reader_position(&mut reader, &mut offset);
            match read {
                LineRead::Eof => break,
                LineRead::TooLong(size) => {
                    any = true;
                    self.problems.push(Problem::new(
                        &origin,
                        Some(line_no),
                        "too-large",
                        format!("{}; its set is unknown", input::too_large_message(size)),
                    ));
                }
                LineRead::Line => {
                    if buf.iter().all(u8::is_ascii_whitespace) {
                        continue;
                    }
                    any = true;
                    match set_of_line(&buf) {
                        Err((kind, message)) => self.problems.push(Problem::new(
                            &origin,
                            Some(line_no),
                            kind,
                            format!("{message}; its set is unknown"),
                        )),
                        Ok(set) => {
                            let raw = set.unwrap_or_else(|| default_set.clone());
                            let plan = self.set(&raw);
                            // Where the line is belongs to the outputs (errors.csv names it).
                            plan.hasher.update(origin.as_bytes());
                            plan.hasher.update(&(line_no as u64).to_le_bytes());
                            plan.hasher.update(&buf);
                            plan.hasher.update(b"\n");
                            plan.bytes += buf.len() as u64;
                            plan.members.push(Member::Line {
                                file: file_index,
                                offset: start,
                                len: buf.len(),
                                line: line_no,
                            });
                        }
                    }
                }
            }
        }
        if !any {
            self.problems.push(Problem::new(
                origin,
                None,
                "empty",
                "empty file (no JSONL lines)",
            ));
        }
    }
}

/// Advance `offset` to the reader's position: `read_line_limited` consumed exactly one line.
fn reader_position(reader: &mut BufReader<File>, offset: &mut u64) {
    if let Ok(pos) = reader.stream_position() {
        *offset = pos;
    }
}

/// The `set` of one JSONL line, without building the article: `None` when the line has no
/// `set` (or `null`). An empty `set`, or one neither a string nor a number, is an error (kind,
/// message): such a line is reported, never merged into another set.
fn set_of_line(line: &[u8]) -> Result<Option<String>, (&'static str, String)> {
    #[derive(Deserialize)]
    struct SetOnly {
        #[serde(default)]
        set: Option<serde_json::Value>,
    }
    let line = line.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(line);
    let text = std::str::from_utf8(line).map_err(|e| {
        (
            "invalid-utf8",
            format!("invalid UTF-8 at byte {} of the line", e.valid_up_to() + 1),
        )
    })?;
    let parsed: SetOnly = serde_json::from_str(text).map_err(|e| {
        (
            "malformed-json",
            format!("malformed JSON: {e}").replace(" at line 1 column ", " at column "),
        )
    })?;
    match parsed.set {
        Some(serde_json::Value::String(s)) if !s.trim().is_empty() => Ok(Some(s)),
        Some(serde_json::Value::String(_)) => {
            Err(("empty-set", "the \"set\" field is empty".to_string()))
        }
        Some(serde_json::Value::Number(n)) => Ok(Some(n.to_string())),
        None | Some(serde_json::Value::Null) => Ok(None),
        Some(_) => Err((
            "bad-set",
            "the \"set\" field is neither a string nor a number".to_string(),
        )),
    }
}

fn hash_file(path: &Path) -> std::io::Result<u128> {
    let mut f = File::open(path)?;
    let mut h = Xxh3::new();
    let mut buf = vec![0u8; 1 << 16];
    loop {
        let n = f.read(&mut buf)?;
        if n == 0 {
            break;
        }
        h.update(&buf[..n]);
    }
    Ok(h.digest128())
}

/// Read one line of a batch JSONL file back by its offset.
fn read_member_line(file: &mut File, offset: u64, len: usize) -> std::io::Result<Vec<u8>> {
    file.seek(SeekFrom::Start(offset))?;
    let mut bytes = vec![0u8; len];
    file.read_exact(&mut bytes)?;
    Ok(bytes)
}

/// Read a set's members into analysis units, in order.
pub(super) fn read_members(plan: &SetPlan, jsonl_files: &[JsonlFile]) -> (Vec<Unit>, Vec<Problem>) {
    let mut units = Vec::new();
    let mut problems = Vec::new();
    let mut open: Option<(usize, File)> = None;
    for member in &plan.members {
        match member {
            Member::File(source) => {
                let (u, p) = input::read_source(source);
                units.extend(u);
                problems.extend(p);
            }
            Member::Line {
                file,
                offset,
                len,
                line,
            } => {
                let JsonlFile { path, origin } = &jsonl_files[*file];
                let origin = origin.clone();
                if open.as_ref().map(|(i, _)| *i) != Some(*file) {
                    match File::open(path) {
                        Ok(f) => open = Some((*file, f)),
                        Err(e) => {
                            let mut p = input::io_problem(&origin, &e);
                            p.line = Some(*line);
                            problems.push(p);
                            continue;
                        }
                    }
                }
                let (_, f) = open.as_mut().expect("opened above");
                match read_member_line(f, *offset, *len) {
                    Ok(bytes) => units.push(Unit::Line {
                        origin,
                        line: *line,
                        bytes,
                    }),
                    Err(e) => problems.push(Problem::new(
                        origin,
                        Some(*line),
                        "unreadable",
                        format!("cannot read back the line (file changed during the run?): {e}"),
                    )),
                }
            }
        }
    }
    (units, problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_names_are_safe_path_components() {
        let cases = [
            ("earn", "earn"),
            ("money-fx", "money-fx"),
            ("a/b", "a_b"),
            ("../etc", "_._etc"),
            (".hidden", "_hidden"),
            ("", "_"),
            ("Élection 2024", "_lection_2024"),
            ("index.csv", "_index.csv"),
            ("x.tmp-1", "x_tmp-1"),
        ];
        for (raw, want) in cases {
            assert_eq!(sanitize_set_name(raw), want, "{raw:?}");
        }
        assert_eq!(sanitize_set_name(&"a".repeat(300)).len(), 100);
    }

    #[test]
    fn set_field_of_a_line() {
        type Case<'a> = (&'a [u8], Result<Option<&'a str>, ()>);
        let cases: [Case; 9] = [
            (b"\xEF\xBB\xBF{\"set\": \"bom\"}", Ok(Some("bom"))),
            (br#"{"set": "earn", "text": "x"}"#, Ok(Some("earn"))),
            (br#"{"set": 7, "text": "x"}"#, Ok(Some("7"))),
            (br#"{"text": "x"}"#, Ok(None)),
            (br#"{"set": "  ", "text": "x"}"#, Err(())),
            (br#"{"set": null, "text": "x"}"#, Ok(None)),
            (br#"{"set": true, "text": "x"}"#, Err(())),
            (br#"{"set": "earn", "text": "x""#, Err(())),
            (b"{\"set\": \"\xff\"}", Err(())),
        ];
        for (line, want) in cases {
            let got = set_of_line(line).map_err(|_| ());
            assert_eq!(
                got,
                want.map(|o| o.map(str::to_string)),
                "{:?}",
                String::from_utf8_lossy(line)
            );
        }
    }
}
