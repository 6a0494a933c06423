//! How commands talk to the person at the terminal: problems on stderr,
//! coloured only where colour is wanted; results on stdout, quiet or verbose.

use std::io::{IsTerminal, Write};

use anstyle::{AnsiColor, Style};

/// How much a command says, set by `--quiet` and `--verbose`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Verbosity {
    Quiet,
    #[default]
    Normal,
    Verbose,
}

impl Verbosity {
    pub fn from_flags(quiet: bool, verbose: bool) -> Self {
        match (quiet, verbose) {
            (true, _) => Verbosity::Quiet,
            (false, true) => Verbosity::Verbose,
            _ => Verbosity::Normal,
        }
    }

    /// Progress counters go to a terminal only, and never when asked to be quiet.
    pub fn shows_progress(self) -> bool {
        self != Verbosity::Quiet && std::io::stderr().is_terminal()
    }
}

/// Standard error with `error:`, `warning:` and `= hint:` picked out in
/// colour. `anstream` drops the colour when stderr is not a terminal or
/// `NO_COLOR` is set, and keeps it when `CLICOLOR_FORCE` is set.
///
/// It does not hold the lock on stderr between writes: batch commands write
/// progress from worker threads while the command's own writer is alive.
pub fn stderr() -> Painter<anstream::AutoStream<std::io::Stderr>> {
    Painter::new(anstream::AutoStream::auto(std::io::stderr()))
}

/// Colours the label at the start of each line of text written through it.
pub struct Painter<W: Write> {
    inner: W,
    at_line_start: bool,
}

const LABELS: [(&str, Style); 3] = [
    (
        "error:",
        Style::new()
            .bold()
            .fg_color(Some(anstyle::Color::Ansi(AnsiColor::Red))),
    ),
    (
        "warning:",
        Style::new()
            .bold()
            .fg_color(Some(anstyle::Color::Ansi(AnsiColor::Yellow))),
    ),
    (
        "  = hint:",
        Style::new()
            .bold()
            .fg_color(Some(anstyle::Color::Ansi(AnsiColor::Cyan))),
    ),
];

impl<W: Write> Painter<W> {
    pub fn new(inner: W) -> Self {
        Painter {
            inner,
            at_line_start: true,
        }
    }

    fn write_segment(&mut self, segment: &str) -> std::io::Result<()> {
        if self.at_line_start
            && let Some((label, style)) = LABELS.iter().find(|(l, _)| segment.starts_with(l))
        {
            write!(self.inner, "{style}{label}{style:#}")?;
            return self.inner.write_all(&segment.as_bytes()[label.len()..]);
        }
        self.inner.write_all(segment.as_bytes())
    }
}

impl<W: Write> Write for Painter<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let text = String::from_utf8_lossy(buf);
        let mut rest: &str = &text;
        while let Some(newline) = rest.find('\n') {
            self.write_segment(&rest[..newline])?;
            self.inner.write_all(b"\n")?;
            self.at_line_start = true;
            rest = &rest[newline + 1..];
        }
        if !rest.is_empty() {
            self.write_segment(rest)?;
            self.at_line_start = false;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn painted(pieces: &[&str]) -> String {
        let mut painter = Painter::new(Vec::new());
        for piece in pieces {
            painter.write_all(piece.as_bytes()).unwrap();
        }
        String::from_utf8(painter.inner).unwrap()
    }

    #[test]
    fn labels_at_line_start_are_coloured() {
        let out = painted(&["error: ", "a.toml:1:1: bad\n  = hint: fix it\n"]);
        assert!(
            out.starts_with("\u{1b}[1m\u{1b}[31merror:\u{1b}[0m a.toml"),
            "{out:?}"
        );
        assert!(
            out.contains("\u{1b}[36m  = hint:\u{1b}[0m fix it\n"),
            "{out:?}"
        );
    }

    #[test]
    fn labels_inside_a_line_are_left_alone() {
        let out = painted(&["the word ", "error: here\n"]);
        assert_eq!(out, "the word error: here\n");
    }
}
