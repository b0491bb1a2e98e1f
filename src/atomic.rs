//! Output directories that never destroy what concord did not write.
//!
//! - A finished output directory (one set of `batch`, or `compare --out DIR`) holds
//!   [`DONE_MARKER`]; concord replaces or removes a directory only when it holds that marker
//!   (or, for `compare`, only concord's own file names, as earlier versions wrote them).
//! - Work is written into a temporary directory beside the final one, which holds
//!   [`TMP_MARKER`] from its creation: leftovers of a crash are recognised by name *and*
//!   marker, never by name alone.
//! - Temporary directories are registered while they exist: a failed write removes its own,
//!   and SIGINT / SIGTERM / SIGHUP remove every registered one before the process exits.
use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use anyhow::{Context, Result};

/// The file in a finished output directory that says concord wrote it, and for which inputs.
pub const DONE_MARKER: &str = ".concord-done";
/// The file in a temporary directory that says concord made it (created first, removed when
/// the directory is committed).
pub const TMP_MARKER: &str = ".concord-tmp";

/// The temporary directories of this process, removed on a signal.
static LIVE: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Remove the registered temporary directories on SIGINT, SIGTERM or SIGHUP, then exit with
/// 128 + 2 (the shell's code for an interrupted command). Called once, at start.
pub fn install_signal_cleanup() {
    let _ = ctrlc::set_handler(|| {
        let dirs = LIVE.lock().map(|l| l.clone()).unwrap_or_default();
        for dir in dirs {
            // Worker threads may still be creating files in it: try a few times.
            for _ in 0..20 {
                if std::fs::remove_dir_all(&dir).is_ok() || !dir.exists() {
                    break;
                }
                std::thread::sleep(std::time::Duration::from_millis(10));
            }
        }
        eprintln!("concord: interrupted; temporary outputs removed, earlier results untouched");
        std::process::exit(130);
    });
}

