//! Writes laid-out pages as a tagged PDF.
//!
//! The page content is written straight from the draw list: one pass per
//! page, with the marked content that ties each drawing to its element of
//! the structure tree (see [`super::tagged`]). printpdf does what it does
//! well, reading the DejaVu faces and subsetting them to the glyphs used;
//! the font dictionaries around the subsets, the pages, the outline and
//! the document information are written here as lopdf objects, and
//! [`super::pdf_file`] writes the file. Nothing depends on a process-wide
//! counter or a clock, so the same plan always gives the same bytes.

use std::collections::BTreeMap;
use std::io::Write;

use lopdf::{Dictionary, Object, ObjectId, Stream};
use rayon::prelude::*;

use super::draw::{Draw, Face, Rgb};
use super::fonts::Fonts;
use super::layout::{Laid, PAGE_HEIGHT, PAGE_WIDTH, extent};
use super::structure::{
    ARTIFACT, PAGINATION, RUNNING_FOOTER, RUNNING_HEADER, Role, Structure, Tag,
};
use super::tagged::{PageMarks, text_string};

/// Document information written into the PDF.
pub struct Metadata {
    pub title: String,
    pub author: String,
    pub subject: String,
    pub keywords: Vec<String>,
    /// Seconds since 1970 for the creation and modification dates.
    pub created: i64,
}

/// What makes and writes PDFs, named in the file's information.
pub const PRODUCER: &str = "dgplan";

/// A font's name in the PDF. Six capital letters, because PDF readers take
/// `ABCDEF+Name` as the mark of a subset font, which these are.
fn font_tag(face: Face) -> String {
    format!("DGPLN{}", (b'A' + face.index() as u8) as char)
}

/// The PostScript name of each DejaVu face.
fn postscript_name(face: Face) -> &'static str {
    match face {
        Face::Sans => "DejaVuSans",
        Face::SansBold => "DejaVuSans-Bold",
        Face::SansOblique => "DejaVuSans-Oblique",
        Face::Serif => "DejaVuSerif",
        Face::SerifBold => "DejaVuSerif-Bold",
        Face::SerifItalic => "DejaVuSerif-Italic",
        Face::Mono => "DejaVuSansMono",
    }
}

/// The PDF file for a laid-out document.
pub fn write_pdf(fonts: &Fonts, laid: &Laid, meta: &Metadata) -> Vec<u8> {
    let subsets = subsets(fonts, laid);
    let mut doc = lopdf::Document::with_version("1.7");
    let pages_id = doc.new_object_id();
    let resources_id = doc.new_object_id();

    // Each page's content, written and compressed in parallel.
    let written: Vec<(Vec<u8>, PageMarks, Figures)> = laid
        .pages
        .par_iter()
        .zip(&laid.tags)
        .map(|(draws, tags)| {
            let (content, marks, figures) =
                page_content(fonts, &subsets, draws, tags, &laid.structure);
            (deflate(&content), marks, figures)
        })
        .collect();
    let mut marks = Vec::with_capacity(written.len());
    let mut kids = Vec::with_capacity(written.len());
    let mut figure_boxes = Figures::new();
    for (content, page_marks, figures) in written {
        for (tag, bbox) in figures {
            // A figure is drawn on one page: the first holds it.
            figure_boxes.entry(tag).or_insert(bbox);
        }
        let mut dict = Dictionary::new();
        dict.set("Filter", Object::Name(b"FlateDecode".to_vec()));
        let contents = doc.add_object(Stream::new(dict, content).with_compression(false));
        let mut page = Dictionary::new();
        page.set("Type", Object::Name(b"Page".to_vec()));
        page.set("Parent", Object::Reference(pages_id));
        page.set(
            "MediaBox",
            Object::Array(vec![
                Object::Integer(0),
                Object::Integer(0),
                Object::Real(PAGE_WIDTH),
                Object::Real(PAGE_HEIGHT),
            ]),
        );
        page.set("Resources", Object::Reference(resources_id));
        page.set("Contents", Object::Reference(contents));
        kids.push(Object::Reference(doc.add_object(page)));
        marks.push(page_marks);
    }
    let mut pages = Dictionary::new();
    pages.set("Type", Object::Name(b"Pages".to_vec()));
    pages.set("Count", Object::Integer(kids.len() as i64));
    pages.set("Kids", Object::Array(kids.clone()));
    doc.objects.insert(pages_id, Object::Dictionary(pages));

    let mut font_resources = Dictionary::new();
    for subset in subsets.iter().flatten() {
        let id = font_objects(&mut doc, fonts, subset);
        font_resources.set(font_tag(subset.face), Object::Reference(id));
    }
    let mut resources = Dictionary::new();
    resources.set("Font", Object::Dictionary(font_resources));
    doc.objects
        .insert(resources_id, Object::Dictionary(resources));

    let mut catalog = Dictionary::new();
    catalog.set("Type", Object::Name(b"Catalog".to_vec()));
    catalog.set("Pages", Object::Reference(pages_id));
    if let Some(outlines) = outline(&mut doc, &laid.chapters, &kids) {
        catalog.set("Outlines", Object::Reference(outlines));
        catalog.set("PageMode", Object::Name(b"UseOutlines".to_vec()));
    }
    let catalog_id = doc.add_object(catalog);
    let info_id = doc.add_object(information(meta));
    doc.trailer.set("Root", Object::Reference(catalog_id));
    doc.trailer.set("Info", Object::Reference(info_id));
    let drawn = super::tagged::Drawn {
        marks: &marks,
        figures: &figure_boxes,
    };
    super::tagged::add_structure(&mut doc, &laid.structure, &drawn, meta, language_tag());
    super::pdf_file::write(&doc, &deflate)
}

