//! Writes a document's blocks as a Word file (DOCX), for ministries that
//! edit and circulate in Word.
//!
//! The blocks are those the PDF is laid out from (the same rendered
//! Markdown), and the charts the same pictures, rendered to PNG. Every
//! paragraph carries one of Word's own styles (Title, Heading 1-3, Normal,
//! List Bullet, List Number, Caption, Quote; named as Word names them
//! inside the file, "heading 1") and every table the "Plan Table" style,
//! so a ministry can restyle the whole file with its own template.
//!
//! `docx-rs` builds the package. What it does not offer is added to its
//! XML parts before they are zipped, each in one small function below:
//! table header rows that repeat on every page (`w:tblHeader`), pictures'
//! alternative text (`descr`), asking Word to fill the table of contents on
//! opening (`w:updateFields`), and the title, subject, keywords and
//! application of the document properties.

use std::io::Cursor;

use docx_rs::{
    AbstractNumbering, AlignmentType, BreakType, Docx, FieldCharType, Footer, Header, IndentLevel,
    InstrText, InstrToC, Level, LevelJc, LevelOverride, LevelText, LineSpacing, LineSpacingType,
    NumberFormat, Numbering, NumberingId, PageMargin, PageNum, Paragraph, Pic, Run, RunFonts,
    Shading, SpecialIndentType, Start, Style, StyleType, Table, TableCell, TableLayoutType,
    TableRow, WidthType,
};

use super::blocks::{Block, Span, plain};
use super::draw::Picture;
use super::png;
use super::typography::typeset;
use crate::language::{Language, current, say, say_with};

/// A chart as the document shows it.
pub struct DocxPicture {
    pub picture: Picture,
    /// Shown under the picture as its caption.
    pub title: String,
    /// What a screen reader says instead of the picture.
    pub alt: String,
}

/// The title block on the first page.
pub struct Cover {
    pub title: String,
    /// Lines under the title: the country, the period.
    pub lines: Vec<String>,
    /// Labelled details: lead institution, status, date.
    pub details: Vec<(String, String)>,
}

/// What a Word file says about itself besides its text.
pub struct DocxMeta {
    pub cover: Cover,
    /// The text of every page's header.
    pub running_header: String,
    /// Whether a table of contents follows the cover.
    pub contents: bool,
    pub title: String,
    pub author: String,
    pub subject: String,
    pub keywords: Vec<String>,
    /// `YYYY-MM-DD`: the document's creation and modification date.
    pub created: String,
    /// The software that made the file, for the application property only.
    pub application: String,
}

/// A4 in twentieths of a point, with 2 cm margins.
const PAGE: (u32, u32) = (11906, 16838);
const MARGIN: i32 = 1134;
/// The width text runs in, in points.
const TEXT_WIDTH_PT: f32 = (PAGE.0 as i32 - 2 * MARGIN) as f32 / 20.0;
/// English Metric Units in a point.
const EMU_PER_PT: f32 = 12700.0;
/// Numbering definitions: bullets, and numbers (each ordered list its own
/// instance, from `NUMBERS + 1`). docx-rs defines number 1 itself.
const BULLETS: usize = 10;
const NUMBERS: usize = 100;

