//! Reading TOML files section by section, so that one mistake does not hide
//! the others.
//!
//! serde stops at the first problem it meets. To report as much as possible
//! in one run, a document is first parsed with positions kept, then each
//! top-level section is deserialised on its own: a typo in `[plan]` does not
//! stop dgplan from checking `[country]`.

use std::ops::Range;

use serde::de::DeserializeOwned;
use serde::de::IntoDeserializer;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::diagnostics::{Diagnostic, Diagnostics, SourceFile, did_you_mean};

/// The most entries a list in a profile or readiness file may hold
/// (`priority_sectors`, `hazards`, `sdg_focus`, `groups`): no country needs
/// more, and a longer list is almost certainly a mistake.
pub const MAX_LIST_ENTRIES: usize = 50;

/// The most entries a table in a profile or readiness file may hold, such
/// as `[in_place]` or `[answers]`: well above the framework's catalogue.
pub const MAX_TABLE_ENTRIES: usize = 200;

/// A parsed TOML document with the positions of every key and value.
pub struct TomlDoc<'a> {
    source: &'a SourceFile,
    root: Spanned<DeTable<'a>>,
    /// The keys each section takes, so that a key written under the wrong
    /// section is sent to its own (see [`TomlDoc::with_layout`]).
    layout: Vec<(&'static str, &'static [&'static str])>,
}

/// The keys a section read as the struct `T` takes (none for a map).
pub fn keys_of<'de, T: serde::Deserialize<'de>>() -> &'static [&'static str] {
    struct_fields::<T>().unwrap_or(&[])
}

