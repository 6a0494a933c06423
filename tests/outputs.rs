//! Output files: dgplan never writes through a link planted where it writes,
//! a country's folder is replaced as one unit (never a mix of two runs, never
//! half-written), runs into one folder take turns, what a killed run left is
//! cleaned up, and exported templates are not overwritten unless asked to.
//! Every test runs the real binary.

mod common;

use common::*;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use tempfile::TempDir;

fn path(p: &Path) -> String {
    p.display().to_string()
}

/// A file outside every folder dgplan is told to write into.
fn victim(dir: &TempDir) -> PathBuf {
    let victim = dir.path().join("victim.txt");
    std::fs::write(&victim, "precious\n").unwrap();
    victim
}

/// The Fiji sample with another lead institution, so that every document
/// shows which input it came from.
fn fiji_led_by(ministry: &str) -> TempDir {
    variant(
        "fiji",
        &[(
            "profile.toml",
            "lead_institution = \"Ministry of Communications\"",
            &format!("lead_institution = \"{ministry}\""),
        )],
    )
}

/// Names in `folder` that start with a dot, sorted.
fn hidden_names(folder: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    names.sort();
    names
}

/// Asserts that the text documents and plan.json of `folder` all name
/// `ministry` and none names `other`.
fn assert_from_one_run(folder: &Path, ministry: &str, other: &str) {
    for file in ["master-plan.md", "roadmap.md", "plan.json"] {
        let text = std::fs::read_to_string(folder.join(file)).unwrap();
        assert!(
            text.contains(ministry) && !text.contains(other),
            "{file} is not from the run for {ministry}"
        );
    }
}

#[test]
fn a_link_planted_with_the_old_temporary_name_is_not_written_through() {
    let elsewhere = TempDir::new().unwrap();
    let victim = victim(&elsewhere);
    let out = TempDir::new().unwrap();
    assert!(generate(&[&sample("fiji")], out.path()).status.success());
    let folder = out.path().join("fji");
    // plan.json itself a link, and the temporary name earlier versions used
    // (`.NAME.<pid>.tmp`) planted for the very process that runs: `exec`
    // keeps the shell's process id.
    std::fs::remove_file(folder.join("plan.json")).unwrap();
    symlink(&victim, folder.join("plan.json")).unwrap();
    let command = format!(
        "for f in master-plan.md roadmap.md master-plan.pdf plan.json; do ln -s '{v}' '{d}'/.$f.$$.tmp; done; exec dgplan generate '{s}' --out '{o}'",
        v = path(&victim),
        d = path(&folder),
        s = path(&sample("fiji")),
        o = path(out.path()),
    );
    let output = shell(out.path(), &command);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious\n");
    let plan = std::fs::symlink_metadata(folder.join("plan.json")).unwrap();
    assert!(plan.is_file(), "plan.json is still a link");
    assert!(
        std::fs::read_to_string(folder.join("plan.json"))
            .unwrap()
            .contains("\"schema\"")
    );
    assert_eq!(hidden_names(&folder), Vec::<String>::new());
}

