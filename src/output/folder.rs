//! A country's folder as one unit, and runs into one folder taking turns.
//!
//! [`replace_folder`] writes every file into a fresh temporary folder beside
//! the country's folder and then puts it in place in one step, so a reader
//! sees the old set of files or the new set, never a mix, and a failure
//! leaves the old folder as it was. [`lock_folder`] makes a second run into
//! the same output folder wait; only the run holding the lock removes what
//! killed runs left behind ([`remove_stale`]), so it never removes a folder
//! another run is still writing.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// How every temporary file and folder dgplan makes begins, so that one a
/// killed run left behind can be recognised and removed.
pub const TEMPORARY_PREFIX: &str = ".dgplan-tmp-";

/// Where the old copy of a country's folder waits while the new one is
/// renamed in, where the system cannot exchange two folders in one step:
/// `.dgplan-old-fji`. A run killed between the two renames leaves the old
/// plan there and no `fji`; the next run puts it back rather than deleting
/// it, so nothing of the user's is lost.
const ASIDE_PREFIX: &str = ".dgplan-old-";

/// Files earlier versions of dgplan wrote through a temporary file named
/// `.NAME.<process id>.tmp`: country files and comparison files.
const EARLIER_NAMES: [&str; 11] = [
    "master-plan.md",
    "roadmap.md",
    "master-plan.pdf",
    "readiness.svg",
    "roadmap.svg",
    "costs.svg",
    "plan.json",
    "comparison.md",
    "comparison.pdf",
    "comparison.csv",
    "comparison.json",
];

/// A new temporary file in `folder`: an unpredictable name with the dgplan
/// prefix, created exclusively (a link already there is an error, never
/// followed), readable as an ordinary file is once in place.
pub(super) fn temporary_file(folder: &Path) -> io::Result<tempfile::NamedTempFile> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(TEMPORARY_PREFIX);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // As `File::create` makes files: 0666 less the user's umask.
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    builder.tempfile_in(folder)
}

/// Flushes a folder's list of names to disk, so that files renamed into it
/// survive a power cut. Does nothing where folders cannot be opened.
pub fn sync_folder(folder: &Path) -> io::Result<()> {
    #[cfg(unix)]
    fs::File::open(folder)?.sync_all()?;
    #[cfg(not(unix))]
    let _ = folder;
    Ok(())
}

/// Whether a name is a temporary file or folder a dgplan run left behind:
/// this version's prefix, or `.NAME.<digits>.tmp` for a file NAME that
/// earlier versions wrote. `in_country` says whether the name is in a
/// country's folder (country files) or in the output folder (comparison
/// files).
pub fn is_stale(name: &str, in_country: bool) -> bool {
    if name.starts_with(TEMPORARY_PREFIX) {
        return true;
    }
    let Some(middle) = name
        .strip_prefix('.')
        .and_then(|rest| rest.strip_suffix(".tmp"))
    else {
        return false;
    };
    let Some((file, digits)) = middle.rsplit_once('.') else {
        return false;
    };
    let country_file = !file.starts_with("comparison.");
    !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
        && EARLIER_NAMES.contains(&file)
        && country_file == in_country
}

/// Removes what killed runs left in `out`: temporary files and folders,
/// never following a link (a link is removed itself) and never crossing
/// into another file system. Call only while holding the folder's lock.
/// Returns what could not be removed.
pub fn remove_stale(out: &Path) -> Vec<Leftover> {
    let Ok(entries) = fs::read_dir(out) else {
        return Vec::new();
    };
    let mut left = Vec::new();
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name();
        let Some(name) = name.to_str() else {
            continue;
        };
        if let Some(country) = name.strip_prefix(ASIDE_PREFIX) {
            let original = out.join(country);
            let is_folder = entry.file_type().is_ok_and(|t| t.is_dir());
            if is_folder && fs::symlink_metadata(&original).is_err() {
                // The swap stopped half-way: the old plan is the only one.
                if let Err(err) = fs::rename(entry.path(), &original) {
                    left.push(Leftover {
                        path: entry.path(),
                        blocked: Blocked::Io(original, err),
                    });
                }
                continue;
            }
        } else if !is_stale(name, false) {
            continue;
        }
        let path = entry.path();
        // `file_type` does not follow links.
        let gone = match entry.file_type() {
            Ok(kind) if kind.is_dir() => remove_tree(&path),
            Ok(_) => fs::remove_file(&path).map_err(|e| Blocked::Io(path.clone(), e)),
            Err(err) => Err(Blocked::Io(path.clone(), err)),
        };
        if let Err(blocked) = gone {
            left.push(Leftover { path, blocked });
        }
    }
    left
}