/// zlib's default level: files within 1% of the smallest in a fraction of
/// the time.
fn deflate(bytes: &[u8]) -> Vec<u8> {
    use flate2::{Compression, write::ZlibEncoder};
    let mut encoder = ZlibEncoder::new(Vec::with_capacity(bytes.len() / 3), Compression::default());
    // Writing to memory cannot fail.
    let _ = encoder.write_all(bytes);
    encoder.finish().unwrap_or_default()
}

/// A face cut down to the glyphs a document uses.
struct Subset {
    face: Face,
    /// The font program, without hinting and name table where it can be
    /// slimmed.
    program: Vec<u8>,
    /// Each used glyph of the face: its number in the subset and the text
    /// it stands for.
    glyphs: BTreeMap<u16, (u16, String)>,
}

/// The glyphs each face draws, and the subsets made of them, one for each
/// face in [`Face::ALL`] order (`None` for faces not used).
fn subsets(fonts: &Fonts, laid: &Laid) -> Vec<Option<Subset>> {
    let mut used: Vec<BTreeMap<u16, String>> = vec![BTreeMap::new(); Face::ALL.len()];
    for draw in laid.pages.iter().flatten() {
        if let Draw::Text { face, text, .. } = draw {
            let glyphs = &mut used[face.index()];
            for c in text.chars() {
                glyphs
                    .entry(fonts.glyph(*face, c))
                    .or_insert_with(|| c.to_string());
            }
        }
    }
    Face::ALL
        .par_iter()
        .zip(used)
        .map(|(face, glyphs)| {
            if glyphs.is_empty() {
                return None;
            }
            let subset = printpdf::subset_font(fonts.parsed(*face), &glyphs).ok()?;
            let program =
                super::font_program::without_hinting(&subset.bytes).unwrap_or(subset.bytes);
            Some(Subset {
                face: *face,
                program,
                glyphs: subset.glyph_mapping,
            })
        })
        .collect()
}

