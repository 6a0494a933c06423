//! Checks of user templates made on their text, before tera parses them:
//! nesting deeper than [`MAX_NESTING`] levels (tera's parser recurses once
//! per level), templates that include themselves, macros that call
//! themselves (both would recurse until the stack runs out), templates
//! named like no built-in one, and template files linked from outside the
//! templates folder.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

use super::budget::MAX_NESTING;
use crate::diagnostics::{Diagnostic, SourceFile, did_you_mean};

/// A `{% statement %}` or `{{ expression }}` of a template; comments and
/// `{% raw %}` blocks are left out.
struct Tag<'a> {
    /// The text inside the delimiters, without whitespace control (`-`).
    body: &'a str,
    /// Where the tag starts in the template.
    offset: usize,
    statement: bool,
}

impl Tag<'_> {
    fn keyword(&self) -> &str {
        if !self.statement {
            return "";
        }
        self.body.split_whitespace().next().unwrap_or("")
    }
}

/// The tags of a template in order. An unclosed tag ends the list: tera
/// reports it.
fn tags(text: &str) -> Vec<Tag<'_>> {
    let mut found = Vec::new();
    let mut at = 0;
    while let Some(open) = text[at..].find('{').map(|i| at + i) {
        let close = match text.as_bytes().get(open + 1) {
            Some(b'%') => "%}",
            Some(b'{') => "}}",
            Some(b'#') => "#}",
            _ => {
                at = open + 1;
                continue;
            }
        };
        let Some(end) = text[open + 2..].find(close).map(|i| open + 2 + i) else {
            break;
        };
        at = end + 2;
        if close == "#}" {
            continue;
        }
        let body = text[open + 2..end].trim().trim_matches('-').trim();
        let tag = Tag {
            body,
            offset: open,
            statement: close == "%}",
        };
        if tag.keyword() == "raw" {
            // Skip to the end of the raw block.
            match text[at..].find("endraw").map(|i| at + i) {
                Some(endraw) => {
                    at = text[endraw..]
                        .find("%}")
                        .map_or(text.len(), |i| endraw + i + 2)
                }
                None => break,
            }
            continue;
        }
        found.push(tag);
    }
    found
}

/// The parts of an expression outside string literals, with their offsets.
fn code_parts(body: &str) -> Vec<(usize, &str)> {
    let mut parts = Vec::new();
    let mut start = 0;
    let mut quote: Option<char> = None;
    for (i, c) in body.char_indices() {
        match quote {
            Some(q) if c == q => {
                quote = None;
                start = i + 1;
            }
            Some(_) => {}
            None if matches!(c, '"' | '\'' | '`') => {
                parts.push((start, &body[start..i]));
                quote = Some(c);
            }
            None => {}
        }
    }
    if quote.is_none() {
        parts.push((start, &body[start..]));
    }
    parts
}

/// The string literals of a tag, in order.
fn strings(body: &str) -> Vec<&str> {
    let mut found = Vec::new();
    let mut rest = body;
    while let Some(open) = rest.find(['"', '\'', '`']) {
        let quote = rest[open..].chars().next().unwrap_or('"');
        let after = &rest[open + 1..];
        let Some(close) = after.find(quote) else {
            break;
        };
        found.push(&after[..close]);
        rest = &after[close + 1..];
    }
    found
}

/// How many operators (`+`, `~`, `==`, `and`...) a tag may hold: tera
/// evaluates a chain of them by recursion.
pub const MAX_OPERATORS: usize = 100;

/// The operators in a tag's code: a run of operator signs other than a
/// lone `=`, or the words `and`, `or`, `not`.
fn operators(code: &str) -> usize {
    let signs = code
        .split(|c: char| !"+-*/%~<>=!".contains(c))
        .filter(|run| !run.is_empty() && *run != "=")
        .count();
    let words = code
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| matches!(*w, "and" | "or" | "not"))
        .count();
    signs + words
}

