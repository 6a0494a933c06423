//! What makes the PDF accessible, added to the document's lopdf objects:
//! the structure tree that screen readers follow, tied to the marked
//! content of the pages; the catalogue entries that say the file is tagged
//! and which language it is in; and the XMP metadata that identifies it as
//! PDF/UA-1 (ISO 14289-1).
//!
//! [`super::pdf`] writes the marked-content operators (`BDC`/`EMC`) in
//! the page streams and notes each page's MCIDs; the tree is written here
//! once the page objects exist.

use lopdf::{Dictionary, Object, ObjectId, Stream, StringFormat};

use super::pdf::Metadata;
use super::structure::{Role, Structure, Tag};

/// The marked content of one page: the element each MCID (the index)
/// belongs to.
pub type PageMarks = Vec<Tag>;

/// What the pages drew: each page's marks, and each figure's bounding box
/// (left, bottom, right, top) on its page.
pub struct Drawn<'a> {
    pub marks: &'a [PageMarks],
    pub figures: &'a std::collections::BTreeMap<Tag, [f32; 4]>,
}

/// A text string as PDF wants it: PDFDocEncoding is ASCII for our
/// purposes; anything else goes as UTF-16BE with its byte-order mark.
pub fn text_string(text: &str) -> Object {
    if text.is_ascii() {
        return Object::String(text.as_bytes().to_vec(), StringFormat::Literal);
    }
    let mut bytes = vec![0xfe, 0xff];
    for unit in text.encode_utf16() {
        bytes.extend(unit.to_be_bytes());
    }
    Object::String(bytes, StringFormat::Hexadecimal)
}

/// Adds the structure tree, `/MarkInfo`, `/ViewerPreferences` and the XMP
/// metadata to a document whose pages carry the marks `marks` (one entry
/// per page, in page order).
pub fn add_structure(
    doc: &mut lopdf::Document,
    structure: &Structure,
    drawn: &Drawn,
    meta: &Metadata,
    language: &str,
) {
    let marks = drawn.marks;
    let pages: Vec<ObjectId> = doc.get_pages().into_values().collect();
    let root_id = doc.new_object_id();
    let element_ids: Vec<ObjectId> = structure
        .elements
        .iter()
        .map(|_| doc.new_object_id())
        .collect();

    // Where each element's content is: (page, MCID) in reading order.
    let mut content: Vec<Vec<(usize, i64)>> = vec![Vec::new(); structure.elements.len()];
    for (page, page_marks) in marks.iter().enumerate() {
        for (mcid, tag) in page_marks.iter().enumerate() {
            content[*tag as usize].push((page, mcid as i64));
        }
    }
    let children = structure.children();
    for (i, element) in structure.elements.iter().enumerate() {
        let parent = if i == 0 {
            root_id
        } else {
            element_ids[element.parent]
        };
        let mut dict = Dictionary::new();
        dict.set("Type", Object::Name(b"StructElem".to_vec()));
        dict.set("S", Object::Name(element.role.name().as_bytes().to_vec()));
        dict.set("P", Object::Reference(parent));
        if let Some(kids) = kids(&children[i], &content[i], &element_ids, &pages, &mut dict) {
            dict.set("K", kids);
        }
        if element.role == Role::TH {
            let mut scope = Dictionary::new();
            scope.set("O", Object::Name(b"Table".to_vec()));
            scope.set("Scope", Object::Name(b"Column".to_vec()));
            dict.set("A", Object::Dictionary(scope));
        }
        if let Some(alt) = &element.alt {
            dict.set("Alt", text_string(alt));
        }
        // Where a figure is, for magnifiers and reflow (PDF/UA asks it of
        // figures, ISO 32000-1 14.8.5.4).
        if let Some(bbox) = drawn.figures.get(&(i as Tag)) {
            let mut layout = Dictionary::new();
            layout.set("O", Object::Name(b"Layout".to_vec()));
            layout.set(
                "BBox",
                Object::Array(
                    bbox.iter()
                        .map(|v| Object::Real((v * 100.0).round() / 100.0))
                        .collect(),
                ),
            );
            dict.set("A", Object::Dictionary(layout));
        }
        if let Some(numbering) = element.numbering {
            let mut list = Dictionary::new();
            list.set("O", Object::Name(b"List".to_vec()));
            list.set("ListNumbering", Object::Name(numbering.as_bytes().to_vec()));
            dict.set("A", Object::Dictionary(list));
        }
        doc.objects.insert(element_ids[i], Object::Dictionary(dict));
    }

    // The parent tree: for each page (its /StructParents key), the element
    // of each of its MCIDs.
    let mut nums = Vec::with_capacity(marks.len() * 2);
    for (page, page_marks) in marks.iter().enumerate() {
        nums.push(Object::Integer(page as i64));
        nums.push(Object::Array(
            page_marks
                .iter()
                .map(|tag| Object::Reference(element_ids[*tag as usize]))
                .collect(),
        ));
    }
    let mut parent_tree = Dictionary::new();
    parent_tree.set("Nums", Object::Array(nums));
    let parent_tree_id = doc.add_object(Object::Dictionary(parent_tree));

    let mut root = Dictionary::new();
    root.set("Type", Object::Name(b"StructTreeRoot".to_vec()));
    root.set("K", Object::Reference(element_ids[0]));
    root.set("ParentTree", Object::Reference(parent_tree_id));
    root.set("ParentTreeNextKey", Object::Integer(marks.len() as i64));
    doc.objects.insert(root_id, Object::Dictionary(root));

    for (i, page_id) in pages.iter().enumerate() {
        if let Ok(page) = doc.get_object_mut(*page_id).and_then(Object::as_dict_mut) {
            page.set("StructParents", Object::Integer(i as i64));
            // Keyboard order of anything interactive follows the structure.
            page.set("Tabs", Object::Name(b"S".to_vec()));
        }
    }

    let metadata_id = doc.add_object(Object::Stream(xmp(meta, language)));
    if let Ok(catalog_id) = doc.trailer.get(b"Root").and_then(Object::as_reference)
        && let Ok(catalog) = doc.get_object_mut(catalog_id).and_then(Object::as_dict_mut)
    {
        catalog.set("StructTreeRoot", Object::Reference(root_id));
        let mut mark_info = Dictionary::new();
        mark_info.set("Marked", Object::Boolean(true));
        catalog.set("MarkInfo", Object::Dictionary(mark_info));
        let mut preferences = Dictionary::new();
        // A reader's window shows the title, not the file name.
        preferences.set("DisplayDocTitle", Object::Boolean(true));
        catalog.set("ViewerPreferences", Object::Dictionary(preferences));
        catalog.set("Metadata", Object::Reference(metadata_id));
        catalog.set(
            "Lang",
            Object::String(language.as_bytes().to_vec(), StringFormat::Literal),
        );
    }
}