#[test]
fn manual_pages_do_not_write_through_a_link() {
    let elsewhere = TempDir::new().unwrap();
    let victim = victim(&elsewhere);
    let dir = TempDir::new().unwrap();
    symlink(&victim, dir.path().join("dgplan.1")).unwrap();
    symlink(&victim, dir.path().join("dgplan-init.1")).unwrap();
    let output = dgplan(&["manual", "pages", &path(dir.path())]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious\n");
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    // The same pages, by the same names, as clap_mangen::generate_to writes.
    assert_eq!(
        names,
        [
            "dgplan-assess.1",
            "dgplan-check.1",
            "dgplan-compare.1",
            "dgplan-explain.1",
            "dgplan-frameworks.1",
            "dgplan-generate.1",
            "dgplan-init.1",
            "dgplan-manual-completions.1",
            "dgplan-manual-page.1",
            "dgplan-manual-pages.1",
            "dgplan-manual.1",
            "dgplan-samples.1",
            "dgplan-templates-export.1",
            "dgplan-templates.1",
            "dgplan.1",
        ]
    );
    let page = std::fs::symlink_metadata(dir.path().join("dgplan.1")).unwrap();
    assert!(page.is_file());
    let text = std::fs::read_to_string(dir.path().join("dgplan-init.1")).unwrap();
    assert!(text.starts_with(".ie"), "{text}");
    assert!(text.contains("dgplan\\-init"));
}

#[test]
fn the_comparison_is_not_written_through_a_planted_link() {
    let elsewhere = TempDir::new().unwrap();
    let victim = victim(&elsewhere);
    let out = TempDir::new().unwrap();
    let command = format!(
        "for f in comparison.md comparison.pdf comparison.csv comparison.json; do ln -s '{v}' .$f.$$.tmp; done; ln -s '{v}' comparison.md; exec dgplan compare '{a}' '{b}' --out .",
        v = path(&victim),
        a = path(&sample("fiji")),
        b = path(&sample("lao-pdr")),
    );
    let output = shell(out.path(), &command);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious\n");
    assert!(
        std::fs::symlink_metadata(out.path().join("comparison.md"))
            .unwrap()
            .is_file()
    );
    // The links planted with the old temporary names are cleaned away.
    assert_eq!(hidden_names(out.path()), Vec::<String>::new());
}

#[test]
fn a_country_folder_that_is_a_link_is_refused() {
    let elsewhere = TempDir::new().unwrap();
    let victim = victim(&elsewhere);
    let out = TempDir::new().unwrap();
    symlink(elsewhere.path(), out.path().join("fji")).unwrap();
    let output = generate(&[&sample("fiji")], out.path());
    assert_eq!(output.status.code(), Some(3), "{}", stderr(&output));
    let message = stderr(&output);
    assert!(
        message.contains(&format!(
            "error: {}: is a link",
            path(&out.path().join("fji"))
        )),
        "{message}"
    );
    assert!(message.contains("hint: remove or rename it"), "{message}");
    let names: Vec<_> = std::fs::read_dir(elsewhere.path()).unwrap().collect();
    assert_eq!(names.len(), 1, "something was written through the link");
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious\n");
    // A file where the folder should be is refused the same way.
    std::fs::remove_file(out.path().join("fji")).unwrap();
    std::fs::write(out.path().join("fji"), "notes").unwrap();
    let output = generate(&[&sample("fiji")], out.path());
    assert_eq!(output.status.code(), Some(3), "{}", stderr(&output));
    assert!(stderr(&output).contains("is a file, not a folder"));
    assert_eq!(
        std::fs::read_to_string(out.path().join("fji")).unwrap(),
        "notes"
    );
    assert_eq!(hidden_names(out.path()), Vec::<String>::new());
}

/// Starts `generate` for `folder` into `out`, its stderr into `log`.
fn start_generate(folder: &Path, out: &Path, log: &Path) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_dgplan"))
        .args(["generate", &path(folder), "--out", &path(out)])
        .env("SOURCE_DATE_EPOCH", EPOCH)
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(log).unwrap())
        .spawn()
        .unwrap()
}

#[test]
fn two_runs_at_once_leave_every_folder_from_one_run() {
    let alpha = fiji_led_by("Ministry Alpha");
    let beta = fiji_led_by("Ministry Beta");
    let out = TempDir::new().unwrap();
    let logs = TempDir::new().unwrap();
    for round in 0..3 {
        let log_a = logs.path().join(format!("a{round}"));
        let log_b = logs.path().join(format!("b{round}"));
        let a = start_generate(alpha.path(), out.path(), &log_a);
        let b = start_generate(beta.path(), out.path(), &log_b);
        for (mut child, log) in [(a, log_a), (b, log_b)] {
            let status = child.wait().unwrap();
            let said = std::fs::read_to_string(log).unwrap();
            assert!(status.success(), "round {round}: {said}");
        }
        let folder = out.path().join("fji");
        let plan = std::fs::read_to_string(folder.join("plan.json")).unwrap();
        if plan.contains("Ministry Alpha") {
            assert_from_one_run(&folder, "Ministry Alpha", "Ministry Beta");
        } else {
            assert_from_one_run(&folder, "Ministry Beta", "Ministry Alpha");
        }
        assert_eq!(hidden_names(out.path()), Vec::<String>::new());
    }
}