/// Refuses blocks or brackets nested deeper than [`MAX_NESTING`] levels,
/// and tags with more than [`MAX_OPERATORS`] operators.
pub fn nesting(source: &SourceFile) -> Result<(), Diagnostic> {
    let too_deep = |offset: usize, what: &str| {
        Diagnostic::at(
            source,
            offset..offset + 2,
            format!("{what} are nested more than {MAX_NESTING} levels deep"),
        )
        .with_hint(format!(
            "a template needs a few levels; dgplan refuses more than {MAX_NESTING} so that it cannot run out of stack. Close each {{% if %}} or {{% for %}} before opening the next where you can"
        ))
    };
    let mut depth = 0usize;
    for tag in tags(&source.text) {
        match tag.keyword() {
            "if" | "for" | "macro" | "filter" | "block" => depth += 1,
            "endif" | "endfor" | "endmacro" | "endfilter" | "endblock" => {
                depth = depth.saturating_sub(1)
            }
            _ => {}
        }
        if depth > MAX_NESTING {
            return Err(too_deep(tag.offset, "{% if %}, {% for %} and other blocks"));
        }
        let parts = code_parts(tag.body);
        if parts.iter().map(|(_, part)| operators(part)).sum::<usize>() > MAX_OPERATORS {
            return Err(Diagnostic::at(
                source,
                tag.offset..tag.offset + 2,
                format!("this tag holds more than {MAX_OPERATORS} operators (such as +, ~, == or and)"),
            )
            .with_hint("split the calculation over several {% set %} tags; dgplan refuses longer ones so that it cannot run out of stack"));
        }
        let mut brackets = 0usize;
        for (start, part) in parts {
            for (i, c) in part.char_indices() {
                match c {
                    '(' | '[' => brackets += 1,
                    ')' | ']' => brackets = brackets.saturating_sub(1),
                    _ => {}
                }
                if brackets > MAX_NESTING {
                    let at = tag.body.as_ptr() as usize - source.text.as_ptr() as usize;
                    return Err(too_deep(at + start + i, "brackets"));
                }
            }
        }
    }
    Ok(())
}

/// A template, or a macro of a template: what runs when it is included or called.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Node {
    File(String),
    Macro(String, String),
}

impl Node {
    fn file(&self) -> &str {
        match self {
            Node::File(file) | Node::Macro(file, _) => file,
        }
    }

    fn label(&self) -> String {
        match self {
            Node::File(file) => file.clone(),
            Node::Macro(file, name) => format!("{file}: {name}"),
        }
    }
}

/// One step of a template or macro into another: an include, import or
/// extends, or a macro call.
#[derive(Clone, Debug)]
struct Edge {
    to: Node,
    /// Where the tag is in its file.
    offset: usize,
    /// How many blocks the tag is inside of in its file.
    depth: usize,
}

/// What each template and macro runs, and the deepest nesting of blocks
/// in each.
#[derive(Default)]
struct Graph {
    edges: BTreeMap<Node, Vec<Edge>>,
    deepest: BTreeMap<Node, usize>,
}

impl Graph {
    fn edges(&self, node: &Node) -> &[Edge] {
        self.edges.get(node).map_or(&[], Vec::as_slice)
    }

    fn add(&mut self, from: &Node, edge: Edge) {
        self.edges.entry(from.clone()).or_default().push(edge);
    }

    fn reach(&mut self, node: &Node, depth: usize) {
        self.edges.entry(node.clone()).or_default();
        let deepest = self.deepest.entry(node.clone()).or_default();
        *deepest = (*deepest).max(depth);
    }
}

