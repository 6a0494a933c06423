//! The printpdf backend: writes laid-out pages as a PDF.
//!
//! printpdf names fonts and bookmarks from a process-wide counter and draws
//! the trailer `/ID` at random; dgplan names them itself and derives the
//! `/ID` from the content, so the same plan always gives the same bytes,
//! whatever else the process has written before.

use printpdf::{
    Color, FontId, LineDashPattern, LinePoint, Op, PageAnnotId, PageAnnotation, PaintMode,
    PdfDocument, PdfFont, PdfFontHandle, PdfPage, PdfSaveOptions, Point, Polygon, PolygonRing, Pt,
    Rect, TextItem, TextMatrix, WindingOrder,
};

use super::draw::{Draw, Face, Rgb};
use super::fonts::Fonts;
use super::layout::{Laid, PAGE_HEIGHT, PAGE_WIDTH, extent};
use super::structure::{ARTIFACT, Structure, Tag};
use super::tagged::PageMarks;

/// Document information written into the PDF.
pub struct Metadata {
    pub title: String,
    pub author: String,
    pub subject: String,
    pub keywords: Vec<String>,
    /// Seconds since 1970 for the creation and modification dates.
    pub created: i64,
}

fn color(rgb: Rgb) -> Color {
    Color::Rgb(printpdf::Rgb {
        r: rgb.0,
        g: rgb.1,
        b: rgb.2,
        icc_profile: None,
    })
}

fn point(x: f32, y: f32) -> Point {
    Point {
        x: Pt(x),
        y: Pt(PAGE_HEIGHT - y),
    }
}

/// A font's name in the PDF. Six capital letters, because PDF readers take
/// `ABCDEF+Name` as the mark of a subset font, which these are.
fn font_id(face: Face) -> FontId {
    FontId(format!("DGPLN{}", (b'A' + face.index() as u8) as char))
}

/// Page content. Consecutive texts share one text object, and font and
/// colour are only set when they change: this keeps content streams small,
/// which is what makes writing the PDF fast.
///
/// Each run of drawings with one tag is a marked-content sequence: an
/// element's content, numbered (its MCID) in the order of the page, or an
/// artifact. Returns the operators and the element of each MCID.
fn ops_for(
    fonts: &Fonts,
    draws: &[Draw],
    tags: &[Tag],
    structure: &Structure,
) -> (Vec<Op>, PageMarks) {
    let mut content = Content {
        ops: Vec::with_capacity(draws.len() * 3),
        in_text: false,
        font: None,
        fill: None,
    };
    let mut marks = PageMarks::new();
    let mut open: Option<Tag> = None;
    for (draw, tag) in draws.iter().zip(tags) {
        if matches!(draw, Draw::Text { text, .. } if text.is_empty()) {
            continue;
        }
        if open != Some(*tag) {
            // A marked-content sequence and a text object may not overlap.
            content.end_text();
            if open.is_some() {
                content.ops.push(Op::EndMarkedContent);
            }
            content.ops.push(begin_marked(*tag, structure, &mut marks));
            open = Some(*tag);
        }
        if !matches!(draw, Draw::Text { .. }) {
            content.end_text();
        }
        match draw {
            Draw::Text {
                y,
                size,
                face,
                color,
                text,
                ..
            } => {
                let (x, _) = extent(fonts, draw);
                content.text((x, *y), *face, *size, *color, text);
            }
            Draw::Rect {
                x,
                y,
                w,
                h,
                fill,
                stroke,
            } => {
                if let Some(f) = fill {
                    content.set_fill(*f);
                    content.rectangle((*x, *y, *w, *h), PaintMode::Fill);
                }
                if let Some((s, width)) = stroke {
                    content.set_stroke(*s, *width);
                    content.rectangle((*x, *y, *w, *h), PaintMode::Stroke);
                }
            }
            Draw::Line {
                points,
                color,
                width,
                dashed,
            } => content.line(points, *color, *width, *dashed),
            Draw::Polygon {
                points,
                fill,
                stroke,
            } => content.polygon(points, *fill, *stroke),
        }
    }
    content.end_text();
    if open.is_some() {
        content.ops.push(Op::EndMarkedContent);
    }
    (content.ops, marks)
}

/// Opens the marked content of `tag`: an artifact, or the next MCID of the
/// page for an element, noted in `marks`.
fn begin_marked(tag: Tag, structure: &Structure, marks: &mut PageMarks) -> Op {
    if tag == ARTIFACT {
        return Op::BeginMarkedContent {
            tag: "Artifact".to_string(),
        };
    }
    let mut properties = std::collections::BTreeMap::new();
    properties.insert(
        "MCID".to_string(),
        printpdf::DictItem::Int(marks.len() as i64),
    );
    marks.push(tag);
    Op::BeginMarkedContentWithProperties {
        tag: structure.elements[tag as usize].role.name().to_string(),
        properties: printpdf::DictItem::Dict { map: properties },
    }
}