#[test]
fn a_second_run_waits_for_the_one_writing_into_the_folder() {
    let out = TempDir::new().unwrap();
    let logs = TempDir::new().unwrap();
    let log = logs.path().join("stderr");
    // A run writing into OUT holds a lock on the folder itself.
    let held = std::fs::File::open(out.path()).unwrap();
    held.lock().unwrap();
    let mut child = start_generate(&sample("fiji"), out.path(), &log);
    let start = Instant::now();
    while !std::fs::read_to_string(&log)
        .unwrap()
        .contains("waiting for another dgplan run")
    {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "dgplan did not say it waits"
        );
        assert!(child.try_wait().unwrap().is_none(), "dgplan did not wait");
        std::thread::sleep(Duration::from_millis(20));
    }
    std::thread::sleep(Duration::from_millis(100));
    assert!(child.try_wait().unwrap().is_none(), "dgplan did not wait");
    assert!(!out.path().join("fji").exists());
    held.unlock().unwrap();
    assert!(child.wait().unwrap().success());
    let said = std::fs::read_to_string(&log).unwrap();
    assert!(
        said.starts_with(&format!(
            "waiting for another dgplan run that is writing into {} to finish...",
            path(out.path())
        )),
        "{said}"
    );
    // A run paused with Ctrl-Z in another window holds the lock too.
    assert!(said.contains("Ctrl-Z"), "{said}");
    assert_eq!(said.lines().count(), 2, "{said}");
    assert!(out.path().join("fji/plan.json").exists());
}

#[test]
fn what_a_killed_run_left_is_removed_and_user_files_survive() {
    let out = TempDir::new().unwrap();
    assert!(generate(&[&sample("fiji")], out.path()).status.success());
    let folder = out.path().join("fji");
    // What killed runs left: a temporary folder and file of this version,
    // and the temporary files of earlier versions.
    std::fs::create_dir(out.path().join(".dgplan-tmp-Ab12Cd")).unwrap();
    std::fs::write(out.path().join(".dgplan-tmp-Ab12Cd/plan.json"), "{").unwrap();
    std::fs::write(out.path().join(".dgplan-tmp-Xy34Zw"), "half").unwrap();
    std::fs::write(folder.join(".master-plan.pdf.4242.tmp"), "half").unwrap();
    std::fs::write(out.path().join(".comparison.md.77.tmp"), "half").unwrap();
    // A stale name that is a link to a folder: removing it must not follow it.
    let elsewhere = TempDir::new().unwrap();
    let victim = victim(&elsewhere);
    symlink(elsewhere.path(), out.path().join(".dgplan-tmp-Link00")).unwrap();
    // What the user keeps in the folders.
    std::fs::write(folder.join("notes.docx"), "our notes").unwrap();
    std::fs::create_dir(folder.join("drafts")).unwrap();
    std::fs::write(folder.join("drafts/one.md"), "draft one").unwrap();
    std::fs::write(folder.join(".notes.md.tmp"), "hidden but ours").unwrap();
    std::fs::write(out.path().join(".plan.json.12.tmp"), "not dgplan's here").unwrap();

    let output = generate(&[&sample("fiji")], out.path());
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(hidden_names(out.path()), [".plan.json.12.tmp"]);
    assert_eq!(hidden_names(&folder), [".notes.md.tmp"]);
    assert_eq!(
        std::fs::read_to_string(folder.join("notes.docx")).unwrap(),
        "our notes"
    );
    assert_eq!(
        std::fs::read_to_string(folder.join("drafts/one.md")).unwrap(),
        "draft one"
    );
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious\n");
    assert!(folder.join("master-plan.pdf").is_file());
}

