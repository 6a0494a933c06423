//! `dgplan explain`: builds a country's plan and says why it holds what it holds.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use super::report;
use super::{EXIT_INVALID_INPUT, EXIT_OK, EXIT_USAGE, Ended};

pub fn run(folder: &Path, item: Option<&str>, framework_folder: Option<&Path>) -> Ended {
    let stderr = &mut report::stderr();
    let framework_folder = super::framework_folder_for(folder, framework_folder);
    let framework =
        super::framework_or_exit(framework_folder.as_deref(), "nothing can be explained")?;
    let date = super::date_or_exit()?;
    let plan = match crate::pipeline::plan_folder(folder, &framework, &date) {
        Ok(plan) => plan,
        Err(errors) => {
            let _ = write!(stderr, "{errors}");
            let _ = writeln!(
                stderr,
                "{}: {}; fix {} to see the explanation.",
                folder.display(),
                super::plural(errors.len(), "problem", "problems"),
                if errors.len() == 1 { "it" } else { "them" }
            );
            return Err(ExitCode::from(EXIT_INVALID_INPUT));
        }
    };
    match crate::explain::explain(&plan, &framework, item) {
        Ok(text) => {
            let _ = std::io::stdout().lock().write_all(text.as_bytes());
            Ok(ExitCode::from(EXIT_OK))
        }
        Err(message) => {
            let _ = writeln!(
                stderr,
                "error: {message}\n  = hint: component ids are listed in the framework's components.toml and by `dgplan explain {}`",
                folder.display()
            );
            Ok(ExitCode::from(EXIT_USAGE))
        }
    }
}