/// The DOCX file of `blocks`. `pictures` gives a chart by name ("readiness")
/// for each [`Block::Chart`]; a chart it does not know is left out.
pub fn write(
    blocks: &[Block],
    pictures: &dyn Fn(&str) -> Option<DocxPicture>,
    meta: &DocxMeta,
) -> Result<Vec<u8>, String> {
    let mut writer = Writer::new(blocks);
    let mut docx = base_document(meta);
    docx = writer.cover(docx, &meta.cover);
    // A document with contents has a cover page and a contents page; a
    // short one (the brief) runs on under its title block.
    let mut fresh_page = meta.contents;
    if meta.contents {
        docx = docx
            .add_paragraph(page_break())
            .add_paragraph(
                Paragraph::new()
                    .style("TOCHeading")
                    .add_run(Run::new().add_text(say("render.docx.contents"))),
            )
            .add_paragraph(contents_field())
            .add_paragraph(page_break());
    }
    for block in blocks {
        // A part opens a page, unless one was just opened.
        if matches!(block, Block::PageBreak) {
            if !fresh_page {
                docx = docx.add_paragraph(page_break());
            }
            fresh_page = true;
            continue;
        }
        fresh_page = false;
        docx = writer.block(docx, block, pictures)?;
    }
    for list in 1..=writer.numbered_lists {
        docx = docx.add_numbering(
            Numbering::new(NUMBERS + list, NUMBERS)
                .add_override(LevelOverride::new(0).start(writer.starts[list - 1])),
        );
    }
    let mut xml = docx.build();
    // docx-rs numbers paragraphs from a counter of the thread it runs on,
    // reset when a document is built: a document left unbuilt on this
    // thread (one that failed half-way) would shift every number. Number
    // them afresh so the same document has the same bytes in every run.
    let mut paragraphs = 0;
    for part in std::iter::once(&mut xml.document)
        .chain(xml.headers.iter_mut())
        .chain(xml.footers.iter_mut())
    {
        *part = number_paragraphs(part, &mut paragraphs);
    }
    xml.document = mark_header_rows(&xml.document);
    xml.document = describe_pictures(&xml.document, &writer.alts)?;
    xml.settings = update_fields_on_open(&xml.settings);
    xml.styles = with_language(&xml.styles, language_tag());
    xml.doc_props.core = core_properties(meta).into_bytes();
    xml.doc_props.app = app_properties(meta).into_bytes();
    let mut bytes = Cursor::new(Vec::new());
    xml.pack(&mut bytes)
        .map_err(|error| format!("the Word file cannot be packed: {error}"))?;
    compressed(&bytes.into_inner())
        .map_err(|error| format!("the Word file cannot be compressed: {error}"))
}

/// The package with its XML parts deflated. docx-rs stores every part as
/// it is: a master plan's document.xml is half a megabyte of text that
/// deflates to a tenth of that. The pictures, already compressed PNG, are
/// copied as they are; names, order and dates stay, so the bytes are the
/// same in every run.
fn compressed(stored: &[u8]) -> zip::result::ZipResult<Vec<u8>> {
    use zip::write::SimpleFileOptions;
    let mut archive = zip::ZipArchive::new(Cursor::new(stored))?;
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::with_capacity(stored.len() / 2)));
    for i in 0..archive.len() {
        let file = archive.by_index(i)?;
        if file.is_dir() || file.name().ends_with(".png") {
            drop(file);
            out.raw_copy_file(archive.by_index_raw(i)?)?;
            continue;
        }
        let options = SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .last_modified_time(file.last_modified().unwrap_or_default())
            .unix_permissions(file.unix_mode().unwrap_or(0o644));
        let name = file.name().to_string();
        let mut content = Vec::with_capacity(file.size() as usize);
        std::io::Read::read_to_end(&mut { file }, &mut content)?;
        out.start_file(name, options)?;
        std::io::Write::write_all(&mut out, &content)?;
    }
    Ok(out.finish()?.into_inner())
}

/// The page, the styles, the numbering, the header and the footer.
fn base_document(meta: &DocxMeta) -> Docx {
    let mut docx = Docx::new()
        .page_size(PAGE.0, PAGE.1)
        .page_margin(
            PageMargin::new()
                .top(MARGIN)
                .bottom(MARGIN)
                .left(MARGIN)
                .right(MARGIN)
                .header(567)
                .footer(567),
        )
        .default_fonts(RunFonts::new().ascii("Calibri").hi_ansi("Calibri"))
        .default_size(21)
        .default_line_spacing(
            LineSpacing::new()
                .after(120)
                .line_rule(LineSpacingType::Auto)
                .line(264),
        )
        .header(
            Header::new().add_paragraph(
                Paragraph::new()
                    .style("Header")
                    .add_run(Run::new().add_text(&meta.running_header)),
            ),
        )
        .footer(
            Footer::new().add_paragraph(
                Paragraph::new()
                    .style("Footer")
                    .align(AlignmentType::Center)
                    .add_run(Run::new().add_text(say("render.docx.page")))
                    .add_page_num(PageNum::new()),
            ),
        )
        // The cover has neither header nor page number.
        .title_pg()
        .created_at(&w3c_date(&meta.created))
        .updated_at(&w3c_date(&meta.created))
        .add_abstract_numbering(list_numbering(BULLETS, "bullet", "\u{2022}"))
        .add_abstract_numbering(list_numbering(NUMBERS, "decimal", "%1."))
        .add_numbering(Numbering::new(BULLETS, BULLETS));
    for style in styles() {
        docx = docx.add_style(style);
    }
    docx
}