/// A page's content stream being written, with the text state it is in.
struct Content {
    ops: Vec<Op>,
    in_text: bool,
    /// Font and fill colour last set, to set them again only when they change.
    font: Option<(Face, f32)>,
    fill: Option<Rgb>,
}

impl Content {
    fn end_text(&mut self) {
        if self.in_text {
            self.ops.push(Op::EndTextSection);
            self.in_text = false;
        }
    }

    /// A line of text starting at `x`, with `y` its baseline.
    fn text(&mut self, (x, y): (f32, f32), face: Face, size: f32, fill: Rgb, text: &str) {
        if !self.in_text {
            self.ops.push(Op::StartTextSection);
            self.in_text = true;
            // A new text object starts with no font set.
            self.font = None;
        }
        if self.font != Some((face, size)) {
            self.ops.push(Op::SetFont {
                font: PdfFontHandle::External(font_id(face)),
                size: Pt(size),
            });
            self.font = Some((face, size));
        }
        if self.fill != Some(fill) {
            self.set_fill(fill);
        }
        self.ops.push(Op::SetTextMatrix {
            matrix: TextMatrix::Translate(Pt(x), Pt(PAGE_HEIGHT - y)),
        });
        self.ops.push(Op::ShowText {
            items: vec![TextItem::Text(text.to_string())],
        });
    }

    fn set_fill(&mut self, fill: Rgb) {
        self.ops.push(Op::SetFillColor { col: color(fill) });
        self.fill = Some(fill);
    }

    fn set_stroke(&mut self, stroke: Rgb, width: f32) {
        self.ops.push(Op::SetOutlineColor { col: color(stroke) });
        self.ops.push(Op::SetOutlineThickness { pt: Pt(width) });
    }

    fn rectangle(&mut self, (x, y, w, h): (f32, f32, f32, f32), mode: PaintMode) {
        self.ops.push(Op::DrawRectangle {
            rectangle: Rect {
                x: Pt(x),
                y: Pt(PAGE_HEIGHT - y - h),
                width: Pt(w),
                height: Pt(h),
                mode: Some(mode),
                winding_order: Some(WindingOrder::NonZero),
            },
        });
    }

    fn line(&mut self, points: &[(f32, f32)], stroke: Rgb, width: f32, dashed: bool) {
        self.set_stroke(stroke, width);
        if dashed {
            self.ops.push(Op::SetLineDashPattern {
                dash: LineDashPattern::new(0.0, &[4.0, 3.0]),
            });
        }
        self.ops.push(Op::DrawLine {
            line: printpdf::Line {
                points: line_points(points),
                is_closed: false,
            },
        });
        if dashed {
            self.ops.push(Op::SetLineDashPattern {
                dash: LineDashPattern::solid(),
            });
        }
    }

    fn polygon(&mut self, points: &[(f32, f32)], fill: Option<Rgb>, stroke: Option<(Rgb, f32)>) {
        let mode = match (fill, stroke) {
            (Some(_), Some(_)) => PaintMode::FillStroke,
            (None, Some(_)) => PaintMode::Stroke,
            _ => PaintMode::Fill,
        };
        if let Some(f) = fill {
            self.set_fill(f);
        }
        if let Some((s, width)) = stroke {
            self.set_stroke(s, width);
        }
        self.ops.push(Op::DrawPolygon {
            polygon: Polygon {
                rings: vec![PolygonRing {
                    points: line_points(points),
                }],
                mode,
                winding_order: WindingOrder::NonZero,
            },
        });
    }
}

fn line_points(points: &[(f32, f32)]) -> Vec<LinePoint> {
    points
        .iter()
        .map(|(x, y)| LinePoint {
            p: point(*x, *y),
            bezier: false,
        })
        .collect()
}

/// Compresses every stream that is not compressed yet. lopdf's own
/// `compress` always uses zlib's slowest level; the default level gives
/// files within 1% of its size in less time. Compression is a quarter of
/// the time a plan takes, so streams are compressed in parallel; each
/// stream's bytes do not depend on the order.
fn compress(doc: &mut lopdf::Document) {
    use rayon::prelude::*;
    let mut streams: Vec<&mut lopdf::Stream> = doc
        .objects
        .values_mut()
        .filter_map(|object| match object {
            lopdf::Object::Stream(stream)
                if stream.allows_compression && stream.dict.get(b"Filter").is_err() =>
            {
                Some(stream)
            }
            _ => None,
        })
        .collect();
    streams.par_iter_mut().for_each(|stream| {
        // A font program (`/Length1` is its size) goes without its hinting
        // and name table.
        if stream.dict.has(b"Length1")
            && let Some(slim) = super::font_program::without_hinting(&stream.content)
        {
            stream.dict.set("Length1", slim.len() as i64);
            stream.set_content(slim);
        }
        let compressed = deflate(&stream.content);
        if compressed.len() + 19 < stream.content.len() {
            stream.dict.set("Filter", "FlateDecode");
            stream.set_content(compressed);
        }
    });
}