impl<'a> TomlDoc<'a> {
    /// Parses the document, reporting every syntax error the parser can
    /// recover from.
    pub fn parse(source: &'a SourceFile) -> Result<TomlDoc<'a>, Diagnostics> {
        if source.text.trim().is_empty() {
            return Err(Diagnostic::file(&source.path, "the file is empty")
                .with_hint("copy the file from one of the folders in samples/ to start from")
                .into());
        }
        let (root, errors) = DeTable::parse_recoverable(&source.text);
        if errors.is_empty() {
            return Ok(TomlDoc {
                source,
                root,
                layout: Vec::new(),
            });
        }
        let mut diagnostics = Diagnostics::default();
        for error in errors {
            let span = error.span().unwrap_or(0..0);
            diagnostics.push(syntax_error(source, span, error.message()));
        }
        Err(diagnostics)
    }

    /// Names the keys each section takes: a key found under the wrong
    /// section is then reported with the section it belongs under.
    pub fn with_layout(mut self, layout: &[(&'static str, &'static [&'static str])]) -> Self {
        self.layout = layout.to_vec();
        self
    }

    /// [`unknown_key`], sending a key that belongs under another section
    /// of the file to that section.
    fn unknown(
        &self,
        span: Range<usize>,
        key: &str,
        allowed: &[&str],
        table: Option<&str>,
    ) -> Diagnostic {
        let diagnostic = unknown_key(self.source, span, key, allowed, table);
        let here = table.unwrap_or("");
        let homes: Vec<String> = self
            .layout
            .iter()
            .filter(|(section, keys)| *section != here && keys.contains(&key))
            .map(|(section, _)| format!("[{section}]"))
            .collect();
        if homes.is_empty() {
            return diagnostic;
        }
        diagnostic.with_hint(format!(
            "`{key}` belongs under {}: move this line below the {} line",
            homes.join(" or "),
            homes.join(" or ")
        ))
    }

    /// As [`TomlDoc::parse`], adding the syntax errors to `diagnostics`.
    pub fn parse_reporting(
        source: &'a SourceFile,
        diagnostics: &mut Diagnostics,
    ) -> Option<TomlDoc<'a>> {
        match TomlDoc::parse(source) {
            Ok(doc) => Some(doc),
            Err(errors) => {
                diagnostics.extend(errors);
                None
            }
        }
    }

    pub fn source(&self) -> &SourceFile {
        self.source
    }

    /// Reports top-level keys that are not among `allowed`.
    pub fn check_sections(&self, allowed: &[&str], diagnostics: &mut Diagnostics) {
        for (key, _) in self.root.get_ref().iter() {
            if !allowed.contains(&key.get_ref().as_ref()) {
                diagnostics.push(self.unknown(key.span(), key.get_ref(), allowed, None));
            }
        }
    }

    pub fn has(&self, section: &str) -> bool {
        self.root.get_ref().get(section).is_some()
    }

    /// Deserialises one top-level section. Returns `None` when it is absent
    /// (reported if `required`) or invalid (reported).
    pub fn section<T: DeserializeOwned>(
        &self,
        name: &str,
        required: bool,
        diagnostics: &mut Diagnostics,
    ) -> Option<T> {
        let Some(value) = self.root.get_ref().get(name) else {
            if required {
                diagnostics.push(
                    Diagnostic::file(
                        &self.source.path,
                        format!("the required section `[{name}]` is missing"),
                    )
                    .with_hint(format!("add a line `[{name}]` followed by its keys")),
                );
            }
            return None;
        };
        // A list or table far longer than any country needs is reported
        // once, at its start, rather than entry by entry.
        if let Some(d) = self.oversized(name, value) {
            diagnostics.push(d);
            return None;
        }
        // Report every unknown key, then read the section without them, so a
        // typo in one key does not hide a wrong value in another.
        let mut value = value.clone();
        let fields = struct_fields::<T>();
        if let (Some(fields), DeValue::Table(table)) = (fields, value.get_mut()) {
            let unknown: Vec<_> = table
                .keys()
                .filter(|k| !fields.contains(&k.get_ref().as_ref()))
                .cloned()
                .collect();
            for key in unknown {
                diagnostics.push(self.unknown(key.span(), key.get_ref(), fields, Some(name)));
                table.remove(&key);
            }
        }
        self.read_all_types(name, value, diagnostics)
    }

    /// Deserialises a section, reporting every value of the wrong type:
    /// serde stops at the first, so each one found is reported and taken
    /// out, and the rest read again. Returned even after unknown keys or
    /// wrong types (already reported) so that the section's other values are
    /// still checked; `None` when a required key is missing.
    fn read_all_types<T: DeserializeOwned>(
        &self,
        name: &str,
        mut value: Spanned<DeValue<'a>>,
        diagnostics: &mut Diagnostics,
    ) -> Option<T> {
        let mut removed: Vec<String> = Vec::new();
        loop {
            let error = match T::deserialize(value.clone().into_deserializer()) {
                Ok(parsed) => return Some(parsed),
                Err(error) => error,
            };
            let missing = error.message().strip_prefix("missing field `");
            if missing.is_some_and(|m| removed.iter().any(|r| m.starts_with(&format!("{r}`")))) {
                return None;
            }
            diagnostics.push(self.convert(name, &value, &error));
            let span = error.span().unwrap_or_else(|| value.span());
            match remove_holding(&mut value, &span) {
                Some(key) if missing.is_none() => removed.push(key),
                _ => return None,
            }
        }
    }

    /// The first list or table in `value` (the section `name`) with more
    /// entries than a profile or readiness file may hold.
    fn oversized(&self, name: &str, value: &Spanned<DeValue<'a>>) -> Option<Diagnostic> {
        let (kind, count, limit) = match value.get_ref() {
            DeValue::Array(items) => ("list", items.len(), MAX_LIST_ENTRIES),
            DeValue::Table(table) => ("table", table.len(), MAX_TABLE_ENTRIES),
            _ => return None,
        };
        if count > limit {
            return Some(
                Diagnostic::at(
                    self.source,
                    value.span(),
                    format!("the {kind} has {count} entries; at most {limit} are accepted"),
                )
                .with_field(name)
                .with_hint(format!(
                    "no country needs more than {limit}; check that this is the right {kind} and keep the entries that matter"
                )),
            );
        }
        let children: Vec<(String, &Spanned<DeValue<'a>>)> = match value.get_ref() {
            DeValue::Array(items) => items
                .iter()
                .enumerate()
                .map(|(i, v)| (format!("{name}[{}]", i + 1), v))
                .collect(),
            DeValue::Table(table) => table
                .iter()
                .map(|(k, v)| (format!("{name}.{}", k.get_ref()), v))
                .collect(),
            _ => Vec::new(),
        };
        children
            .into_iter()
            .find_map(|(path, child)| self.oversized(&path, child))
    }

    /// Deserialises the whole document at once, for files whose top level
    /// is itself one record (framework files).
    pub fn whole<T: DeserializeOwned>(&self) -> Result<T, Diagnostic> {
        let value = Spanned::new(
            self.root.span(),
            DeValue::Table(self.root.get_ref().clone()),
        );
        T::deserialize(value.clone().into_deserializer())
            .map_err(|error| self.convert("", &value, &error))
    }

    /// Turns a serde error into a message a policy officer can act on.
    fn convert(
        &self,
        section: &str,
        value: &Spanned<DeValue<'a>>,
        error: &toml::de::Error,
    ) -> Diagnostic {
        let span = error.span().unwrap_or_else(|| value.span());
        let mut path = Vec::new();
        if !section.is_empty() {
            path.push(section.to_string());
        }
        let mut missing_at = value.span();
        find_field(value, &span, &mut path, &mut missing_at);
        let raw = error.message();

        if let Some((field, expected)) = parse_unknown_field(raw) {
            let key_span = find_key_span(value, &field, &span).unwrap_or(span);
            return self.unknown(
                key_span,
                &field,
                &expected.iter().map(String::as_str).collect::<Vec<_>>(),
                Some(&path.join(".")),
            );
        }
        if let Some(field) = raw
            .strip_prefix("missing field `")
            .and_then(|rest| rest.strip_suffix('`'))
        {
            // When the place serde gives is not inside any key (a table of a
            // list of tables), find the table that lacks the key.
            if path.len() == usize::from(!section.is_empty()) {
                let mut found_path = path.clone();
                if let Some(at) = table_missing(value, field, &mut found_path) {
                    path = found_path;
                    missing_at = at;
                }
            }
            // Point at the table header, where the key belongs.
            let header = missing_at.start..missing_at.start;
            path.push(field.to_string());
            return Diagnostic::at(
                self.source,
                header,
                format!("the required key `{field}` is missing"),
            )
            .with_field(path.join("."))
            .with_hint(format!(
                "add `{field} = ...` to this table; see the input format in the README"
            ));
        }
        let mut diagnostic = Diagnostic::at(self.source, span, friendly_message(raw));
        if !path.is_empty() {
            diagnostic = diagnostic.with_field(path.join("."));
        }
        let field = path.last().map_or("", String::as_str);
        if let Some(hint) = number_as_text_hint(raw).or_else(|| type_hint(raw, field)) {
            diagnostic = diagnostic.with_hint(hint);
        }
        diagnostic
    }
}

/// An example number valid for `field`: shares and published indices run
/// from 0 to 1, so "2.5" would send the user to a second error.
fn example_number(field: &str) -> &'static str {
    let zero_to_one =
        field.ends_with("share") || matches!(field, "egdi" | "osi" | "hci" | "tii" | "epi");
    if zero_to_one { "0.45" } else { "2.5" }
}

/// A syntax error, said in words: a fact uncommented before it is
/// answered, a text without its closing quote, a number written as a
/// spreadsheet writes it, or else the parser's own message.
fn syntax_error(source: &SourceFile, span: Range<usize>, raw: &str) -> Diagnostic {
    let line = line_at(&source.text, span.start);
    if let Some((message, hint)) = line.and_then(unconfirmed) {
        return Diagnostic::at(source, span, message).with_hint(hint);
    }
    if let Some(hint) = line.and_then(|l| unclosed_text(l, raw)) {
        // Counted only here: thousands of other errors stay fast.
        let number = source.text[..span.start.min(source.text.len())]
            .matches('\n')
            .count()
            + 1;
        let message = format!("the closing \" of the text is missing on line {number}");
        return Diagnostic::at(source, span, message).with_hint(hint);
    }
    let hint = line
        .and_then(|l| value_of_line(l))
        .and_then(meant_number)
        .unwrap_or_else(|| {
            "this is not valid TOML; each line should read `key = value`, with text in \"double quotes\"".to_string()
        });
    Diagnostic::at(source, span, syntax_message(raw)).with_hint(hint)
}

/// The line of `text` that holds `offset`.
fn line_at(text: &str, offset: usize) -> Option<&str> {
    let offset = offset.min(text.len());
    let start = text.get(..offset)?.rfind('\n').map_or(0, |i| i + 1);
    let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    Some(&text[start..end])
}

/// The value written on a line, after its `=` and before a comment.
fn value_of_line(line: &str) -> Option<&str> {
    let value = line.split_once('=')?.1;
    Some(value.split('#').next().unwrap_or(value).trim())
}

/// `init` writes a fact nobody has confirmed yet as `# fact = ?`: a user
/// who removes the `# ` without answering is told so, with that fact's
/// answers.
fn unconfirmed(line: &str) -> Option<(String, String)> {
    if value_of_line(line)? != "?" {
        return None;
    }
    let key = line.split_once('=')?.0.trim();
    let answers = match crate::vocabulary::CONTEXT_FACTS
        .iter()
        .find(|(k, _)| *k == key)
    {
        Some((_, words)) if !words.is_empty() => {
            let quoted: Vec<String> = words.iter().map(|w| format!("\"{w}\"")).collect();
            let (last, rest) = quoted.split_last()?;
            format!("write {} or {last} (with the quotes)", rest.join(", "))
        }
        Some(_) => "write true or false".to_string(),
        None => "write the answer".to_string(),
    };
    Some((
        format!("`{key}` is not confirmed yet: the ? stands for an answer nobody has given"),
        format!(
            "{answers} in place of the ?, or put the \"# \" back at the start of the line to leave it unknown"
        ),
    ))
}

/// A line whose text lacks its closing quote (`name = "Ministry of`): the
/// line as it should read.
fn unclosed_text(line: &str, raw: &str) -> Option<String> {
    if !raw.starts_with("invalid basic string") {
        return None;
    }
    let (key, value) = line.split_once('=')?;
    let text = value.trim_start().strip_prefix('"')?;
    if text.starts_with("\"\"") {
        return None;
    }
    let text = text.split(" #").next().unwrap_or(text).trim_end();
    Some(format!(
        "add \" at the end of the text, before any # comment: {} = \"{text}\"",
        key.trim()
    ))
}

/// What the user meant by a number written the way a spreadsheet or a
/// report writes it: `18,5` for 18.5 (a decimal comma), `40%` for 0.40.
fn meant_number(written: &str) -> Option<String> {
    let written = written.trim();
    let is_number = |t: &str| {
        !t.is_empty()
            && t.bytes().all(|b| b.is_ascii_digit() || b == b'.')
            && t.parse::<f64>().is_ok()
    };
    let percent = written
        .strip_suffix('%')
        .map(str::trim)
        .filter(|p| is_number(p));
    if let Some(percent) = percent {
        let share = percent.parse::<f64>().ok()? / 100.0;
        let share = crate::words::format_number(share, 4);
        return Some(format!(
            "write a share as a decimal: {share} for {percent}%"
        ));
    }
    let (whole, fraction) = written.split_once(',')?;
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    (digits(whole) && digits(fraction))
        .then(|| format!("TOML numbers use a decimal point, not a comma: write {whole}.{fraction}"))
}

/// A number written in quotes (`"40%"`, `"18,5"`): say what to write.
fn number_as_text_hint(raw: &str) -> Option<String> {
    if !(raw.contains("expected f64") || raw.contains("expected a number")) {
        return None;
    }
    let written = raw.split("string \"").nth(1)?.split('"').next()?;
    let meant = meant_number(written)?;
    Some(format!("{meant}, without quotes"))
}

/// The field names of a struct type, read from its `Deserialize` impl without
/// any data: serde passes them to `deserialize_struct`. `None` for maps.
fn struct_fields<'de, T: serde::Deserialize<'de>>() -> Option<&'static [&'static str]> {
    struct FieldCatcher<'a>(&'a mut Option<&'static [&'static str]>);

    #[derive(Debug)]
    struct Stop;
    impl std::fmt::Display for Stop {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("stop")
        }
    }
    impl std::error::Error for Stop {}
    impl serde::de::Error for Stop {
        fn custom<M: std::fmt::Display>(_: M) -> Self {
            Stop
        }
    }

    impl<'de> serde::Deserializer<'de> for FieldCatcher<'_> {
        type Error = Stop;
        fn deserialize_any<V: serde::de::Visitor<'de>>(self, _: V) -> Result<V::Value, Stop> {
            Err(Stop)
        }
        fn deserialize_struct<V: serde::de::Visitor<'de>>(
            self,
            _: &'static str,
            fields: &'static [&'static str],
            _: V,
        ) -> Result<V::Value, Stop> {
            *self.0 = Some(fields);
            Err(Stop)
        }
        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
            bytes byte_buf option unit unit_struct newtype_struct seq tuple
            tuple_struct map enum identifier ignored_any
        }
    }

    let mut fields = None;
    let _ = T::deserialize(FieldCatcher(&mut fields));
    fields
}