/// A folder dgplan meant to remove and could not: the old copy of a
/// country's folder, or what a killed run left.
#[derive(Debug)]
pub struct Leftover {
    pub path: PathBuf,
    pub blocked: Blocked,
}

/// What stopped a removal.
#[derive(Debug)]
pub enum Blocked {
    /// Another file system is mounted at this path inside it.
    Mount(PathBuf),
    /// The system refused to remove this path (often: a write-protected
    /// folder).
    Io(PathBuf, io::Error),
}

impl Leftover {
    /// Why it is still there.
    pub fn reason(&self) -> String {
        match &self.blocked {
            Blocked::Mount(at) => format!(
                "another file system is mounted at {} inside it, and dgplan never removes files across file systems",
                at.display()
            ),
            Blocked::Io(at, error) => format!("{}: {error}", at.display()),
        }
    }

    /// What to do about it.
    pub fn hint(&self) -> String {
        let path = self.path.display();
        match &self.blocked {
            Blocked::Mount(at) => format!(
                "unmount it (umount {}), then remove the folder (rm -r {path})",
                at.display()
            ),
            Blocked::Io(..) => format!(
                "make its folders writable (chmod -R u+w {path}), then remove it (rm -r {path})"
            ),
        }
    }
}

/// A held lock on an output folder; dropping it lets the next run in.
pub struct FolderLock {
    file: Option<fs::File>,
}

impl FolderLock {
    /// Whether the lock is really held: false where the file system has no
    /// locks, in which case nothing stale is removed.
    pub fn held(&self) -> bool {
        self.file.is_some()
    }
}

/// Takes the advisory lock of output folder `out` (created if needed) for
/// the run. When another run holds it, calls `waiting` once and waits for
/// it. The lock is on the folder itself, so it leaves no file behind; where
/// a folder cannot be locked (some network file systems), a lock file
/// `.dgplan.lock` in it is used instead, and where neither can be locked the
/// run goes on unlocked: each country's folder is still replaced whole.
pub fn lock_folder(out: &Path, waiting: &dyn Fn()) -> Result<FolderLock, super::WriteError> {
    super::ensure_folder(out)?;
    #[cfg(unix)]
    if let Ok(folder) = fs::File::open(out)
        && let Some(file) = take_lock(folder, waiting)
    {
        return Ok(FolderLock { file: Some(file) });
    }
    let file = fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(out.join(".dgplan.lock"))
        .map_err(|error| super::WriteError::io(out, error))?;
    Ok(FolderLock {
        file: take_lock(file, waiting),
    })
}

/// Locks `file`, waiting (after calling `waiting`) if another holds it; None
/// when the file cannot be locked at all.
fn take_lock(file: fs::File, waiting: &dyn Fn()) -> Option<fs::File> {
    match file.try_lock() {
        Ok(()) => Some(file),
        Err(fs::TryLockError::WouldBlock) => {
            waiting();
            file.lock().ok().map(|()| file)
        }
        Err(fs::TryLockError::Error(_)) => None,
    }
}

/// Why a folder was not replaced.
#[derive(Debug)]
pub enum NotReplaced {
    /// The path is not a folder dgplan may replace (a link, a file): what it is.
    Refused(String),
    /// The old folder could not be removed once replaced, so it is kept as
    /// it is: `path`, in it or the folder itself, is why.
    Kept { path: PathBuf, why: Keep },
    /// Writing failed; the old folder is unchanged.
    Io(io::Error),
}

/// Why an old folder is kept rather than replaced.
#[derive(Debug, PartialEq)]
pub enum Keep {
    /// Another file system is mounted there.
    Mount,
    /// A folder that cannot be written, so its entries cannot be removed.
    Protected,
}

impl From<io::Error> for NotReplaced {
    fn from(error: io::Error) -> Self {
        NotReplaced::Io(error)
    }
}

