//! The samples built into dgplan: `dgplan samples` lists them and copies
//! them, `dgplan init DIR --sample NAME` copies one, from any folder; and
//! every example of every `--help` works from an empty folder.

mod common;

use std::process::Output;

use common::*;
use tempfile::TempDir;

/// The folder names under `samples/`, the source of the built-in copies.
fn sample_folders() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(root().join("samples"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The country's name as `dgplan samples` shows it, read from the sample's
/// profile: `short_name` when it has one, otherwise `name`.
fn country_of(folder: &str) -> String {
    let profile: toml::Table = std::fs::read_to_string(sample(folder).join("profile.toml"))
        .unwrap()
        .parse()
        .unwrap();
    let country = profile["country"].as_table().unwrap();
    country
        .get("short_name")
        .or(country.get("name"))
        .and_then(|v| v.as_str())
        .unwrap()
        .to_string()
}

#[test]
fn samples_lists_every_sample_folder_with_its_country_and_what_it_shows() {
    let dir = TempDir::new().unwrap();
    let output = dgplan_in(dir.path(), &["samples"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let listing = stdout(&output);
    let folders = sample_folders();
    assert_eq!(folders.len(), 9, "{folders:?}");
    let rows: Vec<&str> = listing.lines().filter(|l| l.starts_with("  ")).collect();
    assert_eq!(rows.len(), folders.len(), "{listing}");
    for (row, folder) in rows.iter().zip(&folders) {
        let (name, rest) = row.trim_start().split_once(' ').unwrap();
        assert_eq!(name, folder, "{listing}");
        let (country, note) = rest.trim_start().split_once(": ").unwrap();
        assert_eq!(country, country_of(folder), "{listing}");
        assert!(note.len() > 20, "{row}");
    }
    assert!(listing.contains("Lao PDR: least developed and landlocked"));
    assert!(listing.contains("Fiji: small island developing state"));
    assert!(listing.contains("dgplan init my-copy --sample fiji"));
}

#[test]
fn every_built_in_sample_is_byte_for_byte_the_folder_in_samples() {
    let dir = TempDir::new().unwrap();
    let output = dgplan_in(dir.path(), &["samples", "--copy", "copies"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stdout(&output).contains("dgplan generate copies/* --out drafts"));
    let copies = dir.path().join("copies");
    let mut copied: Vec<String> = std::fs::read_dir(&copies)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    copied.sort();
    assert_eq!(copied, sample_folders());
    for folder in sample_folders() {
        for file in ["profile.toml", "readiness.toml"] {
            assert_eq!(
                std::fs::read(copies.join(&folder).join(file)).unwrap(),
                std::fs::read(sample(&folder).join(file)).unwrap(),
                "the built-in {folder}/{file} differs from samples/{folder}/{file}: rebuild dgplan"
            );
        }
    }
    // Copying again would replace them: refused, then done with --force.
    let again = dgplan_in(dir.path(), &["samples", "--copy", "copies"]);
    assert_eq!(again.status.code(), Some(1));
    assert!(
        stderr(&again).contains("and 17 more files already exist; nothing was written"),
        "{}",
        stderr(&again)
    );
    let forced = dgplan_in(dir.path(), &["samples", "--copy", "copies", "--force"]);
    assert!(forced.status.success(), "{}", stderr(&forced));
}

#[test]
fn init_with_a_sample_copies_it_and_the_copy_checks() {
    let dir = TempDir::new().unwrap();
    let output = dgplan_in(dir.path(), &["init", "x", "--sample", "fiji"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stdout(&output).contains("Copied the fiji sample (Fiji) into x."));
    let listed: Vec<_> = std::fs::read_dir(dir.path().join("x")).unwrap().collect();
    assert_eq!(listed.len(), 2, "only the two files");
    for file in ["profile.toml", "readiness.toml"] {
        assert_eq!(
            std::fs::read(dir.path().join("x").join(file)).unwrap(),
            std::fs::read(sample("fiji").join(file)).unwrap(),
            "{file}"
        );
    }
    let check = dgplan_in(dir.path(), &["check", "x"]);
    assert!(check.status.success(), "{}", stderr(&check));
}

#[test]
fn an_unknown_sample_is_refused_with_the_names_and_the_closest() {
    let dir = TempDir::new().unwrap();
    let output = dgplan_in(dir.path(), &["init", "x", "--sample", "fijj"]);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(
        message.contains("error: there is no sample called \"fijj\"; the samples are bolivia, estonia, fiji, kenya, lao-pdr, liberia, republic-of-korea, rwanda and senegal."),
        "{message}"
    );
    assert!(
        message.contains("hint: did you mean `--sample fiji`?"),
        "{message}"
    );
    // A country's name finds its sample too.
    let korea = stderr(&dgplan_in(dir.path(), &["init", "x", "--sample", "Korea"]));
    assert!(
        korea.contains("did you mean `--sample republic-of-korea`?"),
        "{korea}"
    );
    assert!(!dir.path().join("x").exists(), "nothing was written");
}

#[test]
fn init_with_a_sample_never_replaces_files_without_force() {
    let dir = TempDir::new().unwrap();
    let folder = dir.path().join("x");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(folder.join("profile.toml"), "# our own work\n").unwrap();
    let output = dgplan_in(dir.path(), &["init", "x", "--sample", "fiji"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("x/profile.toml already exists; nothing was written."),
        "{}",
        stderr(&output)
    );
    assert!(stderr(&output).contains("add --force to replace it"));
    assert_eq!(
        std::fs::read_to_string(folder.join("profile.toml")).unwrap(),
        "# our own work\n"
    );
    assert!(!folder.join("readiness.toml").exists(), "both or neither");

    let forced = dgplan_in(dir.path(), &["init", "x", "--sample", "fiji", "--force"]);
    assert!(forced.status.success(), "{}", stderr(&forced));
    assert_eq!(
        std::fs::read(folder.join("profile.toml")).unwrap(),
        std::fs::read(sample("fiji").join("profile.toml")).unwrap()
    );
}

#[test]
fn a_sample_cannot_be_mixed_with_another_way_of_starting_a_folder() {
    let dir = TempDir::new().unwrap();
    for other in [
        ["--from-egdi", "FJI"],
        ["--country", "Fiji"],
        ["--iso3", "FJI"],
    ] {
        let mut args = vec!["init", "x", "--sample", "fiji"];
        args.extend(other);
        let output = dgplan_in(dir.path(), &args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(
            stderr(&output).contains("cannot be used with"),
            "{}",
            stderr(&output)
        );
    }
    assert!(!dir.path().join("x").exists());
}

/// The subcommands, as `dgplan --help` lists them (with `templates export`
/// for `templates`, whose examples are on its subcommand).
fn subcommands() -> Vec<Vec<String>> {
    let help = stdout(&dgplan(&["--help"]));
    let listed = help
        .split("Commands:\n")
        .nth(1)
        .unwrap()
        .split("\n\n")
        .next()
        .unwrap();
    listed
        .lines()
        .filter_map(|line| line.strip_prefix("  "))
        .filter(|line| !line.starts_with(' '))
        .filter_map(|line| line.split_whitespace().next())
        .filter(|name| *name != "help")
        .map(|name| match name {
            "templates" => vec!["templates".into(), "export".into()],
            name => vec![name.to_string()],
        })
        .collect()
}

/// The command lines under "Example(s):" (or "Or try a sample") of a help
/// text, in order; lines that are not commands (such as "(edit ...)") are
/// left out.
fn examples(help: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut inside = false;
    for line in help.lines() {
        if line.starts_with("Example") || line.starts_with("Or try a sample") {
            inside = true;
        } else if line.trim().is_empty() {
            inside = false;
        } else if inside && line.trim_start().starts_with("dgplan ") {
            found.push(line.trim().to_string());
        }
    }
    found
}

#[test]
fn every_help_example_works_from_an_empty_folder() {
    let commands = subcommands();
    assert!(commands.len() >= 10, "{commands:?}");
    let mut helps: Vec<(String, String)> = vec![("dgplan".into(), stdout(&dgplan(&["--help"])))];
    for command in &commands {
        let mut args: Vec<&str> = command.iter().map(String::as_str).collect();
        args.push("--help");
        helps.push((command.join(" "), stdout(&dgplan(&args))));
    }
    // Each help's examples run in order in their own empty folder; the
    // helps run side by side.
    std::thread::scope(|scope| {
        for (command, help) in &helps {
            scope.spawn(move || {
                let lines = examples(help);
                assert!(
                    !lines.is_empty(),
                    "`{command} --help` has no examples:\n{help}"
                );
                let dir = TempDir::new().unwrap();
                for line in lines {
                    let output = shell(dir.path(), &line);
                    assert_eq!(
                        output.status.code(),
                        Some(0),
                        "`{command} --help` example `{line}` fails in an empty folder:\n{}",
                        stderr(&output)
                    );
                }
            });
        }
    });
}