/// A composite font for a subset (ISO 32000-1, 9.7): the Type 0 font with
/// its CIDFont, descriptor, font program, widths and the map from glyphs to
/// text that makes the text searchable and readable aloud.
fn font_objects(doc: &mut lopdf::Document, fonts: &Fonts, subset: &Subset) -> ObjectId {
    let face = subset.face;
    let name = format!("{}+{}", font_tag(face), postscript_name(face));
    let parsed = fonts.parsed(face);
    let metrics = &parsed.pdf_font_metrics;
    let em = f32::from(metrics.units_per_em.max(1));
    let scaled = |units: i16| (f32::from(units) * 1000.0 / em).round() as i64;

    let mut program_dict = Dictionary::new();
    program_dict.set("Length1", Object::Integer(subset.program.len() as i64));
    program_dict.set("Filter", Object::Name(b"FlateDecode".to_vec()));
    let program =
        doc.add_object(Stream::new(program_dict, deflate(&subset.program)).with_compression(false));

    let italic = matches!(face, Face::SansOblique | Face::SerifItalic);
    let serif = matches!(face, Face::Serif | Face::SerifBold | Face::SerifItalic);
    // Symbolic (4): the glyphs are addressed by number, not by a standard
    // encoding; serif (2) and italic (64) as the face is.
    // Fixed pitch (1) for the monospaced face.
    let fixed = if face == Face::Mono { 1 } else { 0 };
    let flags = fixed | 4 | if serif { 2 } else { 0 } | if italic { 64 } else { 0 };
    let mut descriptor = Dictionary::new();
    descriptor.set("Type", Object::Name(b"FontDescriptor".to_vec()));
    descriptor.set("FontName", Object::Name(name.as_bytes().to_vec()));
    descriptor.set("Flags", Object::Integer(flags));
    descriptor.set(
        "FontBBox",
        Object::Array(
            [metrics.x_min, metrics.y_min, metrics.x_max, metrics.y_max]
                .iter()
                .map(|v| Object::Integer(scaled(*v)))
                .collect(),
        ),
    );
    descriptor.set("ItalicAngle", Object::Integer(if italic { -11 } else { 0 }));
    descriptor.set("Ascent", Object::Integer(scaled(metrics.ascender)));
    descriptor.set("Descent", Object::Integer(scaled(metrics.descender)));
    let cap_height = parsed
        .font_metrics
        .cap_height
        .map_or((f32::from(metrics.ascender) * 0.7) as i16, |h| h as i16);
    descriptor.set("CapHeight", Object::Integer(scaled(cap_height)));
    // No table carries the stem width; readers use it only to fake a face
    // they lack, which never happens with an embedded one.
    let bold = matches!(face, Face::SansBold | Face::SerifBold);
    descriptor.set("StemV", Object::Integer(if bold { 140 } else { 80 }));
    descriptor.set("FontFile2", Object::Reference(program));
    let descriptor = doc.add_object(descriptor);

    // Widths of the subset's glyphs, numbered 1, 2, ... in one run.
    let mut by_new: Vec<(u16, u16)> = subset
        .glyphs
        .iter()
        .map(|(original, (new, _))| (*new, *original))
        .collect();
    by_new.sort_unstable();
    let mut widths = Vec::new();
    let mut run: Vec<Object> = Vec::new();
    let mut run_start = None;
    let mut previous = None;
    for (new, original) in &by_new {
        if previous.is_some_and(|p: u16| p + 1 != *new) {
            widths.push(Object::Integer(i64::from(run_start.unwrap_or(0))));
            widths.push(Object::Array(std::mem::take(&mut run)));
            run_start = None;
        }
        run_start.get_or_insert(*new);
        run.push(Object::Integer(fonts.glyph_width(face, *original)));
        previous = Some(*new);
    }
    if let Some(start) = run_start {
        widths.push(Object::Integer(i64::from(start)));
        widths.push(Object::Array(run));
    }

    let mut cid_font = Dictionary::new();
    cid_font.set("Type", Object::Name(b"Font".to_vec()));
    cid_font.set("Subtype", Object::Name(b"CIDFontType2".to_vec()));
    cid_font.set("BaseFont", Object::Name(name.as_bytes().to_vec()));
    let mut system = Dictionary::new();
    system.set("Registry", Object::string_literal("Adobe"));
    system.set("Ordering", Object::string_literal("Identity"));
    system.set("Supplement", Object::Integer(0));
    cid_font.set("CIDSystemInfo", Object::Dictionary(system));
    cid_font.set("FontDescriptor", Object::Reference(descriptor));
    cid_font.set("DW", Object::Integer(1000));
    cid_font.set("W", Object::Array(widths));
    cid_font.set("CIDToGIDMap", Object::Name(b"Identity".to_vec()));
    let cid_font = doc.add_object(cid_font);

    let mut cmap_dict = Dictionary::new();
    cmap_dict.set("Filter", Object::Name(b"FlateDecode".to_vec()));
    let cmap = deflate(&to_unicode_cmap(&by_new, subset));
    let to_unicode = doc.add_object(Stream::new(cmap_dict, cmap).with_compression(false));
    let mut font = Dictionary::new();
    font.set("Type", Object::Name(b"Font".to_vec()));
    font.set("Subtype", Object::Name(b"Type0".to_vec()));
    font.set("BaseFont", Object::Name(name.as_bytes().to_vec()));
    font.set("Encoding", Object::Name(b"Identity-H".to_vec()));
    font.set(
        "DescendantFonts",
        Object::Array(vec![Object::Reference(cid_font)]),
    );
    font.set("ToUnicode", Object::Reference(to_unicode));
    doc.add_object(font)
}