#[test]
fn a_run_that_cannot_write_everything_leaves_the_earlier_plan_whole() {
    let alpha = fiji_led_by("Ministry Alpha");
    let beta = fiji_led_by("Ministry Beta");
    let out = TempDir::new().unwrap();
    assert!(generate(&[alpha.path()], out.path()).status.success());
    let folder = out.path().join("fji");
    let before: Vec<(String, Vec<u8>)> = folder_files(&folder);
    // A file size limit stands in for a full disk (it binds root too): the
    // Markdown fits, the PDF and plan.json do not.
    let command = format!(
        "trap '' XFSZ; ulimit -f 150; exec dgplan generate '{}' --out '{}'",
        path(beta.path()),
        path(out.path())
    );
    let output = Command::new("bash")
        .args(["-c", &command])
        .env(
            "PATH",
            format!(
                "{}:{}",
                Path::new(env!("CARGO_BIN_EXE_dgplan"))
                    .parent()
                    .unwrap()
                    .display(),
                std::env::var("PATH").unwrap()
            ),
        )
        .env("SOURCE_DATE_EPOCH", EPOCH)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(3), "{}", stderr(&output));
    let message = stderr(&output);
    assert!(
        message.contains(&format!("error: {}: cannot write the files", path(&folder))),
        "{message}"
    );
    assert!(
        message.contains("the earlier files there are unchanged"),
        "{message}"
    );
    assert_eq!(folder_files(&folder), before);
    assert_from_one_run(&folder, "Ministry Alpha", "Ministry Beta");
    assert_eq!(hidden_names(out.path()), Vec::<String>::new());
}