/// The named styles every paragraph and table refers to.
fn styles() -> Vec<Style> {
    let paragraph = |id: &str, name: &str| {
        Style::new(id, StyleType::Paragraph)
            .name(name)
            .based_on("Normal")
            .q_format(true)
    };
    let heading = |level: usize, size: usize, before: u32| {
        paragraph(&format!("Heading{level}"), &format!("heading {level}"))
            .next("Normal")
            .bold()
            .size(size)
            .color("1F3A5F")
            .outline_lvl(level - 1)
            .line_spacing(
                LineSpacing::new()
                    .before(before)
                    .after(120)
                    .line_rule(LineSpacingType::Auto)
                    .line(240),
            )
    };
    vec![
        Style::new("Normal", StyleType::Paragraph)
            .name("Normal")
            .q_format(true),
        paragraph("Title", "Title")
            .size(52)
            .bold()
            .color("1F3A5F")
            .line_spacing(
                LineSpacing::new()
                    .before(2400)
                    .after(240)
                    .line_rule(LineSpacingType::Auto)
                    .line(240),
            ),
        paragraph("TOCHeading", "TOC Heading")
            .bold()
            .size(32)
            .color("1F3A5F"),
        paragraph("Subtitle", "Subtitle").size(32).color("2F6690"),
        heading(1, 32, 360),
        heading(2, 26, 280),
        heading(3, 22, 200),
        paragraph("ListBullet", "List Bullet"),
        paragraph("ListNumber", "List Number"),
        paragraph("Caption", "Caption")
            .italic()
            .size(18)
            .color("6B6B6B"),
        paragraph("Quote", "Quote")
            .italic()
            .indent(Some(567), None, Some(567), None),
        paragraph("CodeBlock", "Code Block")
            .fonts(RunFonts::new().ascii("Consolas").hi_ansi("Consolas"))
            .size(18),
        paragraph("Figure", "Figure").align(AlignmentType::Center),
        paragraph("Header", "header").size(16).color("6B6B6B"),
        paragraph("Footer", "footer").size(16).color("6B6B6B"),
        Style::new("Code", StyleType::Character)
            .name("Code")
            .fonts(RunFonts::new().ascii("Consolas").hi_ansi("Consolas")),
        Style::new("PlanTable", StyleType::Table).name("Plan Table"),
        paragraph("TableText", "Table Text").size(18).line_spacing(
            LineSpacing::new()
                .before(20)
                .after(20)
                .line_rule(LineSpacingType::Auto)
                .line(240),
        ),
    ]
}

/// One level of list numbering, indented like Word's own lists.
fn list_numbering(id: usize, format: &str, text: &str) -> AbstractNumbering {
    AbstractNumbering::new(id).add_level(
        Level::new(
            0,
            Start::new(1),
            NumberFormat::new(format),
            LevelText::new(text),
            LevelJc::new("left"),
        )
        .indent(Some(567), Some(SpecialIndentType::Hanging(283)), None, None),
    )
}

/// A table of contents field of Heading 1 to 3, marked for Word to fill
/// when the file is opened; until then it shows how to fill it.
fn contents_field() -> Paragraph {
    let field = |kind: FieldCharType, dirty: bool| Run::new().add_field_char(kind, dirty);
    Paragraph::new()
        .add_run(field(FieldCharType::Begin, true))
        .add_run(Run::new().add_instr_text(InstrText::TOC(
            InstrToC::new().heading_styles_range(1, 3).hyperlink(),
        )))
        .add_run(field(FieldCharType::Separate, false))
        .add_run(Run::new().add_text(typeset(say("render.docx.contents_field"))))
        .add_run(field(FieldCharType::End, false))
}

fn page_break() -> Paragraph {
    Paragraph::new().add_run(Run::new().add_break(BreakType::Page))
}

