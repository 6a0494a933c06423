//! Page layout: turns document blocks into pages of positioned drawings.
//!
//! A4 pages with 20 mm side margins. Only the parts of a document start on
//! a new page: the first page after the contents and each place a template
//! marks with `<!-- pdf:part -->` ([`Block::PageBreak`]; the built-in
//! master plan marks the executive summary, the body, each annex and the
//! roadmap). Chapters (level-1 and level-2 headings) flow on from the one
//! before them and are listed in the contents; every heading is kept with
//! what follows it, moving to the next page with it. A list item stays on
//! one page. A chart a little too tall for the room left is drawn smaller
//! there (down to [`SMALLEST_CHART_SCALE`]); one that does not fit floats
//! to the top of the next page while the paragraphs after it fill this one
//! (never past a heading or anything but a paragraph). A table starts where
//! two of its rows fit, leaves no last row or two alone at the head of a
//! page, and a table right after a table (a KPI table's sources and
//! owners) keeps to its page. So no page is under a quarter full except the
//! cover, the contents, the last page of a part and the last page of the
//! document (and, rarely, a page before a table row taller than what was
//! left of it).
//!
//! Tables repeat their header after a page break; long words break instead
//! of running into the margin; a quarter label ("Q4 2027") never breaks
//! between its quarter and its year. The cover is one block: title, period,
//! country, lead institution, status and date. The result is
//! backend-neutral, with the document's structure beside the drawings
//! (every drawing tagged with its element): [`super::pdf`] writes it.

use super::blocks::{Block, Span, plain};
use super::charts::{fit, wrap};
use super::draw::*;
use super::fonts::Fonts;
use super::structure::{
    ARTIFACT, PAGINATION, RUNNING_FOOTER, RUNNING_HEADER, Role, Structure, Tag, tag_composed_page,
};
use super::typography::{NBSP, NNBSP};
use crate::language::{say, say_with};

pub const PAGE_WIDTH: f32 = 595.28;
pub const PAGE_HEIGHT: f32 = 841.89;
pub const MARGIN_LEFT: f32 = 56.0;
pub const MARGIN_RIGHT: f32 = 56.0;
pub const CONTENT_TOP: f32 = 74.0;
pub const CONTENT_BOTTOM: f32 = PAGE_HEIGHT - 62.0;
pub const CONTENT_WIDTH: f32 = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT;

const BODY_SIZE: f32 = 10.0;
const BODY_LEADING: f32 = 14.2;
const TABLE_SIZE: f32 = 7.8;
const TABLE_LEADING: f32 = 10.0;
const CELL_PAD: f32 = 3.0;
const TOC_ENTRIES_PER_PAGE: usize = 30;

/// Most pages a PDF may have (the built-in master plan has about 50).
pub const MAX_PAGES: usize = 1000;
/// Most columns a table may have (the built-in tables have at most 10).
pub const MAX_TABLE_COLUMNS: usize = 50;

/// Why a document was not laid out: it would pass a limit.
#[derive(Debug, PartialEq)]
pub enum TooLarge {
    /// More than [`MAX_PAGES`] pages.
    Pages,
    /// A table of this many columns, more than [`MAX_TABLE_COLUMNS`].
    Columns(usize),
}

/// What the title page shows, as one block from top to bottom: title,
/// subtitle, country, details, status, date and note.
#[derive(Debug, Clone)]
pub struct TitlePage {
    pub title: String,
    /// The line under the title: a plan's period ("2026-2030"), or what a
    /// comparison compares.
    pub subtitle: String,
    pub country: String,
    /// The line in the cover's top band that names who issues the
    /// document (the country of a plan); empty for none.
    pub issuer: String,
    /// Labelled facts under the country: lead institution, sponsor.
    pub details: Vec<(String, String)>,
    pub status: String,
    pub date: String,
    /// What a reader must know before reading on: costs are indicative.
    /// Provenance (the tool, the inputs) is kept in the PDF's metadata and
    /// the annex on how the plan was derived, not here.
    pub note: String,
    /// Running header on every page after the first.
    pub running_header: String,
}

/// The note on the cover of a plan whose scores come from an assessment,
/// and of a comparison of plans, in the language in force.
pub fn cover_note() -> &'static str {
    say("render.layout.cover_note")
}

/// The same for a plan whose scores are derived from published indices.
pub fn cover_note_indices() -> &'static str {
    say("render.layout.cover_note_indices")
}

/// A laid-out document.
#[derive(Debug, Clone)]
pub struct Laid {
    pub pages: Vec<Vec<Draw>>,
    /// What each drawing of each page belongs to in [`Laid::structure`].
    pub tags: Vec<Vec<Tag>>,
    /// The document's logical structure, for the tagged PDF.
    pub structure: Structure,
    /// Chapters: title and 1-based page number, for the outline.
    pub chapters: Vec<(String, usize)>,
    /// The 1-based pages on which a part of the document starts: the first
    /// page after the contents and each page a [`Block::PageBreak`] opened.
    pub parts: Vec<usize>,
}

/// Text styles: regular, bold, italic and code faces for a kind of text.
#[derive(Clone, Copy)]
struct Style {
    regular: Face,
    bold: Face,
    italic: Face,
    size: f32,
    leading: f32,
    color: Rgb,
}

const BODY: Style = Style {
    regular: Face::Serif,
    bold: Face::SerifBold,
    italic: Face::SerifItalic,
    size: BODY_SIZE,
    leading: BODY_LEADING,
    color: BLACK,
};

const TABLE: Style = Style {
    regular: Face::Sans,
    bold: Face::SansBold,
    italic: Face::SansOblique,
    size: TABLE_SIZE,
    leading: TABLE_LEADING,
    color: BLACK,
};

impl Style {
    fn face(&self, span: &Span) -> Face {
        if span.code {
            Face::Mono
        } else if span.bold {
            self.bold
        } else if span.italic {
            self.italic
        } else {
            self.regular
        }
    }
}

/// A line across the text width at `y`.
fn rule(y: f32, color: Rgb, width: f32) -> Draw {
    Draw::line(
        (MARGIN_LEFT, y),
        (PAGE_WIDTH - MARGIN_RIGHT, y),
        color,
        width,
    )
}

/// One laid-out line: pieces of text with their face and x offset.
type LineRuns = Vec<(Face, f32, String)>;

/// A word as pieces of text in their faces.
type Word = Vec<(Face, String)>;

/// A cell's words measured once, so that the column-width searches, which
/// try a cell at dozens of widths, count its lines without breaking it
/// into runs each time. The count is the one [`break_lines`] gives.
struct Measured<'a> {
    spans: &'a [Span],
    style: Style,
    /// Each word: its width, the width of the space before it, and the
    /// widths of its pieces, added one by one as [`Lines`] does.
    words: Vec<(f32, f32, Vec<f32>)>,
}

impl<'a> Measured<'a> {
    fn new(fonts: &Fonts, spans: &'a [Span], style: Style) -> Measured<'a> {
        let words = words(fonts, spans, style)
            .iter()
            .map(|word| {
                let pieces: Vec<f32> = word
                    .iter()
                    .map(|(f, t)| fonts.width(*f, style.size, t))
                    .collect();
                let width: f32 = pieces.iter().sum();
                (width, fonts.width(word[0].0, style.size, " "), pieces)
            })
            .collect();
        Measured {
            spans,
            style,
            words,
        }
    }

    /// How many lines the cell takes at `width`.
    fn lines(&self, fonts: &Fonts, width: f32) -> usize {
        let mut count = 0;
        let mut x = 0.0f32;
        let mut empty = true;
        for (w, space, pieces) in &self.words {
            if !empty && x + space + w > width {
                count += 1;
                x = 0.0;
                empty = true;
            }
            if *w > width {
                // A word broken by characters: rare enough to break it all.
                return break_lines(fonts, self.spans, self.style, width).len();
            }
            if !empty {
                x += space;
            }
            for piece in pieces {
                x += piece;
            }
            empty = false;
        }
        count + usize::from(!empty)
    }
}

/// Breaks styled spans into lines no wider than `width`.
fn break_lines(fonts: &Fonts, spans: &[Span], style: Style, width: f32) -> Vec<LineRuns> {
    let mut lines = Lines {
        fonts,
        size: style.size,
        width,
        done: Vec::new(),
        line: Vec::new(),
        x: 0.0,
    };
    for word in words(fonts, spans, style) {
        lines.add(word);
    }
    lines.finish()
}

/// The words of styled spans, split at whitespace. Words keep their style;
/// a word may hold pieces of several styles.
fn words(fonts: &Fonts, spans: &[Span], style: Style) -> Vec<Word> {
    let mut words: Vec<Word> = Vec::new();
    let mut current: Word = Vec::new();
    for span in spans {
        let face = style.face(span);
        let text = fonts.printable(face, &span.text);
        let mut piece = String::new();
        for c in text.chars() {
            // No-break spaces (French typography) hold their words together.
            if c.is_whitespace() && !matches!(c, NBSP | NNBSP) {
                if !piece.is_empty() {
                    current.push((face, std::mem::take(&mut piece)));
                }
                if !current.is_empty() {
                    words.push(std::mem::take(&mut current));
                }
            } else {
                piece.push(c);
            }
        }
        if !piece.is_empty() {
            current.push((face, piece));
        }
    }
    if !current.is_empty() {
        words.push(current);
    }
    keep_quarters_together(words)
}

/// Joins a quarter and the year after it ("Q4" "2027") into one word, so
/// that a line never ends between them; the space stays inside the word.
fn keep_quarters_together(words: Vec<Word>) -> Vec<Word> {
    let mut joined: Vec<Word> = Vec::with_capacity(words.len());
    for word in words {
        let after_quarter = joined
            .last()
            .and_then(|previous| previous.last())
            .is_some_and(|(_, text)| ends_with_quarter(text));
        match joined.last_mut() {
            Some(previous) if after_quarter && starts_with_year(&word) => {
                if let Some((_, text)) = previous.last_mut() {
                    text.push(' ');
                }
                previous.extend(word);
            }
            _ => joined.push(word),
        }
    }
    joined
}

/// "Q1" to "Q4", after any opening punctuation: "(Q4".
fn ends_with_quarter(text: &str) -> bool {
    let label = text.trim_start_matches(|c: char| !c.is_alphanumeric());
    // English "Q1", French and Spanish "T1" (trimestre).
    matches!(label, "Q1" | "Q2" | "Q3" | "Q4" | "T1" | "T2" | "T3" | "T4")
}

/// A word that starts with a four-digit year: "2027", "2027,", "2027)".
fn starts_with_year(word: &Word) -> bool {
    let text: String = word.iter().map(|(_, t)| t.as_str()).collect();
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    digits == 4
}

/// Lines being filled word by word.
struct Lines<'a> {
    fonts: &'a Fonts,
    size: f32,
    width: f32,
    done: Vec<LineRuns>,
    line: LineRuns,
    /// Where the next text starts on the current line.
    x: f32,
}