/// Replaces `folder` with one holding `files`, as one unit: the files are
/// written into a fresh temporary folder beside it and flushed to disk;
/// what else the old folder holds (a user's notes, subfolders) is carried
/// over by hard link (copied where links are not possible), except what a
/// killed run left; then the new folder takes the old one's place in one
/// step and the old one is removed. On any failure the old folder stays as
/// it was and the temporary folder is removed. A link or a file at
/// `folder` is refused, never followed or replaced; so is an old folder
/// that could not be removed afterwards (another file system mounted in
/// it, a write-protected folder), before anything is written. The parent
/// folder must exist; call [`sync_folder`] on it once all folders are
/// replaced. Returns the old copy if, after all, it could not be removed.
pub fn replace_folder(
    folder: &Path,
    files: &[(&str, &[u8])],
) -> Result<Option<Leftover>, NotReplaced> {
    let out = super::parent(folder);
    let old = existing_folder(folder)?;
    let device = match old {
        Some(_) => Some(check_removable(folder, files)?),
        None => None,
    };
    let new = tempfile::Builder::new()
        .prefix(TEMPORARY_PREFIX)
        .tempdir_in(out)?;
    for (name, contents) in files {
        write_new(&new.path().join(name), contents)?;
    }
    if let (Some(permissions), Some(device)) = (old, device) {
        carry_over(folder, new.path(), device)?;
        fs::set_permissions(new.path(), permissions)?;
    }
    sync_folder(new.path())?;
    // On an error below, dropping `new` removes the temporary folder.
    if existing_folder(folder)?.is_none() {
        fs::rename(new.path(), folder)?;
        let _ = new.keep();
        return Ok(None);
    }
    let old = swap(new.path(), folder)?;
    // Never `remove_dir_all`: it would cross into a mount.
    let _ = new.keep();
    Ok(remove_tree(&old)
        .err()
        .map(|blocked| Leftover { path: old, blocked }))
}

/// The permissions of the folder at `path` if there is one; None if there
/// is nothing; refused if it is a link or not a folder.
fn existing_folder(path: &Path) -> Result<Option<fs::Permissions>, NotReplaced> {
    match fs::symlink_metadata(path) {
        Err(err) if err.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(err) => Err(NotReplaced::Io(err)),
        Ok(meta) if meta.file_type().is_symlink() => {
            Err(NotReplaced::Refused(super::what_it_is(path, &meta)))
        }
        Ok(meta) if !meta.is_dir() => Err(NotReplaced::Refused(format!(
            "{}, not a folder",
            super::what_it_is(path, &meta)
        ))),
        Ok(meta) => Ok(Some(meta.permissions())),
    }
}

/// Checks, before anything is written, that the old folder could be
/// removed once replaced: it is on the output folder's file system and
/// writable, and so is every folder in it, no other file system is
/// mounted in it. dgplan's own files in it (`files`) are not looked at, so
/// only what the user added costs time. Returns the folder's device.
fn check_removable(folder: &Path, files: &[(&str, &[u8])]) -> Result<u64, NotReplaced> {
    let meta = fs::symlink_metadata(folder)?;
    let device = device(&meta);
    if device != device_of(super::parent(folder))? {
        return Err(kept(folder, Keep::Mount));
    }
    let own: Vec<&str> = files.iter().map(|(name, _)| *name).collect();
    check_tree(folder, device, &own)?;
    Ok(device)
}

/// [`check_removable`] for one folder and what it holds, skipping the
/// files named in `own`.
fn check_tree(folder: &Path, device: u64, own: &[&str]) -> Result<(), NotReplaced> {
    if !writable(folder) {
        return Err(kept(folder, Keep::Protected));
    }
    for entry in fs::read_dir(folder)? {
        let entry = entry?;
        let kind = entry.file_type()?;
        let name = entry.file_name();
        let own_file = kind.is_file() && name.to_str().is_some_and(|n| own.contains(&n));
        if own_file || kind.is_symlink() {
            continue;
        }
        // Not following links.
        if device_of_entry(&entry)? != device {
            return Err(kept(&entry.path(), Keep::Mount));
        }
        if kind.is_dir() {
            check_tree(&entry.path(), device, &[])?;
        }
    }
    Ok(())
}

fn kept(path: &Path, why: Keep) -> NotReplaced {
    NotReplaced::Kept {
        path: path.to_path_buf(),
        why,
    }
}

/// Whether entries can be added to and removed from a folder by this user.
fn writable(folder: &Path) -> bool {
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::Access;
        let wanted = Access::READ_OK | Access::WRITE_OK | Access::EXEC_OK;
        rustix::fs::access(folder, wanted).is_ok()
    }
    #[cfg(not(target_os = "linux"))]
    fs::metadata(folder).is_ok_and(|meta| !meta.permissions().readonly())
}