/// Create `dir` as a temporary directory of this process: [`TMP_MARKER`] (holding `owner`: the
/// set's name for `batch`, so that a shard cleans only its own) first, then
/// registered for removal on a signal. A leftover of the same name is removed only if it
/// is concord's.
pub fn create_temp_dir(dir: &Path, owner: &str) -> Result<()> {
    if dir.exists() {
        if !is_concord_dir(dir) {
            anyhow::bail!(
                "{} exists and was not made by concord; not touched",
                dir.display()
            );
        }
        std::fs::remove_dir_all(dir)
            .with_context(|| format!("cannot remove stale {}", dir.display()))?;
    }
    if let Ok(mut live) = LIVE.lock() {
        live.push(dir.to_path_buf());
    }
    std::fs::create_dir(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let marker = dir.join(TMP_MARKER);
    File::create(&marker)
        .and_then(|mut f| f.write_all(owner.as_bytes()))
        .with_context(|| format!("cannot write {}", marker.display()))?;
    Ok(())
}

/// Remove a temporary directory of this process (after a failure), if it is concord's.
pub fn discard_temp_dir(dir: &Path) {
    if is_concord_dir(dir) {
        let _ = std::fs::remove_dir_all(dir);
    }
    forget(dir);
}

/// The directory is no longer temporary (it was moved into place, or removed).
fn forget(dir: &Path) {
    if let Ok(mut live) = LIVE.lock() {
        live.retain(|d| d != dir);
    }
}

/// Whether concord made `dir`: it holds [`DONE_MARKER`] or [`TMP_MARKER`].
pub fn is_concord_dir(dir: &Path) -> bool {
    dir.is_dir() && (dir.join(DONE_MARKER).is_file() || dir.join(TMP_MARKER).is_file())
}

/// Write `tmp/DONE_MARKER` with `body` and sync it, after syncing every file of `tmp`, then
/// drop [`TMP_MARKER`]: from here on the directory is a finished output.
pub fn seal(tmp: &Path, body: &[u8]) -> Result<()> {
    for entry in std::fs::read_dir(tmp).with_context(|| format!("cannot read {}", tmp.display()))? {
        let path = entry
            .with_context(|| format!("cannot read {}", tmp.display()))?
            .path();
        File::open(&path)
            .and_then(|f| f.sync_all())
            .with_context(|| format!("cannot sync {}", path.display()))?;
    }
    let marker = tmp.join(DONE_MARKER);
    File::create(&marker)
        .and_then(|mut f| {
            f.write_all(body)?;
            f.sync_all()
        })
        .with_context(|| format!("cannot write {}", marker.display()))?;
    std::fs::remove_file(tmp.join(TMP_MARKER))
        .with_context(|| format!("cannot remove {}", tmp.join(TMP_MARKER).display()))?;
    Ok(())
}

/// Move the sealed `tmp` into place as `final_dir`. An earlier `final_dir` must be concord's
/// (the caller checks, with its own rule: see [`replaceable`]): it is moved aside to `old`, and removed once the
/// new one is in place. At every point a crash leaves the old or the new directory, whole,
/// under `final_dir` or `old` (see [`restore_aside`]).
pub fn swap_into_place(tmp: &Path, final_dir: &Path, old: &Path) -> Result<()> {
    if final_dir.exists() || final_dir.is_symlink() {
        if !final_dir.is_dir() || final_dir.is_symlink() {
            anyhow::bail!(
                "{} exists and is not a directory concord wrote; not replaced",
                final_dir.display()
            );
        }
        std::fs::rename(final_dir, old)
            .with_context(|| format!("cannot move {} aside", final_dir.display()))?;
        std::fs::rename(tmp, final_dir)
            .with_context(|| format!("cannot move {} into place", tmp.display()))?;
        forget(tmp);
        std::fs::remove_dir_all(old)
            .with_context(|| format!("cannot remove the earlier {}", old.display()))?;
    } else {
        std::fs::rename(tmp, final_dir)
            .with_context(|| format!("cannot move {} into place", tmp.display()))?;
        forget(tmp);
    }
    Ok(())
}

/// Whether concord may replace the existing `dir` with a new output: it holds [`DONE_MARKER`],
/// or (`compare` of earlier versions, or a directory made empty for the purpose) nothing but
/// files named in `own_files`. Never a symbolic link.
pub fn replaceable(dir: &Path, own_files: &[&str]) -> Result<(), String> {
    if dir.is_symlink() || !dir.is_dir() {
        return Err(format!("{} exists and is not a directory", dir.display()));
    }
    if dir.join(DONE_MARKER).is_file() {
        return Ok(());
    }
    let entries =
        std::fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    for entry in entries {
        let entry = entry.map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if !own_files.contains(&name.as_ref()) || !entry.path().is_file() {
            return Err(format!(
                "{} exists and holds {name}, which concord did not write (no {DONE_MARKER} \
                 marker); not replaced: move it or choose another --out",
                dir.display()
            ));
        }
    }
    Ok(())
}

/// After a crash between the two renames of [`swap_into_place`]: `final_dir` is missing and
/// its earlier version is at `old`: put it back.
pub fn restore_aside(final_dir: &Path, old: &Path) {
    if !final_dir.exists() && is_concord_dir(old) {
        let _ = std::fs::rename(old, final_dir);
    }
}

/// Whether `name` is `<base><tag><digits>`: a temporary or set-aside name this tool makes.
pub fn tagged_name<'a>(name: &'a str, tag: &str) -> Option<&'a str> {
    let at = name.rfind(tag)?;
    let digits = &name[at + tag.len()..];
    (!digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())).then(|| &name[..at])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tagged_names_end_in_a_process_id() {
        let cases = [
            ("earn.tmp-123", ".tmp-", Some("earn")),
            ("earn.tmp-", ".tmp-", None),
            ("photos.tmp-9x", ".tmp-", None),
            ("a.tmp-1.tmp-22", ".tmp-", Some("a.tmp-1")),
            ("earn", ".tmp-", None),
        ];
        for (name, tag, want) in cases {
            assert_eq!(tagged_name(name, tag), want, "{name}");
        }
    }

    #[test]
    fn only_marked_directories_are_concords() {
        let base = tempfile::tempdir().unwrap();
        let foreign = base.path().join("photos.tmp-9");
        std::fs::create_dir(&foreign).unwrap();
        std::fs::write(foreign.join("f"), "x").unwrap();
        assert!(!is_concord_dir(&foreign));
        assert!(create_temp_dir(&foreign, "t").is_err());
        assert!(
            foreign.join("f").is_file(),
            "a foreign directory is not touched"
        );
        let ours = base.path().join("set.tmp-1");
        create_temp_dir(&ours, "t").unwrap();
        assert!(is_concord_dir(&ours));
        discard_temp_dir(&ours);
        assert!(!ours.exists());
    }
}
