//! The `dgplan` binary: all work happens in the library.

use clap::Parser;

fn main() -> std::process::ExitCode {
    dgplan::cli::run(dgplan::cli::Cli::parse())
}