/// An element's `/K`: its child elements, or its marked content. Content
/// all on one page is written as bare MCIDs with the page set once on the
/// element (`/Pg`), which keeps the tree small; content across pages as
/// marked-content references, each naming its page.
fn kids(
    children: &[usize],
    content: &[(usize, i64)],
    element_ids: &[ObjectId],
    pages: &[ObjectId],
    dict: &mut Dictionary,
) -> Option<Object> {
    if !children.is_empty() {
        let refs: Vec<Object> = children
            .iter()
            .map(|c| Object::Reference(element_ids[*c]))
            .collect();
        return Some(if refs.len() == 1 {
            refs.into_iter().next().unwrap_or(Object::Null)
        } else {
            Object::Array(refs)
        });
    }
    let (first_page, _) = *content.first()?;
    let page_of = |page: usize| pages.get(page).copied().map(Object::Reference);
    if content.iter().all(|(page, _)| *page == first_page) {
        dict.set("Pg", page_of(first_page)?);
        let mcids: Vec<Object> = content.iter().map(|(_, m)| Object::Integer(*m)).collect();
        return Some(if mcids.len() == 1 {
            mcids.into_iter().next().unwrap_or(Object::Null)
        } else {
            Object::Array(mcids)
        });
    }
    let refs = content
        .iter()
        .filter_map(|(page, mcid)| {
            let mut reference = Dictionary::new();
            reference.set("Type", Object::Name(b"MCR".to_vec()));
            reference.set("Pg", page_of(*page)?);
            reference.set("MCID", Object::Integer(*mcid));
            Some(Object::Dictionary(reference))
        })
        .collect();
    Some(Object::Array(refs))
}

fn escape_xml(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The XMP packet: PDF/UA-1 identification, and the same title, author,
/// subject, keywords, language and dates as the document information.
fn xmp(meta: &Metadata, language: &str) -> Stream {
    let date = super::pdf::utc(meta.created)
        .map(|[y, mo, d, h, mi, s]| format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z"))
        .unwrap_or_default();
    let packet = format!(
        concat!(
            "<?xpacket begin=\"\u{feff}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n",
            "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n",
            "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n",
            "<rdf:Description rdf:about=\"\"",
            " xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\"",
            " xmlns:dc=\"http://purl.org/dc/elements/1.1/\"",
            " xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"",
            " xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n",
            "<pdfuaid:part>1</pdfuaid:part>\n",
            "<dc:format>application/pdf</dc:format>\n",
            "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">{title}</rdf:li></rdf:Alt></dc:title>\n",
            "<dc:creator><rdf:Seq><rdf:li>{author}</rdf:li></rdf:Seq></dc:creator>\n",
            "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">{subject}</rdf:li></rdf:Alt></dc:description>\n",
            "<dc:language><rdf:Bag><rdf:li>{language}</rdf:li></rdf:Bag></dc:language>\n",
            "<pdf:Keywords>{keywords}</pdf:Keywords>\n",
            "<pdf:Producer>{producer}</pdf:Producer>\n",
            "<xmp:CreatorTool>dgplan {version}</xmp:CreatorTool>\n",
            "<xmp:CreateDate>{date}</xmp:CreateDate>\n",
            "<xmp:ModifyDate>{date}</xmp:ModifyDate>\n",
            "<xmp:MetadataDate>{date}</xmp:MetadataDate>\n",
            "</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n",
            "<?xpacket end=\"w\"?>"
        ),
        title = escape_xml(&meta.title),
        author = escape_xml(&meta.author),
        subject = escape_xml(&meta.subject),
        language = language,
        keywords = escape_xml(&meta.keywords.join(", ")),
        version = env!("CARGO_PKG_VERSION"),
        producer = super::pdf::PRODUCER,
        date = date,
    );
    let mut dict = Dictionary::new();
    dict.set("Type", Object::Name(b"Metadata".to_vec()));
    dict.set("Subtype", Object::Name(b"XML".to_vec()));
    // Left uncompressed, as metadata should be, so that tools that do not
    // parse PDF can still find it.
    Stream::new(dict, packet.into_bytes()).with_compression(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_outside_ascii_are_written_as_utf16_with_a_byte_order_mark() {
        assert_eq!(
            text_string("Sénégal"),
            Object::String(
                vec![
                    0xfe, 0xff, 0, b'S', 0, 0xe9, 0, b'n', 0, 0xe9, 0, b'g', 0, b'a', 0, b'l'
                ],
                StringFormat::Hexadecimal
            )
        );
        assert_eq!(
            text_string("Kenya"),
            Object::String(b"Kenya".to_vec(), StringFormat::Literal)
        );
    }
}