fn graph(sources: &BTreeMap<String, SourceFile>) -> Graph {
    let mut graph = Graph::default();
    for (file, source) in sources {
        let tags = tags(&source.text);
        let mut imports: HashMap<&str, &str> = HashMap::new();
        for tag in tags.iter().filter(|t| t.keyword() == "import") {
            let namespace = tag.body.rsplit(" as ").next().unwrap_or("").trim();
            if let Some(imported) = strings(tag.body).first() {
                imports.insert(namespace, imported);
            }
        }
        let mut current = Node::File(file.clone());
        let mut depth = 0usize;
        // The depth at which the current macro's body starts: a macro's
        // levels count from its body, wherever it is defined.
        let mut base = 0usize;
        graph.reach(&current, 0);
        for tag in &tags {
            let at = depth.saturating_sub(base);
            let edge = |to: Node| Edge {
                to,
                offset: tag.offset,
                depth: at,
            };
            match tag.keyword() {
                // tera resolves imports when it loads the templates, and
                // recurses without end on a circle of them too.
                "include" | "extends" | "import" => {
                    for name in strings(tag.body) {
                        graph.add(&current, edge(Node::File(name.to_string())));
                    }
                }
                "macro" => {
                    let name = tag.body["macro".len()..].split('(').next().unwrap_or("");
                    current = Node::Macro(file.clone(), name.trim().to_string());
                    base = depth + 1;
                }
                "endmacro" => {
                    current = Node::File(file.clone());
                    base = 0;
                }
                _ => {}
            }
            for (namespace, name) in macro_calls(tag.body) {
                let target = if namespace == "self" {
                    Some(file.as_str())
                } else {
                    imports.get(namespace).copied()
                };
                if let Some(target) = target {
                    graph.add(&current, edge(Node::Macro(target.to_string(), name)));
                }
            }
            match tag.keyword() {
                "if" | "for" | "macro" | "filter" | "block" => depth += 1,
                "endif" | "endfor" | "endmacro" | "endfilter" | "endblock" => {
                    depth = depth.saturating_sub(1)
                }
                _ => {}
            }
            graph.reach(&current, depth.saturating_sub(base));
        }
    }
    graph
}

/// The `namespace::name(` calls in a tag.
fn macro_calls(body: &str) -> Vec<(&str, String)> {
    let ident = |c: char| c.is_alphanumeric() || c == '_';
    let mut calls = Vec::new();
    for (_, part) in code_parts(body) {
        for (i, _) in part.match_indices("::") {
            let before = &part[..i];
            let namespace = &before[before.trim_end_matches(ident).len()..];
            let after = &part[i + 2..];
            let name = &after[..after.len() - after.trim_start_matches(ident).len()];
            let call = after[name.len()..].trim_start().starts_with('(');
            if !namespace.is_empty() && !name.is_empty() && call {
                calls.push((namespace, name.to_string()));
            }
        }
    }
    calls
}

/// The first circle in the graph: the nodes in order, the first repeated at
/// the end, and where the first one goes on to the second. The search keeps
/// its own stack: a chain of thousands of templates or macros cannot
/// overflow the thread's.
fn first_cycle(graph: &Graph) -> Option<(Vec<Node>, usize)> {
    let mut done: BTreeSet<&Node> = BTreeSet::new();
    for root in graph.edges.keys() {
        if done.contains(root) {
            continue;
        }
        // The path from the root: each node and how many of its edges were followed.
        let mut path: Vec<(&Node, usize)> = vec![(root, 0)];
        let mut on_path: HashMap<&Node, usize> = HashMap::from([(root, 0)]);
        while let Some(&(node, followed)) = path.last() {
            let Some(edge) = graph.edges(node).get(followed) else {
                done.insert(node);
                on_path.remove(node);
                path.pop();
                continue;
            };
            if let Some(last) = path.last_mut() {
                last.1 += 1;
            }
            if let Some(&start) = on_path.get(&edge.to) {
                let mut cycle: Vec<Node> =
                    path[start..].iter().map(|(n, _)| (*n).clone()).collect();
                cycle.push(edge.to.clone());
                let (first, taken) = path[start];
                return Some((cycle, graph.edges(first)[taken - 1].offset));
            }
            if !done.contains(&edge.to) {
                on_path.insert(&edge.to, path.len());
                path.push((&edge.to, 0));
            }
        }
    }
    None
}

