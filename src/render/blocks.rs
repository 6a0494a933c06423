//! The rendered Markdown, read back into blocks for the PDF layout.
//!
//! The PDF shows what the Markdown says: the same templates produce both.
//! A few conventions let one source serve two media:
//! - `<!-- pdf:skip -->` ... `<!-- /pdf:skip -->` hides a passage from the
//!   PDF (the title block, which the PDF replaces with a title page);
//! - `<!-- pdf:part -->` starts a part of the document (the executive
//!   summary, the body, an annex, the roadmap): the PDF starts a new page
//!   there. Chapters inside a part follow one another on the same page.
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
    /// A part of the document starts here: a new page in the PDF (and a
    /// page break wherever a document has pages).
    PageBreak,
    /// A chart drawn from the plan: "readiness", "roadmap" or "costs".
    Chart(String),
}

/// A cell's spans; a row's cells.
type Cells = Vec<Vec<Span>>;

/// The text of spans without styles.
pub fn plain(spans: &[Span]) -> String {
    spans.iter().map(|s| s.text.as_str()).collect()
}

/// The marker of the start of a part in a template.
pub const PART: &str = "<!-- pdf:part -->";

const CHARTS: [&str; 3] = ["readiness", "roadmap", "costs"];

pub fn parse(markdown: &str) -> Vec<Block> {
    let mut reader = Reader::default();
    for event in Parser::new_ext(
        markdown,
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH,
    ) {
        reader.event(event);
    }
    reader.blocks
}

/// Where the reading of Markdown events stands: the blocks so far and the
/// block being read.
#[derive(Default)]
struct Reader {
    blocks: Vec<Block>,
    /// Text of the paragraph, heading, item, quote or cell being read.
    spans: Vec<Span>,
    bold: u32,
    italic: u32,
    skipping: bool,
    heading: Option<u8>,
    /// Open lists, innermost last: start number and items so far.
    lists: Vec<(Option<u64>, Vec<Vec<Span>>)>,
    in_item: bool,
    quote_depth: u32,
    table: Option<(Cells, Vec<Cells>)>,
    row: Cells,
    in_head: bool,
    /// An open code block: whether the PDF shows it, and its text so far.
    code: Option<(bool, String)>,
    image_depth: u32,
}

