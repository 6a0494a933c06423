//! `dgplan samples`, which lists the sample countries built into dgplan or
//! copies them all, and `dgplan init DIR --sample NAME`, which copies one.
//! Like `init`, never replaces a ministry's files unless asked to.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use super::report::{self, Verbosity};
use super::{EXIT_OK, EXIT_USAGE, EXIT_WRITE_FAILED, Ended};
use crate::output;
use crate::samples::{self, SAMPLES, Sample};

/// `dgplan samples`: one line per sample (folder name, country, why it is
/// worth a look), or with `copy`, every sample written into its folder.
pub fn run(copy: Option<&Path>, force: bool, verbosity: Verbosity) -> Ended {
    match copy {
        Some(into) => copy_all(into, force, verbosity),
        None => {
            list();
            Ok(ExitCode::from(EXIT_OK))
        }
    }
}

fn list() {
    let mut out = String::from("The sample countries built into dgplan:\n\n");
    let width = SAMPLES.iter().map(|s| s.name.len()).max().unwrap_or(0);
    for sample in SAMPLES {
        out.push_str(&format!(
            "  {:width$}  {}: {}\n",
            sample.name,
            sample.country(),
            sample.note
        ));
    }
    out.push_str(
        "\nTheir published index values are real (UN E-Government Survey 2024); their \
assessment scores and budgets are illustrative.\n\
Copy one to edit:  dgplan init my-copy --sample fiji\n\
Copy them all:     dgplan samples --copy samples   (then: dgplan generate samples/* --out drafts)\n",
    );
    print!("{out}");
}

/// `dgplan init DIR --sample NAME`: the sample's two files into `folder`.
pub fn init(folder: &Path, name: &str, force: bool, verbosity: Verbosity) -> Ended {
    let sample = sample_or_exit(name)?;
    super::init::refuse_to_replace(&[folder], force)?;
    write(folder, sample)?;
    if verbosity != Verbosity::Quiet {
        println!(
            "Copied the {name} sample ({country}) into {dir}. Edit its two files as you wish, then run:\n  dgplan check {dir}\n  dgplan generate {dir}",
            name = sample.name,
            country = sample.country(),
            dir = folder.display()
        );
    }
    Ok(ExitCode::from(EXIT_OK))
}

/// `dgplan samples --copy DIR`: every sample into DIR/<name>; nothing is
/// written if any of them would replace a file, unless `force`.
fn copy_all(into: &Path, force: bool, verbosity: Verbosity) -> Ended {
    let folders: Vec<_> = SAMPLES.iter().map(|s| into.join(s.name)).collect();
    let borrowed: Vec<&Path> = folders.iter().map(|f| f.as_path()).collect();
    super::init::refuse_to_replace(&borrowed, force)?;
    for (sample, folder) in SAMPLES.iter().zip(&folders) {
        write(folder, sample)?;
        if verbosity == Verbosity::Verbose {
            println!("wrote {}", folder.display());
        }
    }
    if verbosity != Verbosity::Quiet {
        let shown = into.display();
        println!(
            "Copied the {} samples into {shown}/, one folder each. Generate their plans with:\n  dgplan generate {shown}/* --out drafts",
            crate::words::count_word(SAMPLES.len())
        );
    }
    Ok(ExitCode::from(EXIT_OK))
}

/// Both files or neither, as `init` writes them.
fn write(folder: &Path, sample: &Sample) -> Result<(), ExitCode> {
    let files = sample.files().map(|(name, text)| (name, text.as_bytes()));
    output::write_all_atomic(folder, &files).map_err(|error| {
        let _ = writeln!(
            report::stderr(),
            "error: {error}.\n  = hint: {}.",
            error.hint()
        );
        ExitCode::from(EXIT_WRITE_FAILED)
    })
}

/// The sample of this name; otherwise says which names there are, and the
/// closest, and gives the exit status.
fn sample_or_exit(name: &str) -> Result<&'static Sample, ExitCode> {
    samples::find(name).ok_or_else(|| {
        let first = match samples::closest(name) {
            Some(closest) => format!("did you mean `--sample {closest}`?"),
            None => "give one of these names, such as `--sample fiji`;".to_string(),
        };
        let _ = writeln!(
            report::stderr(),
            "error: there is no sample called \"{}\"; the samples are {}.\n  = hint: {first} `dgplan samples` says what each one shows.",
            crate::diagnostics::escape_controls(name),
            samples::names()
        );
        ExitCode::from(EXIT_USAGE)
    })
}