impl Lines<'_> {
    fn add(&mut self, word: Word) {
        let w: f32 = word
            .iter()
            .map(|(f, t)| self.fonts.width(*f, self.size, t))
            .sum();
        let space = self.fonts.width(word[0].0, self.size, " ");
        if !self.line.is_empty() && self.x + space + w > self.width {
            // The space at the break stays at the end of the line, unseen:
            // text copied or read aloud keeps its words apart.
            if let Some((_, _, t)) = self.line.last_mut() {
                t.push(' ');
            }
            self.next_line();
        }
        if w > self.width {
            self.add_broken(word);
            return;
        }
        if !self.line.is_empty() {
            // The space belongs to the previous run so that runs merge.
            if let Some((_, _, t)) = self.line.last_mut() {
                t.push(' ');
            }
            self.x += space;
        }
        for (face, text) in &word {
            self.run(*face, text);
        }
    }

    /// A word longer than the line (a URL, a long code): broken by characters.
    fn add_broken(&mut self, word: Word) {
        for (face, text) in word {
            let mut chunk = String::new();
            for c in text.chars() {
                let candidate = format!("{chunk}{c}");
                if self.x + self.fonts.width(face, self.size, &candidate) > self.width
                    && !chunk.is_empty()
                {
                    self.run(face, &std::mem::take(&mut chunk));
                    self.next_line();
                }
                chunk.push(c);
            }
            if !chunk.is_empty() {
                self.run(face, &chunk);
            }
        }
    }

    /// Text at the current position.
    fn run(&mut self, face: Face, text: &str) {
        let w = self.fonts.width(face, self.size, text);
        // Merge with the previous run of the same face to keep the PDF small.
        match self.line.last_mut() {
            Some((f, start, t))
                if *f == face
                    && (*start + self.fonts.width(*f, self.size, t) - self.x).abs() < 0.01 =>
            {
                t.push_str(text)
            }
            _ => self.line.push((face, self.x, text.to_string())),
        }
        self.x += w;
    }

    fn next_line(&mut self) {
        self.done.push(std::mem::take(&mut self.line));
        self.x = 0.0;
    }

    fn finish(mut self) -> Vec<LineRuns> {
        if !self.line.is_empty() {
            self.done.push(self.line);
        }
        self.done
    }
}

struct Layout<'a> {
    fonts: &'a Fonts,
    pages: Vec<Vec<Draw>>,
    /// The tag of each drawing of `pages`, in step with it.
    tags: Vec<Vec<Tag>>,
    structure: Structure,
    /// The element that drawings pushed now belong to.
    current: Tag,
    /// The open headings, outermost first: each one's level on the page
    /// (its Markdown level) and in the structure. A heading is never more
    /// than one level below the heading it falls under, and headings that
    /// look alike have one level, whatever their Markdown levels.
    headings: Vec<(u8, u8)>,
    y: f32,
    chapters: Vec<(String, usize)>,
    charts: &'a Charts<'a>,
    /// More than [`MAX_PAGES`] pages were begun: the last one is reused, so
    /// that memory stays bounded until the block ends.
    over: bool,
    /// 1-based pages on which a part starts.
    parts: Vec<usize>,
    /// The headings last drawn, to move to the next page with what follows
    /// them if that does not fit under them.
    keep: Option<Kept>,
    /// A chart that did not fit under the text before it, waiting for the
    /// top of the next page while the paragraphs after it fill this one,
    /// with the figure it is in the structure.
    floating: Option<(Picture, Tag)>,
    /// The table just laid out, with the headings and lines that lead to
    /// it, while it is the last thing drawn and whole on one page: a table
    /// right after it (a KPI table's sources and owners) keeps to its page.
    previous_table: Option<Kept>,
}

/// A drawing with what it belongs to in the structure.
type Tagged = (Draw, Tag);

/// Headings at the foot of a page, nothing drawn after them yet.
#[derive(Clone, Copy)]
struct Kept {
    /// 0-based page and the index of their first drawing on it.
    page: usize,
    from: usize,
    /// Where the first of them started (`y` before its space above).
    top: f32,
    /// How many drawings the page had when the last heading ended.
    until: usize,
    /// The first of the chapters (entries of the contents) they open.
    chapters: usize,
}