/// The CMap from the subset's glyph numbers to the text they show.
fn to_unicode_cmap(by_new: &[(u16, u16)], subset: &Subset) -> Vec<u8> {
    let mut out = Vec::with_capacity(by_new.len() * 16 + 400);
    out.extend_from_slice(
        b"/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
          /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
          /CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n\
          1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
    );
    // At most 100 entries a block, as the CMap format asks.
    for chunk in by_new.chunks(100) {
        let _ = writeln!(out, "{} beginbfchar", chunk.len());
        for (new, original) in chunk {
            let text = subset
                .glyphs
                .get(original)
                .map(|(_, t)| t.as_str())
                .unwrap_or("");
            let _ = write!(out, "<{new:04X}> <");
            for unit in text.encode_utf16() {
                let _ = write!(out, "{unit:04X}");
            }
            out.extend_from_slice(b">\n");
        }
        out.extend_from_slice(b"endbfchar\n");
    }
    out.extend_from_slice(b"endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    out
}

/// The outline (bookmarks): one entry per chapter, to the top of its page.
fn outline(
    doc: &mut lopdf::Document,
    chapters: &[(String, usize)],
    pages: &[Object],
) -> Option<ObjectId> {
    if chapters.is_empty() {
        return None;
    }
    let root = doc.new_object_id();
    let ids: Vec<ObjectId> = chapters.iter().map(|_| doc.new_object_id()).collect();
    for (i, (title, page)) in chapters.iter().enumerate() {
        let mut item = Dictionary::new();
        item.set("Title", text_string(title));
        item.set("Parent", Object::Reference(root));
        if i > 0 {
            item.set("Prev", Object::Reference(ids[i - 1]));
        }
        if let Some(next) = ids.get(i + 1) {
            item.set("Next", Object::Reference(*next));
        }
        let target = pages
            .get(page.saturating_sub(1))
            .cloned()
            .unwrap_or(Object::Null);
        item.set(
            "Dest",
            Object::Array(vec![target, Object::Name(b"Fit".to_vec())]),
        );
        doc.objects.insert(ids[i], Object::Dictionary(item));
    }
    let mut dict = Dictionary::new();
    dict.set("Type", Object::Name(b"Outlines".to_vec()));
    dict.set("First", Object::Reference(ids[0]));
    dict.set("Last", Object::Reference(ids[ids.len() - 1]));
    dict.set("Count", Object::Integer(ids.len() as i64));
    doc.objects.insert(root, Object::Dictionary(dict));
    Some(root)
}

/// Year, month, day, hour, minute and second (UTC) of seconds since 1970;
/// `None` past the calendar's range.
pub(super) fn utc(seconds: i64) -> Option<[i64; 6]> {
    let d = printpdf::OffsetDateTime::from_unix_timestamp(seconds).ok()?;
    Some([
        i64::from(d.year()),
        i64::from(d.month() as u8),
        i64::from(d.day()),
        i64::from(d.hour()),
        i64::from(d.minute()),
        i64::from(d.second()),
    ])
}

/// A PDF date, `D:YYYYMMDDHHmmSS+00'00'`, of seconds since 1970.
fn pdf_date(seconds: i64) -> String {
    utc(seconds)
        .map(|[y, mo, d, h, mi, s]| format!("D:{y:04}{mo:02}{d:02}{h:02}{mi:02}{s:02}+00'00'"))
        .unwrap_or_default()
}

/// The document information dictionary. Its texts are UTF-16 with a
/// byte-order mark, which every reader decodes.
fn information(meta: &Metadata) -> Dictionary {
    let utf16 = |text: &str| {
        let mut bytes = vec![0xfe, 0xff];
        for unit in text.encode_utf16() {
            bytes.extend(unit.to_be_bytes());
        }
        Object::String(bytes, lopdf::StringFormat::Hexadecimal)
    };
    let mut info = Dictionary::new();
    info.set("Title", utf16(&meta.title));
    info.set("Author", utf16(&meta.author));
    info.set("Subject", utf16(&meta.subject));
    info.set("Keywords", utf16(&meta.keywords.join(", ")));
    info.set(
        "Creator",
        utf16(&format!("dgplan {}", env!("CARGO_PKG_VERSION"))),
    );
    info.set("Producer", utf16(PRODUCER));
    let date = pdf_date(meta.created);
    info.set("CreationDate", Object::string_literal(date.clone()));
    info.set("ModDate", Object::string_literal(date));
    info
}

/// The document's language (`/Lang` in the catalogue, `dc:language` in
/// the XMP), which screen readers and search read: that of the language in
/// force.
fn language_tag() -> &'static str {
    match crate::language::current() {
        crate::language::Language::En => "en-GB",
        crate::language::Language::Fr => "fr-FR",
        crate::language::Language::Es => "es-ES",
    }
}

