//! The rendered Markdown, read back into blocks for the PDF layout.
//!
//! The PDF shows what the Markdown says: the same templates produce both.
//! A few conventions let one source serve two media:
//! - `<!-- pdf:skip -->` ... `<!-- /pdf:skip -->` hides a passage from the
//!   PDF (the title block, which the PDF replaces with a title page);
//! - an image whose file is `readiness.svg`, `roadmap.svg` or `costs.svg` is
//!   drawn natively in the PDF from the plan's data;
//! - code blocks marked `mermaid` or `timeline` are text-only stand-ins for
//!   those charts and are left out of the PDF.

use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// A run of text with one style.
#[derive(Debug, Clone, PartialEq)]
pub struct Span {
    pub text: String,
    pub bold: bool,
    pub italic: bool,
    pub code: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Heading {
        level: u8,
        spans: Vec<Span>,
    },
    Paragraph(Vec<Span>),
    /// Items of a list; `start` is the first number of an ordered list.
    List {
        start: Option<u64>,
        items: Vec<Vec<Span>>,
    },
    Table {
        header: Vec<Vec<Span>>,
        rows: Vec<Vec<Vec<Span>>>,
    },
    Quote(Vec<Span>),
    Code {
        text: String,
    },
    Rule,
    /// A chart drawn from the plan: "readiness", "roadmap" or "costs".
    Chart(String),
}

/// A cell's spans; a row's cells.
type Cells = Vec<Vec<Span>>;

/// The text of spans without styles.
pub fn plain(spans: &[Span]) -> String {
    spans.iter().map(|s| s.text.as_str()).collect()
}

const CHARTS: [&str; 3] = ["readiness", "roadmap", "costs"];

pub fn parse(markdown: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut spans: Vec<Span> = Vec::new();
    let (mut bold, mut italic) = (0u32, 0u32);
    let mut skipping = false;
    let mut heading: Option<u8> = None;
    let mut list_stack: Vec<(Option<u64>, Vec<Vec<Span>>)> = Vec::new();
    let mut in_item = false;
    let mut quote_depth = 0;
    let mut table: Option<(Cells, Vec<Cells>)> = None;
    let mut row: Cells = Vec::new();
    let mut in_head = false;
    let mut code: Option<(bool, String)> = None; // (shown, text)
    let mut image_depth = 0;

    let push_text = |spans: &mut Vec<Span>, text: &str, bold: u32, italic: u32, is_code: bool| {
        let (b, i) = (bold > 0, italic > 0);
        if let Some(last) = spans.last_mut()
            && last.bold == b
            && last.italic == i
            && last.code == is_code
        {
            last.text.push_str(text);
            return;
        }
        spans.push(Span {
            text: text.to_string(),
            bold: b,
            italic: i,
            code: is_code,
        });
    };

    for event in Parser::new_ext(
        markdown,
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH,
    ) {
        if let Event::Html(html) | Event::InlineHtml(html) = &event {
            let tag = html.trim();
            if tag == "<!-- pdf:skip -->" {
                skipping = true;
            } else if tag == "<!-- /pdf:skip -->" {
                skipping = false;
            }
            continue;
        }
        if skipping {
            continue;
        }
        if let Some((shown, text)) = code.as_mut() {
            match event {
                Event::Text(t) => text.push_str(&t),
                Event::End(TagEnd::CodeBlock) => {
                    if *shown {
                        blocks.push(Block::Code {
                            text: text.trim_end().to_string(),
                        });
                    }
                    code = None;
                }
                _ => {}
            }
            continue;
        }
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                heading = Some(match level {
                    HeadingLevel::H1 => 1,
                    HeadingLevel::H2 => 2,
                    HeadingLevel::H3 => 3,
                    HeadingLevel::H4 => 4,
                    HeadingLevel::H5 => 5,
                    HeadingLevel::H6 => 6,
                });
                spans.clear();
            }
            Event::End(TagEnd::Heading(_)) => {
                blocks.push(Block::Heading {
                    level: heading.take().unwrap_or(2),
                    spans: std::mem::take(&mut spans),
                });
            }
            Event::Start(Tag::Paragraph) if !in_item && table.is_none() => spans.clear(),
            Event::End(TagEnd::Paragraph) => {
                if in_item {
                    push_text(&mut spans, " ", 0, 0, false);
                } else if quote_depth > 0 {
                    // Quotes collect their paragraphs; emitted at the end.
                    push_text(&mut spans, " ", 0, 0, false);
                } else if !spans.is_empty() {
                    blocks.push(Block::Paragraph(std::mem::take(&mut spans)));
                }
            }
            Event::Start(Tag::BlockQuote(_)) => {
                quote_depth += 1;
                spans.clear();
            }
            Event::End(TagEnd::BlockQuote(_)) => {
                quote_depth -= 1;
                if quote_depth == 0 {
                    trim_spans(&mut spans);
                    blocks.push(Block::Quote(std::mem::take(&mut spans)));
                }
            }
            Event::Start(Tag::List(start)) => {
                list_stack.push((start, Vec::new()));
            }
            Event::End(TagEnd::List(_)) => {
                if let Some((start, items)) = list_stack.pop() {
                    blocks.push(Block::List { start, items });
                }
            }
            Event::Start(Tag::Item) => {
                in_item = true;
                spans.clear();
            }
            Event::End(TagEnd::Item) => {
                in_item = false;
                trim_spans(&mut spans);
                if let Some((_, items)) = list_stack.last_mut() {
                    items.push(std::mem::take(&mut spans));
                }
            }
            Event::Start(Tag::Table(_)) => {
                table = Some((Vec::new(), Vec::new()));
            }
            Event::End(TagEnd::Table) => {
                if let Some((header, rows)) = table.take() {
                    blocks.push(Block::Table { header, rows });
                }
            }
            Event::Start(Tag::TableHead) => in_head = true,
            Event::End(TagEnd::TableHead) => {
                in_head = false;
                if let Some((header, _)) = table.as_mut() {
                    *header = std::mem::take(&mut row);
                }
            }
            Event::Start(Tag::TableRow) => row.clear(),
            Event::End(TagEnd::TableRow) => {
                if let Some((_, rows)) = table.as_mut()
                    && !in_head
                {
                    rows.push(std::mem::take(&mut row));
                }
            }
            Event::Start(Tag::TableCell) => spans.clear(),
            Event::End(TagEnd::TableCell) => {
                trim_spans(&mut spans);
                row.push(std::mem::take(&mut spans));
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let info = match &kind {
                    CodeBlockKind::Fenced(info) => {
                        info.split_whitespace().next().unwrap_or("").to_string()
                    }
                    CodeBlockKind::Indented => String::new(),
                };
                let shown = !matches!(info.as_str(), "mermaid" | "timeline");
                code = Some((shown, String::new()));
            }
            Event::Start(Tag::Image { dest_url, .. }) => {
                image_depth += 1;
                let name = dest_url
                    .rsplit('/')
                    .next()
                    .unwrap_or("")
                    .trim_end_matches(".svg");
                if CHARTS.contains(&name) {
                    // A chart stands alone: close the paragraph around it.
                    trim_spans(&mut spans);
                    if !spans.is_empty() && !in_item && table.is_none() {
                        blocks.push(Block::Paragraph(std::mem::take(&mut spans)));
                    }
                    blocks.push(Block::Chart(name.to_string()));
                }
            }
            Event::End(TagEnd::Image) => image_depth -= 1,
            Event::Start(Tag::Strong) => bold += 1,
            Event::End(TagEnd::Strong) => bold = bold.saturating_sub(1),
            Event::Start(Tag::Emphasis) => italic += 1,
            Event::End(TagEnd::Emphasis) => italic = italic.saturating_sub(1),
            Event::Text(text) if image_depth == 0 => {
                push_text(&mut spans, &text, bold, italic, false)
            }
            Event::Code(text) => push_text(&mut spans, &text, bold, italic, true),
            Event::SoftBreak | Event::HardBreak => push_text(&mut spans, " ", bold, italic, false),
            Event::Rule => blocks.push(Block::Rule),
            _ => {}
        }
    }
    blocks
}