/// What the writing of the blocks keeps count of.
struct Writer {
    /// The Markdown heading level that becomes Heading 1.
    top_level: u8,
    /// Ordered lists so far, and the first number of each.
    numbered_lists: usize,
    starts: Vec<usize>,
    /// The alternative text of each picture, in document order.
    alts: Vec<String>,
    figures: usize,
}

impl Writer {
    fn new(blocks: &[Block]) -> Writer {
        let top_level = blocks
            .iter()
            .filter_map(|b| match b {
                Block::Heading { level, .. } => Some(*level),
                _ => None,
            })
            .min()
            .unwrap_or(1);
        Writer {
            top_level,
            numbered_lists: 0,
            starts: Vec::new(),
            alts: Vec::new(),
            figures: 0,
        }
    }

    fn cover(&self, mut docx: Docx, cover: &Cover) -> Docx {
        docx = docx.add_paragraph(
            Paragraph::new()
                .style("Title")
                .add_run(Run::new().add_text(&cover.title)),
        );
        for line in &cover.lines {
            docx = docx.add_paragraph(
                Paragraph::new()
                    .style("Subtitle")
                    .add_run(Run::new().add_text(line)),
            );
        }
        for (label, value) in &cover.details {
            docx = docx.add_paragraph(
                Paragraph::new()
                    .add_run(
                        Run::new()
                            .add_text(typeset(&say_with(
                                "render.docx.detail_label",
                                &[("label", label)],
                            )))
                            .bold(),
                    )
                    .add_run(Run::new().add_text(value)),
            );
        }
        docx
    }

    fn block(
        &mut self,
        docx: Docx,
        block: &Block,
        pictures: &dyn Fn(&str) -> Option<DocxPicture>,
    ) -> Result<Docx, String> {
        Ok(match block {
            Block::Heading { level, spans } => {
                let word_level = (level.saturating_sub(self.top_level) + 1).min(3);
                docx.add_paragraph(styled(&format!("Heading{word_level}"), spans))
            }
            Block::Paragraph(spans) => docx.add_paragraph(runs(Paragraph::new(), spans)),
            Block::Quote(spans) => docx.add_paragraph(styled("Quote", spans)),
            Block::List { start, items } => self.list(docx, *start, items),
            Block::Table { header, rows } => docx.add_table(table(header, rows)),
            Block::Code { text } => text.lines().fold(docx, |docx, line| {
                docx.add_paragraph(
                    Paragraph::new()
                        .style("CodeBlock")
                        .add_run(Run::new().add_text(line)),
                )
            }),
            Block::Rule => docx.add_paragraph(Paragraph::new()),
            // Handled by `write`, which knows whether a page was just opened.
            Block::PageBreak => docx,
            Block::Chart(name) => match pictures(name) {
                Some(picture) => self.chart(docx, &picture)?,
                None => docx,
            },
        })
    }

    fn list(&mut self, mut docx: Docx, start: Option<u64>, items: &[Vec<Span>]) -> Docx {
        let (style, numbering) = match start {
            Some(first) => {
                self.numbered_lists += 1;
                self.starts.push(usize::try_from(first).unwrap_or(1));
                ("ListNumber", NUMBERS + self.numbered_lists)
            }
            None => ("ListBullet", BULLETS),
        };
        for item in items {
            docx = docx.add_paragraph(
                styled(style, item).numbering(NumberingId::new(numbering), IndentLevel::new(0)),
            );
        }
        docx
    }

    /// The chart as a PNG at print resolution, as wide as it prints (never
    /// wider than the text), then its caption.
    fn chart(&mut self, docx: Docx, chart: &DocxPicture) -> Result<Docx, String> {
        let png = png::to_png(&chart.picture, &chart.title, png::PRINT_DPI)?;
        let scale = (TEXT_WIDTH_PT / chart.picture.width).min(1.0);
        let emu = |points: f32| (points * scale * EMU_PER_PT).round() as u32;
        self.figures += 1;
        self.alts.push(chart.alt.clone());
        let pic = Pic::new_with_dimensions(png.bytes, png.width_px, png.height_px)
            .id(format!("rIdImage{}", self.figures))
            .size(emu(chart.picture.width), emu(chart.picture.height));
        Ok(docx
            .add_paragraph(
                Paragraph::new()
                    .style("Figure")
                    .keep_next(true)
                    .add_run(Run::new().add_image(pic)),
            )
            .add_paragraph(
                Paragraph::new()
                    .style("Caption")
                    .add_run(Run::new().add_text(say_with(
                        "render.docx.figure_caption",
                        &[
                            ("number", &self.figures.to_string()),
                            ("title", &chart.title),
                        ],
                    ))),
            ))
    }
}

