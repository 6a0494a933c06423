//! Problems found in a user's files, with the place they were found.
//!
//! Every error dgplan reports about an input goes through [`Diagnostic`], so
//! that a policy officer always sees the file, the line and column, the field,
//! what was expected and what to do next.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// Input files larger than this are refused: a real profile is a few KiB, so
/// anything bigger is almost certainly the wrong file.
pub const MAX_INPUT_BYTES: usize = 1024 * 1024;

/// The text of one input file, kept so that byte offsets can be turned into
/// line and column numbers and a quoted line.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: PathBuf,
    pub text: String,
}

impl SourceFile {
    pub fn new(path: impl Into<PathBuf>, text: impl Into<String>) -> Self {
        let mut text: String = text.into();
        // Spreadsheet tools and Notepad add a byte order mark; TOML does not allow it.
        if text.starts_with('\u{feff}') {
            text.replace_range(..'\u{feff}'.len_utf8(), "");
        }
        SourceFile {
            path: path.into(),
            text,
        }
    }

    /// Reads a file, refusing files that are too large or not UTF-8.
    pub fn read(path: &Path) -> Result<SourceFile, Diagnostic> {
        let bytes = std::fs::read(path).map_err(|err| {
            let hint = if err.kind() == std::io::ErrorKind::NotFound {
                "check the folder name; a country folder holds profile.toml and readiness.toml (the folders in samples/ show both)"
            } else {
                "check that the file exists and that you may read it"
            };
            Diagnostic::file(path, format!("cannot read the file: {err}")).with_hint(hint)
        })?;
        if bytes.len() > MAX_INPUT_BYTES {
            return Err(Diagnostic::file(
                path,
                format!(
                    "the file is {} KiB, larger than the {} KiB dgplan accepts",
                    bytes.len() / 1024,
                    MAX_INPUT_BYTES / 1024
                ),
            )
            .with_hint("a country profile is a few KiB; check that this is the right file"));
        }
        match String::from_utf8(bytes) {
            Ok(text) => Ok(SourceFile::new(path, text)),
            Err(err) => {
                let offset = err.utf8_error().valid_up_to();
                let bytes = err.into_bytes();
                let valid = String::from_utf8_lossy(&bytes[..offset]).into_owned();
                let source = SourceFile::new(path, valid);
                let (line, column) = source.line_column(offset);
                // The place, without a quoted line: the text there cannot be shown.
                let mut diagnostic = Diagnostic::file(path, "the file is not UTF-8 text")
                    .with_hint(
                        "save the file as UTF-8 (in most editors: Save as, Encoding: UTF-8)",
                    );
                diagnostic.line = Some(line);
                diagnostic.column = Some(column);
                Err(diagnostic)
            }
        }
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_column(&self, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(&self.text, offset.min(self.text.len()));
        let before = &self.text[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before[line_start..].chars().count() + 1;
        (line, column)
    }

    fn excerpt(&self, span: &Range<usize>) -> Excerpt {
        let start = floor_char_boundary(&self.text, span.start.min(self.text.len()));
        let line_start = self.text[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = self.text[start..]
            .find('\n')
            .map_or(self.text.len(), |i| start + i);
        let line_text = self.text[line_start..line_end].trim_end_matches('\r');
        // The span may start past the visible text (at a line break or a
        // trailing '\r'), so the end is clamped to whichever is further.
        let end = span
            .end
            .clamp(start, (line_start + line_text.len()).max(start));
        let end = floor_char_boundary(&self.text, end);
        let caret_offset = self.text[line_start..start].chars().count();
        let caret_len = self.text[start..end].chars().count().max(1);
        // A very long line is shown as a window around the problem.
        const WINDOW: usize = 60;
        let chars: Vec<char> = line_text.chars().collect();
        if chars.len() <= 2 * WINDOW + 20 {
            return Excerpt {
                text: line_text.to_string(),
                caret_offset,
                caret_len,
            };
        }
        let from = caret_offset.saturating_sub(WINDOW);
        let to = (caret_offset + WINDOW).min(chars.len());
        let prefix = if from > 0 { "…" } else { "" };
        let suffix = if to < chars.len() { "…" } else { "" };
        Excerpt {
            text: format!(
                "{prefix}{}{suffix}",
                chars[from..to].iter().collect::<String>()
            ),
            caret_offset: caret_offset - from + prefix.chars().count(),
            caret_len: caret_len.min(to - caret_offset).max(1),
        }
    }
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[derive(Debug, Clone, PartialEq)]
struct Excerpt {
    text: String,
    caret_offset: usize,
    caret_len: usize,
}

/// One problem in one file.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    pub file: PathBuf,
    pub line: Option<usize>,
    pub column: Option<usize>,
    /// Dotted path of the field, such as `plan.horizon_years`.
    pub field: Option<String>,
    pub message: String,
    pub hint: Option<String>,
    excerpt: Option<Excerpt>,
}

impl Diagnostic {
    /// A problem with a file as a whole (missing, unreadable, too large).
    pub fn file(path: &Path, message: impl Into<String>) -> Self {
        Diagnostic {
            file: path.to_path_buf(),
            line: None,
            column: None,
            field: None,
            message: message.into(),
            hint: None,
            excerpt: None,
        }
    }

    /// A problem at a place in a file.
    pub fn at(source: &SourceFile, span: Range<usize>, message: impl Into<String>) -> Self {
        let (line, column) = source.line_column(span.start);
        Diagnostic {
            file: source.path.clone(),
            line: Some(line),
            column: Some(column),
            field: None,
            message: message.into(),
            hint: None,
            excerpt: Some(source.excerpt(&span)),
        }
    }

    pub fn with_field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// `file:line:column` as editors understand it.
    pub fn location(&self) -> String {
        match (self.line, self.column) {
            (Some(line), Some(column)) => format!("{}:{line}:{column}", self.file.display()),
            (Some(line), None) => format!("{}:{line}", self.file.display()),
            _ => self.file.display().to_string(),
        }
    }
}

impl Diagnostic {
    /// The diagnostic as a warning's text, without the `error: ` label:
    /// the caller says it is a warning.
    pub fn without_severity(&self) -> String {
        let text = self.to_string();
        text.strip_prefix("error: ").unwrap_or(&text).to_string()
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "error: {}: ", self.location())?;
        if let Some(field) = &self.field {
            write!(f, "`{field}`: ")?;
        }
        write!(f, "{}", self.message)?;
        if let (Some(excerpt), Some(line)) = (&self.excerpt, self.line) {
            let number = line.to_string();
            let pad = " ".repeat(number.len());
            write!(
                f,
                "\n{pad} |\n{number} | {}\n{pad} | {}{}",
                excerpt.text,
                " ".repeat(excerpt.caret_offset),
                "^".repeat(excerpt.caret_len)
            )?;
        }
        if let Some(hint) = &self.hint {
            write!(f, "\n  = hint: {hint}")?;
        }
        Ok(())
    }
}

/// Every problem found in one run of a loader, in the order found.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.0.push(diagnostic);
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn extend(&mut self, other: Diagnostics) {
        self.0.extend(other.0);
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter()
    }

    /// Ok when nothing was found, otherwise all problems at once.
    pub fn into_result<T>(self, value: T) -> Result<T, Diagnostics> {
        if self.0.is_empty() {
            Ok(value)
        } else {
            Err(self)
        }
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(diagnostic: Diagnostic) -> Self {
        Diagnostics(vec![diagnostic])
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, diagnostic) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            writeln!(f, "{diagnostic}")?;
        }
        Ok(())
    }
}

