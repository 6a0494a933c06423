//! Writing results to disk: every file dgplan writes goes through
//! [`write_all_atomic`] or, for a country's folder, [`replace_folder`], so
//! none is ever left half-written, a failed run changes nothing, and no
//! link planted where dgplan writes is ever followed.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::plan::Plan;

mod folder;
pub use folder::{
    Blocked, FolderLock, Keep, Leftover, NotReplaced, TEMPORARY_PREFIX, lock_folder, remove_stale,
    replace_folder, sync_folder,
};

/// The folder for one country's outputs: `OUT/<iso3 in lower case>`. The code
/// was checked against ISO 3166-1, so it cannot name another folder.
pub fn country_folder(out: &Path, plan: &Plan) -> PathBuf {
    out.join(plan.country.iso3.to_lowercase())
}

/// `plan.json`, pretty-printed with a final newline.
pub fn plan_json(plan: &Plan) -> String {
    let mut text = serde_json::to_string_pretty(plan).expect("a plan always serialises");
    text.push('\n');
    text
}

/// Why files were not written. Nothing was: the files there before, if
/// any, are unchanged.
#[derive(Debug)]
pub struct WriteError {
    /// The folder, or the file in the way.
    pub path: PathBuf,
    pub problem: Problem,
}

/// What went wrong at [`WriteError::path`].
#[derive(Debug)]
pub enum Problem {
    /// The path given as the folder to write into is something else: what.
    NotAFolder(String),
    /// Something that is not a file stands where a file must go: what.
    InTheWay(String),
    /// The system refused (no permission, a full disk).
    Io(io::Error),
}

impl std::fmt::Display for WriteError {
    /// `PATH: what is wrong` (without the consequence or a hint).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let path = self.path.display();
        match &self.problem {
            Problem::NotAFolder(what) => write!(f, "{path}: is {what}, not a folder"),
            Problem::InTheWay(what) => write!(
                f,
                "{path}: is {what}, where dgplan must write a file of that name"
            ),
            Problem::Io(error) => write!(f, "{path}: cannot write there: {error}"),
        }
    }
}

impl WriteError {
    /// What to do about it.
    pub fn hint(&self) -> String {
        match &self.problem {
            Problem::NotAFolder(_) => {
                "give the path of a folder (it is created if it does not exist)".to_string()
            }
            Problem::InTheWay(_) => "move or rename it, or write into another folder".to_string(),
            Problem::Io(error) if error.kind() == io::ErrorKind::PermissionDenied => format!(
                "make the folder writable (chmod u+w {}), or write into another folder",
                self.path.display()
            ),
            Problem::Io(_) => {
                "check that you may write in that folder and that the disk has room".to_string()
            }
        }
    }

    fn io(path: &Path, error: io::Error) -> Self {
        WriteError {
            path: path.to_path_buf(),
            problem: Problem::Io(plain(error)),
        }
    }
}

/// The system's own error without a temporary file's name added to it
/// (the `tempfile` crate adds "at path .../.dgplan-tmp-XXXX").
fn plain(error: io::Error) -> io::Error {
    match error.raw_os_error() {
        Some(_) => error,
        None if error.get_ref().is_some() => io::Error::from(error.kind()),
        None => error,
    }
}

/// What a path is, in words: "a file", "a folder", "a named pipe"...
/// (`meta` from `symlink_metadata`, so a link is "a link").
pub fn what_it_is(path: &Path, meta: &fs::Metadata) -> String {
    let kind = meta.file_type();
    if kind.is_symlink() {
        return match (fs::read_link(path), fs::metadata(path)) {
            (Ok(target), Err(_)) => format!(
                "a broken link (to {}, which does not exist)",
                target.display()
            ),
            _ => "a link".to_string(),
        };
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a named pipe".to_string();
        }
        if kind.is_socket() {
            return "a socket".to_string();
        }
        if kind.is_block_device() || kind.is_char_device() {
            return "a device".to_string();
        }
    }
    match kind.is_dir() {
        true => "a folder".to_string(),
        false => "a file".to_string(),
    }
}

/// Makes sure `folder` is a folder, creating it (and its parents) if there
/// is nothing there; a link to a folder will do.
pub fn ensure_folder(folder: &Path) -> Result<(), WriteError> {
    match fs::symlink_metadata(folder) {
        Err(error) if error.kind() == io::ErrorKind::NotFound => {
            fs::create_dir_all(folder).map_err(|error| WriteError::io(folder, error))
        }
        Err(error) => Err(WriteError::io(folder, error)),
        Ok(_) if folder.is_dir() => Ok(()),
        Ok(meta) => Err(WriteError {
            path: folder.to_path_buf(),
            problem: Problem::NotAFolder(what_it_is(folder, &meta)),
        }),
    }
}

/// Writes a file so that it is either wholly written or not changed at all:
/// see [`write_all_atomic`].
pub fn write_atomic(path: &Path, contents: &[u8]) -> Result<(), WriteError> {
    let folder = parent(path);
    let name = path.file_name().unwrap_or(path.as_os_str());
    write_all_atomic(folder, &[(name, contents)])
}