/// Whether `value` holds `span`. A table written with dotted keys
/// (`demand_inclusion.use = 2`) has no span of its own around its values,
/// so its entries are looked into.
fn holds(value: &Spanned<DeValue<'_>>, span: &Range<usize>) -> bool {
    let own = value.span();
    if own.start <= span.start && span.end <= own.end && own != (0..0) {
        return true;
    }
    match value.get_ref() {
        DeValue::Table(table) => table.iter().any(|(_, child)| holds(child, span)),
        DeValue::Array(items) => items.iter().any(|child| holds(child, span)),
        _ => false,
    }
}

/// Takes out of `value` the innermost entry (a key of a table, an item of
/// a list) that holds `span`; returns its key (the list's key for an
/// item), or `None` when no entry holds it.
fn remove_holding(value: &mut Spanned<DeValue<'_>>, span: &Range<usize>) -> Option<String> {
    match value.get_mut() {
        DeValue::Table(table) => {
            let key = table
                .iter()
                .find(|(_, child)| holds(child, span))
                .map(|(k, _)| k.clone())?;
            let child = table.get_mut(&key)?;
            if let Some(found) = remove_holding(child, span) {
                return Some(found);
            }
            table.remove(&key);
            Some(key.get_ref().to_string())
        }
        DeValue::Array(items) => {
            let index = items.iter().position(|child| holds(child, span))?;
            if remove_holding(&mut items.as_mut()[index], span).is_none() {
                let kept: toml::de::DeArray<'_> = items
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| *i != index)
                    .map(|(_, item)| item.clone())
                    .collect();
                *items = kept;
            }
            Some(String::new())
        }
        _ => None,
    }
}

