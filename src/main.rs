//! The `dgplan` binary: all work happens in the library.

use clap::Parser;

/// The system's allocator, counting what user templates' rendering holds
/// (see `dgplan::render::budget`).
#[global_allocator]
static ALLOCATOR: dgplan::render::budget::Counting = dgplan::render::budget::Counting;

fn main() -> std::process::ExitCode {
    dgplan::render::budget::tune_allocator();
    // A panic is a defect in dgplan. Say so in words, after Rust's own
    // message; files are written whole or not at all, so none is damaged.
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        default_hook(info);
        eprintln!(
            "\ndgplan stopped on an internal error. This is a defect in dgplan, not in your files; \
please report it with the command you ran. Files already written are complete; the file being written was left unchanged."
        );
    }));
    dgplan::cli::run(dgplan::cli::Cli::parse())
}