/// Every file of a folder with its bytes, sorted by name.
fn folder_files(folder: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(folder)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

#[test]
fn templates_export_does_not_replace_edited_templates_unless_forced() {
    let dir = TempDir::new().unwrap();
    let templates = dir.path().join("my-templates");
    let export = |extra: &[&str]| {
        let mut args = vec!["templates", "export"];
        let folder = path(&templates);
        args.push(&folder);
        args.extend(extra);
        dgplan(&args)
    };
    assert!(export(&[]).status.success());
    let roadmap = templates.join("roadmap.md");
    let built_in = std::fs::read_to_string(&roadmap).unwrap();
    std::fs::write(&roadmap, "our edited roadmap").unwrap();
    // A link in place of a template is not written through, even forced.
    let elsewhere = TempDir::new().unwrap();
    let victim = victim(&elsewhere);
    std::fs::remove_file(templates.join("macros.md")).unwrap();
    symlink(&victim, templates.join("macros.md")).unwrap();

    let output = export(&[]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let message = stderr(&output);
    assert!(
        message.contains("already exist; nothing was written"),
        "{message}"
    );
    assert!(message.contains(&path(&roadmap)), "{message}");
    assert!(
        message.contains(&path(&templates.join("macros.md"))),
        "{message}"
    );
    assert!(message.contains("add --force to replace them"), "{message}");
    assert_eq!(
        std::fs::read_to_string(&roadmap).unwrap(),
        "our edited roadmap"
    );

    let output = export(&["--force"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(std::fs::read_to_string(&roadmap).unwrap(), built_in);
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious\n");
    assert!(
        std::fs::symlink_metadata(templates.join("macros.md"))
            .unwrap()
            .is_file()
    );
}

/// Unmounts on drop, so that a failed test leaves no mount behind.
struct Mounted(PathBuf);

impl Drop for Mounted {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

/// A fresh tmpfs mounted at `at` (an empty folder), or None where mounting
/// is not allowed (not root, or in a container that forbids it).
fn mount_tmpfs(at: &Path) -> Option<Mounted> {
    let mounted = Command::new("mount")
        .args(["-t", "tmpfs", "tmpfs"])
        .arg(at)
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|status| status.success());
    mounted.then(|| Mounted(at.to_path_buf()))
}

#[test]
fn a_mount_inside_a_country_folder_is_refused_and_never_emptied() {
    let out = TempDir::new().unwrap();
    assert!(generate(&[&sample("fiji")], out.path()).status.success());
    let folder = out.path().join("fji");
    let plan = std::fs::read(folder.join("plan.json")).unwrap();
    let share = folder.join("share");
    std::fs::create_dir(&share).unwrap();
    let Some(_share) = mount_tmpfs(&share) else {
        eprintln!("skipped: tmpfs cannot be mounted here");
        return;
    };
    std::fs::write(share.join("precious.txt"), "precious\n").unwrap();
    let lao = sample("lao-pdr");
    let output = generate(&[&lao, fiji_led_by("Ministry Beta").path()], out.path());
    assert_eq!(output.status.code(), Some(3), "{}", stderr(&output));
    let message = stderr(&output);
    assert!(
        message.contains(&format!("error: {}:", path(&share))),
        "{message}"
    );
    assert!(message.contains("another file system"), "{message}");
    assert!(message.contains("unmount it"), "{message}");
    assert_eq!(
        std::fs::read_to_string(share.join("precious.txt")).unwrap(),
        "precious\n"
    );
    assert_eq!(std::fs::read(folder.join("plan.json")).unwrap(), plan);
    assert_eq!(hidden_names(out.path()), Vec::<String>::new());
    assert!(out.path().join("lao/plan.json").is_file(), "{message}");

    // What an earlier version left: its temporary folder holding a mount.
    // Cleaning up never empties the mount, and says what is left.
    let stale = out.path().join(".dgplan-tmp-Old000");
    let inner = stale.join("share");
    std::fs::create_dir_all(&inner).unwrap();
    let Some(_inner) = mount_tmpfs(&inner) else {
        return;
    };
    std::fs::write(inner.join("precious.txt"), "precious\n").unwrap();
    let output = generate(&[&lao], out.path());
    assert!(output.status.success(), "{}", stderr(&output));
    let message = stderr(&output);
    assert!(
        message.contains(&format!("warning: {}:", path(&stale))),
        "{message}"
    );
    assert!(message.contains("unmount"), "{message}");
    assert_eq!(
        std::fs::read_to_string(inner.join("precious.txt")).unwrap(),
        "precious\n"
    );
}

/// Runs `script` with `sh` in `dir` as the user nobody (65534), with this
/// build of dgplan on PATH; None where that is impossible (not root, no
/// setpriv). Root may write anywhere, so write protection is tested so.
fn as_nobody(dir: &Path, script: &str) -> Option<std::process::Output> {
    let setpriv = ["--reuid=65534", "--regid=65534", "--clear-groups"];
    let works = Command::new("setpriv")
        .args(setpriv)
        .args(["sh", "-c", "test ! -w /root"])
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|status| status.success());
    if !works {
        return None;
    }
    let binary = Path::new(env!("CARGO_BIN_EXE_dgplan"));
    let output = Command::new("setpriv")
        .args(setpriv)
        .args(["sh", "-c", script])
        .current_dir(dir)
        .env(
            "PATH",
            format!("{}:/usr/bin:/bin", binary.parent().unwrap().display()),
        )
        .env("SOURCE_DATE_EPOCH", EPOCH)
        .output()
        .unwrap();
    Some(output)
}

#[test]
fn write_protected_folders_are_refused_not_piled_up() {
    let dir = TempDir::new().unwrap();
    std::os::unix::fs::chown(dir.path(), Some(65534), Some(65534)).unwrap();
    let fiji = path(&sample("fiji"));
    let generate = format!("dgplan generate '{fiji}' --out out");
    let Some(first) = as_nobody(dir.path(), &generate) else {
        eprintln!("skipped: cannot run as another user here");
        return;
    };
    assert!(first.status.success(), "{}", stderr(&first));
    let out = dir.path().join("out");
    let plan = std::fs::read(out.join("fji/plan.json")).unwrap();
    let refused = |setup: &str, protected: &str| {
        let script = format!("{setup} && exec {generate}");
        let output = as_nobody(dir.path(), &script).unwrap();
        assert_eq!(output.status.code(), Some(3), "{}", stderr(&output));
        let message = stderr(&output);
        assert!(
            message.contains(&format!("error: {protected}: is write-protected")),
            "{message}"
        );
        assert!(message.contains("make it writable"), "{message}");
        assert_eq!(hidden_names(&out), Vec::<String>::new());
        assert_eq!(std::fs::read(out.join("fji/plan.json")).unwrap(), plan);
    };
    let setup = "mkdir out/fji/approved && echo s > out/fji/approved/signed.pdf && chmod 555 out/fji/approved";
    refused(setup, "out/fji/approved");
    refused("chmod 555 out/fji/approved", "out/fji/approved");
    refused("chmod -R a-w out/fji", "out/fji");
    assert!(out.join("fji/approved/signed.pdf").is_file());

    // A temporary folder that cannot be removed is named, never left silently.
    let setup = "chmod -R u+w out/fji && mkdir -p out/.dgplan-tmp-Old000/kept && touch out/.dgplan-tmp-Old000/kept/x && chmod 555 out/.dgplan-tmp-Old000/kept";
    let output = as_nobody(dir.path(), &format!("{setup} && exec {generate}")).unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let message = stderr(&output);
    assert!(
        message.contains("warning: out/.dgplan-tmp-Old000: "),
        "{message}"
    );
    assert!(message.contains("chmod -R u+w"), "{message}");

    // Manual pages into a folder that cannot be written: the folder named,
    // no temporary name shown.
    let output = as_nobody(
        dir.path(),
        "mkdir ro && chmod 555 ro && exec dgplan manual pages ro",
    )
    .unwrap();
    assert_eq!(output.status.code(), Some(3), "{}", stderr(&output));
    let message = stderr(&output);
    assert!(message.starts_with("error: ro: "), "{message}");
    assert!(!message.contains(".dgplan-tmp"), "{message}");
    assert!(message.contains("hint:"), "{message}");
}

#[test]
fn a_folder_where_a_file_must_go_stops_the_write_before_any_file_is_replaced() {
    let dir = TempDir::new().unwrap();
    // The comparison: a second comparison of other plans would change every file.
    let cc = dir.path().join("cc");
    let compare = |b: &str| {
        dgplan(&[
            "compare",
            &path(&sample("fiji")),
            &path(&sample(b)),
            "--out",
            &path(&cc),
        ])
    };
    assert!(compare("lao-pdr").status.success());
    let json = cc.join("comparison.json");
    std::fs::remove_file(&json).unwrap();
    std::fs::create_dir(&json).unwrap();
    let md = std::fs::read(cc.join("comparison.md")).unwrap();
    let output = compare("kenya");
    assert_eq!(output.status.code(), Some(3), "{}", stderr(&output));
    let message = stderr(&output);
    assert!(
        message.contains(&format!("error: {}: is a folder", path(&json))),
        "{message}"
    );
    assert_eq!(std::fs::read(cc.join("comparison.md")).unwrap(), md);

    // templates export --force.
    let t4 = dir.path().join("t4");
    assert!(
        dgplan(&["templates", "export", &path(&t4)])
            .status
            .success()
    );
    std::fs::write(t4.join("roadmap.md"), "ours").unwrap();
    std::fs::remove_file(t4.join("macros.md")).unwrap();
    std::fs::create_dir(t4.join("macros.md")).unwrap();
    let output = dgplan(&["templates", "export", &path(&t4), "--force"]);
    assert_eq!(output.status.code(), Some(3), "{}", stderr(&output));
    let message = stderr(&output);
    assert!(
        message.contains(&format!(
            "error: {}: is a folder",
            path(&t4.join("macros.md"))
        )),
        "{message}"
    );
    assert_eq!(
        std::fs::read_to_string(t4.join("roadmap.md")).unwrap(),
        "ours"
    );

    // manual pages.
    let d1 = dir.path().join("d1");
    std::fs::create_dir_all(d1.join("dgplan.1")).unwrap();
    let output = dgplan(&["manual", "pages", &path(&d1)]);
    assert_eq!(output.status.code(), Some(3), "{}", stderr(&output));
    assert!(stderr(&output).contains(&format!(
        "error: {}: is a folder",
        path(&d1.join("dgplan.1"))
    )));
    assert_eq!(std::fs::read_dir(&d1).unwrap().count(), 1);
}

#[test]
fn an_output_path_that_is_not_a_folder_is_named_for_what_it_is() {
    let dir = TempDir::new().unwrap();
    let afile = dir.path().join("afile");
    std::fs::write(&afile, "x").unwrap();
    let is_a_file = format!("error: {}: is a file, not a folder", path(&afile));
    let fiji = path(&sample("fiji"));
    for args in [
        vec!["generate", &fiji, "--out", &path(&afile)],
        vec!["compare", &fiji, &fiji, "--out", &path(&afile)],
        vec!["manual", "pages", &path(&afile)],
        vec!["templates", "export", &path(&afile)],
    ] {
        let output = dgplan(&args);
        assert_eq!(
            output.status.code(),
            Some(3),
            "{args:?}: {}",
            stderr(&output)
        );
        let message = stderr(&output);
        assert!(message.contains(&is_a_file), "{args:?}: {message}");
        assert!(!message.contains("os error"), "{args:?}: {message}");
    }
    let output = dgplan(&["manual", "pages", "/dev/null"]);
    assert_eq!(output.status.code(), Some(3), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("error: /dev/null: is a device, not a folder"),
        "{}",
        stderr(&output)
    );

    // A link that leads nowhere.
    let broken = dir.path().join("tl");
    symlink(dir.path().join("nowhere"), &broken).unwrap();
    let output = dgplan(&["templates", "export", &path(&broken)]);
    assert_eq!(output.status.code(), Some(3), "{}", stderr(&output));
    let message = stderr(&output);
    assert!(
        message.contains(&format!("error: {}: is a broken link (to", path(&broken))),
        "{message}"
    );
    assert!(message.contains("which does not exist"), "{message}");

    // A named pipe where a country's folder goes.
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    assert!(
        Command::new("mkfifo")
            .arg(out.join("fji"))
            .status()
            .unwrap()
            .success()
    );
    let output = generate(&[&sample("fiji")], &out);
    assert_eq!(output.status.code(), Some(3), "{}", stderr(&output));
    let message = stderr(&output);
    assert!(
        message.contains(&format!(
            "error: {}: is a named pipe",
            path(&out.join("fji"))
        )),
        "{message}"
    );
}

#[test]
fn templates_export_says_already_exists_for_one_file() {
    let dir = TempDir::new().unwrap();
    let tpl = dir.path().join("tpl");
    std::fs::create_dir(&tpl).unwrap();
    std::fs::write(tpl.join("master-plan.md"), "ours").unwrap();
    let output = dgplan(&["templates", "export", &path(&tpl)]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let message = stderr(&output);
    assert!(
        message.contains(&format!(
            "error: {} already exists; nothing was written.",
            path(&tpl.join("master-plan.md"))
        )),
        "{message}"
    );
    assert!(message.contains("add --force to replace it"), "{message}");
    std::fs::remove_file(tpl.join("master-plan.md")).unwrap();
    std::fs::create_dir(tpl.join("master-plan.md")).unwrap();
    let output = dgplan(&["templates", "export", &path(&tpl)]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let message = stderr(&output);
    assert!(
        message.contains(&format!(
            "error: {} (a folder) already exists; nothing was written.",
            path(&tpl.join("master-plan.md"))
        )),
        "{message}"
    );
}