/// How deep each template and macro nests when it runs: its own blocks, and
/// for each include or macro call the blocks around it, one level for the
/// step itself and the depth of what it runs. With the edge that gives
/// that depth. The graph must have no circle.
fn depths(graph: &Graph) -> HashMap<&Node, (usize, Option<usize>)> {
    let mut found: HashMap<&Node, (usize, Option<usize>)> = HashMap::new();
    for root in graph.edges.keys() {
        let mut stack: Vec<(&Node, usize)> = vec![(root, 0)];
        while let Some(&(node, next)) = stack.last() {
            if found.contains_key(node) {
                stack.pop();
                continue;
            }
            let edges = graph.edges(node);
            if let Some(edge) = edges.get(next) {
                if let Some(last) = stack.last_mut() {
                    last.1 += 1;
                }
                if !found.contains_key(&edge.to) {
                    stack.push((&edge.to, 0));
                }
                continue;
            }
            let mut best = (graph.deepest.get(node).copied().unwrap_or(0), None);
            for (i, edge) in edges.iter().enumerate() {
                let below = found.get(&edge.to).map_or(0, |(d, _)| *d);
                let depth = edge.depth.saturating_add(1).saturating_add(below);
                if depth > best.0 {
                    best = (depth, Some(i));
                }
            }
            found.insert(node, best);
            stack.pop();
        }
    }
    found
}

/// Refuses templates whose blocks, includes and macro calls, counted
/// together down to the last template or macro they run, nest more than
/// [`MAX_NESTING`] levels: tera renders each level by recursion.
pub fn depth(sources: &BTreeMap<String, SourceFile>) -> Result<(), Diagnostic> {
    let graph = graph(sources);
    let depths = depths(&graph);
    let Some((&node, &(depth, Some(edge)))) = depths
        .iter()
        .filter(|(_, (depth, _))| *depth > MAX_NESTING)
        .max_by_key(|(node, (depth, _))| (*depth, std::cmp::Reverse(*node)))
    else {
        return Ok(());
    };
    let mut chain = vec![node.label()];
    let mut at = node;
    while let Some(&(_, Some(next))) = depths.get(at) {
        at = &graph.edges(at)[next].to;
        chain.push(at.label());
    }
    let shown = if chain.len() > 8 {
        format!(
            "{} -> ... -> {} ({} templates and macros)",
            chain[..6].join(" -> "),
            chain[chain.len() - 1],
            chain.len()
        )
    } else {
        chain.join(" -> ")
    };
    let offset = graph.edges(node)[edge].offset;
    Err(Diagnostic::at(
        &sources[node.file()],
        offset..offset + 2,
        format!(
            "blocks, includes and macro calls are nested {depth} levels deep here, counting the templates it includes and the macros it calls; dgplan allows at most {MAX_NESTING} levels: {shown}"
        ),
    )
    .with_hint(format!(
        "a template needs a few levels; dgplan refuses more than {MAX_NESTING} so that it cannot run out of stack. Include fewer templates inside one another, or call fewer macros from macros"
    )))
}