impl Layout<'_> {
    fn page(&mut self) -> &mut Vec<Draw> {
        self.pages.last_mut().expect("a page is open")
    }

    /// Adds a drawing to the page, as part of the current element.
    fn push(&mut self, draw: Draw) {
        let tag = self.current;
        self.push_tagged(draw, tag);
    }

    fn push_tagged(&mut self, draw: Draw, tag: Tag) {
        self.pages.last_mut().expect("a page is open").push(draw);
        self.tags.last_mut().expect("a page is open").push(tag);
    }

    /// Adds a drawing that is decoration, not content.
    fn push_artifact(&mut self, draw: Draw) {
        self.push_tagged(draw, ARTIFACT);
    }

    /// The structure level of a heading of Markdown `level`: that of the
    /// last heading of the same level, or one below the heading it falls
    /// under.
    fn heading_role(&mut self, level: u8) -> u8 {
        while self.headings.last().is_some_and(|(seen, _)| *seen > level) {
            self.headings.pop();
        }
        let role = match self.headings.last() {
            Some((seen, role)) if *seen == level => {
                let role = *role;
                self.headings.pop();
                role
            }
            Some((_, role)) => role + 1,
            None => 1,
        };
        self.headings.push((level, role));
        role
    }

    /// Opens an element of the structure under the document and makes it
    /// the current one.
    fn open(&mut self, role: Role) -> Tag {
        self.current = self.structure.open(role, 0);
        self.current
    }

    /// Takes the drawings from `from` to the end of the page off it, with
    /// their tags, moved up by `shift`.
    fn take_from(&mut self, from: usize, shift: f32) -> Vec<Tagged> {
        let tags: Vec<Tag> = self
            .tags
            .last_mut()
            .expect("a page is open")
            .drain(from..)
            .collect();
        self.page()
            .drain(from..)
            .map(|d| d.offset(0.0, shift))
            .zip(tags)
            .collect()
    }

    fn new_page(&mut self) {
        let moved = self.take_kept();
        if self.pages.len() < MAX_PAGES {
            self.pages.push(Vec::new());
            self.tags.push(Vec::new());
        } else {
            self.over = true;
            self.page().clear();
            self.tags.last_mut().expect("a page is open").clear();
        }
        self.y = CONTENT_TOP;
        if let Some((draws, height, chapters)) = moved {
            let start = self.page().len();
            for (draw, tag) in draws {
                self.push_tagged(draw, tag);
            }
            // The contents point at the page the headings moved to.
            let page = self.pages.len();
            for entry in &mut self.chapters[chapters..] {
                entry.1 = page;
            }
            self.keep = Some(Kept {
                page: page - 1,
                from: start,
                top: CONTENT_TOP,
                until: self.page().len(),
                chapters,
            });
            self.y += height;
        }
    }

    /// The headings left alone at the foot of the page, taken off it and
    /// moved to the top of a page, with the height they take there and the
    /// first of the chapters they open.
    fn take_kept(&mut self) -> Option<(Vec<Tagged>, f32, usize)> {
        let alone = self.headings_alone();
        let kept = self.keep.take()?;
        // A heading at the top of its page stays: moving it would leave
        // the page empty.
        if !alone || kept.top <= CONTENT_TOP + 0.5 {
            return None;
        }
        let draws = self.take_from(kept.from, CONTENT_TOP - kept.top);
        Some((draws, self.y - kept.top, kept.chapters))
    }

    /// A new part: a new page, unless this one is still empty.
    fn page_break(&mut self) {
        self.keep = None;
        if !self.at_top() {
            self.new_page();
        }
        let page = self.pages.len();
        if self.parts.last() != Some(&page) {
            self.parts.push(page);
        }
    }

    fn at_top(&self) -> bool {
        (self.y - CONTENT_TOP).abs() < 0.5
    }

    /// Starts a new page unless `height` still fits on this one.
    fn ensure(&mut self, height: f32) {
        if self.y + height > CONTENT_BOTTOM && !self.at_top() {
            self.new_page();
        }
    }

    fn draw_lines(&mut self, lines: &[LineRuns], x: f32, style: Style) {
        for line in lines {
            self.ensure(style.leading);
            let baseline = self.y + style.size;
            // Spaces at the end of a run stay: they draw nothing, but keep
            // the words apart for whoever reads the text out of the PDF.
            for (face, dx, text) in line {
                let draw = Draw::text(
                    x + dx,
                    baseline,
                    style.size,
                    *face,
                    style.color,
                    text.as_str(),
                );
                self.push(draw);
            }
            self.y += style.leading;
        }
    }

    fn heading(&mut self, level: u8, text: &str) {
        let chapter = level <= 2;
        let (size, before, after, color) = match level {
            1 | 2 => (17.0, 22.0, 10.0, NAVY),
            3 => (12.5, 12.0, 5.0, NAVY),
            _ => (10.5, 9.0, 3.0, BLACK),
        };
        let style = Style {
            regular: Face::SansBold,
            bold: Face::SansBold,
            italic: Face::SansBold,
            size,
            leading: size * 1.25,
            color,
        };
        let spans = [Span {
            text: text.to_string(),
            bold: true,
            italic: false,
            code: false,
        }];
        let lines = break_lines(self.fonts, &spans, style, CONTENT_WIDTH);
        let ruled = if chapter { 6.0 } else { 0.0 };
        let height = lines.len() as f32 * style.leading + ruled;
        let above = if self.at_top() { 0.0 } else { before };
        // Keep the heading with at least two lines of what follows.
        self.ensure(above + height + after + 2.0 * BODY_LEADING);
        if !self.at_top() {
            self.y += before;
        }
        // Headings directly after a heading (nothing drawn since) move
        // with it; this one starts a new group otherwise.
        let (from, top, chapters) = match self.keep {
            Some(k) if self.headings_alone() => (k.from, k.top, k.chapters),
            _ => (self.page().len(), self.y, self.chapters.len()),
        };
        if chapter {
            self.chapters.push((text.to_string(), self.pages.len()));
        }
        let role_level = self.heading_role(level);
        self.open(Role::H(role_level));
        self.draw_lines(&lines, MARGIN_LEFT, style);
        if chapter {
            let y = self.y + 3.0;
            self.push_artifact(rule(y, NAVY, 1.0));
            self.y += 6.0;
        }
        self.y += after;
        self.keep = Some(Kept {
            page: self.pages.len() - 1,
            from,
            top,
            until: self.page().len(),
            chapters,
        });
    }

    fn paragraph(&mut self, spans: &[Span]) {
        let lines = break_lines(self.fonts, spans, BODY, CONTENT_WIDTH);
        // A line or two right under a heading introduce what follows: they
        // move with the heading if what follows does not fit under them.
        let introduces = lines.len() <= 2 && self.headings_alone();
        // Avoid a single orphaned line at the bottom of a page.
        if lines.len() > 1 {
            self.ensure(2.0 * BODY_LEADING);
        }
        self.open(Role::P);
        self.draw_lines(&lines, MARGIN_LEFT, BODY);
        self.y += 6.0;
        if introduces {
            let drawn = self.page().len();
            if let Some(kept) = self.keep.as_mut() {
                kept.until = drawn;
            }
        }
    }

    /// Whether the last thing drawn is a heading (nothing after it yet).
    fn headings_alone(&self) -> bool {
        let current = self.pages.len() - 1;
        self.keep
            .is_some_and(|k| k.page == current && self.pages[current].len() == k.until)
    }

    fn list(&mut self, start: Option<u64>, items: &[Vec<Span>]) {
        let indent = 16.0;
        let list = self.structure.list(0, start.is_some());
        for (i, item) in items.iter().enumerate() {
            let entry = self.structure.open(Role::LI, list);
            let label = self.structure.open(Role::Lbl, entry);
            let body = self.structure.open(Role::LBody, entry);
            let marker = match start {
                Some(n) => format!("{}.", n + i as u64),
                None => "•".to_string(),
            };
            let lines = break_lines(self.fonts, item, BODY, CONTENT_WIDTH - indent);
            // An item is read as one point: its lines stay together on a
            // page unless it is longer than a page.
            let height = lines.len().max(1) as f32 * BODY_LEADING;
            if height <= CONTENT_BOTTOM - CONTENT_TOP {
                self.ensure(height);
            }
            let baseline = self.y + BODY_SIZE;
            self.push_tagged(
                Draw::text(
                    MARGIN_LEFT + 3.0,
                    baseline,
                    BODY_SIZE,
                    Face::Serif,
                    BLUE,
                    marker,
                ),
                label,
            );
            self.current = body;
            self.draw_lines(&lines, MARGIN_LEFT + indent, BODY);
            self.y += 2.5;
        }
        self.y += 4.0;
    }

    fn quote(&mut self, spans: &[Span]) {
        let style = Style {
            regular: Face::SerifItalic,
            bold: Face::SerifBold,
            italic: Face::Serif,
            size: 9.2,
            leading: 12.8,
            color: Rgb::hex(0x33475b),
        };
        let lines = break_lines(self.fonts, spans, style, CONTENT_WIDTH - 24.0);
        let height = lines.len() as f32 * style.leading + 12.0;
        self.ensure(height.min(CONTENT_BOTTOM - CONTENT_TOP));
        let top = self.y;
        self.push_artifact(Draw::fill(
            MARGIN_LEFT,
            top,
            CONTENT_WIDTH,
            height,
            PALE_BLUE,
        ));
        self.push_artifact(Draw::fill(MARGIN_LEFT, top, 2.5, height, BLUE));
        self.open(Role::BlockQuote);
        self.y += 6.0;
        self.draw_lines(&lines, MARGIN_LEFT + 14.0, style);
        self.y = self.y.max(top + height) + 8.0;
    }

    fn code(&mut self, text: &str) {
        let size = 7.2;
        let leading = 9.2;
        let mut lines: Vec<String> = Vec::new();
        for raw in text.lines() {
            let raw = self.fonts.printable(Face::Mono, raw);
            let mut line = String::new();
            for c in raw.chars() {
                if self.fonts.width(Face::Mono, size, &format!("{line}{c}")) > CONTENT_WIDTH - 12.0
                {
                    lines.push(std::mem::take(&mut line));
                }
                line.push(c);
            }
            lines.push(line);
        }
        let code = self.structure.open(Role::P, 0);
        for chunk in lines.chunks(60) {
            let height = chunk.len() as f32 * leading + 8.0;
            self.ensure(height);
            let top = self.y;
            self.current = code;
            self.push_artifact(Draw::fill(
                MARGIN_LEFT,
                top,
                CONTENT_WIDTH,
                height,
                Rgb::hex(0xf4f4f2),
            ));
            self.y += 4.0;
            for line in chunk {
                let baseline = self.y + size;
                self.push(Draw::text(
                    MARGIN_LEFT + 6.0,
                    baseline,
                    size,
                    Face::Mono,
                    BLACK,
                    line.clone(),
                ));
                self.y += leading;
            }
            self.y = top + height + 6.0;
        }
    }

    fn rule(&mut self) {
        self.ensure(12.0);
        let y = self.y + 5.0;
        self.push_artifact(rule(y, RULE_GREY, 0.6));
        self.y += 12.0;
    }

    fn chart(&mut self, name: &str) {
        let Some((picture, alt)) = (self.charts)(name) else {
            return;
        };
        // The figure takes its place in the reading order here, even when
        // the chart itself floats to the next page.
        let figure = self.structure.figure(0, alt);
        let room = CONTENT_BOTTOM - self.y - 14.0;
        if picture.height <= room || self.at_top() {
            self.draw_picture(picture, figure);
        } else if picture.height * SMALLEST_CHART_SCALE <= room {
            // A little too tall for what is left: drawn a little smaller
            // rather than leaving the room empty.
            let scale = room / picture.height;
            self.draw_picture(scaled(picture, scale), figure);
        } else if self.headings_alone() {
            // It moves to the next page with its heading.
            self.draw_picture(picture, figure);
        } else {
            self.floating = Some((picture, figure));
        }
    }

    /// The floating chart, at the top of the next page.
    fn land_floating(&mut self) {
        if let Some((picture, figure)) = self.floating.take() {
            if !self.at_top() {
                self.new_page();
            }
            self.draw_picture(picture, figure);
        }
    }

    /// Whether a paragraph fits whole under what is on the page.
    fn paragraph_fits(&self, spans: &[Span]) -> bool {
        let lines = break_lines(self.fonts, spans, BODY, CONTENT_WIDTH);
        self.y + lines.len() as f32 * BODY_LEADING <= CONTENT_BOTTOM
    }

    fn draw_picture(&mut self, picture: Picture, figure: Tag) {
        let height = picture.height;
        self.ensure(height + 12.0);
        let x = MARGIN_LEFT + (CONTENT_WIDTH - picture.width).max(0.0) / 2.0;
        let y = self.y + 4.0;
        for draw in picture.draws {
            self.push_tagged(draw.offset(x, y), figure);
        }
        self.y = y + height + 10.0;
    }

    fn table(&mut self, header: &[Vec<Span>], rows: &[Vec<Vec<Span>>]) {
        let columns = header
            .len()
            .max(rows.iter().map(Vec::len).max().unwrap_or(0));
        if columns == 0 {
            return;
        }
        // Wide tables get a smaller type so that words need not break.
        let (size, leading) = if columns >= 7 {
            (6.6, 8.6)
        } else {
            (TABLE_SIZE, TABLE_LEADING)
        };
        let body = Style {
            size,
            leading,
            ..TABLE
        };
        let widths = self.column_widths(header, rows, columns, size);
        let header_style = Style {
            regular: Face::SansBold,
            bold: Face::SansBold,
            italic: Face::SansBold,
            color: NAVY,
            ..body
        };
        let cell_lines = |cells: &[Vec<Span>], style: Style| -> Vec<Vec<LineRuns>> {
            (0..columns)
                .map(|c| {
                    let spans = cells.get(c).cloned().unwrap_or_default();
                    break_lines(self.fonts, &spans, style, widths[c] - 2.0 * CELL_PAD)
                })
                .collect()
        };
        let head = cell_lines(header, header_style);
        let head_height = row_height(&head, leading);

        let all: Vec<Vec<Vec<LineRuns>>> = rows.iter().map(|r| cell_lines(r, body)).collect();
        let heights: Vec<f32> = all.iter().map(|cells| row_height(cells, leading)).collect();
        // A table starts where its header and first two rows fit together,
        // so that no row is left alone at the foot of a page.
        let first_height: f32 = heights.iter().take(2).sum();
        let whole = head_height + heights.iter().sum::<f32>();
        self.keep_with_previous_table(whole);
        self.ensure(head_height + first_height.min(CONTENT_BOTTOM - CONTENT_TOP - head_height));
        let start = match self.keep {
            Some(k) if self.headings_alone() => k,
            _ => Kept {
                page: self.pages.len() - 1,
                from: self.page().len(),
                top: self.y,
                until: 0,
                chapters: self.chapters.len(),
            },
        };
        // The header is read once, where the table starts; its copies at
        // the head of later pages are pagination.
        let table = self.structure.open(Role::Table, 0);
        let head_row = {
            let group = self.structure.open(Role::THead, table);
            let row = self.structure.open(Role::TR, group);
            (0..columns)
                .map(|_| self.structure.open(Role::TH, row))
                .collect::<Vec<Tag>>()
        };
        let body_group = self.structure.open(Role::TBody, table);
        self.table_header(&head, &widths, head_height, header_style, Some(&head_row));

        let mut planned = planned_break(&heights, 0, self.y);
        for (i, mut cells) in all.into_iter().enumerate() {
            let row = self.structure.open(Role::TR, body_group);
            let row_cells: Vec<Tag> = (0..columns)
                .map(|_| self.structure.open(Role::TD, row))
                .collect();
            if planned == Some(i) {
                self.new_page();
                self.table_header(&head, &widths, head_height, header_style, None);
                planned = planned_break(&heights, i, self.y);
            }
            loop {
                let height = row_height(&cells, leading);
                if self.y + height <= CONTENT_BOTTOM {
                    self.cells(&cells, &widths, height, body, Some(&row_cells));
                    break;
                }
                let room = CONTENT_BOTTOM - self.y - 2.0 * CELL_PAD;
                let fits = (room / leading).floor() as usize;
                if fits >= 2 && height > CONTENT_BOTTOM - CONTENT_TOP - head_height {
                    // A row taller than a page: split it between lines.
                    let (now, later): (Vec<_>, Vec<_>) = cells
                        .iter()
                        .map(|lines| {
                            let cut = fits.min(lines.len());
                            (lines[..cut].to_vec(), lines[cut..].to_vec())
                        })
                        .unzip();
                    let part = row_height(&now, leading);
                    self.cells(&now, &widths, part, body, Some(&row_cells));
                    cells = later;
                }
                self.new_page();
                self.table_header(&head, &widths, head_height, header_style, None);
                planned = planned_break(&heights, i + 1, self.y + row_height(&cells, leading));
            }
        }
        self.y += 8.0;
        if start.page == self.pages.len() - 1 {
            self.previous_table = Some(Kept {
                until: self.page().len(),
                ..start
            });
        }
    }

    /// Moves the table just drawn (with what leads to it) to the next page
    /// when the table of `height` that follows it does not fit under it
    /// but both fit on one page.
    fn keep_with_previous_table(&mut self, height: f32) {
        let Some(previous) = self.previous_table.take() else {
            return;
        };
        let current = self.pages.len() - 1;
        let untouched = previous.page == current && self.page().len() == previous.until;
        let together = self.y - previous.top + height;
        if !untouched
            || self.y + height <= CONTENT_BOTTOM
            || together > CONTENT_BOTTOM - CONTENT_TOP
            || previous.top <= CONTENT_TOP + 0.5
        {
            return;
        }
        let moved = self.take_from(previous.from, CONTENT_TOP - previous.top);
        let below = self.y - previous.top;
        self.keep = None;
        self.new_page();
        for (draw, tag) in moved {
            self.push_tagged(draw, tag);
        }
        let page = self.pages.len();
        for entry in &mut self.chapters[previous.chapters..] {
            entry.1 = page;
        }
        self.y = CONTENT_TOP + below;
    }

    /// The header row on its band; `tags` are its cells in the
    /// structure, or `None` where it is repeated at the head of a page.
    fn table_header(
        &mut self,
        head: &[Vec<LineRuns>],
        widths: &[f32],
        height: f32,
        style: Style,
        tags: Option<&[Tag]>,
    ) {
        let top = self.y;
        self.push_artifact(Draw::fill(
            MARGIN_LEFT,
            top,
            widths.iter().sum(),
            height,
            PALE_BLUE,
        ));
        self.cells(head, widths, height, style, tags);
    }

    /// A row of cells `height` high, ruled underneath across the table
    /// (the header row more heavily); `tags` are the cells' elements, or
    /// `None` for a repeated header.
    fn cells(
        &mut self,
        cells: &[Vec<LineRuns>],
        widths: &[f32],
        height: f32,
        style: Style,
        tags: Option<&[Tag]>,
    ) {
        let (rule_color, rule_width) = if style.regular == Face::SansBold {
            (NAVY, 0.7)
        } else {
            (LIGHT_GREY, 0.5)
        };
        let top = self.y;
        let mut x = MARGIN_LEFT;
        for (c, lines) in cells.iter().enumerate() {
            let tag = tags
                .and_then(|tags| tags.get(c).copied())
                .unwrap_or(PAGINATION);
            for (i, line) in lines.iter().enumerate() {
                let baseline = top + CELL_PAD + i as f32 * style.leading + style.size;
                for (face, dx, text) in line {
                    self.push_tagged(
                        Draw::text(
                            x + CELL_PAD + dx,
                            baseline,
                            style.size,
                            *face,
                            style.color,
                            text.as_str(),
                        ),
                        tag,
                    );
                }
            }
            x += widths[c];
        }
        self.y = top + height;
        let (y, total) = (self.y, widths.iter().sum::<f32>());
        self.push_artifact(Draw::line(
            (MARGIN_LEFT, y),
            (MARGIN_LEFT + total, y),
            rule_color,
            rule_width,
        ));
    }

    /// Column widths that share the page width so that the tallest cells
    /// of the columns are about as tall as each other, but never narrower
    /// than a column's longest word (up to a limit).
    fn column_widths(
        &self,
        header: &[Vec<Span>],
        rows: &[Vec<Vec<Span>>],
        columns: usize,
        size: f32,
    ) -> Vec<f32> {
        let mut minimum = vec![24.0f32; columns];
        let mut natural = vec![24.0f32; columns];
        // Measured in bold, the widest face, so that no word need break.
        let bold = Style {
            regular: Face::SansBold,
            italic: Face::SansBold,
            size,
            ..TABLE
        };
        for cells in std::iter::once(header).chain(rows.iter().map(Vec::as_slice)) {
            for (c, spans) in cells.iter().enumerate().take(columns) {
                let longest_word = words(self.fonts, spans, bold)
                    .iter()
                    .map(|word| {
                        word.iter()
                            .map(|(face, text)| self.fonts.width(*face, size, text))
                            .sum::<f32>()
                    })
                    .fold(0.0f32, f32::max);
                minimum[c] =
                    minimum[c].max((longest_word + 2.0 * CELL_PAD).min(CONTENT_WIDTH * 0.3));
                // A header may wrap between its words; the body's cells
                // decide how wide a column would like to be.
                if !std::ptr::eq(cells, header) {
                    let full = self.fonts.width(Face::Sans, size, &plain(spans)) + 2.0 * CELL_PAD;
                    natural[c] = natural[c].max(full.min(CONTENT_WIDTH * 2.0));
                }
            }
        }
        // A short text wrapped onto many lines reads worst ("Limited /
        // capacity / to design / and ..."): a column is at least as wide as
        // its short cells need to take four lines, where the page allows.
        let floors: Vec<f32> = (0..columns)
            .map(|c| minimum[c].max(self.short_cells_width(rows, c, size)))
            .collect();
        if floors.iter().sum::<f32>() <= CONTENT_WIDTH {
            minimum = floors;
        }
        for (n, m) in natural.iter_mut().zip(&minimum) {
            *n = n.max(*m);
        }
        let min_total: f32 = minimum.iter().sum();
        if min_total >= CONTENT_WIDTH {
            return minimum
                .iter()
                .map(|m| m * CONTENT_WIDTH / min_total)
                .collect();
        }
        let natural_total: f32 = natural.iter().sum();
        if natural_total <= CONTENT_WIDTH {
            // Everything fits on one line: spread the spare room evenly by content.
            return natural
                .iter()
                .map(|n| n * CONTENT_WIDTH / natural_total)
                .collect();
        }
        let start = self
            .balanced_widths(rows, &minimum, &natural, size)
            .unwrap_or_else(|| estimated_widths(&minimum, &natural));
        self.shortest_table_widths(header, rows, start, &minimum, size)
    }

    /// The narrowest width at which every cell of column `c` of a dozen
    /// words or fewer takes at most four lines (within a point or so).
    fn short_cells_width(&self, rows: &[Vec<Vec<Span>>], c: usize, size: f32) -> f32 {
        let body = Style { size, ..TABLE };
        let short: Vec<Measured> = rows
            .iter()
            .filter_map(|row| row.get(c))
            .filter(|spans| plain(spans).split_whitespace().count() <= 12)
            .map(|spans| Measured::new(self.fonts, spans, body))
            .collect();
        let fits = |width: f32| {
            short
                .iter()
                .all(|cell| cell.lines(self.fonts, width - 2.0 * CELL_PAD) <= 4)
        };
        let (mut narrow, mut wide) = (0.0f32, CONTENT_WIDTH / 2.0);
        if short.is_empty() || !fits(wide) {
            return 0.0;
        }
        for _ in 0..9 {
            let mid = (narrow + wide) / 2.0;
            if fits(mid) {
                wide = mid;
            } else {
                narrow = mid;
            }
        }
        wide
    }

    /// Widths near `start` at which the table is shortest: width moves, a
    /// few points at a time, from a column where it shortens no row to one
    /// where it does, while the table gets shorter. So a column of short
    /// cells ("Very high (5 of 5)") gives its spare room to one whose cells
    /// wrap onto many lines ("Limited capacity to design and manage ...").
    fn shortest_table_widths(
        &self,
        header: &[Vec<Span>],
        rows: &[Vec<Vec<Span>>],
        start: Vec<f32>,
        minimum: &[f32],
        size: f32,
    ) -> Vec<f32> {
        const STEP: f32 = 6.0;
        let sample = sampled_rows(header, rows, size);
        let columns = start.len();
        let measured: Vec<Vec<Option<Measured>>> = sample
            .iter()
            .map(|(cells, style)| {
                (0..columns)
                    .map(|c| {
                        cells
                            .get(c)
                            .map(|spans| Measured::new(self.fonts, spans, *style))
                    })
                    .collect()
            })
            .collect();
        // Lines of each sampled row's cell in column c at start + k steps.
        let mut memo: std::collections::HashMap<(usize, i32), Vec<usize>> =
            std::collections::HashMap::new();
        // A short text wrapped onto many lines reads worst ("Limited /
        // capacity / to design / and ..."): its lines weigh more.
        let weights: Vec<Vec<usize>> = sample
            .iter()
            .map(|(cells, _)| {
                (0..columns)
                    .map(|c| {
                        let words = cells
                            .get(c)
                            .map_or(0, |spans| plain(spans).split_whitespace().count());
                        1 + 24 / words.max(1)
                    })
                    .collect()
            })
            .collect();
        let mut lines = |c: usize, k: i32| -> Vec<usize> {
            memo.entry((c, k))
                .or_insert_with(|| {
                    let width = start[c] + k as f32 * STEP - 2.0 * CELL_PAD;
                    measured
                        .iter()
                        .map(|row| {
                            row[c]
                                .as_ref()
                                .map_or(0, |cell| cell.lines(self.fonts, width))
                        })
                        .collect()
                })
                .clone()
        };
        let mut steps = vec![0i32; columns];
        let height = |steps: &[i32], lines: &mut dyn FnMut(usize, i32) -> Vec<usize>| {
            let per_column: Vec<Vec<usize>> = (0..columns).map(|c| lines(c, steps[c])).collect();
            // The table's height in lines first; then the squares of the
            // cells' lines, so that no cell wraps far more than the others.
            (0..sample.len())
                .map(|r| {
                    let tallest = per_column.iter().map(|col| col[r]).max().unwrap_or(1);
                    let squares: usize = per_column
                        .iter()
                        .enumerate()
                        .map(|(c, col)| col[r] * col[r] * weights[r][c])
                        .sum();
                    8 * tallest * tallest + squares
                })
                .sum::<usize>()
        };
        let mut best = height(&steps, &mut lines);
        // No cell wraps onto more lines than it did, or three, whichever is
        // more: width goes only where it is not needed.
        let allowed: Vec<Vec<usize>> = (0..columns)
            .map(|c| lines(c, 0).into_iter().map(|n| n.max(3)).collect())
            .collect();
        for _ in 0..200 {
            let mut improved = None;
            // Moves of up to four steps: one step often shortens no line.
            for (from, to, by) in (0..columns)
                .flat_map(|from| (0..columns).map(move |to| (from, to)))
                .filter(|(from, to)| from != to)
                .flat_map(|(from, to)| (1..=4).map(move |by| (from, to, by)))
            {
                if start[from] + (steps[from] - by) as f32 * STEP < minimum[from] {
                    continue;
                }
                let mut trial = steps.clone();
                trial[from] -= by;
                trial[to] += by;
                let narrowed = lines(from, trial[from]);
                if narrowed
                    .iter()
                    .zip(&allowed[from])
                    .any(|(n, most)| n > most)
                {
                    continue;
                }
                let h = height(&trial, &mut lines);
                if h < best && improved.as_ref().is_none_or(|(_, b)| h < *b) {
                    improved = Some((trial, h));
                }
            }
            match improved {
                Some((trial, h)) => (steps, best) = (trial, h),
                None => break,
            }
        }
        (0..columns)
            .map(|c| start[c] + steps[c] as f32 * STEP)
            .collect()
    }

    /// The widths at which the tallest body cell of every column has as
    /// few lines as the page allows: for one, two, three... lines, each
    /// column's narrowest width that holds its widest cells in that many
    /// lines, until the columns fit (headers wrap between their words). The room left over is shared by width.
    /// None when even many lines do not fit.
    fn balanced_widths(
        &self,
        rows: &[Vec<Vec<Span>>],
        minimum: &[f32],
        natural: &[f32],
        size: f32,
    ) -> Option<Vec<f32>> {
        let body = Style { size, ..TABLE };
        // The widest cells of each column decide its width; looking at a
        // few keeps a table of many rows fast.
        let widest: Vec<Vec<Measured>> = (0..minimum.len())
            .map(|c| {
                let mut cells: Vec<(&[Span], Style, f32)> = rows
                    .iter()
                    .map(|r| (r.as_slice(), body))
                    .filter_map(|(cells, style)| {
                        cells.get(c).map(|spans| (spans.as_slice(), style))
                    })
                    .map(|(spans, style)| {
                        (
                            spans,
                            style,
                            self.fonts.width(Face::Sans, size, &plain(spans)),
                        )
                    })
                    .collect();
                cells.sort_by(|a, b| b.2.total_cmp(&a.2));
                cells
                    .into_iter()
                    .take(6)
                    .map(|(s, style, _)| Measured::new(self.fonts, s, style))
                    .collect()
            })
            .collect();
        let lines_at = |cells: &[Measured], width: f32| {
            cells
                .iter()
                .map(|cell| cell.lines(self.fonts, width - 2.0 * CELL_PAD))
                .max()
                .unwrap_or(1)
        };
        // No column can hold its widest cell in fewer lines than the table
        // needs on average: start there.
        let fewest = (natural.iter().sum::<f32>() / CONTENT_WIDTH)
            .floor()
            .max(1.0) as usize;
        for lines in fewest..=12 {
            let widths: Vec<f32> = widest
                .iter()
                .enumerate()
                .map(|(c, cells)| {
                    let (mut narrow, mut wide) = (minimum[c], natural[c].max(minimum[c]) + 1.0);
                    if lines_at(cells, narrow) <= lines {
                        return narrow;
                    }
                    // Within a point or so.
                    for _ in 0..9 {
                        let mid = (narrow + wide) / 2.0;
                        if lines_at(cells, mid) <= lines {
                            wide = mid;
                        } else {
                            narrow = mid;
                        }
                    }
                    wide
                })
                .collect();
            if widths.iter().sum::<f32>() <= CONTENT_WIDTH {
                return Some(unwrap_short_columns(widths, natural));
            }
        }
        None
    }
}

