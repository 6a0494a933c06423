//! The typography of the plan's language, applied to rendered text.
//!
//! Phrases, templates and framework texts are written without the spaces
//! French puts before some punctuation, and with English quotes “ ”: the
//! renderers set them here, once, on the Markdown a template made (and
//! on the few texts drawn outside it, such as the cover's lines), so that
//! no translator has to type a no-break space by hand.
//!
//! - French: a narrow no-break space (U+202F) before `;`, `?` and `!`, a
//!   no-break space (U+00A0) before `:` and before `%`, and “ ” become « »
//!   with a no-break space inside.
//! - Spanish: “ ” become « ».
//! - English: unchanged.
//!
//! URLs, code (inline and fenced), HTML comments, `{placeholders}` and the
//! separator rows of tables (`|---|:---|`) are left as they are, and the
//! pass is idempotent: typesetting typeset text changes nothing.

use crate::language::{Language, current};

/// No-break space, before `:` and `%` in French, inside « ».
pub const NBSP: char = '\u{00a0}';
/// Narrow no-break space, before `;`, `?` and `!` in French.
pub const NNBSP: char = '\u{202f}';

/// `text` with the typography of the language in force.
pub fn typeset(text: &str) -> String {
    typeset_in(text, current())
}

/// `text` (Markdown, or a plain line) with the typography of `language`.
pub fn typeset_in(text: &str, language: Language) -> String {
    if language == Language::En {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    let mut fenced = false;
    let mut in_comment = false;
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            fenced = !fenced;
            out.push_str(line);
            continue;
        }
        if fenced || is_separator_row(line) {
            out.push_str(line);
            continue;
        }
        line_typeset(line, language, &mut in_comment, &mut out);
    }
    out
}

/// A table's separator row: `|---|:---:|`, `---|---`.
fn is_separator_row(line: &str) -> bool {
    let t = line.trim();
    t.contains('-')
        && t.contains('|')
        && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'))
}

/// Where a URL ends: at whitespace, or at a closing bracket or quote.
fn url_len(rest: &str) -> usize {
    rest.find(|c: char| c.is_whitespace() || matches!(c, ')' | '>' | ']' | '"' | '”' | '»'))
        .unwrap_or(rest.len())
}

fn starts_url(rest: &str) -> bool {
    rest.starts_with("http://")
        || rest.starts_with("https://")
        || rest.starts_with("mailto:")
        || rest.starts_with("www.")
}

/// One line, outside code fences; `in_comment` carries an HTML comment
/// over to the next line.
fn line_typeset(line: &str, language: Language, in_comment: &mut bool, out: &mut String) {
    let mut rest = line;
    while !rest.is_empty() {
        if *in_comment {
            match rest.find("-->") {
                Some(end) => {
                    out.push_str(&rest[..end + 3]);
                    rest = &rest[end + 3..];
                    *in_comment = false;
                }
                None => {
                    out.push_str(rest);
                    return;
                }
            }
            continue;
        }
        // Spans kept as they are: comments, code, placeholders, URLs.
        let kept = if rest.starts_with("<!--") {
            *in_comment = true;
            out.push_str("<!--");
            rest = &rest[4..];
            continue;
        } else if let Some(after) = rest.strip_prefix('`') {
            after.find('`').map(|end| end + 2)
        } else if let Some(after) = rest.strip_prefix('{') {
            after
                .find('}')
                .filter(|end| !after[..*end].contains(char::is_whitespace))
                .map(|end| end + 2)
        } else if let Some(after) = rest.strip_prefix("](") {
            Some(2 + url_len(after))
        } else if starts_url(rest) && !out.ends_with(|c: char| c.is_alphanumeric()) {
            Some(url_len(rest))
        } else {
            None
        };
        if let Some(len) = kept {
            out.push_str(&rest[..len]);
            rest = &rest[len..];
            continue;
        }
        let c = rest.chars().next().unwrap_or(' ');
        let next = rest[c.len_utf8()..].chars().next();
        punctuate(c, next, language, out);
        rest = &rest[c.len_utf8()..];
    }
}