/// A paragraph of a style holding the spans.
fn styled(style: &str, spans: &[Span]) -> Paragraph {
    runs(Paragraph::new().style(style), spans)
}

/// The spans as runs, keeping bold, italic and code.
fn runs(paragraph: Paragraph, spans: &[Span]) -> Paragraph {
    spans.iter().fold(paragraph, |paragraph, span| {
        let mut run = Run::new().add_text(&span.text);
        if span.bold {
            run = run.bold();
        }
        if span.italic {
            run = run.italic();
        }
        if span.code {
            run = run.style("Code");
        }
        paragraph.add_run(run)
    })
}

/// A table in the Plan Table style, its header row shaded and bold, its
/// columns sharing the text width by how much they hold.
fn table(header: &[Vec<Span>], rows: &[Vec<Vec<Span>>]) -> Table {
    let widths = column_widths(header, rows);
    let cell = |spans: &[Span], width: usize, head: bool| {
        let paragraph = match head {
            true => Paragraph::new()
                .style("TableText")
                .add_run(Run::new().add_text(plain(spans)).bold()),
            false => styled("TableText", spans),
        };
        let cell = TableCell::new()
            .width(width, WidthType::Dxa)
            .add_paragraph(paragraph);
        match head {
            true => cell.shading(Shading::new().fill("E8EEF5")),
            false => cell,
        }
    };
    // The header row is marked "cannot split" here; `mark_header_rows`
    // makes every such row repeat at the top of each page.
    let head = header
        .iter()
        .zip(&widths)
        .map(|(h, w)| cell(h, *w, true))
        .collect();
    let mut table_rows = vec![TableRow::new(head).cant_split()];
    for row in rows {
        let cells: Vec<TableCell> = widths
            .iter()
            .enumerate()
            .map(|(i, w)| cell(row.get(i).map_or(&[][..], Vec::as_slice), *w, false))
            .collect();
        table_rows.push(TableRow::new(cells));
    }
    Table::new(table_rows)
        .style("PlanTable")
        .set_grid(widths)
        .layout(TableLayoutType::Autofit)
        .width(5000, WidthType::Pct)
}

/// Each column's width in twentieths of a point. Every column first gets
/// room for what must not break: a short cell whole ("Q4 2027", "USD 5.73
/// million"), a long one's longest word. What is left of the text width
/// goes to the columns with longer texts, by how much longer.
fn column_widths(header: &[Vec<Span>], rows: &[Vec<Vec<Span>>]) -> Vec<usize> {
    // An average character of the 9-point table text, and a cell's margins.
    // (DejaVu Sans, where Calibri is missing, is the widest likely face).
    const CHAR: f32 = 5.8;
    const PADDING: f32 = 14.0;
    const SHORT: usize = 16;
    let columns = header.len().max(1);
    let cells = |i: usize| {
        std::iter::once(header.get(i))
            .chain(rows.iter().map(move |row| row.get(i)))
            .flatten()
            .map(|spans| plain(spans))
    };
    let unbreakable = |text: &str| match text.chars().count() {
        n if n <= SHORT => n,
        _ => text
            .split_whitespace()
            .map(|w| w.chars().count())
            .max()
            .unwrap_or(0),
    };
    let least: Vec<f32> = (0..columns)
        .map(|i| cells(i).map(|t| unbreakable(&t)).max().unwrap_or(0) as f32 * CHAR + PADDING)
        .collect();
    let wanted: Vec<f32> = (0..columns)
        .map(|i| {
            let longest = cells(i).map(|t| t.chars().count()).max().unwrap_or(0);
            (longest.min(80) as f32 * CHAR + PADDING).max(least[i])
        })
        .collect();
    let room: f32 = least.iter().sum();
    let widths: Vec<f32> = if room >= TEXT_WIDTH_PT {
        least.iter().map(|w| w * TEXT_WIDTH_PT / room).collect()
    } else {
        let more: f32 = wanted.iter().zip(&least).map(|(w, l)| w - l).sum();
        let spare = TEXT_WIDTH_PT - room;
        wanted
            .iter()
            .zip(&least)
            .map(|(w, l)| match more > 0.0 {
                true => l + spare * (w - l) / more,
                false => l + spare / columns as f32,
            })
            .collect()
    };
    widths.iter().map(|w| (w * 20.0) as usize).collect()
}