/// Refuses templates that include themselves and macros that call
/// themselves, directly or through others.
pub fn cycles(sources: &BTreeMap<String, SourceFile>) -> Result<(), Diagnostic> {
    let Some((cycle, offset)) = first_cycle(&graph(sources)) else {
        return Ok(());
    };
    let first = &cycle[0];
    let path: Vec<String> = cycle.iter().map(Node::label).collect();
    let message = match (first, cycle.len()) {
        (Node::File(file), 2) => {
            format!(
                "`{file}` includes or imports itself, so dgplan would never finish reading or rendering it"
            )
        }
        _ if cycle.iter().all(|n| matches!(n, Node::File(_))) => format!(
            "these templates include or import one another in a circle, so dgplan would never finish reading or rendering them: {}",
            path.join(" -> ")
        ),
        _ => {
            let name = match cycle.iter().find(|n| matches!(n, Node::Macro(..))) {
                Some(Node::Macro(_, name)) => name.as_str(),
                _ => "",
            };
            format!(
                "the macro `{name}` calls itself, so its rendering would never end: {}",
                path.join(" -> ")
            )
        }
    };
    let source = &sources[first.file()];
    Err(Diagnostic::at(source, offset..offset + 2, message).with_hint(
        "a template may include other templates and call macros, but never itself again, directly or through others; remove the {% include %} or the macro call on this line",
    ))
}

/// Warnings for user templates that replace no built-in one and that no
/// template includes, imports or extends: dgplan never uses them.
pub fn unused(
    sources: &BTreeMap<String, SourceFile>,
    user: &BTreeSet<String>,
    builtin: &[&str],
) -> Vec<String> {
    let used: BTreeSet<&str> = sources
        .values()
        .flat_map(|source| tags(&source.text))
        .filter(|tag| matches!(tag.keyword(), "include" | "import" | "extends"))
        .flat_map(|tag| strings(tag.body))
        .collect();
    user.iter()
        .filter(|name| !builtin.contains(&name.as_str()) && !used.contains(name.as_str()))
        .map(|name| {
            let suggestion = builtin
                .iter()
                .find(|b| b.eq_ignore_ascii_case(name))
                .copied()
                .or_else(|| did_you_mean(name, builtin.iter().copied()))
                .map(|b| format!(" Did you mean `{b}`? Names must match exactly, capitals included."))
                .unwrap_or_default();
            format!(
                "{}: `{name}` is not the name of a dgplan template and no template includes or imports it, so it is not used. \
dgplan's templates are {}; a file of the same name replaces one.{suggestion}",
                sources[name].path.display(),
                builtin.join(", ")
            )
        })
        .collect()
}

