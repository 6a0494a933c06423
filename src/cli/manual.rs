//! `dgplan manual` (shell completions, the man page) and `dgplan frameworks`:
//! both describe dgplan itself rather than a country.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use clap::{CommandFactory, Subcommand};

use super::report;
use super::{Cli, EXIT_INVALID_INPUT, EXIT_OK, EXIT_WRITE_FAILED};
use crate::framework::Framework;

#[derive(Debug, Subcommand)]
pub enum What {
    /// Shell completions: save the output where your shell loads completions.
    Completions {
        /// bash, zsh, fish, powershell or elvish.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// The manual page, in roff: save it as dgplan.1 and read it with `man ./dgplan.1`.
    Page,
    /// Every manual page (dgplan.1, dgplan-init.1, ...) written into DIR.
    Pages {
        /// Folder to write into (created if needed).
        #[arg(value_name = "DIR")]
        folder: std::path::PathBuf,
    },
}

pub fn run(what: What) -> ExitCode {
    let mut command = Cli::command();
    let mut out = std::io::stdout().lock();
    let written = match what {
        What::Completions { shell } => {
            clap_complete::generate(shell, &mut command, "dgplan", &mut out);
            Ok(())
        }
        What::Page => clap_mangen::Man::new(command).render(&mut out),
        What::Pages { folder } => {
            let pages = match pages(command) {
                Ok(pages) => pages,
                Err(err) => {
                    let _ = writeln!(
                        report::stderr(),
                        "error: cannot render the manual pages: {err}"
                    );
                    return ExitCode::from(EXIT_WRITE_FAILED);
                }
            };
            let files: Vec<(&str, &[u8])> = pages
                .iter()
                .map(|(name, page)| (name.as_str(), page.as_slice()))
                .collect();
            if let Err(error) = crate::output::write_all_atomic(&folder, &files) {
                super::say_not_written(&error, "the manual pages");
                return ExitCode::from(EXIT_WRITE_FAILED);
            }
            writeln!(out, "wrote the manual pages into {}", folder.display())
        }
    };
    match written.and_then(|()| out.flush()) {
        Ok(()) => ExitCode::from(EXIT_OK),
        Err(err) => {
            let _ = writeln!(report::stderr(), "error: cannot write: {err}");
            ExitCode::from(EXIT_WRITE_FAILED)
        }
    }
}

/// Every manual page, named and rendered as `clap_mangen::generate_to`
/// would write them (dgplan.1, dgplan-init.1, ...), but in memory, so that
/// they are written as every other file is: never through a link.
fn pages(command: clap::Command) -> std::io::Result<Vec<(String, Vec<u8>)>> {
    fn add(command: clap::Command, pages: &mut Vec<(String, Vec<u8>)>) -> std::io::Result<()> {
        for sub in command.get_subcommands().filter(|s| !s.is_hide_set()) {
            add(sub.clone(), pages)?;
        }
        let man = clap_mangen::Man::new(command);
        let mut page = Vec::new();
        man.render(&mut page)?;
        pages.push((man.get_filename(), page));
        Ok(())
    }
    let mut command = command.disable_help_subcommand(true);
    command.build();
    let mut pages = Vec::new();
    add(command, &mut pages)?;
    Ok(pages)
}

/// Lists the built-in framework and, when given, a framework folder.
/// `frameworks --missing CODE`: the framework's texts with no translation
/// into `language`, as TOML to save and translate (on standard output), and
/// how many (on standard error).
pub fn untranslated(folder: Option<&Path>, language: crate::language::Language) -> ExitCode {
    use crate::framework::FrameworkSources;
    use crate::framework::translation;
    let stderr = &mut report::stderr();
    let label = folder.map_or("the built-in framework".to_string(), |f| {
        f.display().to_string()
    });
    if language == crate::language::Language::En {
        let _ = writeln!(
            stderr,
            "error: a framework is written in English; --missing takes another language: fr or es"
        );
        return ExitCode::from(EXIT_INVALID_INPUT);
    }
    let sources =
        match folder.map_or_else(|| Ok(FrameworkSources::builtin()), FrameworkSources::read) {
            Ok(sources) => sources,
            Err(errors) => {
                let _ = write!(stderr, "{errors}");
                return ExitCode::from(EXIT_INVALID_INPUT);
            }
        };
    let translations = match translation::read_translations(folder, language) {
        Ok(t) => t,
        Err(errors) => {
            let _ = write!(stderr, "{errors}");
            return ExitCode::from(EXIT_INVALID_INPUT);
        }
    };
    let missing = translation::untranslated(&sources, language, &translations);
    let stdout = &mut std::io::stdout().lock();
    let base = folder.map_or("frameworks/default".to_string(), |f| {
        f.display().to_string()
    });
    for file in &missing {
        let _ = writeln!(stdout, "# ---- {base}/{} ----", file.file);
        let _ = write!(stdout, "{}", translation::as_toml(&file.texts));
        let _ = writeln!(stdout);
    }
    let count: usize = missing.iter().map(|f| f.texts.len()).sum();
    let _ = if count == 0 {
        writeln!(
            stderr,
            "{label}: every text has a {} translation.",
            language.english_name()
        )
    } else {
        writeln!(
            stderr,
            "{label}: {} in {} have no {} translation (listed above, in English, to translate).",
            super::plural(count, "text", "texts"),
            super::plural(missing.len(), "file", "files"),
            language.english_name()
        )
    };
    ExitCode::from(EXIT_OK)
}

pub fn frameworks(folder: Option<&Path>) -> ExitCode {
    let stdout = &mut std::io::stdout().lock();
    let mut status = EXIT_OK;
    let mut list =
        |label: &str, loaded: Result<Framework, crate::diagnostics::Diagnostics>| match loaded {
            Ok(framework) => {
                let _ = writeln!(
                    stdout,
                    "{label}\n  {}\n  {}\n",
                    framework.meta.title,
                    super::check::describe(&framework)
                );
            }
            Err(errors) => {
                let stderr = &mut report::stderr();
                let _ = write!(stderr, "{errors}");
                let _ = writeln!(
                    stderr,
                    "{label}: {}.",
                    super::plural(errors.len(), "problem", "problems")
                );
                status = EXIT_INVALID_INPUT;
            }
        };
    list(
        "built-in (used unless --framework is given; `frameworks/default` in the source)",
        Framework::builtin(),
    );
    if let Some(folder) = folder {
        list(&folder.display().to_string(), Framework::load(Some(folder)));
    }
    ExitCode::from(status)
}