/// The file system a path is on (0 where the system does not say).
fn device(meta: &fs::Metadata) -> u64 {
    #[cfg(unix)]
    return std::os::unix::fs::MetadataExt::dev(meta);
    #[cfg(not(unix))]
    {
        let _ = meta;
        0
    }
}

fn device_of(path: &Path) -> io::Result<u64> {
    fs::metadata(path).map(|meta| device(&meta))
}

fn device_of_entry(entry: &fs::DirEntry) -> io::Result<u64> {
    entry.metadata().map(|meta| device(&meta))
}

/// Removes the folder `path` and all it holds, never following a link and
/// never crossing into another file system: a folder with something
/// mounted in it keeps that and the folders leading to it. Goes on past
/// what it cannot remove and reports the first.
#[cfg(target_os = "linux")]
pub(super) fn remove_tree(path: &Path) -> Result<(), Blocked> {
    use rustix::fs::{AtFlags, CWD, Mode, OFlags};
    let io = |error: rustix::io::Errno| Blocked::Io(path.to_path_buf(), error.into());
    let flags = OFlags::RDONLY | OFlags::DIRECTORY | OFlags::NOFOLLOW | OFlags::CLOEXEC;
    let fd = rustix::fs::openat(CWD, path, flags, Mode::empty()).map_err(io)?;
    let device = rustix::fs::fstat(&fd).map_err(io)?.st_dev;
    empty_folder(&fd, path, device)?;
    rustix::fs::unlinkat(CWD, path, AtFlags::REMOVEDIR).map_err(io)
}

/// Removes what the open folder `fd` (at `path`, on `device`) holds; see
/// [`remove_tree`].
#[cfg(target_os = "linux")]
fn empty_folder(fd: &rustix::fd::OwnedFd, path: &Path, device: u64) -> Result<(), Blocked> {
    use rustix::fs::{AtFlags, Mode, OFlags};
    use std::os::unix::ffi::OsStrExt;
    let io = |at: &Path, error: rustix::io::Errno| Blocked::Io(at.to_path_buf(), error.into());
    let mut first = None;
    let mut dir = rustix::fs::Dir::read_from(fd).map_err(|e| io(path, e))?;
    while let Some(entry) = dir.read() {
        let entry = entry.map_err(|e| io(path, e))?;
        let name = entry.file_name();
        if matches!(name.to_bytes(), b"." | b"..") {
            continue;
        }
        let at = path.join(std::ffi::OsStr::from_bytes(name.to_bytes()));
        let flags = OFlags::RDONLY | OFlags::DIRECTORY | OFlags::NOFOLLOW | OFlags::CLOEXEC;
        let removed = match rustix::fs::openat(fd, name, flags, Mode::empty()) {
            Ok(sub) => match rustix::fs::fstat(&sub) {
                Ok(stat) if stat.st_dev != device => Err(Blocked::Mount(at.clone())),
                Ok(_) => empty_folder(&sub, &at, device).and_then(|()| {
                    rustix::fs::unlinkat(fd, name, AtFlags::REMOVEDIR).map_err(|e| io(&at, e))
                }),
                Err(error) => Err(io(&at, error)),
            },
            // Not a folder (a file, a link): removed itself.
            Err(rustix::io::Errno::NOTDIR | rustix::io::Errno::LOOP) => {
                rustix::fs::unlinkat(fd, name, AtFlags::empty()).map_err(|e| io(&at, e))
            }
            Err(error) => Err(io(&at, error)),
        };
        if let Err(blocked) = removed {
            first.get_or_insert(blocked);
        }
    }
    first.map_or(Ok(()), Err)
}

