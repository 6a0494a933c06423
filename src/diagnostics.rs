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
    /// Byte offset of the start of each line, so that a place is found in
    /// logarithmic time however many problems a large file has.
    line_starts: Vec<usize>,
}

/// What to tell someone whose file is not there: the caller knows what kind
/// of folder the file belongs in.
pub const CHECK_THE_PATH: &str = "check the file's name and folder";

impl SourceFile {
    pub fn new(path: impl Into<PathBuf>, text: impl Into<String>) -> Self {
        let mut text: String = text.into();
        // Spreadsheet tools and Notepad add a byte order mark; TOML does not allow it.
        if text.starts_with('\u{feff}') {
            text.replace_range(..'\u{feff}'.len_utf8(), "");
        }
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        SourceFile {
            path: path.into(),
            text,
            line_starts,
        }
    }

    /// Reads a file, refusing what is not an ordinary file, files that are
    /// too large and files that are not UTF-8. `missing_hint` is what to do
    /// when the file is not there.
    pub fn read_or(path: &Path, missing_hint: &str) -> Result<SourceFile, Diagnostic> {
        let bytes = read_bounded(path, missing_hint)?;
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

    /// [`SourceFile::read_or`] with a hint that fits any file.
    pub fn read(path: &Path) -> Result<SourceFile, Diagnostic> {
        SourceFile::read_or(path, CHECK_THE_PATH)
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_column(&self, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(&self.text, offset.min(self.text.len()));
        let line = self.line_starts.partition_point(|&start| start <= offset);
        let line_start = self.line_starts[line - 1];
        let column = self.text[line_start..offset].chars().count() + 1;
        (line, column)
    }

    fn excerpt(&self, span: &Range<usize>) -> Excerpt {
        let start = floor_char_boundary(&self.text, span.start.min(self.text.len()));
        let line_start = self.line_starts[self.line_starts.partition_point(|&s| s <= start) - 1];
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

/// The bytes of an ordinary file (a link to one is followed), at most
/// [`MAX_INPUT_BYTES`] of them. Anything else (a folder, a device such as
/// /dev/zero, a named pipe) is refused before it is opened, so that nothing
/// blocks and nothing endless is read; a file that grows while it is read
/// is still read no further than one byte past the limit.
fn read_bounded(path: &Path, missing_hint: &str) -> Result<Vec<u8>, Diagnostic> {
    use std::io::Read;
    let cannot = |err: std::io::Error| {
        let hint = if err.kind() == std::io::ErrorKind::NotFound {
            missing_hint
        } else {
            "check that the file exists and that you may read it"
        };
        Diagnostic::file(path, format!("cannot read the file: {err}")).with_hint(hint)
    };
    let metadata = std::fs::metadata(path).map_err(cannot)?;
    check_ordinary(path, &metadata)?;
    if metadata.len() > MAX_INPUT_BYTES as u64 {
        return Err(too_large(path, metadata.len()));
    }
    let file = std::fs::File::open(path).map_err(cannot)?;
    // The file may have been replaced since it was looked at.
    check_ordinary(path, &file.metadata().map_err(cannot)?)?;
    let mut bytes = Vec::with_capacity(metadata.len().min(MAX_INPUT_BYTES as u64) as usize);
    file.take(MAX_INPUT_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(cannot)?;
    if bytes.len() > MAX_INPUT_BYTES {
        // The file grew since it was looked at: it is at least this large.
        return Err(too_large(path, metadata.len().max(bytes.len() as u64)));
    }
    Ok(bytes)
}

fn too_large(path: &Path, size: u64) -> Diagnostic {
    Diagnostic::file(
        path,
        format!(
            "the file is {} bytes, larger than the 1 MiB ({} bytes) dgplan accepts",
            thousands(size),
            thousands(MAX_INPUT_BYTES as u64)
        ),
    )
    .with_hint("dgplan's files are a few KiB; check that this is the right file")
}

/// Refuses what is not an ordinary file, naming what it is.
fn check_ordinary(path: &Path, metadata: &std::fs::Metadata) -> Result<(), Diagnostic> {
    if metadata.is_file() {
        return Ok(());
    }
    let file_type = metadata.file_type();
    let what = if file_type.is_dir() {
        "a folder"
    } else if is_fifo(&file_type) {
        "a named pipe"
    } else if is_device(&file_type) {
        "a device"
    } else {
        "not an ordinary file"
    };
    let message = if what.starts_with("not") {
        "this is not an ordinary file".to_string()
    } else {
        format!("this is {what}, not a file")
    };
    Err(Diagnostic::file(path, message).with_hint(
        "give an ordinary text file saved from an editor (a link to one is fine); dgplan does not read folders, devices or pipes",
    ))
}

#[cfg(unix)]
fn is_fifo(file_type: &std::fs::FileType) -> bool {
    std::os::unix::fs::FileTypeExt::is_fifo(file_type)
}

#[cfg(unix)]
fn is_device(file_type: &std::fs::FileType) -> bool {
    use std::os::unix::fs::FileTypeExt;
    file_type.is_char_device() || file_type.is_block_device()
}

#[cfg(not(unix))]
fn is_fifo(_: &std::fs::FileType) -> bool {
    false
}

#[cfg(not(unix))]
fn is_device(_: &std::fs::FileType) -> bool {
    false
}

/// 1048577 as "1,048,577".
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The name of a control character as a reader can look it up: `U+001B`.
pub fn char_name(c: char) -> String {
    format!("U+{:04X}", u32::from(c))
}

/// Whether a character may not appear in a one-line text: a control
/// character (C0, DEL, C1), a character that reverses the direction of the
/// text around it, a line or paragraph separator, or a noncharacter (U+FFFE
/// and the like, which XML and so the charts cannot hold).
pub fn is_forbidden_in_text(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{2028}' | '\u{2029}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{fdd0}'..='\u{fdef}'
        )
        || (u32::from(c) & 0xfffe) == 0xfffe
}

/// The first character of `text` that may not appear in it: see
/// [`is_forbidden_in_text`]; `breaks` allows line breaks and tabs, for
/// notes and the framework's longer texts.
pub fn first_forbidden(text: &str, breaks: bool) -> Option<char> {
    text.chars()
        .find(|&c| is_forbidden_in_text(c) && !(breaks && matches!(c, '\n' | '\t' | '\r')))
}

/// What a forbidden character is, for a message: "a control character
/// (U+001B)".
pub fn forbidden_name(c: char) -> String {
    let kind = if c.is_control() {
        "a control character"
    } else if matches!(c, '\u{2028}' | '\u{2029}') {
        "a line separator"
    } else if matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}') {
        "a text-direction override"
    } else {
        "a character that no document can hold"
    };
    format!("{kind} ({})", char_name(c))
}

/// Most characters of a place, field or quoted key a message shows: a key
/// of 900,000 characters must not become a megabyte of messages.
const SHOWN_CHARS: usize = 200;

/// `text` escaped for a terminal and cut to `most` characters, saying how
/// long it was.
fn shown(text: &str, most: usize) -> String {
    let escaped = escape_controls(text);
    let length = escaped.chars().count();
    if length <= most {
        return escaped;
    }
    let kept: String = escaped.chars().take(most).collect();
    format!("{kept}… ({length} characters in all)")
}

/// Text safe to print on a terminal: control characters (and direction
/// overrides) are written as `\u{1b}`, so nothing a file holds can move the
/// cursor, clear the screen or change colours. Tabs are kept.
pub fn escape_controls(text: &str) -> String {
    if !text.chars().any(|c| c != '\t' && is_forbidden_in_text(c)) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if c != '\t' && is_forbidden_in_text(c) {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out
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
    /// Everything quoted from a file or an argument is shown with its
    /// control characters escaped, so the terminal shows what the file holds.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let location = shown(&self.location(), SHOWN_CHARS);
        write!(f, "error: {location}: ")?;
        if let Some(field) = &self.field {
            write!(f, "`{}`: ", shown(field, SHOWN_CHARS))?;
        }
        write!(f, "{}", shown(&self.message, 4 * SHOWN_CHARS))?;
        if let (Some(excerpt), Some(line)) = (&self.excerpt, self.line) {
            let number = line.to_string();
            let pad = " ".repeat(number.len());
            let before: String = excerpt.text.chars().take(excerpt.caret_offset).collect();
            let caret_offset = escape_controls(&before).chars().count();
            let text = escape_controls(&excerpt.text);
            // The caret stops where the quoted window ends.
            let caret_len = excerpt
                .caret_len
                .min(text.chars().count().saturating_sub(caret_offset))
                .max(1);
            write!(
                f,
                "\n{pad} |\n{number} | {text}\n{pad} | {}{}",
                " ".repeat(caret_offset),
                "^".repeat(caret_len)
            )?;
        }
        if let Some(hint) = &self.hint {
            write!(f, "\n  = hint: {}", shown(hint, 4 * SHOWN_CHARS))?;
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

/// At most this many problems are printed for one run of a loader; the
/// rest are counted, so that a file with thousands of mistakes gives a
/// screenful, not megabytes.
pub const MAX_SHOWN: usize = 20;

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, diagnostic) in self.0.iter().take(MAX_SHOWN).enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            writeln!(f, "{diagnostic}")?;
        }
        if self.0.len() > MAX_SHOWN {
            writeln!(
                f,
                "\n... and {} more problems (fix these first, then check again)",
                self.0.len() - MAX_SHOWN
            )?;
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