/// The rows that decide a table's column widths: the sixteen with the most
/// text, in the body's style, and the header in bold.
fn sampled_rows<'a>(
    header: &'a [Vec<Span>],
    rows: &'a [Vec<Vec<Span>>],
    size: f32,
) -> Vec<(&'a [Vec<Span>], Style)> {
    let body = Style { size, ..TABLE };
    let head = Style {
        regular: Face::SansBold,
        bold: Face::SansBold,
        italic: Face::SansBold,
        ..body
    };
    let mut sample: Vec<(&[Vec<Span>], Style)> =
        rows.iter().map(|r| (r.as_slice(), body)).collect();
    sample.sort_by(|a, b| {
        let text = |r: &[Vec<Span>]| r.iter().map(|c| plain(c).len()).sum::<usize>();
        text(b.0).cmp(&text(a.0))
    });
    sample.truncate(16);
    sample.push((header, head));
    sample
}

/// Widths that fit the page, with the room left over given first to the
/// columns it lets hold every cell on one line (the short ones: a score, a
/// year), then shared by width.
fn unwrap_short_columns(mut widths: Vec<f32>, natural: &[f32]) -> Vec<f32> {
    let one_line = |c: usize| natural[c] + 0.5;
    let mut spare = CONTENT_WIDTH - widths.iter().sum::<f32>();
    let mut order: Vec<usize> = (0..widths.len())
        .filter(|&c| one_line(c) > widths[c])
        .collect();
    order.sort_by(|&a, &b| (one_line(a) - widths[a]).total_cmp(&(one_line(b) - widths[b])));
    for c in order {
        let need = one_line(c) - widths[c];
        if need > spare {
            break;
        }
        widths[c] += need;
        spare -= need;
    }
    let total: f32 = widths.iter().sum();
    widths.iter().map(|w| w * CONTENT_WIDTH / total).collect()
}