/// zlib's default level: files within 1% of the smallest in a fraction of
/// the time.
fn deflate(bytes: &[u8]) -> Vec<u8> {
    use flate2::{Compression, write::ZlibEncoder};
    use std::io::Write;
    let mut encoder = ZlibEncoder::new(Vec::with_capacity(bytes.len() / 3), Compression::default());
    // Writing to memory cannot fail.
    let _ = encoder.write_all(bytes);
    encoder.finish().unwrap_or_default()
}

/// The PDF file for a laid-out document.
pub fn write_pdf(fonts: &Fonts, laid: &Laid, meta: &Metadata) -> Vec<u8> {
    let (doc, marks) = document(fonts, laid, meta);
    let mut warnings = Vec::new();
    let options = PdfSaveOptions::default();
    let mut lopdf_doc = doc.to_lopdf_document(&options, &mut warnings);
    drop_pdfx_claim(&mut lopdf_doc);
    super::tagged::add_structure(
        &mut lopdf_doc,
        &laid.structure,
        &marks,
        meta,
        language_tag(),
    );
    compress(&mut lopdf_doc);
    super::pdf_file::write(&lopdf_doc, &deflate)
}

/// printpdf's document: the fonts the pages use, the pages, the bookmarks
/// and the document information; with the marked content of each page.
fn document(fonts: &Fonts, laid: &Laid, meta: &Metadata) -> (PdfDocument, Vec<PageMarks>) {
    let mut doc = PdfDocument::new(&meta.title);
    let used: std::collections::BTreeSet<Face> = laid
        .pages
        .iter()
        .flatten()
        .filter_map(|d| match d {
            Draw::Text { face, .. } => Some(*face),
            _ => None,
        })
        .collect();
    for face in &used {
        doc.resources
            .fonts
            .map
            .insert(font_id(*face), PdfFont::new(fonts.parsed(*face).clone()));
    }
    let (width, height) = (
        printpdf::Mm::from(Pt(PAGE_WIDTH)),
        printpdf::Mm::from(Pt(PAGE_HEIGHT)),
    );
    let mut marks = Vec::with_capacity(laid.pages.len());
    doc.pages = laid
        .pages
        .iter()
        .zip(&laid.tags)
        .map(|(draws, tags)| {
            let (ops, page_marks) = ops_for(fonts, draws, tags, &laid.structure);
            marks.push(page_marks);
            PdfPage::new(width, height, ops)
        })
        .collect();
    for (i, (name, page)) in laid.chapters.iter().enumerate() {
        doc.bookmarks.map.insert(
            PageAnnotId(format!("B{i:04}")),
            PageAnnotation {
                name: name.clone(),
                page: *page,
            },
        );
    }
    let info = &mut doc.metadata.info;
    info.author = meta.author.clone();
    info.subject = meta.subject.clone();
    info.keywords = meta.keywords.clone();
    info.creator = format!("dgplan {}", env!("CARGO_PKG_VERSION"));
    info.producer = "dgplan with printpdf".to_string();
    if let Ok(date) = printpdf::OffsetDateTime::from_unix_timestamp(meta.created) {
        info.creation_date = date;
        info.modification_date = date;
        info.metadata_date = date;
    }
    (doc, marks)
}

/// The document's language (`/Lang` in the catalogue, `dc:language` in
/// the XMP), which screen readers and search read: that of the language in
/// force. printpdf sets none.
fn language_tag() -> &'static str {
    match crate::language::current() {
        crate::language::Language::En => "en-GB",
        crate::language::Language::Fr => "fr-FR",
        crate::language::Language::Es => "es-ES",
    }
}

/// printpdf labels every file PDF/X; these documents make no such claim.
fn drop_pdfx_claim(doc: &mut lopdf::Document) {
    if let Ok(info) = doc
        .trailer
        .get(b"Info")
        .and_then(lopdf::Object::as_reference)
        && let Ok(dict) = doc
            .get_object_mut(info)
            .and_then(lopdf::Object::as_dict_mut)
    {
        dict.remove(b"GTS_PDFXVersion");
        dict.remove(b"Identifier");
    }
}
