//! `dgplan init`: a country folder to start from, either blank with every
//! field explained, or drafted from public data (`--from-egdi`). Never
//! replaces a ministry's files unless asked to with `--force`.

use std::io::Write;
use std::process::ExitCode;

use super::report::{self, Verbosity};
use super::{EXIT_INVALID_INPUT, EXIT_OK, EXIT_USAGE, EXIT_WRITE_FAILED, Ended};
use crate::output;

pub fn run(
    folder: &std::path::Path,
    from_egdi: Option<&str>,
    country: Option<&str>,
    iso3: Option<&str>,
    force: bool,
    language: crate::language::Language,
    verbosity: Verbosity,
) -> Ended {
    let stderr = &mut report::stderr();
    let date = super::date_or_exit()?;
    let framework = super::framework_or_exit(None, "nothing was written")?;
    if let Some(code) = iso3
        && (code.trim().len() != 3 || !code.trim().chars().all(|c| c.is_ascii_alphabetic()))
    {
        let hint = crate::reference::alpha3_hint(code, |c| format!("--iso3 {c}"))
            .unwrap_or_else(|| "give the code in letters, such as LAO for Lao PDR".into());
        let _ = writeln!(
            stderr,
            "error: --iso3 \"{code}\" is not a three-letter ISO 3166-1 alpha-3 code\n  = hint: {hint}"
        );
        return Err(ExitCode::from(EXIT_USAGE));
    }
    if let Some(message) = country.and_then(country_problem) {
        let _ = writeln!(
            stderr,
            "error: {message}\n  = hint: give the country's name on one line, such as --country \"Lao People's Democratic Republic\""
        );
        return Err(ExitCode::from(EXIT_USAGE));
    }
    let reference = crate::reference::Reference::builtin();
    let _language = crate::language::speaking(language);
    let (profile, readiness) = match from_egdi {
        None => crate::draft::blank(reference, &framework, country, iso3, &date),
        Some(code) => match crate::draft::from_reference(reference, &framework, code, &date) {
            Ok(texts) => texts,
            Err(message) => {
                let hint = crate::reference::alpha3_hint(code, |c| format!("--from-egdi {c}"))
                    .unwrap_or_else(|| {
                        "give the three-letter ISO code of a UN Member State, such as LAO for Lao PDR"
                            .into()
                    });
                let _ = writeln!(stderr, "error: {message}\n  = hint: {hint}");
                return Err(ExitCode::from(EXIT_USAGE));
            }
        },
    };
    refuse_to_replace(&[folder], force)?;
    // Both files or neither: a full disk must not leave a profile without
    // its readiness file.
    let files: [(&str, &[u8]); 2] = [
        (crate::input::PROFILE_FILE, profile.as_bytes()),
        (crate::input::READINESS_FILE, readiness.as_bytes()),
    ];
    if let Err(error) = output::write_all_atomic(folder, &files) {
        let _ = writeln!(stderr, "error: {error}.\n  = hint: {}.", error.hint());
        return Err(ExitCode::from(EXIT_WRITE_FAILED));
    }
    if verbosity != Verbosity::Quiet {
        if from_egdi.is_some() {
            println!(
                "Drafted {} from public data. Check the values marked \"From public data\", fill in the lines marked TO FILL IN, confirm the facts marked UNKNOWN, CONFIRM (until then the plan asks them as questions) and replace the derived scores with an assessment; then run: dgplan generate {}",
                folder.display(),
                folder.display()
            );
        } else {
            println!(
                "Wrote {dir}/profile.toml and {dir}/readiness.toml. Fill in the lines marked REQUIRED and any others you know, including the facts marked UNKNOWN, CONFIRM; then run:\n  dgplan check {dir}\n  dgplan generate {dir}",
                dir = folder.display()
            );
        }
    }
    Ok(ExitCode::from(EXIT_OK))
}

/// Never overwrite a ministry's work without being asked to: unless
/// `force`, refuses (and says so) when any of `folders` already holds a
/// profile or readiness file.
pub(super) fn refuse_to_replace(folders: &[&std::path::Path], force: bool) -> Result<(), ExitCode> {
    let existing: Vec<String> = folders
        .iter()
        .flat_map(|folder| {
            [crate::input::PROFILE_FILE, crate::input::READINESS_FILE].map(|name| folder.join(name))
        })
        .filter(|path| path.exists())
        .map(|path| path.display().to_string())
        .collect();
    if existing.is_empty() || force {
        return Ok(());
    }
    let (verb, them) = match existing.len() {
        1 => ("already exists", "it"),
        _ => ("already exist", "them"),
    };
    // Many files (all the samples) are named by the first and a count.
    let named = match existing.len() {
        0..=4 => crate::words::join_words(&existing),
        n => format!("{} and {} more files", existing[0], n - 1),
    };
    let _ = writeln!(
        report::stderr(),
        "error: {named} {verb}; nothing was written.\n  = hint: choose another folder, or add --force to replace {them}.",
    );
    Err(ExitCode::from(EXIT_INVALID_INPUT))
}

/// What is wrong with a `--country` name, if anything: the checks a
/// profile's name gets, so that init never writes a name `check` refuses.
fn country_problem(name: &str) -> Option<String> {
    let shown = format!("{name:?}");
    let length = name.chars().count();
    if length > crate::input::MAX_NAME_CHARS {
        return Some(format!(
            "--country is {length} characters long; at most {} are accepted",
            crate::input::MAX_NAME_CHARS
        ));
    }
    crate::diagnostics::first_forbidden(name, false).map(|c| {
        format!(
            "--country {} holds {}",
            crate::diagnostics::escape_controls(&shown),
            crate::diagnostics::forbidden_name(c)
        )
    })
}

#[cfg(test)]
mod tests {
    use super::country_problem;

    #[test]
    fn country_names_with_control_characters_are_refused() {
        assert_eq!(country_problem("Lao PDR"), None);
        let problem = country_problem("A\nB").unwrap();
        assert!(problem.contains("(U+000A)"), "{problem}");
        assert!(!problem.contains('\n'), "{problem}");
        assert!(country_problem(&"x".repeat(201)).is_some());
    }
}