/// For a table whose cells wrap onto many lines: the widths at which the
/// widest cell of every column wraps onto about the same number of lines,
/// estimated from the cells' widths; the fewest lines for which the columns
/// fit the page, found by halving; the room left over is shared by width.
fn estimated_widths(minimum: &[f32], natural: &[f32]) -> Vec<f32> {
    // A wrapped line holds less than a full one: words do not fill it.
    const FILL: f32 = 0.85;
    let at = |lines: f32| -> Vec<f32> {
        minimum
            .iter()
            .zip(natural)
            .map(|(m, n)| m.max((n - 2.0 * CELL_PAD) / (lines * FILL) + 2.0 * CELL_PAD))
            .collect()
    };
    let (mut fits, mut too_few) = (200.0f32, 1.0f32);
    for _ in 0..40 {
        let lines = (fits + too_few) / 2.0;
        if at(lines).iter().sum::<f32>() <= CONTENT_WIDTH {
            fits = lines;
        } else {
            too_few = lines;
        }
    }
    let widths = at(fits);
    let total: f32 = widths.iter().sum();
    widths.iter().map(|w| w * CONTENT_WIDTH / total).collect()
}

/// The row before which a table's rows from `from` on, set from `y` down,
/// should go to the next page: where they stop fitting, moved back a few
/// rows when the rows left for that page would fill less than a quarter of
/// it (no last row or two alone at the head of a page), keeping two rows
/// on this one. None when the rest fits, or when not even one row does
/// (the row itself moves on, or splits).
fn planned_break(heights: &[f32], from: usize, mut y: f32) -> Option<usize> {
    let mut at = from;
    while at < heights.len() && y + heights[at] <= CONTENT_BOTTOM {
        y += heights[at];
        at += 1;
    }
    if at >= heights.len() || at == from {
        return None;
    }
    // A third, so that with the header the page is well over a quarter full.
    let quarter = (CONTENT_BOTTOM - CONTENT_TOP) / 3.0;
    let mut tail: f32 = heights[at..].iter().sum();
    while tail < quarter && at > from + 2 {
        at -= 1;
        tail += heights[at];
    }
    Some(at)
}

fn row_height(cells: &[Vec<LineRuns>], leading: f32) -> f32 {
    cells.iter().map(Vec::len).max().unwrap_or(1).max(1) as f32 * leading + 2.0 * CELL_PAD
}

/// The smallest a chart is drawn to fit the room left on a page: smaller,
/// its 7-point labels would print under 6 points.
const SMALLEST_CHART_SCALE: f32 = 0.85;

/// A picture drawn `scale` times its size, its text and lines included.
pub fn scaled(picture: Picture, scale: f32) -> Picture {
    let at = |(x, y): (f32, f32)| (x * scale, y * scale);
    let draws = picture
        .draws
        .into_iter()
        .map(|mut draw| {
            match &mut draw {
                Draw::Text { x, y, size, .. } => {
                    (*x, *y, *size) = (*x * scale, *y * scale, *size * scale);
                }
                Draw::Rect {
                    x, y, w, h, stroke, ..
                } => {
                    (*x, *y, *w, *h) = (*x * scale, *y * scale, *w * scale, *h * scale);
                    if let Some((_, width)) = stroke {
                        *width *= scale;
                    }
                }
                Draw::Line { points, width, .. } => {
                    points.iter_mut().for_each(|p| *p = at(*p));
                    *width *= scale;
                }
                Draw::Polygon { points, stroke, .. } => {
                    points.iter_mut().for_each(|p| *p = at(*p));
                    if let Some((_, width)) = stroke {
                        *width *= scale;
                    }
                }
            }
            draw
        })
        .collect();
    Picture {
        width: picture.width * scale,
        height: picture.height * scale,
        draws,
    }
}

/// The charts a document shows, by name: the picture, and the text that
/// stands for it where it cannot be seen.
pub type Charts<'a> = dyn Fn(&str) -> Option<(Picture, String)> + 'a;

/// Lays out a whole document: title page, contents, then the blocks.
pub fn lay_out(
    fonts: &Fonts,
    title: &TitlePage,
    blocks: &[Block],
    charts: &Charts,
) -> Result<Laid, TooLarge> {
    let chapter_count = blocks
        .iter()
        .filter(|b| matches!(b, Block::Heading { level, .. } if *level <= 2))
        .count();
    let part_count = blocks
        .iter()
        .filter(|b| matches!(b, Block::PageBreak))
        .count();
    let toc_pages = chapter_count.div_ceil(TOC_ENTRIES_PER_PAGE).max(1);
    // Each part opens a page, after the title and contents pages.
    if 1 + toc_pages + part_count > MAX_PAGES {
        return Err(TooLarge::Pages);
    }
    check_table_widths(blocks)?;

    // The cover and the contents come first in the reading order, though
    // the contents can only be drawn once the chapters have their pages.
    let mut structure = Structure::default();
    let cover = title_page(fonts, title);
    let cover_tags = tag_composed_page(&cover, &mut structure, COVER_TITLE_SIZE);
    let contents_heading = structure.open(Role::H(2), 0);
    let contents = structure.open(Role::TOC, 0);
    let mut layout = Layout {
        fonts,
        pages: vec![Vec::new(); 1 + toc_pages],
        tags: vec![Vec::new(); 1 + toc_pages],
        structure,
        current: ARTIFACT,
        // The cover's title is the heading everything falls under.
        headings: vec![(1, 1)],
        y: CONTENT_TOP,
        chapters: Vec::new(),
        charts,
        over: false,
        parts: Vec::new(),
        keep: None,
        floating: None,
        previous_table: None,
    };
    layout.new_page();
    layout.parts.push(layout.pages.len());
    layout.place_all(blocks)?;
    // A part that opened a fresh page but left it empty (nothing after it)
    // leaves no trailing page.
    if layout.pages.last().is_some_and(Vec::is_empty) && layout.pages.len() > 1 + toc_pages {
        layout.pages.pop();
        layout.tags.pop();
    }
    let total = layout.pages.len();
    layout.parts.retain(|page| *page <= total);

    let Layout {
        mut pages,
        mut tags,
        mut structure,
        chapters,
        parts,
        ..
    } = layout;
    pages[0] = cover;
    tags[0] = cover_tags;
    for (i, entries) in chapters.chunks(TOC_ENTRIES_PER_PAGE).enumerate() {
        let heading = (i == 0).then_some(contents_heading);
        let (draws, page_tags) = contents_page(fonts, entries, heading, (&mut structure, contents));
        pages[1 + i] = draws;
        tags[1 + i] = page_tags;
    }
    let total = pages.len();
    for (i, (page, page_tags)) in pages.iter_mut().zip(&mut tags).enumerate().skip(1) {
        decorate(fonts, page, title, i + 1, total);
        tag_furniture(page, page_tags);
    }
    let mut outline = vec![(say("render.layout.contents").to_string(), 2)];
    outline.extend(chapters);
    Ok(Laid {
        pages,
        tags,
        structure,
        chapters: outline,
        parts,
    })
}