/// A page's content stream being written, with the text state it is in.
struct Content<'a> {
    out: Vec<u8>,
    fonts: &'a Fonts,
    /// Each face's subset, to number the glyphs as the subset does.
    subsets: &'a [Option<Subset>],
    in_text: bool,
    /// Font and fill colour last set, to set them again only when they change.
    font: Option<(Face, f32)>,
    fill: Option<Rgb>,
}

/// A page's content and the element of each of its MCIDs. Consecutive
/// texts share one text object, and font and colour are only set when they
/// change. Each run of drawings with one tag is a marked-content sequence:
/// an element's content, numbered (its MCID) in the order of the page, or
/// an artifact.
fn page_content(
    fonts: &Fonts,
    subsets: &[Option<Subset>],
    draws: &[Draw],
    tags: &[Tag],
    structure: &Structure,
) -> (Vec<u8>, PageMarks, Figures) {
    let mut content = Content {
        out: Vec::with_capacity(draws.len() * 48),
        fonts,
        subsets,
        in_text: false,
        font: None,
        fill: None,
    };
    let mut marks = PageMarks::new();
    let mut figures = Figures::new();
    let mut open: Option<Tag> = None;
    for (draw, tag) in draws.iter().zip(tags) {
        if matches!(draw, Draw::Text { text, .. } if text.trim_end().is_empty()) {
            continue;
        }
        if structure
            .elements
            .get(*tag as usize)
            .is_some_and(|e| e.role == Role::Figure)
        {
            let [x0, y0, x1, y1] = bounds(fonts, draw);
            let bbox = figures.entry(*tag).or_insert([x0, y0, x1, y1]);
            *bbox = [
                bbox[0].min(x0),
                bbox[1].min(y0),
                bbox[2].max(x1),
                bbox[3].max(y1),
            ];
        }
        if open != Some(*tag) {
            // A marked-content sequence and a text object may not overlap.
            content.end_text();
            if open.is_some() {
                content.out.extend_from_slice(b"EMC\n");
            }
            content.begin_marked(*tag, structure, &mut marks);
            open = Some(*tag);
        }
        content.draw(draw);
    }
    content.end_text();
    if open.is_some() {
        content.out.extend_from_slice(b"EMC\n");
    }
    (content.out, marks, figures)
}

/// Each figure's bounding box on a page, in PDF coordinates.
type Figures = BTreeMap<Tag, [f32; 4]>;