/// Refuses a template file that is a link to a file outside `folder`.
pub fn inside(folder: &Path, path: &Path) -> Result<(), Diagnostic> {
    let (Ok(folder), Ok(target)) = (folder.canonicalize(), path.canonicalize()) else {
        // Reading the file reports what is wrong with it.
        return Ok(());
    };
    if target.starts_with(&folder) {
        return Ok(());
    }
    Err(Diagnostic::file(
        path,
        format!(
            "the template is a link to {}, outside the templates folder; dgplan reads templates only from inside the folder",
            target.display()
        ),
    )
    .with_hint("copy the file into the templates folder instead of linking to it"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sources(files: &[(&str, &str)]) -> BTreeMap<String, SourceFile> {
        files
            .iter()
            .map(|(name, text)| (name.to_string(), SourceFile::new(*name, *text)))
            .collect()
    }

    #[test]
    fn tags_skip_comments_and_raw_blocks() {
        let text = "{# {% include \"a\" %} #}{% raw %}{% if %}{% endraw %}{{ x }}{%- if y -%}";
        let found: Vec<&str> = tags(text).iter().map(|t| t.body).collect();
        assert_eq!(found, ["x", "if y"]);
    }

    #[test]
    fn nesting_counts_blocks_and_brackets() {
        let ok = SourceFile::new(
            "a.md",
            "{% if a %}{% for b in c %}{{ (1) }}{% endfor %}{% endif %}",
        );
        assert!(nesting(&ok).is_ok());
        let deep = SourceFile::new("a.md", "{% if a %}".repeat(MAX_NESTING + 1));
        assert!(nesting(&deep).is_err());
        let brackets = format!("{{{{ {} }}}}", "(".repeat(MAX_NESTING + 1));
        assert!(nesting(&SourceFile::new("a.md", brackets)).is_err());
        let quoted = format!("{{{{ \"{}\" }}}}", "(".repeat(MAX_NESTING + 1));
        assert!(nesting(&SourceFile::new("a.md", quoted)).is_ok());
        let long = format!("{{{{ 1{} }}}}", " + 1".repeat(MAX_OPERATORS + 1));
        assert!(nesting(&SourceFile::new("a.md", long)).is_err());
        assert_eq!(operators("a == b and not c ~ \"x\" | f(n=1) - -2"), 6);
    }

    #[test]
    fn cycles_are_found_through_includes_and_macros() {
        let fine = sources(&[
            (
                "a.md",
                "{% import \"m.md\" as m %}{% include \"b.md\" %}{{ m::x() }}",
            ),
            ("b.md", "{% include \"c.md\" %}"),
            (
                "m.md",
                "{% macro x() %}{{ self::y() }}{% endmacro %}{% macro y() %}{% endmacro %}",
            ),
        ]);
        assert!(cycles(&fine).is_ok());
        let mutual = sources(&[
            ("a.md", "{% include \"b.md\" %}"),
            ("b.md", "{% include ['a.md'] %}"),
        ]);
        let error = cycles(&mutual).unwrap_err();
        assert!(error.message.contains("a.md -> b.md -> a.md"), "{error}");
        let import = sources(&[("m.md", "{% import \"m.md\" as m %}")]);
        assert!(
            cycles(&import)
                .unwrap_err()
                .message
                .contains("imports itself")
        );
        let through = sources(&[
            (
                "a.md",
                "{% macro x() %}{% include \"b.md\" %}{% endmacro %}",
            ),
            ("b.md", "{% import \"a.md\" as a %}{{ a::x() }}"),
        ]);
        assert!(
            cycles(&through)
                .unwrap_err()
                .message
                .contains("`x` calls itself")
        );
    }

    #[test]
    fn builtin_templates_have_no_cycles_and_are_all_used() {
        let builtin: BTreeMap<String, SourceFile> = super::super::BUILTIN
            .iter()
            .map(|(name, text)| (name.to_string(), SourceFile::new(*name, *text)))
            .collect();
        assert!(cycles(&builtin).is_ok());
        assert!(depth(&builtin).is_ok());
        for source in builtin.values() {
            assert!(nesting(source).is_ok());
        }
    }

    #[test]
    fn depth_adds_up_across_includes_and_macro_calls() {
        let chain = |ifs: usize| -> BTreeMap<String, SourceFile> {
            (0..30)
                .map(|n| {
                    let text = format!(
                        "{}{{% include \"p{}.md\" %}}{}",
                        "{% if a %}".repeat(ifs),
                        n + 1,
                        "{% endif %}".repeat(ifs)
                    );
                    (
                        format!("p{n}.md"),
                        SourceFile::new(format!("p{n}.md"), text),
                    )
                })
                .collect()
        };
        // 30 includes of 2 levels each: 90 levels.
        assert!(depth(&chain(2)).is_ok());
        let error = depth(&chain(3)).unwrap_err();
        assert!(error.message.contains("120 levels"), "{error}");
        assert!(error.message.contains("p0.md -> p1.md"), "{error}");
    }

    #[test]
    fn a_long_chain_is_searched_without_recursion() {
        let text: String = (0..20_000)
            .map(|m| {
                format!(
                    "{{% macro f{m}() %}}{{{{ self::f{}() }}}}{{% endmacro %}}",
                    m + 1
                )
            })
            .collect();
        let long = sources(&[("m.md", &text)]);
        // Run on a small stack: a recursive search would overflow it.
        let checked = std::thread::Builder::new()
            .stack_size(256 * 1024)
            .spawn(move || (cycles(&long).is_ok(), depth(&long).is_err()))
            .unwrap()
            .join()
            .unwrap();
        assert_eq!(checked, (true, true));
    }
}