/// The closest candidate to a misspelt name, when one is close enough to be
/// a likely typo.
pub fn did_you_mean<'a>(
    given: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let given = given.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(&given, &c.to_lowercase()), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_characters_not_bytes() {
        let source = SourceFile::new("p.toml", "a = 1\nname = \"Côte\" x\n");
        let offset = source.text.find('x').unwrap();
        assert_eq!(source.line_column(offset), (2, 15));
    }

    #[test]
    fn byte_order_mark_is_dropped() {
        let source = SourceFile::new("p.toml", "\u{feff}a = 1\n");
        assert_eq!(source.text, "a = 1\n");
    }

    #[test]
    fn display_quotes_the_line_with_a_caret() {
        let source = SourceFile::new("profile.toml", "[plan]\nhorizon_years = 20\n");
        let start = source.text.find("20").unwrap();
        let d = Diagnostic::at(&source, start..start + 2, "out of range")
            .with_field("plan.horizon_years")
            .with_hint("use 3 to 15");
        let shown = d.to_string();
        assert_eq!(
            shown,
            "error: profile.toml:2:17: `plan.horizon_years`: out of range\n  |\n2 | horizon_years = 20\n  |                 ^^\n  = hint: use 3 to 15"
        );
    }

    #[test]
    fn a_span_at_a_windows_line_end_does_not_panic() {
        // Found by fuzzing: a span starting on the '\n' of "\r\n", past the
        // line's visible text.
        let source = SourceFile::new("p.toml", "a = 1\r\nb = 2\r\n");
        let at = source.text.find('\n').unwrap();
        let shown = Diagnostic::at(&source, at..at + 2, "here").to_string();
        assert!(shown.contains("1 | a = 1"), "{shown}");
    }

    #[test]
    fn long_lines_are_shown_as_a_window_around_the_problem() {
        let line = format!("x = {}!{}", "[".repeat(500), "]".repeat(500));
        let source = SourceFile::new("p.toml", line.clone());
        let at = line.find('!').unwrap();
        let shown = Diagnostic::at(&source, at..at + 1, "here").to_string();
        let quoted = shown.lines().nth(2).unwrap();
        assert!(quoted.chars().count() < 140, "{quoted}");
        let caret_line = shown.lines().nth(3).unwrap();
        let caret = caret_line.chars().position(|c| c == '^').unwrap();
        assert_eq!(quoted.chars().nth(caret), Some('!'));
    }

    #[test]
    fn suggestions_only_for_near_misses() {
        let names = ["leadership", "coordination", "resilience"];
        assert_eq!(did_you_mean("leadershp", names), Some("leadership"));
        assert_eq!(did_you_mean("Coordination", names), Some("coordination"));
        assert_eq!(did_you_mean("budget", names), None);
    }
}