/// The size of the title on the cover.
const COVER_TITLE_SIZE: f32 = 26.0;

/// The cover's accent colour, as in the charts.
const ORANGE: Rgb = Rgb::hex(0xd9892b);

/// Where the cover's block starts: a third of the way down the page.
const COVER_TOP: f32 = 250.0;

/// The cover: a navy band at the head of the page that names the issuing
/// country, and one block under it, aligned on the margin and marked by a
/// navy bar along its left side.
fn title_page(fonts: &Fonts, title: &TitlePage) -> Vec<Draw> {
    let mut draws = vec![
        Draw::fill(0.0, 0.0, PAGE_WIDTH, 150.0, NAVY),
        Draw::fill(0.0, 150.0, PAGE_WIDTH, 6.0, ORANGE),
    ];
    let printable = |face: Face, text: &str| fonts.printable(face, text);
    // Set from the foot of the band up so that a long name keeps inside it.
    let issuer = wrap(
        fonts,
        Face::SansBold,
        14.0,
        &printable(Face::SansBold, &title.issuer.to_uppercase()),
        CONTENT_WIDTH,
    );
    let mut band_y = 122.0 - 18.0 * (issuer.len().saturating_sub(1)) as f32;
    for line in with_spaces_at_breaks(issuer) {
        draws.push(Draw::text(
            MARGIN_LEFT,
            band_y,
            14.0,
            Face::SansBold,
            WHITE,
            line,
        ));
        band_y += 18.0;
    }
    let mut y = COVER_TOP;
    let head = (Face::SansBold, COVER_TITLE_SIZE, NAVY);
    y = lines_at_margin(
        &mut draws,
        fonts,
        head,
        &printable(Face::SansBold, &title.title),
        (y, 32.0),
    );
    let sub = (Face::Sans, 18.0, BLUE);
    y = lines_at_margin(
        &mut draws,
        fonts,
        sub,
        &printable(Face::Sans, &title.subtitle),
        (y + 2.0, 23.0),
    );
    draws.push(Draw::fill(MARGIN_LEFT, y - 4.0, 60.0, 3.0, ORANGE));
    let country = (Face::SansBold, 18.0, BLACK);
    y = lines_at_margin(
        &mut draws,
        fonts,
        country,
        &printable(Face::SansBold, &title.country),
        (y + 26.0, 23.0),
    );
    y += 16.0;
    for (label, value) in &title.details {
        draws.push(Draw::text(
            MARGIN_LEFT,
            y,
            9.0,
            Face::Sans,
            GREY,
            label.to_uppercase(),
        ));
        let style = (Face::Serif, 12.5, BLACK);
        y = lines_at_margin(
            &mut draws,
            fonts,
            style,
            &printable(Face::Serif, value),
            (y + 15.0, 16.0),
        );
        y += 10.0;
    }
    y += 16.0;
    let status_width = fonts.width(Face::SansBold, 11.0, &title.status) + 20.0;
    draws.push(Draw::Rect {
        x: MARGIN_LEFT,
        y: y - 15.0,
        w: status_width,
        h: 22.0,
        fill: None,
        stroke: Some((RED, 1.2)),
    });
    draws.push(Draw::text(
        MARGIN_LEFT + 10.0,
        y,
        11.0,
        Face::SansBold,
        RED,
        title.status.clone(),
    ));
    let date = (Face::Serif, 12.5, BLACK);
    y = lines_at_margin(
        &mut draws,
        fonts,
        date,
        &printable(Face::Serif, &title.date),
        (y + 28.0, 16.0),
    );
    let note = (Face::Sans, 9.0, GREY);
    let bottom = lines_at_margin(
        &mut draws,
        fonts,
        note,
        &printable(Face::Sans, &title.note),
        (y + 8.0, 12.0),
    );
    // The bar that binds the block together, from the title's cap height.
    draws.push(Draw::fill(
        MARGIN_LEFT - 16.0,
        COVER_TOP - 24.0,
        4.0,
        bottom - COVER_TOP + 14.0,
        NAVY,
    ));
    draws
}

/// A text wrapped to the content width at the left margin, one line per
/// `step` from baseline `y`; returns the baseline after the last line.
fn lines_at_margin(
    draws: &mut Vec<Draw>,
    fonts: &Fonts,
    (face, size, color): (Face, f32, Rgb),
    text: &str,
    (mut y, step): (f32, f32),
) -> f32 {
    for line in with_spaces_at_breaks(wrap(fonts, face, size, text, CONTENT_WIDTH)) {
        draws.push(Draw::text(MARGIN_LEFT, y, size, face, color, line));
        y += step;
    }
    y
}

/// Wrapped lines, each but the last ending with the space it broke at:
/// unseen, but it keeps the words apart for whoever reads the text out.
fn with_spaces_at_breaks(lines: Vec<String>) -> Vec<String> {
    let last = lines.len().saturating_sub(1);
    lines
        .into_iter()
        .enumerate()
        .map(|(i, line)| if i < last { format!("{line} ") } else { line })
        .collect()
}

/// A page of the contents, with the tags of its drawings: the heading
/// (on the first page), then an item of the contents `toc` per chapter.
fn contents_page(
    fonts: &Fonts,
    entries: &[(String, usize)],
    heading: Option<Tag>,
    (structure, toc): (&mut Structure, Tag),
) -> (Vec<Draw>, Vec<Tag>) {
    let mut draws = Vec::new();
    let mut tags = Vec::new();
    let mut y = CONTENT_TOP;
    if let Some(heading) = heading {
        tags.extend([heading, ARTIFACT]);
        draws.push(Draw::text(
            MARGIN_LEFT,
            y + 17.0,
            17.0,
            Face::SansBold,
            NAVY,
            say("render.layout.contents"),
        ));
        draws.push(rule(y + 24.0, NAVY, 1.0));
        y += 44.0;
    }
    let right = PAGE_WIDTH - MARGIN_RIGHT;
    for (text, page) in entries {
        // An entry reads as its title, then its page: "Readiness analysis 6".
        let entry = structure.open(Role::TOCI, toc);
        let item = structure.open(Role::Reference, entry);
        let number = page.to_string();
        let number_width = fonts.width(Face::Sans, 10.5, &number);
        let label = fit(
            fonts,
            Face::Sans,
            10.5,
            &fonts.printable(Face::Sans, text),
            CONTENT_WIDTH - 40.0,
        );
        let label_width = fonts.width(Face::Sans, 10.5, &label);
        draws.push(Draw::text(
            MARGIN_LEFT,
            y + 10.5,
            10.5,
            Face::Sans,
            BLACK,
            format!("{label} "),
        ));
        tags.push(item);
        // Dotted leader between title and page number.
        let dot = fonts.width(Face::Sans, 10.5, ". ");
        let space = right - number_width - 6.0 - (MARGIN_LEFT + label_width + 6.0);
        if space > dot {
            let dots = ". ".repeat((space / dot) as usize);
            draws.push(
                Draw::text(
                    right - number_width - 6.0,
                    y + 10.5,
                    10.5,
                    Face::Sans,
                    RULE_GREY,
                    dots.trim_end(),
                )
                .anchored(Anchor::End),
            );
            tags.push(ARTIFACT);
        }
        draws.push(
            Draw::text(right, y + 10.5, 10.5, Face::Sans, BLACK, number).anchored(Anchor::End),
        );
        tags.push(item);
        y += 21.0;
    }
    (draws, tags)
}

/// Tags the drawings [`decorate`] added as the running header (above the
/// text) or footer (below it).
fn tag_furniture(page: &[Draw], tags: &mut Vec<Tag>) {
    for draw in &page[tags.len()..] {
        let y = match draw {
            Draw::Text { y, .. } | Draw::Rect { y, .. } => *y,
            Draw::Line { points, .. } | Draw::Polygon { points, .. } => {
                points.first().map_or(0.0, |p| p.1)
            }
        };
        tags.push(if y < CONTENT_TOP {
            RUNNING_HEADER
        } else {
            RUNNING_FOOTER
        });
    }
}

/// Running header and footer.
fn decorate(fonts: &Fonts, page: &mut Vec<Draw>, title: &TitlePage, number: usize, total: usize) {
    let right = PAGE_WIDTH - MARGIN_RIGHT;
    let header = fit(
        fonts,
        Face::Sans,
        8.0,
        &title.running_header,
        CONTENT_WIDTH * 0.62,
    );
    let country = fit(fonts, Face::Sans, 8.0, &title.country, CONTENT_WIDTH * 0.35);
    page.push(Draw::text(MARGIN_LEFT, 44.0, 8.0, Face::Sans, GREY, header));
    page.push(Draw::text(right, 44.0, 8.0, Face::Sans, GREY, country).anchored(Anchor::End));
    page.push(rule(50.0, RULE_GREY, 0.5));
    page.push(rule(PAGE_HEIGHT - 46.0, RULE_GREY, 0.5));
    page.push(Draw::text(
        MARGIN_LEFT,
        PAGE_HEIGHT - 34.0,
        8.0,
        Face::Sans,
        GREY,
        title.status.clone(),
    ));
    page.push(
        Draw::text(
            right,
            PAGE_HEIGHT - 34.0,
            8.0,
            Face::Sans,
            GREY,
            say_with(
                "render.layout.page_of",
                &[
                    ("number", &number.to_string()),
                    ("total", &total.to_string()),
                ],
            ),
        )
        .anchored(Anchor::End),
    );
}