fn trim_spans(spans: &mut Vec<Span>) {
    if let Some(first) = spans.first_mut() {
        first.text = first.text.trim_start().to_string();
    }
    if let Some(last) = spans.last_mut() {
        last.text = last.text.trim_end().to_string();
    }
    spans.retain(|s| !s.text.is_empty());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_headings_paragraphs_lists_and_tables() {
        let md = "# Title\n\nSome **bold** and *soft* text.\n\n- one\n- two\n\n| A | B |\n|---|---|\n| x \\| y | z |\n";
        let blocks = parse(md);
        assert_eq!(blocks.len(), 4, "{blocks:#?}");
        assert!(
            matches!(&blocks[0], Block::Heading { level: 1, spans } if plain(spans) == "Title")
        );
        let Block::Paragraph(spans) = &blocks[1] else {
            panic!()
        };
        assert_eq!(plain(spans), "Some bold and soft text.");
        assert!(spans.iter().any(|s| s.bold && s.text == "bold"));
        let Block::List { items, start } = &blocks[2] else {
            panic!()
        };
        assert_eq!((items.len(), *start), (2, None));
        let Block::Table { header, rows } = &blocks[3] else {
            panic!()
        };
        assert_eq!(header.len(), 2);
        assert_eq!(plain(&rows[0][0]), "x | y");
    }

    #[test]
    fn skips_marked_passages_and_chart_stand_ins() {
        let md = "<!-- pdf:skip -->\n# Hidden\n<!-- /pdf:skip -->\n\n## Shown\n\n![Roadmap](roadmap.svg)\n\n```mermaid\ngantt\n```\n\n```timeline\nA ####\n```\n\n```\nkept\n```\n";
        let blocks = parse(md);
        assert_eq!(
            blocks,
            vec![
                Block::Heading {
                    level: 2,
                    spans: vec![Span {
                        text: "Shown".into(),
                        bold: false,
                        italic: false,
                        code: false
                    }]
                },
                Block::Chart("roadmap".into()),
                Block::Code {
                    text: "kept".into()
                },
            ]
        );
    }
}