/// `2026-05-01` as the W3C date-time Word's properties hold.
fn w3c_date(date: &str) -> String {
    format!("{date}T00:00:00Z")
}

/// Gives the paragraphs of a part the ids `count + 1`, `count + 2`, ...
fn number_paragraphs(part: &[u8], count: &mut u32) -> Vec<u8> {
    const ID: &str = "w14:paraId=\"";
    let text = String::from_utf8_lossy(part);
    let mut out = String::with_capacity(text.len());
    let mut rest: &str = &text;
    while let Some(at) = rest.find(ID) {
        let value_start = at + ID.len();
        let Some(length) = rest[value_start..].find('"') else {
            break;
        };
        *count += 1;
        out.push_str(&rest[..value_start]);
        out.push_str(&format!("{:08X}", *count));
        rest = &rest[value_start + length..];
    }
    out.push_str(rest);
    out.into_bytes()
}

/// Only header rows are made "cannot split": each also repeats on every
/// page a table runs over.
fn mark_header_rows(document: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(document);
    text.replace("<w:cantSplit />", "<w:cantSplit /><w:tblHeader />")
        .into_bytes()
}

/// docx-rs names every picture `id="1" name="Figure"`: give each its own id,
/// a name and its alternative text, in document order.
fn describe_pictures(document: &[u8], alts: &[String]) -> Result<Vec<u8>, String> {
    const WRITTEN: &str = "<wp:docPr id=\"1\" name=\"Figure\" />";
    let text = String::from_utf8_lossy(document);
    let parts: Vec<&str> = text.split(WRITTEN).collect();
    if parts.len() != alts.len() + 1 {
        return Err(format!(
            "the Word file has {} pictures where {} were placed",
            parts.len() - 1,
            alts.len()
        ));
    }
    let mut out = String::with_capacity(text.len() + alts.iter().map(String::len).sum::<usize>());
    out.push_str(parts[0]);
    for (i, (alt, rest)) in alts.iter().zip(&parts[1..]).enumerate() {
        out.push_str(&format!(
            "<wp:docPr id=\"{}\" name=\"Figure {}\" descr=\"{}\" />",
            i + 1,
            i + 1,
            escape(alt)
        ));
        out.push_str(rest);
    }
    Ok(out.into_bytes())
}

/// Asks Word to update the fields, the table of contents first, when the
/// file is opened. `w:updateFields` comes before `w:compat` in the settings.
fn update_fields_on_open(settings: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(settings);
    const FIELDS: &str = "<w:updateFields w:val=\"true\" />";
    let marked = match text.find("<w:compat") {
        Some(at) => format!("{}{FIELDS}{}", &text[..at], &text[at..]),
        None => text.replacen("</w:settings>", &format!("{FIELDS}</w:settings>"), 1),
    };
    marked.into_bytes()
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The language tag Word checks the spelling of the document in: that of
/// the language in force.
fn language_tag() -> &'static str {
    match current() {
        Language::En => "en-GB",
        Language::Fr => "fr-FR",
        Language::Es => "es-ES",
    }
}

/// The styles part with the document's language on the default run
/// properties, which docx-rs cannot set: every style inherits it.
fn with_language(styles: &[u8], tag: &str) -> Vec<u8> {
    let text = String::from_utf8_lossy(styles);
    let lang = format!("<w:lang w:val=\"{tag}\" />");
    const EMPTY: &str = "<w:rPrDefault><w:rPr />";
    let with = if text.contains(EMPTY) {
        text.replacen(EMPTY, &format!("<w:rPrDefault><w:rPr>{lang}</w:rPr>"), 1)
    } else if let Some(at) = text
        .find("<w:rPrDefault>")
        .and_then(|start| text[start..].find("</w:rPr>").map(|end| start + end))
    {
        format!("{}{lang}{}", &text[..at], &text[at..])
    } else {
        text.into_owned()
    };
    with.into_bytes()
}

