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
    assert_eq!(
        said,
        format!(
            "waiting for another dgplan run that is writing into {} to finish...\n",
            path(out.path())
        )
    );
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