/// The horizontal extent of a drawing: where an anchored text starts on the
/// page, and what the checks that nothing runs off the page look at. A
/// text's spaces at its end draw nothing and are not measured.
pub fn extent(fonts: &Fonts, draw: &Draw) -> (f32, f32) {
    match draw {
        Draw::Text {
            x,
            size,
            face,
            anchor,
            text,
            ..
        } => {
            let w = fonts.width(*face, *size, text.trim_end());
            match anchor {
                Anchor::Start => (*x, x + w),
                Anchor::Middle => (x - w / 2.0, x + w / 2.0),
                Anchor::End => (x - w, *x),
            }
        }
        Draw::Rect { x, w, .. } => (*x, x + w),
        Draw::Line { points, .. } | Draw::Polygon { points, .. } => {
            points.iter().fold((f32::MAX, f32::MIN), |(a, b), (x, _)| {
                (a.min(*x), b.max(*x))
            })
        }
    }
}

/// Lays out a short document with no cover and no contents page (the
/// cabinet brief): page 1 opens with a compact title block (the title, then
/// `details` and `status` on one line each), and every page carries the
/// running header and the page number. Only a part marker starts a page.
pub fn lay_out_without_cover(
    fonts: &Fonts,
    title: &TitlePage,
    blocks: &[Block],
    charts: &Charts,
) -> Result<Laid, TooLarge> {
    check_table_widths(blocks)?;
    let (first_page, y) = title_block(fonts, title);
    let mut structure = Structure::default();
    let first_tags = tag_composed_page(&first_page, &mut structure, TITLE_BLOCK_SIZE);
    let mut layout = Layout {
        fonts,
        pages: vec![first_page],
        tags: vec![first_tags],
        structure,
        current: ARTIFACT,
        // The title block's title is the heading everything falls under.
        headings: vec![(1, 1)],
        y,
        chapters: Vec::new(),
        charts,
        over: false,
        parts: vec![1],
        keep: None,
        floating: None,
        previous_table: None,
    };
    layout.place_all(blocks)?;
    if layout.pages.len() > 1 && layout.pages.last().is_some_and(Vec::is_empty) {
        layout.pages.pop();
        layout.tags.pop();
    }
    let mut pages = layout.pages;
    let mut tags = layout.tags;
    let total = pages.len();
    for (i, (page, page_tags)) in pages.iter_mut().zip(&mut tags).enumerate() {
        decorate(fonts, page, title, i + 1, total);
        tag_furniture(page, page_tags);
    }
    Ok(Laid {
        pages,
        tags,
        structure: layout.structure,
        chapters: layout.chapters,
        parts: layout.parts,
    })
}

/// The size of the title in a title block.
const TITLE_BLOCK_SIZE: f32 = 17.0;

/// Refuses a document with a table wider than a page can hold.
fn check_table_widths(blocks: &[Block]) -> Result<(), TooLarge> {
    let widest = blocks
        .iter()
        .filter_map(|block| match block {
            Block::Table { header, rows } => {
                Some(rows.iter().map(Vec::len).fold(header.len(), usize::max))
            }
            _ => None,
        })
        .max()
        .unwrap_or(0);
    if widest > MAX_TABLE_COLUMNS {
        return Err(TooLarge::Columns(widest));
    }
    Ok(())
}

impl Layout<'_> {
    /// Lays out every block, then the chart still waiting for room;
    /// stops once the document passes the page limit.
    fn place_all(&mut self, blocks: &[Block]) -> Result<(), TooLarge> {
        for block in blocks {
            if self.over {
                return Err(TooLarge::Pages);
            }
            self.place(block);
        }
        self.land_floating();
        if self.over {
            return Err(TooLarge::Pages);
        }
        Ok(())
    }

    /// Lays out one block where the page has got to. While a chart floats,
    /// the paragraphs that fit whole under the text before it are set
    /// there; anything else (a heading, a list, a table, a part) lands the
    /// chart at the top of the next page first.
    fn place(&mut self, block: &Block) {
        self.current = ARTIFACT;
        if !matches!(block, Block::Table { .. }) {
            self.previous_table = None;
        }
        if self.floating.is_some() {
            if let Block::Paragraph(spans) = block
                && self.paragraph_fits(spans)
            {
                self.paragraph(spans);
                return;
            }
            self.land_floating();
        }
        match block {
            Block::Heading { level, spans } => self.heading(*level, &plain(spans)),
            Block::Paragraph(spans) => self.paragraph(spans),
            Block::List { start, items } => self.list(*start, items),
            Block::Table { header, rows } => self.table(header, rows),
            Block::Quote(spans) => self.quote(spans),
            Block::Code { text } => self.code(text),
            Block::Rule => self.rule(),
            Block::PageBreak => self.page_break(),
            Block::Chart(name) => self.chart(name),
        }
    }
}