/// The dotted path of the innermost key whose value holds `span`; also the
/// span of the innermost table around it, where a missing key belongs.
fn find_field(
    value: &Spanned<DeValue<'_>>,
    span: &Range<usize>,
    path: &mut Vec<String>,
    table_span: &mut Range<usize>,
) {
    match value.get_ref() {
        DeValue::Table(table) => {
            *table_span = value.span();
            for (key, child) in table.iter() {
                if holds(child, span) {
                    path.push(key.get_ref().to_string());
                    find_field(child, span, path, table_span);
                    return;
                }
            }
        }
        DeValue::Array(items) => {
            for (index, child) in items.iter().enumerate() {
                if holds(child, span) {
                    if let Some(last) = path.last_mut() {
                        last.push_str(&format!("[{}]", index + 1));
                    }
                    find_field(child, span, path, table_span);
                    return;
                }
            }
        }
        _ => {}
    }
}

/// The first table in a list of tables that lacks `field` while another
/// table of the list has it, with its dotted path added to `path`.
fn table_missing(
    value: &Spanned<DeValue<'_>>,
    field: &str,
    path: &mut Vec<String>,
) -> Option<Range<usize>> {
    let has = |v: &Spanned<DeValue<'_>>| matches!(v.get_ref(), DeValue::Table(t) if t.get(field).is_some());
    match value.get_ref() {
        DeValue::Table(table) => table.iter().find_map(|(key, child)| {
            path.push(key.get_ref().to_string());
            let found = table_missing(child, field, path);
            if found.is_none() {
                path.pop();
            }
            found
        }),
        DeValue::Array(items) => {
            let lacking = items
                .iter()
                .enumerate()
                .find(|(_, v)| matches!(v.get_ref(), DeValue::Table(_)) && !has(v));
            if let Some((index, item)) = lacking.filter(|_| items.iter().any(has)) {
                if let Some(last) = path.last_mut() {
                    last.push_str(&format!("[{}]", index + 1));
                }
                return Some(item.span());
            }
            items.iter().enumerate().find_map(|(index, item)| {
                let saved = path.last().cloned();
                if let Some(last) = path.last_mut() {
                    last.push_str(&format!("[{}]", index + 1));
                }
                let found = table_missing(item, field, path);
                if found.is_none()
                    && let (Some(last), Some(saved)) = (path.last_mut(), saved)
                {
                    *last = saved;
                }
                found
            })
        }
        _ => None,
    }
}