/// Writes files into `folder` (created if needed) so that each is either
/// wholly written or not changed at all, and a failure while writing (a
/// full disk) changes none of them: first every destination is checked (a folder or a pipe
/// where a file must go is an error naming it); then every file goes to a
/// temporary file beside it, with an unpredictable name, created
/// exclusively, so that a link planted there is never followed; only when
/// all are written and flushed to disk do they replace the files, one
/// rename each. A link in place of one of the files is replaced itself,
/// never the file it points to.
pub fn write_all_atomic<N: AsRef<std::ffi::OsStr>>(
    folder: &Path,
    files: &[(N, &[u8])],
) -> Result<(), WriteError> {
    ensure_folder(folder)?;
    for (name, _) in files {
        let path = folder.join(name.as_ref());
        match fs::symlink_metadata(&path) {
            Ok(meta) if !meta.is_file() && !meta.file_type().is_symlink() => {
                let what = what_it_is(&path, &meta);
                return Err(WriteError {
                    path,
                    problem: Problem::InTheWay(what),
                });
            }
            _ => {}
        }
    }
    let fail = |error| WriteError::io(folder, error);
    let mut written = Vec::with_capacity(files.len());
    for (name, contents) in files {
        let mut file = folder::temporary_file(folder).map_err(fail)?;
        file.write_all(contents).map_err(fail)?;
        file.as_file().sync_all().map_err(fail)?;
        written.push((file, folder.join(name.as_ref())));
    }
    // Dropping a temporary file that was not put in place removes it.
    for (file, path) in written {
        file.persist(path).map_err(|e| fail(e.error))?;
    }
    folder::sync_folder(folder).map_err(fail)
}

/// The folder a path is in: `.` for a bare file name.
fn parent(path: &Path) -> &Path {
    match path.parent() {
        Some(folder) if !folder.as_os_str().is_empty() => folder,
        _ => Path::new("."),
    }
}

/// The plan's date: from `SOURCE_DATE_EPOCH` (seconds since 1970) when set,
/// so that builds are reproducible, else today (UTC).
pub fn generation_date(source_date_epoch: Option<&str>) -> Result<String, String> {
    let out_of_range = |shown: &str| {
        format!(
            "SOURCE_DATE_EPOCH {shown} is outside 0 (1970-01-01) to {LAST_SECOND_OF_9999} (9999-12-31): give the seconds since 1970-01-01, such as 1798502400 for 2026-12-29, or unset it to use today's date"
        )
    };
    // Empty counts as unset, as in most tools that read it.
    let seconds = match source_date_epoch.map(str::trim).filter(|t| !t.is_empty()) {
        Some(text) => match text.parse::<i64>() {
            Ok(seconds) => seconds,
            Err(_)
                if text
                    .trim_start_matches('-')
                    .bytes()
                    .all(|b| b.is_ascii_digit()) =>
            {
                return Err(out_of_range(text));
            }
            Err(_) => {
                return Err(format!(
                    "SOURCE_DATE_EPOCH must be a whole number of seconds since 1970-01-01, found \"{}\"",
                    crate::diagnostics::escape_controls(text)
                ));
            }
        },
        None => std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs() as i64)
            .unwrap_or(0),
    };
    if !(0..=LAST_SECOND_OF_9999).contains(&seconds) {
        return Err(out_of_range(&seconds.to_string()));
    }
    let (y, m, d) = civil_from_days(seconds.div_euclid(86_400));
    Ok(format!("{y:04}-{m:02}-{d:02}"))
}

/// 9999-12-31 23:59:59 UTC in seconds since 1970: dates have four-digit years.
const LAST_SECOND_OF_9999: i64 = 253_402_300_799;

/// Seconds since 1970 at midnight UTC of a `YYYY-MM-DD` date.
pub fn date_to_epoch(date: &str) -> Option<i64> {
    let mut parts = date.split('-').map(|p| p.parse::<i64>().ok());
    let (y, m, d) = (parts.next()??, parts.next()??, parts.next()??);
    // Inverse of civil_from_days.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some((era * 146_097 + doe - 719_468) * 86_400)
}

/// Calendar date from days since 1970-01-01 (proleptic Gregorian), after
/// Howard Hinnant's public-domain algorithm.
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + if m <= 2 { 1 } else { 0 };
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_date_epoch_sets_the_date() {
        assert_eq!(generation_date(Some("0")).unwrap(), "1970-01-01");
        assert_eq!(generation_date(Some("1798502400")).unwrap(), "2026-12-29");
        assert_eq!(generation_date(Some("951782400")).unwrap(), "2000-02-29");
        assert!(generation_date(Some("yesterday")).is_err());
        assert_eq!(date_to_epoch("2026-12-29"), Some(1_798_502_400));
        assert_eq!(date_to_epoch("1970-01-01"), Some(0));
    }

    #[test]
    fn source_date_epoch_before_1970_or_after_9999_is_refused() {
        assert!(generation_date(Some("-1")).is_err());
        assert!(generation_date(Some("253402300800")).is_err());
        assert_eq!(generation_date(Some("253402300799")).unwrap(), "9999-12-31");
        let huge = generation_date(Some("99999999999999999999")).unwrap_err();
        assert!(huge.contains("99999999999999999999 is outside"), "{huge}");
    }

    #[test]
    fn an_empty_source_date_epoch_counts_as_unset() {
        assert_eq!(generation_date(Some("")), generation_date(None));
        assert_eq!(generation_date(Some("  ")), generation_date(None));
    }

    #[test]
    fn atomic_write_leaves_no_temporary_file() {
        let dir = std::env::temp_dir().join(format!("dgplan-atomic-{}", std::process::id()));
        let path = dir.join("plan.json");
        write_atomic(&path, b"{}\n").unwrap();
        write_atomic(&path, b"{\"a\":1}\n").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "{\"a\":1}\n");
        let names: Vec<_> = fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("plan.json")]);
        fs::remove_dir_all(dir).unwrap();
    }
}