/// The box a drawing covers, in PDF coordinates (from the foot of the
/// page): left, bottom, right, top. A text covers its ascent and descent.
fn bounds(fonts: &Fonts, draw: &Draw) -> [f32; 4] {
    let (left, right) = extent(fonts, draw);
    match draw {
        Draw::Text { y, size, .. } => {
            let baseline = PAGE_HEIGHT - y;
            [left, baseline - 0.25 * size, right, baseline + 0.8 * size]
        }
        Draw::Rect { y, h, .. } => [left, PAGE_HEIGHT - y - h, right, PAGE_HEIGHT - y],
        Draw::Line { points, .. } | Draw::Polygon { points, .. } => {
            let (low, high) = points.iter().fold((f32::MAX, f32::MIN), |(a, b), (_, y)| {
                (a.min(*y), b.max(*y))
            });
            [left, PAGE_HEIGHT - high, right, PAGE_HEIGHT - low]
        }
    }
}

impl Content<'_> {
    fn begin_marked(&mut self, tag: Tag, structure: &Structure, marks: &mut PageMarks) {
        let furniture: &[u8] = match tag {
            ARTIFACT => b"/Artifact <</Type /Layout>> BDC\n",
            PAGINATION => b"/Artifact <</Type /Pagination>> BDC\n",
            RUNNING_HEADER => b"/Artifact <</Type /Pagination /Subtype /Header>> BDC\n",
            RUNNING_FOOTER => b"/Artifact <</Type /Pagination /Subtype /Footer>> BDC\n",
            _ => b"",
        };
        if !furniture.is_empty() {
            self.out.extend_from_slice(furniture);
            return;
        }
        let role = structure.elements[tag as usize].role.name();
        let _ = writeln!(self.out, "/{role} <</MCID {}>> BDC", marks.len());
        marks.push(tag);
    }

    fn draw(&mut self, draw: &Draw) {
        match draw {
            Draw::Text {
                y,
                size,
                face,
                color,
                text,
                ..
            } => {
                let (x, _) = extent(self.fonts, draw);
                self.text((x, *y), *face, *size, *color, text);
            }
            Draw::Rect {
                x,
                y,
                w,
                h,
                fill,
                stroke,
            } => {
                self.end_text();
                let rect = (*x, PAGE_HEIGHT - y - h, *w, *h);
                if let Some(f) = fill {
                    self.set_fill(*f);
                    self.rectangle(rect);
                    self.out.extend_from_slice(b"f\n");
                }
                if let Some((s, width)) = stroke {
                    self.set_stroke(*s, *width);
                    self.rectangle(rect);
                    self.out.extend_from_slice(b"S\n");
                }
            }
            Draw::Line {
                points,
                color,
                width,
                dashed,
            } => {
                self.end_text();
                self.set_stroke(*color, *width);
                if *dashed {
                    self.out.extend_from_slice(b"[4 3] 0 d\n");
                }
                self.path(points);
                self.out.extend_from_slice(b"S\n");
                if *dashed {
                    self.out.extend_from_slice(b"[] 0 d\n");
                }
            }
            Draw::Polygon {
                points,
                fill,
                stroke,
            } => {
                self.end_text();
                if let Some(f) = fill {
                    self.set_fill(*f);
                }
                if let Some((s, width)) = stroke {
                    self.set_stroke(*s, *width);
                }
                self.path(points);
                let paint: &[u8] = match (fill, stroke) {
                    (Some(_), Some(_)) => b"h B\n",
                    (None, Some(_)) => b"h S\n",
                    _ => b"h f\n",
                };
                self.out.extend_from_slice(paint);
            }
        }
    }

    fn end_text(&mut self) {
        if self.in_text {
            self.out.extend_from_slice(b"ET\n");
            self.in_text = false;
        }
    }

    /// A line of text starting at `x`, with `y` its baseline (from the top).
    fn text(&mut self, (x, y): (f32, f32), face: Face, size: f32, fill: Rgb, text: &str) {
        if !self.in_text {
            self.out.extend_from_slice(b"BT\n");
            self.in_text = true;
            // A new text object starts with no font set.
            self.font = None;
        }
        if self.font != Some((face, size)) {
            let _ = write!(self.out, "/{} ", font_tag(face));
            number(&mut self.out, size, 100);
            self.out.extend_from_slice(b" Tf\n");
            self.font = Some((face, size));
        }
        if self.fill != Some(fill) {
            self.set_fill(fill);
        }
        self.out.extend_from_slice(b"1 0 0 1 ");
        self.pair(x, PAGE_HEIGHT - y);
        self.out.extend_from_slice(b" Tm\n<");
        let glyphs = self.subsets[face.index()].as_ref().map(|s| &s.glyphs);
        for c in text.chars() {
            let original = self.fonts.glyph(face, c);
            let glyph = glyphs
                .and_then(|g| g.get(&original))
                .map_or(0, |(new, _)| *new);
            hex4(&mut self.out, glyph);
        }
        self.out.extend_from_slice(b"> Tj\n");
    }

    fn set_fill(&mut self, fill: Rgb) {
        self.colour(fill);
        self.out.extend_from_slice(b" rg\n");
        self.fill = Some(fill);
    }

    fn set_stroke(&mut self, stroke: Rgb, width: f32) {
        self.colour(stroke);
        self.out.extend_from_slice(b" RG ");
        number(&mut self.out, width, 100);
        self.out.extend_from_slice(b" w\n");
    }

    fn colour(&mut self, Rgb(r, g, b): Rgb) {
        number(&mut self.out, r, 1000);
        self.out.push(b' ');
        number(&mut self.out, g, 1000);
        self.out.push(b' ');
        number(&mut self.out, b, 1000);
    }

    fn rectangle(&mut self, (x, y, w, h): (f32, f32, f32, f32)) {
        self.pair(x, y);
        self.out.push(b' ');
        self.pair(w, h);
        self.out.extend_from_slice(b" re ");
    }

    /// A path through `points` (from the top of the page), not painted yet.
    fn path(&mut self, points: &[(f32, f32)]) {
        for (i, (x, y)) in points.iter().enumerate() {
            self.pair(*x, PAGE_HEIGHT - y);
            self.out
                .extend_from_slice(if i == 0 { b" m\n" } else { b" l\n" });
        }
    }

    fn pair(&mut self, x: f32, y: f32) {
        number(&mut self.out, x, 100);
        self.out.push(b' ');
        number(&mut self.out, y, 100);
    }
}