fn find_key_span(
    value: &Spanned<DeValue<'_>>,
    key: &str,
    near: &Range<usize>,
) -> Option<Range<usize>> {
    match value.get_ref() {
        DeValue::Table(table) => {
            for (k, child) in table.iter() {
                if k.get_ref() == key && k.span().start >= value.span().start {
                    let child_span = child.span();
                    if near.start <= child_span.end || near.start <= k.span().end {
                        return Some(k.span());
                    }
                }
                if let Some(found) = find_key_span(child, key, near) {
                    return Some(found);
                }
            }
            None
        }
        DeValue::Array(items) => items.iter().find_map(|c| find_key_span(c, key, near)),
        _ => None,
    }
}

/// A key dgplan does not know, with the nearest known key as a suggestion.
pub fn unknown_key(
    source: &SourceFile,
    span: Range<usize>,
    key: &str,
    allowed: &[&str],
    table: Option<&str>,
) -> Diagnostic {
    let place = match table {
        Some(t) if !t.is_empty() => format!(" in `[{t}]`"),
        _ => String::new(),
    };
    let mut diagnostic = Diagnostic::at(source, span, format!("unknown key `{key}`{place}"));
    if let Some(t) = table.filter(|t| !t.is_empty()) {
        diagnostic = diagnostic.with_field(format!("{t}.{key}"));
    } else {
        diagnostic = diagnostic.with_field(key.to_string());
    }
    let listed = allowed
        .iter()
        .map(|a| format!("`{a}`"))
        .collect::<Vec<_>>()
        .join(", ");
    let hint = match did_you_mean(key, allowed.iter().copied()) {
        Some(suggestion) => format!("did you mean `{suggestion}`? Allowed here: {listed}"),
        None => format!("allowed here: {listed}"),
    };
    diagnostic.with_hint(hint)
}