/// Removes the folder `path` and all it holds, never following a link and
/// never crossing into another file system (by path, where the system
/// offers no better).
#[cfg(not(target_os = "linux"))]
pub(super) fn remove_tree(path: &Path) -> Result<(), Blocked> {
    fn remove(path: &Path, device: u64) -> Result<(), Blocked> {
        let io = |error| Blocked::Io(path.to_path_buf(), error);
        let meta = fs::symlink_metadata(path).map_err(io)?;
        if !meta.is_dir() {
            return fs::remove_file(path).map_err(io);
        }
        if self::device(&meta) != device {
            return Err(Blocked::Mount(path.to_path_buf()));
        }
        let mut first = None;
        for entry in fs::read_dir(path).map_err(io)? {
            let entry = entry.map_err(io)?;
            if let Err(blocked) = remove(&entry.path(), device) {
                first.get_or_insert(blocked);
            }
        }
        match first {
            Some(blocked) => Err(blocked),
            None => fs::remove_dir(path).map_err(io),
        }
    }
    let device = device_of(path).map_err(|e| Blocked::Io(path.to_path_buf(), e))?;
    remove(path, device)
}

/// Writes a new file, failing if anything is already there.
fn write_new(path: &Path, contents: &[u8]) -> io::Result<()> {
    use std::io::Write;
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?;
    file.write_all(contents)?;
    file.sync_all()
}

/// Carries into `to` every entry of the old folder `from` that `to` does not
/// already hold and that no killed run left.
fn carry_over(from: &Path, to: &Path, device: u64) -> io::Result<()> {
    for entry in fs::read_dir(from)? {
        let entry = entry?;
        let name = entry.file_name();
        let stale = name.to_str().is_some_and(|n| is_stale(n, true));
        let target = to.join(&name);
        if stale || fs::symlink_metadata(&target).is_ok() {
            continue;
        }
        carry(&entry.path(), &target, device)?;
    }
    Ok(())
}

/// One entry, never following a link: a folder is made anew and its
/// entries carried; a link is made again with the same target; anything
/// else is hard-linked, or copied if it is a file that cannot be linked.
/// Nothing on another file system than `device` is carried.
fn carry(from: &Path, to: &Path, device: u64) -> io::Result<()> {
    let meta = fs::symlink_metadata(from)?;
    if self::device(&meta) != device {
        return Err(io::Error::other(format!(
            "{} is on another file system",
            from.display()
        )));
    }
    if meta.file_type().is_symlink() {
        #[cfg(unix)]
        return std::os::unix::fs::symlink(fs::read_link(from)?, to);
    }
    if meta.is_dir() {
        fs::create_dir(to)?;
        for entry in fs::read_dir(from)? {
            let entry = entry?;
            carry(&entry.path(), &to.join(entry.file_name()), device)?;
        }
        return fs::set_permissions(to, meta.permissions());
    }
    match fs::hard_link(from, to) {
        Err(_) if meta.is_file() => fs::copy(from, to).map(|_| ()),
        linked => linked,
    }
}

/// Puts the folder `new` in the place of `target`, which exists, in one
/// step where the system can, and returns where the old folder now is.
#[cfg(target_os = "linux")]
fn swap(new: &Path, target: &Path) -> io::Result<PathBuf> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    use rustix::io::Errno;
    match renameat_with(CWD, new, CWD, target, RenameFlags::EXCHANGE) {
        Ok(()) => Ok(new.to_path_buf()),
        // The file system or kernel cannot exchange.
        Err(Errno::INVAL | Errno::NOSYS | Errno::OPNOTSUPP) => swap_by_renames(new, target),
        Err(errno) => Err(errno.into()),
    }
}

#[cfg(not(target_os = "linux"))]
fn swap(new: &Path, target: &Path) -> io::Result<PathBuf> {
    swap_by_renames(new, target)
}