/// Writes `value` rounded to 1/`scale` (100 or 1000), without trailing
/// zeros: "12", "12.5", "0.125". A hundredth of a point is far below what
/// any printer or screen shows.
fn number(out: &mut Vec<u8>, value: f32, scale: i64) {
    let scaled = (f64::from(value) * scale as f64).round() as i64;
    if scaled < 0 {
        out.push(b'-');
    }
    let scaled = scaled.unsigned_abs();
    let scale = scale as u64;
    let whole = scaled / scale;
    let mut fraction = scaled % scale;
    let _ = write!(out, "{whole}");
    if fraction != 0 {
        out.push(b'.');
        let mut digits = scale / 10;
        while fraction != 0 && digits != 0 {
            out.push(b'0' + (fraction / digits) as u8);
            fraction %= digits;
            digits /= 10;
        }
    }
}

const HEX: &[u8; 16] = b"0123456789ABCDEF";

/// A glyph number as four hexadecimal digits.
fn hex4(out: &mut Vec<u8>, glyph: u16) {
    out.extend_from_slice(&[
        HEX[usize::from(glyph >> 12)],
        HEX[usize::from((glyph >> 8) & 0xf)],
        HEX[usize::from((glyph >> 4) & 0xf)],
        HEX[usize::from(glyph & 0xf)],
    ]);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(value: f32, scale: i64) -> String {
        let mut out = Vec::new();
        number(&mut out, value, scale);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn numbers_are_short_and_exact_to_a_hundredth() {
        assert_eq!(written(12.0, 100), "12");
        assert_eq!(written(12.5, 100), "12.5");
        assert_eq!(written(841.89, 100), "841.89");
        assert_eq!(written(-0.004, 100), "0");
        assert_eq!(written(-3.25, 100), "-3.25");
        assert_eq!(written(0.12156863, 1000), "0.122");
        assert_eq!(written(0.05, 1000), "0.05");
    }

    #[test]
    fn glyph_numbers_are_four_hex_digits() {
        let mut out = Vec::new();
        hex4(&mut out, 0x1a2);
        hex4(&mut out, 0xffff);
        assert_eq!(out, b"01A2FFFF");
    }
}