/// Splits serde's "unknown field `x`, expected one of `a`, `b`" message.
fn parse_unknown_field(message: &str) -> Option<(String, Vec<String>)> {
    let rest = message.strip_prefix("unknown field `")?;
    let (field, rest) = rest.split_once('`')?;
    let expected = rest
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect();
    Some((field.to_string(), expected))
}

fn syntax_message(raw: &str) -> String {
    let first = raw.lines().next().unwrap_or(raw).trim();
    if first.is_empty() {
        "invalid TOML".into()
    } else {
        format!("invalid TOML: {first}")
    }
}

/// Rewords serde's type names ("f64", "i64") in words a reader knows.
pub(crate) fn friendly_message(raw: &str) -> String {
    let raw = raw.lines().next().unwrap_or(raw).trim();
    let mut message = raw
        .replace("invalid type: ", "wrong type: found ")
        .replace("unknown variant", "unknown value")
        .replace("expected f64", "expected a number")
        .replace("expected i64", "expected a whole number")
        .replace("expected u8", "expected a whole number")
        .replace("expected u32", "expected a whole number")
        .replace("expected usize", "expected a whole number")
        .replace("expected u64", "expected a whole number")
        .replace("expected u16", "expected a whole number")
        .replace("expected a boolean", "expected true or false")
        .replace("expected a string", "expected text in double quotes")
        .replace(
            "expected a sequence",
            "expected a list in [square brackets]",
        )
        .replace("expected a map", "expected a table")
        .replace(
            "expected a TOML datetime",
            "expected a date such as 2026-05-01",
        );
    if message.starts_with("wrong type: found floating point") {
        message = message.replace("floating point", "the number");
    }
    message
}