/// The title block at the top of a document's first page, and the height
/// where its text begins.
fn title_block(fonts: &Fonts, title: &TitlePage) -> (Vec<Draw>, f32) {
    let mut draws = Vec::new();
    let heading = (Face::SansBold, TITLE_BLOCK_SIZE, NAVY);
    let text = fonts.printable(Face::SansBold, &title.title);
    let mut y = lines_at_margin(
        &mut draws,
        fonts,
        heading,
        &text,
        (CONTENT_TOP + 17.0, 21.0),
    );
    y += 2.0;
    for (label, value) in &title.details {
        let line = say_with(
            "render.layout.detail",
            &[("label", label), ("value", value)],
        );
        let line = fonts.printable(Face::Sans, &super::typography::typeset(&line));
        y = lines_at_margin(&mut draws, fonts, (Face::Sans, 9.0, GREY), &line, (y, 12.0));
    }
    draws.push(Draw::text(
        MARGIN_LEFT,
        y + 2.0,
        9.0,
        Face::SansBold,
        RED,
        title.status.clone(),
    ));
    y += 10.0;
    draws.push(rule(y, NAVY, 1.0));
    (draws, y + 14.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::blocks::parse;

    fn title() -> TitlePage {
        TitlePage {
            country: "Côte d'Ivoire".into(),
            issuer: "Côte d'Ivoire".into(),
            title: "National Digital Government Master Plan 2026-2030".into(),
            subtitle: "2026-2030".into(),
            details: vec![("Lead institution".into(), "Ministry".into())],
            status: "Draft for consultation".into(),
            date: "1 May 2026".into(),
            note: cover_note().into(),
            running_header: "Master plan".into(),
        }
    }

    #[test]
    fn nothing_runs_into_the_margins_even_with_long_words() {
        let fonts = Fonts::load().unwrap();
        let long = "x".repeat(400);
        let md = format!(
            "## One\n\nA paragraph with a very long word {long} and https://example.org/{long}.\n\n| A | B |\n|---|---|\n| {long} | short |\n\n- item {long}\n"
        );
        let laid = lay_out(&fonts, &title(), &parse(&md), &|_| None).unwrap();
        for (p, page) in laid.pages.iter().enumerate().skip(1) {
            for draw in page {
                let (left, right) = extent(&fonts, draw);
                assert!(
                    left >= MARGIN_LEFT - 0.5 && right <= PAGE_WIDTH - MARGIN_RIGHT + 0.5,
                    "page {}: {draw:?}",
                    p + 1
                );
            }
        }
    }

    #[test]
    fn parts_start_pages_and_chapters_flow_listed_with_their_page() {
        let fonts = Fonts::load().unwrap();
        let md =
            "## First\n\nText.\n\n## Second\n\nMore text.\n\n<!-- pdf:part -->\n## Third\n\nEnd.\n";
        let laid = lay_out(&fonts, &title(), &parse(md), &|_| None).unwrap();
        assert_eq!(laid.pages.len(), 4);
        assert_eq!(laid.parts, vec![3, 4]);
        assert_eq!(
            laid.chapters,
            vec![
                ("Contents".into(), 2),
                ("First".into(), 3),
                ("Second".into(), 3),
                ("Third".into(), 4)
            ]
        );
    }

    /// The first baseline of the text `what` after the contents: (page, y).
    fn find(laid: &Laid, what: &str) -> (usize, f32) {
        laid.pages
            .iter()
            .enumerate()
            .skip(2)
            .find_map(|(p, page)| {
                page.iter().find_map(|d| match d {
                    Draw::Text { text, y, .. } if text.starts_with(what) => Some((p + 1, *y)),
                    _ => None,
                })
            })
            .unwrap_or_else(|| panic!("{what} not laid out"))
    }

    #[test]
    fn a_heading_moves_to_the_next_page_with_what_follows_it() {
        let fonts = Fonts::load().unwrap();
        // Fill most of page 3, then a heading and a table of tall rows
        // that cannot start under it.
        let mut md = String::from("## Start\n\n");
        md.push_str(&"- line\n".repeat(30));
        md.push_str("\n## Kept heading\n\n#### And its subheading\n\n| A | B |\n|---|---|\n");
        let tall = "word ".repeat(200);
        md.push_str(&format!("| {tall} | x |\n"));
        let laid = lay_out(&fonts, &title(), &parse(&md), &|_| None).unwrap();
        let (heading_page, heading_y) = find(&laid, "Kept heading");
        let (sub_page, _) = find(&laid, "And its subheading");
        let (table_page, _) = find(&laid, "word");
        assert_eq!((heading_page, sub_page), (table_page, table_page));
        assert!(heading_y < CONTENT_TOP + 20.0, "{heading_y}");
        // The contents point at the page the chapter moved to.
        assert!(
            laid.chapters
                .contains(&("Kept heading".to_string(), table_page)),
            "{:?}",
            laid.chapters
        );
    }

    #[test]
    fn a_list_item_that_fits_on_a_page_is_never_split() {
        let fonts = Fonts::load().unwrap();
        let long = "A long item that runs on over several lines of text. ".repeat(6);
        for filler in 28..42 {
            let mut md = String::from("## Start\n\n");
            md.push_str(&"- line\n".repeat(filler));
            md.push_str(&format!("\n1. {long}\n2. Short.\n"));
            let laid = lay_out(&fonts, &title(), &parse(&md), &|_| None).unwrap();
            let pages: Vec<usize> = laid
                .pages
                .iter()
                .enumerate()
                .filter(|(_, page)| {
                    page.iter().any(|d| {
                        matches!(d, Draw::Text { text, .. } if text.contains("long") || text.contains("runs") || text.contains("several"))
                    })
                })
                .map(|(p, _)| p)
                .collect();
            assert_eq!(pages.len(), 1, "after {filler} lines: on pages {pages:?}");
        }
    }

    /// A chart `height` high: a box with a label at its top.
    fn boxed(height: f32) -> Picture {
        Picture {
            width: 300.0,
            height,
            draws: vec![
                Draw::text(0.0, 10.0, 8.0, Face::Sans, BLACK, "Chart label"),
                Draw::fill(0.0, 20.0, 300.0, height - 20.0, BLUE),
            ],
        }
    }

    /// Page 3 filled with `lines` list items, then what `rest` adds.
    fn after_filler(lines: usize, rest: &str) -> String {
        format!("## Start\n\n{}\n{rest}", "- line\n".repeat(lines))
    }

    #[test]
    fn a_chart_that_does_not_fit_lets_the_paragraphs_after_it_fill_the_page() {
        let fonts = Fonts::load().unwrap();
        let md = after_filler(
            25,
            "![Chart](costs.svg)\n\nFirst paragraph after.\n\nSecond one.\n\n## Next chapter\n\nText.\n",
        );
        let charts = |_: &str| Some((boxed(400.0), String::new()));
        let laid = lay_out(&fonts, &title(), &parse(&md), &charts).unwrap();
        let (chart_page, chart_y) = find(&laid, "Chart label");
        assert_eq!(find(&laid, "First paragraph").0, chart_page - 1);
        assert_eq!(find(&laid, "Second one").0, chart_page - 1);
        assert!(chart_y < CONTENT_TOP + 30.0, "{chart_y}");
        // Never past a heading: the next chapter follows the chart.
        let (next_page, next_y) = find(&laid, "Next chapter");
        assert!((next_page, next_y) > (chart_page, chart_y));
    }

    #[test]
    fn a_chart_a_little_too_tall_for_the_room_left_is_drawn_smaller_there() {
        let fonts = Fonts::load().unwrap();
        let md = after_filler(30, "![Chart](costs.svg)\n\n## Next\n");
        let page_with = |height: f32| {
            let charts = move |_: &str| Some((boxed(height), String::new()));
            let laid = lay_out(&fonts, &title(), &parse(&md), &charts).unwrap();
            find(&laid, "Chart label").0
        };
        let laid = lay_out(&fonts, &title(), &parse(&md), &|_| None).unwrap();
        let filler_page = find(&laid, "line").0;
        let last_line = laid.pages[filler_page - 1]
            .iter()
            .filter_map(|d| match d {
                Draw::Text { text, y, .. } if text == "line" => Some(*y),
                _ => None,
            })
            .fold(0.0, f32::max);
        // The room under the list, less the list's and the chart's spacing.
        let room = CONTENT_BOTTOM - (last_line + BODY_LEADING - BODY_SIZE + 6.5) - 14.0;
        // A chart a tenth too tall is drawn there a little smaller; one a
        // third too tall moves to the next page.
        assert_eq!(page_with(room * 1.1), filler_page);
        assert_eq!(page_with(room * 1.3), filler_page + 1);
    }

    #[test]
    fn no_table_row_is_left_alone_at_the_foot_or_the_head_of_a_page() {
        let fonts = Fonts::load().unwrap();
        for filler in 20..46 {
            let mut md = after_filler(filler, "| Name | Value |\n|---|---|\n");
            for i in 0..12 {
                md.push_str(&format!("| row{i} | value |\n"));
            }
            let laid = lay_out(&fonts, &title(), &parse(&md), &|_| None).unwrap();
            for (p, page) in laid.pages.iter().enumerate() {
                let rows = page
                    .iter()
                    .filter(|d| matches!(d, Draw::Text { text, .. } if text.starts_with("row")))
                    .count();
                assert!(
                    rows != 1,
                    "after {filler} lines: one row alone on page {}",
                    p + 1
                );
            }
        }
    }

    #[test]
    fn a_table_right_after_a_table_keeps_to_its_page_with_its_heading() {
        let fonts = Fonts::load().unwrap();
        let mut tables =
            String::from("### Area\n\nWhat the area covers.\n\n| KPI | Target |\n|---|---|\n");
        for i in 0..6 {
            tables.push_str(&format!("| kpi{i} | 10 |\n"));
        }
        tables.push_str("\n| KPI | Owner |\n|---|---|\n");
        for i in 0..6 {
            tables.push_str(&format!("| owner{i} | Ministry |\n"));
        }
        for filler in 20..44 {
            let md = after_filler(filler, &tables);
            let laid = lay_out(&fonts, &title(), &parse(&md), &|_| None).unwrap();
            let (area, _) = find(&laid, "Area");
            let (first, _) = find(&laid, "kpi0");
            let (last, _) = find(&laid, "kpi5");
            let (owners, _) = find(&laid, "owner0");
            assert_eq!((area, last), (first, owners), "after {filler} lines");
        }
    }

    #[test]
    fn a_measured_cell_counts_the_lines_breaking_it_gives_at_every_width() {
        let fonts = Fonts::load().unwrap();
        let texts = [
            "Limited capacity to design and manage **digital** services in Q4 2027",
            "Ministère de la Communication, des Télécommunications et du Numérique",
            "https://example.org/a/very/long/address/that/cannot/break/at/a/space",
            "",
            "One",
        ];
        for text in texts {
            for style in [TABLE, BODY] {
                let spans = parse(text)
                    .into_iter()
                    .find_map(|b| match b {
                        Block::Paragraph(spans) => Some(spans),
                        _ => None,
                    })
                    .unwrap_or_default();
                let measured = Measured::new(&fonts, &spans, style);
                for tenth in 100..3000 {
                    let width = tenth as f32 / 10.0;
                    assert_eq!(
                        measured.lines(&fonts, width),
                        break_lines(&fonts, &spans, style, width).len(),
                        "{text} at {width}"
                    );
                }
            }
        }
    }

    #[test]
    fn a_quarter_and_its_year_never_break_apart() {
        let fonts = Fonts::load().unwrap();
        let spans = |text: &str| {
            vec![Span {
                text: text.to_string(),
                bold: false,
                italic: false,
                code: false,
            }]
        };
        let text = "Work starts in Q4 2027, and (Q1 2028) ends it";
        let full = fonts.width(Face::Sans, TABLE_SIZE, text);
        // Every width at which the line must break somewhere.
        for step in 1..60 {
            let width = full * step as f32 / 60.0;
            for line in break_lines(&fonts, &spans(text), TABLE, width.max(40.0)) {
                let line: String = line.iter().map(|(_, _, t)| t.as_str()).collect();
                let last = line.split_whitespace().last().unwrap_or("");
                assert!(
                    !last.ends_with("Q4") && !last.ends_with("Q1"),
                    "{line:?} at {width}"
                );
            }
        }
        // Not a quarter: a question number, a year of three digits.
        let lines = break_lines(&fonts, &spans("Q7 2027 Q4 202"), TABLE, 16.0);
        assert!(lines.len() >= 4, "{lines:?}");
    }

    #[test]
    fn long_tables_repeat_their_header_on_each_page() {
        let fonts = Fonts::load().unwrap();
        let mut md = String::from("## T\n\n| Head one | Head two |\n|---|---|\n");
        for i in 0..150 {
            md.push_str(&format!("| row {i} | value |\n"));
        }
        let laid = lay_out(&fonts, &title(), &parse(&md), &|_| None).unwrap();
        let pages_with_header = laid
            .pages
            .iter()
            .filter(|p| {
                p.iter()
                    .any(|d| matches!(d, Draw::Text { text, .. } if text == "Head one"))
            })
            .count();
        assert!(pages_with_header >= 2);
        assert_eq!(pages_with_header, laid.pages.len() - 2);
    }

    #[test]
    fn a_table_across_pages_is_read_once_its_header_copies_are_artifacts() {
        let fonts = Fonts::load().unwrap();
        let mut md = String::from("## T\n\n| Head one | Head two |\n|---|---|\n");
        for i in 0..150 {
            md.push_str(&format!("| row {i} | value |\n"));
        }
        let laid = lay_out(&fonts, &title(), &parse(&md), &|_| None).unwrap();
        let headers: Vec<Tag> = laid
            .pages
            .iter()
            .zip(&laid.tags)
            .flat_map(|(page, tags)| {
                assert_eq!(page.len(), tags.len());
                page.iter().zip(tags)
            })
            .filter(|(d, _)| matches!(d, Draw::Text { text, .. } if text == "Head one"))
            .map(|(_, tag)| *tag)
            .collect();
        assert!(headers.len() >= 2);
        assert_eq!(laid.structure.elements[headers[0] as usize].role, Role::TH);
        assert!(headers[1..].iter().all(|t| *t == PAGINATION));
        let rows = laid
            .structure
            .elements
            .iter()
            .filter(|e| e.role == Role::TR)
            .count();
        assert_eq!(rows, 151);
    }

    #[test]
    fn a_chart_that_floats_keeps_its_place_in_the_reading_order() {
        let fonts = Fonts::load().unwrap();
        let md = after_filler(25, "![Chart](costs.svg)\n\nAfter the chart.\n\n## Next\n");
        let charts = |_: &str| Some((boxed(400.0), "What the chart shows".to_string()));
        let laid = lay_out(&fonts, &title(), &parse(&md), &charts).unwrap();
        // Drawn on the next page, under the paragraph that follows it.
        assert_eq!(
            find(&laid, "After the chart").0,
            find(&laid, "Chart label").0 - 1
        );
        let figure = laid
            .structure
            .elements
            .iter()
            .position(|e| e.role == Role::Figure)
            .unwrap();
        assert_eq!(
            laid.structure.elements[figure].alt.as_deref(),
            Some("What the chart shows")
        );
        // The paragraph after the chart comes after the figure in the
        // structure, wherever the chart was drawn.
        let after = laid
            .pages
            .iter()
            .zip(&laid.tags)
            .flat_map(|(page, tags)| page.iter().zip(tags))
            .find(|(d, _)| matches!(d, Draw::Text { text, .. } if text.starts_with("After")))
            .map(|(_, tag)| *tag as usize)
            .unwrap();
        assert!(after > figure);
    }

    #[test]
    fn documents_past_the_limits_are_refused() {
        let fonts = Fonts::load().unwrap();
        let lay = |md: &str| lay_out(&fonts, &title(), &parse(md), &|_| None).err();
        // Each part opens a page; within one block too (a long list).
        let part = format!("{}\n## C\n\n", crate::render::blocks::PART);
        assert_eq!(lay(&part.repeat(MAX_PAGES)), Some(TooLarge::Pages));
        assert_eq!(
            lay(&"- item\n".repeat(60 * MAX_PAGES)),
            Some(TooLarge::Pages)
        );
        assert_eq!(lay(&part.repeat(MAX_PAGES / 2)), None);
        // Chapters alone flow: as many as pages allowed fit on far fewer.
        assert_eq!(lay(&"## C\n\n".repeat(MAX_PAGES)), None);
        let table =
            |columns: usize| format!("{}|\n{}|\n", "|a".repeat(columns), "|-".repeat(columns));
        assert_eq!(lay(&table(MAX_TABLE_COLUMNS)), None);
        assert_eq!(
            lay(&table(MAX_TABLE_COLUMNS + 1)),
            Some(TooLarge::Columns(MAX_TABLE_COLUMNS + 1))
        );
    }
}