/// Writes `c` (followed by `next`) with the spaces the language wants.
fn punctuate(c: char, next: Option<char>, language: Language, out: &mut String) {
    match (language, c) {
        (Language::Fr, '“') => {
            out.push('«');
            out.push(NBSP);
        }
        (Language::Fr, '”') => {
            space_before(out, NBSP);
            out.push('»');
        }
        (Language::Es, '“') => out.push('«'),
        (Language::Es, '”') => out.push('»'),
        (Language::Fr, ';' | '?' | '!') if wants_space(out, c, next) => {
            space_before(out, NNBSP);
            out.push(c);
        }
        (Language::Fr, ':') if wants_space(out, c, next) => {
            space_before(out, NBSP);
            out.push(c);
        }
        (Language::Fr, '%') if out.ends_with(|p: char| p.is_ascii_digit() || p == ' ') => {
            space_before(out, NBSP);
            out.push(c);
        }
        _ => out.push(c),
    }
}

/// Whether French punctuation `c` after `out` and before `next` is the
/// punctuation of a sentence (not an entity's `;`, an image's `!` or a
/// time's `:`).
fn wants_space(out: &str, c: char, next: Option<char>) -> bool {
    let Some(before) = out.chars().next_back() else {
        return false;
    };
    if before == '\n' {
        return false;
    }
    let after_ok = match c {
        ':' => next.is_none_or(|n| n.is_whitespace() || matches!(n, '*' | '_' | ')' | '»')),
        '!' => next.is_none_or(|n| !matches!(n, '[' | '=')),
        ';' => !is_entity(out),
        _ => true,
    };
    after_ok && (!before.is_whitespace() || before == ' ')
}

/// Whether `out` ends with an HTML entity's start, "&amp" or "&#160".
fn is_entity(out: &str) -> bool {
    let word: String = out
        .chars()
        .rev()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '#')
        .collect();
    !word.is_empty() && out[..out.len() - word.len()].ends_with('&')
}

/// Puts `space` at the end of `out`, in place of a plain space there.
fn space_before(out: &mut String, space: char) {
    if out.ends_with(' ') {
        out.pop();
    }
    if !out.ends_with([NBSP, NNBSP]) && !out.is_empty() {
        out.push(space);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fr(text: &str) -> String {
        typeset_in(text, Language::Fr)
    }

    #[test]
    fn french_spaces_its_punctuation() {
        assert_eq!(
            fr("Statut: projet; fini? Oui! 15% et “plan”."),
            "Statut\u{a0}: projet\u{202f}; fini\u{202f}? Oui\u{202f}! 15\u{a0}% et «\u{a0}plan\u{a0}»."
        );
        assert_eq!(fr("- **Statut:** projet"), "- **Statut\u{a0}:** projet");
        assert_eq!(fr("Note :"), "Note\u{a0}:");
    }

    #[test]
    fn spanish_changes_only_quotes() {
        assert_eq!(
            typeset_in("Estado: “borrador”; 15%?", Language::Es),
            "Estado: «borrador»; 15%?"
        );
    }

    #[test]
    fn english_is_unchanged() {
        let text = "Status: draft; “plan” 15%!";
        assert_eq!(typeset_in(text, Language::En), text);
    }

    #[test]
    fn code_urls_comments_placeholders_and_separators_are_kept() {
        let kept = [
            "<!-- pdf:part -->",
            "Voir https://example.org/a?b=c;d:e et [lien](https://x.org/?q=1).",
            "`a: b; c?`",
            "Le texte {score:leadership}",
            "|:---|---:|",
            "![Graphique](costs.svg)",
            "10:30 et &amp; et &#160;",
        ];
        for text in kept {
            assert_eq!(fr(text), text, "{text}");
        }
        assert_eq!(
            fr("```\na: b;\n```\nfin: oui"),
            "```\na: b;\n```\nfin\u{a0}: oui"
        );
        assert_eq!(
            fr("<!-- a: b\nc: d -->\ne: f"),
            "<!-- a: b\nc: d -->\ne\u{a0}: f"
        );
    }

    #[test]
    fn typesetting_twice_changes_nothing() {
        let text = "Statut: projet; fini? Oui! 15% et “plan” ; 3 %.";
        let once = fr(text);
        assert_eq!(fr(&once), once);
        let es = typeset_in(text, Language::Es);
        assert_eq!(typeset_in(&es, Language::Es), es);
    }
}