fn type_hint(raw: &str, field: &str) -> Option<String> {
    if raw.contains("expected f64") || raw.contains("expected a number") {
        Some(format!(
            "write a plain number without quotes, such as {}",
            example_number(field)
        ))
    } else if raw.contains("expected i64")
        || raw.contains("expected u")
        || raw.contains("expected a whole number")
    {
        Some("write a whole number without quotes, such as 2026".into())
    } else if raw.contains("expected a boolean") {
        Some("write true or false, without quotes".into())
    } else if raw.contains("expected a string") {
        Some("put the text in double quotes, such as \"Ministry of ICT\"".into())
    } else if raw.contains("expected a sequence") {
        Some("write a list in square brackets, such as [\"health\", \"education\"]".into())
    } else if raw.contains("datetime") {
        Some("write the date without quotes as YYYY-MM-DD, such as 2026-05-01".into())
    } else if let Some(written) = raw.strip_prefix("unknown variant `") {
        let written = written.split('`').next().unwrap_or_default();
        Some(match crate::vocabulary::code_for_name(written) {
            Some((code, name)) => format!("write \"{code}\", the code for {name}"),
            None => "use one of the values listed above, spelt exactly as shown".into(),
        })
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_written_with_a_decimal_comma_or_a_percent_sign_are_read_for_what_they_mean() {
        assert_eq!(
            meant_number("18,5").as_deref(),
            Some("TOML numbers use a decimal point, not a comma: write 18.5")
        );
        assert_eq!(
            meant_number(" 40 % ").as_deref(),
            Some("write a share as a decimal: 0.4 for 40%")
        );
        assert_eq!(meant_number("1,234,567"), None);
        assert_eq!(meant_number("lots"), None);
        let (message, hint) = unconfirmed("e_transactions_law = ?  # UNKNOWN").unwrap();
        assert!(message.contains("`e_transactions_law` is not confirmed yet"));
        assert!(hint.starts_with("write true or false in place of the ?"));
        let (_, hint) = unconfirmed("digital_id = ?").unwrap();
        assert!(hint.starts_with("write \"none\", \"partial\" or \"nationwide\""));
        assert_eq!(unconfirmed("national_portal = true"), None);
        assert_eq!(
            line_at("a = 1\nb = 18,5 # x\n", 9).and_then(value_of_line),
            Some("18,5")
        );
        assert_eq!(
            unclosed_text("name = \"Ministry of  # x", "invalid basic string").as_deref(),
            Some("add \" at the end of the text, before any # comment: name = \"Ministry of\"")
        );
        assert_eq!(example_number("external_financing_share"), "0.45");
        assert_eq!(example_number("population_millions"), "2.5");
    }
    use serde::Deserialize;

    // Only its shape matters here: the tests look at the diagnostics.
    #[allow(dead_code)]
    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Plan {
        start_year: i64,
        #[serde(default)]
        horizon_years: Option<i64>,
    }

    fn check(text: &str) -> Diagnostics {
        let source = SourceFile::new("profile.toml", text);
        let doc = TomlDoc::parse(&source).unwrap();
        let mut diagnostics = Diagnostics::default();
        let _: Option<Plan> = doc.section("plan", true, &mut diagnostics);
        diagnostics
    }

    #[test]
    fn unknown_key_points_at_the_key_and_suggests() {
        let d = check("[plan]\nstart_year = 2026\nhorizon_year = 5\n");
        let d = &d.0[0];
        assert_eq!((d.line, d.column), (Some(3), Some(1)));
        assert_eq!(d.field.as_deref(), Some("plan.horizon_year"));
        assert!(
            d.hint
                .as_deref()
                .unwrap()
                .contains("did you mean `horizon_years`")
        );
    }

    #[test]
    fn unknown_keys_do_not_hide_other_problems_in_the_section() {
        let d = check("[plan]\nstart_year = \"x\"\nhorizon_year = 5\nlength = 3\n");
        let fields: Vec<_> = d.iter().map(|d| d.field.clone().unwrap()).collect();
        assert_eq!(
            fields,
            ["plan.horizon_year", "plan.length", "plan.start_year"]
        );
    }

    #[test]
    fn wrong_type_names_the_field_in_words() {
        let d = check("[plan]\nstart_year = \"2026\"\n");
        let d = &d.0[0];
        assert_eq!(d.field.as_deref(), Some("plan.start_year"));
        assert_eq!((d.line, d.column), (Some(2), Some(14)));
        assert!(
            d.message.contains("expected a whole number"),
            "{}",
            d.message
        );
    }

    #[test]
    fn missing_key_is_reported_with_its_table() {
        let d = check("[plan]\nhorizon_years = 5\n");
        let d = &d.0[0];
        assert_eq!(d.field.as_deref(), Some("plan.start_year"));
        assert!(d.message.contains("required key `start_year` is missing"));
    }

    #[allow(dead_code)]
    #[derive(Debug, Deserialize)]
    struct Catalogue {
        components: Vec<Component>,
    }

    #[allow(dead_code)]
    #[derive(Debug, Deserialize)]
    struct Component {
        id: String,
        title: String,
    }

    #[test]
    fn a_key_missing_from_one_table_of_a_list_is_reported_at_that_table() {
        let source = SourceFile::new(
            "components.toml",
            "# catalogue\n[[components]]\nid = \"a\"\ntitle = \"A\"\n\n[[components]]\ntitle = \"B\"\n",
        );
        let doc = TomlDoc::parse(&source).unwrap();
        let d = doc.whole::<Catalogue>().unwrap_err();
        assert_eq!(d.field.as_deref(), Some("components[2].id"), "{d}");
        assert_eq!((d.line, d.column), (Some(6), Some(1)), "{d}");
    }

    #[test]
    fn every_syntax_error_is_reported() {
        let source = SourceFile::new("p.toml", "a = \nb = 1\nc = ]\n");
        let errors = TomlDoc::parse(&source).err().unwrap();
        assert!(errors.len() >= 2, "{errors}");
    }

    #[test]
    fn duplicate_keys_are_syntax_errors() {
        let source = SourceFile::new("p.toml", "[plan]\na = 1\na = 2\n");
        let errors = TomlDoc::parse(&source).err().unwrap();
        assert_eq!(errors.0[0].line, Some(3));
    }
}
