//! `dgplan explain`: builds a country's plan and says why it holds what it holds.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use super::report;
use super::{EXIT_INVALID_INPUT, EXIT_OK, EXIT_USAGE};
use crate::engine::build_plan;
use crate::framework::Framework;
use crate::input::load_country;

pub fn run(folder: &Path, item: Option<&str>, framework_folder: Option<&Path>) -> ExitCode {
    let stderr = &mut report::stderr();
    let framework = match Framework::load(framework_folder) {
        Ok(framework) => framework,
        Err(errors) => {
            let _ = write!(stderr, "{errors}");
            let _ = writeln!(stderr, "The framework has {} problem(s).", errors.len());
            return ExitCode::from(EXIT_INVALID_INPUT);
        }
    };
    let date =
        match crate::output::generation_date(std::env::var("SOURCE_DATE_EPOCH").ok().as_deref()) {
            Ok(date) => date,
            Err(message) => {
                let _ = writeln!(stderr, "error: {message}");
                return ExitCode::from(EXIT_USAGE);
            }
        };
    let input = match load_country(folder, &framework) {
        Ok(input) => input,
        Err(errors) => {
            let _ = write!(stderr, "{errors}");
            let _ = writeln!(
                stderr,
                "{}: {} problem(s); fix them to see the explanation.",
                folder.display(),
                errors.len()
            );
            return ExitCode::from(EXIT_INVALID_INPUT);
        }
    };
    let plan = build_plan(&input, &framework, &date);
    match crate::explain::explain(&plan, &framework, item) {
        Ok(text) => {
            let _ = std::io::stdout().lock().write_all(text.as_bytes());
            ExitCode::from(EXIT_OK)
        }
        Err(message) => {
            let _ = writeln!(
                stderr,
                "error: {message}\n  = hint: component ids are listed in the framework's components.toml and by `dgplan explain {}`",
                folder.display()
            );
            ExitCode::from(EXIT_USAGE)
        }
    }
}