/// The core properties: docx-rs sets only the dates, so the part is
/// written whole here.
fn core_properties(meta: &DocxMeta) -> String {
    let date = escape(&w3c_date(&meta.created));
    format!(
        concat!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>",
            "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" ",
            "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" ",
            "xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">",
            "<dc:title>{title}</dc:title><dc:subject>{subject}</dc:subject><dc:creator>{author}</dc:creator>",
            "<cp:keywords>{keywords}</cp:keywords><dc:language>{language}</dc:language>",
            "<dcterms:created xsi:type=\"dcterms:W3CDTF\">{date}</dcterms:created>",
            "<dcterms:modified xsi:type=\"dcterms:W3CDTF\">{date}</dcterms:modified>",
            "</cp:coreProperties>"
        ),
        title = escape(&meta.title),
        language = language_tag(),
        subject = escape(&meta.subject),
        author = escape(&meta.author),
        keywords = escape(&meta.keywords.join("; ")),
        date = date,
    )
}

/// The extended properties: which software made the file.
fn app_properties(meta: &DocxMeta) -> String {
    format!(
        concat!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>",
            "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\" ",
            "xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\">",
            "<Application>{}</Application></Properties>"
        ),
        escape(&meta.application)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(text: &str) -> Span {
        Span {
            text: text.to_string(),
            bold: false,
            italic: false,
            code: false,
        }
    }

    fn meta() -> DocxMeta {
        DocxMeta {
            cover: Cover {
                title: "Plan".into(),
                lines: vec!["Fiji".into()],
                details: vec![("Date".into(), "1 May 2026".into())],
            },
            running_header: "Plan - Fiji".into(),
            contents: true,
            title: "Plan".into(),
            author: "Ministry".into(),
            subject: "A plan".into(),
            keywords: vec!["plan".into()],
            created: "2026-05-01".into(),
            application: "dgplan".into(),
        }
    }

    fn sample_blocks() -> Vec<Block> {
        vec![
            Block::Heading {
                level: 2,
                spans: vec![span("1. Summary")],
            },
            Block::Paragraph(vec![span("Text & <more>")]),
            Block::List {
                start: Some(1),
                items: vec![vec![span("one")], vec![span("two")]],
            },
            Block::Table {
                header: vec![vec![span("A")], vec![span("B")]],
                rows: vec![vec![vec![span("1")], vec![span("2")]]],
            },
        ]
    }

    #[test]
    fn the_same_document_has_the_same_bytes_after_one_left_half_made() {
        let first = write(&sample_blocks(), &|_| None, &meta()).unwrap();
        // Paragraphs of a document that failed before it was built.
        let _abandoned = (Paragraph::new(), Paragraph::new());
        let second = write(&sample_blocks(), &|_| None, &meta()).unwrap();
        assert!(first == second);
    }

    #[test]
    fn a_column_of_quarters_keeps_each_on_one_line_beside_long_texts() {
        let long =
            "The Ministry of Technology and Communications, with the national statistics office";
        let header = vec![vec![span("Lead")], vec![span("End")]];
        let rows = vec![vec![vec![span(long)], vec![span("Q4 2027")]]; 3];
        let widths = column_widths(&header, &rows);
        let total: usize = widths.iter().sum();
        assert!(total <= (TEXT_WIDTH_PT * 20.0) as usize);
        // "Q4 2027" at 9 points is under 45 points wide in the widest face.
        assert!(widths[1] >= 45 * 20, "{widths:?}");
        assert!(widths[0] > 3 * widths[1], "{widths:?}");
    }

    #[test]
    fn paragraphs_are_numbered_from_the_count_given() {
        let mut count = 4;
        let part = br#"<w:p w14:paraId="0000AB12"><w:p w14:paraId="0000AB13">"#;
        let numbered = number_paragraphs(part, &mut count);
        assert_eq!(
            String::from_utf8(numbered).unwrap(),
            r#"<w:p w14:paraId="00000005"><w:p w14:paraId="00000006">"#
        );
        assert_eq!(count, 6);
    }
}