/// Puts `new` in the place of `target` with two renames: the old folder
/// aside, then the new one in. Readers may briefly find no folder, never a
/// mix of the two; if the second rename fails the old one is put back.
fn swap_by_renames(new: &Path, target: &Path) -> io::Result<PathBuf> {
    let mut name = std::ffi::OsString::from(ASIDE_PREFIX);
    name.push(target.file_name().unwrap_or_default());
    let aside = target.with_file_name(name);
    fs::rename(target, &aside)?;
    if let Err(error) = fs::rename(new, target) {
        let _ = fs::rename(&aside, target);
        return Err(error);
    }
    Ok(aside)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(folder: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(folder)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn stale_names_are_recognised_and_nothing_else() {
        assert!(is_stale(".dgplan-tmp-a1B2c3", true));
        assert!(is_stale(".dgplan-tmp-a1B2c3", false));
        assert!(is_stale(".plan.json.4242.tmp", true));
        assert!(is_stale(".comparison.pdf.7.tmp", false));
        assert!(!is_stale(".comparison.pdf.7.tmp", true));
        assert!(!is_stale(".plan.json.4242.tmp", false));
        assert!(!is_stale(".notes.md.4242.tmp", true));
        assert!(!is_stale(".plan.json.tmp", true));
        assert!(!is_stale(".plan.json.42a.tmp", true));
        assert!(!is_stale("plan.json", true));
    }

    #[test]
    fn a_folder_is_replaced_whole_and_user_files_carried_over() {
        let out = tempfile::tempdir().unwrap();
        let folder = out.path().join("fji");
        replace_folder(&folder, &[("plan.json", b"one"), ("roadmap.md", b"one")]).unwrap();
        fs::write(folder.join("notes.docx"), "ours").unwrap();
        fs::write(folder.join(".plan.json.12.tmp"), "stale").unwrap();
        replace_folder(&folder, &[("plan.json", b"two"), ("roadmap.md", b"two")]).unwrap();
        assert_eq!(names(&folder), ["notes.docx", "plan.json", "roadmap.md"]);
        assert_eq!(fs::read_to_string(folder.join("plan.json")).unwrap(), "two");
        assert_eq!(
            fs::read_to_string(folder.join("notes.docx")).unwrap(),
            "ours"
        );
        assert_eq!(names(out.path()), ["fji"]);
    }

    #[test]
    fn a_failed_write_leaves_the_old_folder_whole() {
        let out = tempfile::tempdir().unwrap();
        let folder = out.path().join("fji");
        replace_folder(&folder, &[("plan.json", b"one"), ("roadmap.md", b"one")]).unwrap();
        // The second name cannot be created (no such subfolder): the write
        // fails after the first file was written, as on a full disk.
        let failed = replace_folder(&folder, &[("plan.json", b"two"), ("x/roadmap.md", b"two")]);
        assert!(matches!(failed, Err(NotReplaced::Io(_))));
        assert_eq!(fs::read_to_string(folder.join("plan.json")).unwrap(), "one");
        assert_eq!(names(out.path()), ["fji"]);
    }

    #[test]
    fn swapping_by_renames_puts_the_new_folder_in_place() {
        let out = tempfile::tempdir().unwrap();
        let (old, new) = (out.path().join("fji"), out.path().join(".dgplan-tmp-n"));
        fs::create_dir(&old).unwrap();
        fs::write(old.join("plan.json"), "old").unwrap();
        fs::create_dir(&new).unwrap();
        fs::write(new.join("plan.json"), "new").unwrap();
        let aside = swap_by_renames(&new, &old).unwrap();
        assert_eq!(fs::read_to_string(old.join("plan.json")).unwrap(), "new");
        assert_eq!(fs::read_to_string(aside.join("plan.json")).unwrap(), "old");
        // Finished: the old copy is stale and goes.
        assert!(remove_stale(out.path()).is_empty());
        assert_eq!(names(out.path()), ["fji"]);
    }

    #[test]
    fn an_old_folder_left_aside_by_a_killed_swap_is_put_back() {
        // Killed between the two renames: no `fji`, the old plan (with the
        // user's notes) aside, the new one under a temporary name.
        let out = tempfile::tempdir().unwrap();
        let aside = out.path().join(".dgplan-old-fji");
        fs::create_dir(&aside).unwrap();
        fs::write(aside.join("notes.md"), "mine").unwrap();
        fs::create_dir(out.path().join(".dgplan-tmp-n")).unwrap();
        assert!(remove_stale(out.path()).is_empty());
        assert_eq!(names(out.path()), ["fji"]);
        let notes = out.path().join("fji/notes.md");
        assert_eq!(fs::read_to_string(notes).unwrap(), "mine");
    }

    #[test]
    fn stale_entries_are_removed_without_following_links() {
        let out = tempfile::tempdir().unwrap();
        let elsewhere = tempfile::tempdir().unwrap();
        fs::write(elsewhere.path().join("keep"), "x").unwrap();
        fs::create_dir(out.path().join(".dgplan-tmp-d")).unwrap();
        fs::write(out.path().join(".dgplan-tmp-d/plan.json"), "x").unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(elsewhere.path(), out.path().join(".dgplan-tmp-l")).unwrap();
        fs::write(out.path().join("notes.md"), "x").unwrap();
        remove_stale(out.path());
        assert_eq!(names(out.path()), ["notes.md"]);
        assert_eq!(names(elsewhere.path()), ["keep"]);
    }
}