impl Reader {
    fn event(&mut self, event: Event) {
        if let Event::Html(html) | Event::InlineHtml(html) = &event {
            match html.trim() {
                "<!-- pdf:skip -->" => self.skipping = true,
                "<!-- /pdf:skip -->" => self.skipping = false,
                PART if !self.skipping => self.blocks.push(Block::PageBreak),
                _ => {}
            }
            return;
        }
        if self.skipping {
            return;
        }
        if self.code.is_some() {
            self.code_event(event);
            return;
        }
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(text) if self.image_depth == 0 => self.text(&text, false),
            Event::Code(text) => self.text(&text, true),
            Event::SoftBreak | Event::HardBreak => self.text(" ", false),
            Event::Rule => self.blocks.push(Block::Rule),
            _ => {}
        }
    }

    /// Inside a code block only its text and its end matter.
    fn code_event(&mut self, event: Event) {
        let Some((shown, text)) = self.code.as_mut() else {
            return;
        };
        match event {
            Event::Text(t) => text.push_str(&t),
            Event::End(TagEnd::CodeBlock) => {
                if *shown {
                    let text = text.trim_end().to_string();
                    self.blocks.push(Block::Code { text });
                }
                self.code = None;
            }
            _ => {}
        }
    }

    fn start(&mut self, tag: Tag) {
        match tag {
            Tag::Heading { level, .. } => {
                self.heading = Some(match level {
                    HeadingLevel::H1 => 1,
                    HeadingLevel::H2 => 2,
                    HeadingLevel::H3 => 3,
                    HeadingLevel::H4 => 4,
                    HeadingLevel::H5 => 5,
                    HeadingLevel::H6 => 6,
                });
                self.spans.clear();
            }
            Tag::Paragraph if !self.in_item && self.table.is_none() => self.spans.clear(),
            Tag::BlockQuote(_) => {
                self.quote_depth += 1;
                self.spans.clear();
            }
            Tag::List(start) => self.lists.push((start, Vec::new())),
            Tag::Item => {
                self.in_item = true;
                self.spans.clear();
            }
            Tag::Table(_) => self.table = Some((Vec::new(), Vec::new())),
            Tag::TableHead => self.in_head = true,
            Tag::TableRow => self.row.clear(),
            Tag::TableCell => self.spans.clear(),
            Tag::CodeBlock(kind) => {
                let info = match &kind {
                    CodeBlockKind::Fenced(info) => info.split_whitespace().next().unwrap_or(""),
                    CodeBlockKind::Indented => "",
                };
                let shown = !matches!(info, "mermaid" | "timeline");
                self.code = Some((shown, String::new()));
            }
            Tag::Image { dest_url, .. } => self.image(&dest_url),
            Tag::Strong => self.bold += 1,
            Tag::Emphasis => self.italic += 1,
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Heading(_) => {
                let level = self.heading.take().unwrap_or(2);
                let spans = std::mem::take(&mut self.spans);
                self.blocks.push(Block::Heading { level, spans });
            }
            TagEnd::Paragraph => {
                // Items and quotes collect their paragraphs; emitted at their end.
                if self.in_item || self.quote_depth > 0 {
                    append(&mut self.spans, " ", false, false, false);
                } else if !self.spans.is_empty() {
                    self.blocks
                        .push(Block::Paragraph(std::mem::take(&mut self.spans)));
                }
            }
            TagEnd::BlockQuote(_) => {
                self.quote_depth -= 1;
                if self.quote_depth == 0 {
                    trim_spans(&mut self.spans);
                    self.blocks
                        .push(Block::Quote(std::mem::take(&mut self.spans)));
                }
            }
            TagEnd::List(_) => {
                if let Some((start, items)) = self.lists.pop() {
                    self.blocks.push(Block::List { start, items });
                }
            }
            TagEnd::Item => {
                self.in_item = false;
                trim_spans(&mut self.spans);
                if let Some((_, items)) = self.lists.last_mut() {
                    items.push(std::mem::take(&mut self.spans));
                }
            }
            TagEnd::Table => {
                if let Some((header, rows)) = self.table.take() {
                    self.blocks.push(Block::Table { header, rows });
                }
            }
            TagEnd::TableHead => {
                self.in_head = false;
                if let Some((header, _)) = self.table.as_mut() {
                    *header = std::mem::take(&mut self.row);
                }
            }
            TagEnd::TableRow => {
                if let Some((_, rows)) = self.table.as_mut()
                    && !self.in_head
                {
                    rows.push(std::mem::take(&mut self.row));
                }
            }
            TagEnd::TableCell => {
                trim_spans(&mut self.spans);
                self.row.push(std::mem::take(&mut self.spans));
            }
            TagEnd::Image => self.image_depth -= 1,
            TagEnd::Strong => self.bold = self.bold.saturating_sub(1),
            TagEnd::Emphasis => self.italic = self.italic.saturating_sub(1),
            _ => {}
        }
    }

    /// An image of one of the plan's charts becomes a chart block; its alt
    /// text is not read as text either way.
    fn image(&mut self, dest_url: &str) {
        self.image_depth += 1;
        let name = dest_url
            .rsplit('/')
            .next()
            .unwrap_or("")
            .trim_end_matches(".svg");
        if CHARTS.contains(&name) {
            // A chart stands alone: close the paragraph around it.
            trim_spans(&mut self.spans);
            if !self.spans.is_empty() && !self.in_item && self.table.is_none() {
                self.blocks
                    .push(Block::Paragraph(std::mem::take(&mut self.spans)));
            }
            self.blocks.push(Block::Chart(name.to_string()));
        }
    }

    /// Text in the current bold and italic style.
    fn text(&mut self, text: &str, code: bool) {
        append(&mut self.spans, text, self.bold > 0, self.italic > 0, code);
    }
}

/// Adds text to spans, extending the last span if it has the same style.
fn append(spans: &mut Vec<Span>, text: &str, bold: bool, italic: bool, code: bool) {
    if let Some(last) = spans.last_mut()
        && last.bold == bold
        && last.italic == italic
        && last.code == code
    {
        last.text.push_str(text);
        return;
    }
    spans.push(Span {
        text: text.to_string(),
        bold,
        italic,
        code,
    });
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
        let md = "<!-- pdf:skip -->\n# Hidden\n<!-- pdf:part -->\n<!-- /pdf:skip -->\n\n<!-- pdf:part -->\n## Shown\n\n![Roadmap](roadmap.svg)\n\n```mermaid\ngantt\n```\n\n```timeline\nA ####\n```\n\n```\nkept\n```\n";
        let blocks = parse(md);
        assert_eq!(
            blocks,
            vec![
                Block::PageBreak,
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
