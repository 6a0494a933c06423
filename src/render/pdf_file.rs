//! Writes the finished PDF objects to a file's bytes.
//!
//! lopdf can write object streams, but leaves the cross-reference stream
//! uncompressed: seven bytes for each of a tagged document's thousands of
//! structure elements. This writer packs every object that is not a stream
//! into compressed object streams, and compresses the cross-reference
//! stream with the PNG "Up" predictor, under which its rows (offsets that
//! grow by small steps) shrink to almost nothing. It also derives the
//! trailer's `/ID` from the bytes before it, so the same document always
//! gives the same file.

use std::io::Write;

use lopdf::{Dictionary, Object, ObjectId, StringFormat};

/// Objects to an object stream: a bound on what a reader decompresses to
/// reach one object.
const PER_OBJECT_STREAM: usize = 400;

/// The widths of a cross-reference row: type, offset or object stream,
/// generation or index.
const XREF_WIDTHS: [usize; 3] = [1, 4, 2];

/// Where an object is: at an offset of the file, or the nth object of an
/// object stream.
#[derive(Clone, Copy)]
enum Entry {
    Free,
    Direct(usize),
    Packed(u32, u16),
}

/// The file for `doc`, whose streams are already compressed as they should
/// be. `compress` deflates the object streams and the cross-reference
/// stream.
pub fn write(doc: &lopdf::Document, compress: &dyn Fn(&[u8]) -> Vec<u8>) -> Vec<u8> {
    let mut out: Vec<u8> = Vec::with_capacity(256 * 1024);
    out.extend_from_slice(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n");
    let max_id = doc.objects.keys().map(|(id, _)| *id).max().unwrap_or(0);
    let mut entries = vec![Entry::Free; max_id as usize + 1];
    let mut packed: Vec<(ObjectId, &Object)> = Vec::new();
    for (id, object) in &doc.objects {
        if let Object::Stream(stream) = object {
            entries[id.0 as usize] = Entry::Direct(out.len());
            write_header(&mut out, id.0);
            let mut dict = stream.dict.clone();
            dict.set("Length", Object::Integer(stream.content.len() as i64));
            write_dictionary(&mut out, &dict);
            out.extend_from_slice(b"stream\n");
            out.extend_from_slice(&stream.content);
            out.extend_from_slice(b"\nendstream\nendobj\n");
        } else {
            packed.push((*id, object));
        }
    }
    let mut next_id = max_id + 1;
    for chunk in packed.chunks(PER_OBJECT_STREAM) {
        let stream_id = next_id;
        next_id += 1;
        let mut header = Vec::new();
        let mut body = Vec::new();
        for (index, (id, object)) in chunk.iter().enumerate() {
            let _ = write!(header, "{} {} ", id.0, body.len());
            write_object(&mut body, object);
            body.push(b'\n');
            entries[id.0 as usize] = Entry::Packed(stream_id, index as u16);
        }
        let first = header.len();
        header.extend_from_slice(&body);
        let content = compress(&header);
        entries.push(Entry::Direct(out.len()));
        write_header(&mut out, stream_id);
        let _ = writeln!(
            out,
            "<</Type/ObjStm/N {}/First {first}/Filter/FlateDecode/Length {}>>stream",
            chunk.len(),
            content.len()
        );
        out.extend_from_slice(&content);
        out.extend_from_slice(b"\nendstream\nendobj\n");
    }

    // The cross-reference stream, itself the last entry.
    let xref_id = next_id;
    let xref_at = out.len();
    entries.push(Entry::Direct(xref_at));
    let rows = xref_rows(&entries);
    let content = compress(&rows);
    let id = fingerprint(&out);
    write_header(&mut out, xref_id);
    let mut trailer = Dictionary::new();
    trailer.set("Type", Object::Name(b"XRef".to_vec()));
    trailer.set("Size", Object::Integer(entries.len() as i64));
    for key in [b"Root".as_slice(), b"Info".as_slice()] {
        if let Ok(value) = doc.trailer.get(key) {
            trailer.set(key, value.clone());
        }
    }
    trailer.set(
        "ID",
        Object::Array(vec![
            Object::String(id.clone(), StringFormat::Hexadecimal),
            Object::String(id, StringFormat::Hexadecimal),
        ]),
    );
    trailer.set(
        "W",
        Object::Array(
            XREF_WIDTHS
                .iter()
                .map(|w| Object::Integer(*w as i64))
                .collect(),
        ),
    );
    trailer.set("Filter", Object::Name(b"FlateDecode".to_vec()));
    let mut parameters = Dictionary::new();
    parameters.set("Predictor", Object::Integer(12));
    parameters.set("Columns", Object::Integer(row_width() as i64));
    trailer.set("DecodeParms", Object::Dictionary(parameters));
    trailer.set("Length", Object::Integer(content.len() as i64));
    write_dictionary(&mut out, &trailer);
    out.extend_from_slice(b"stream\n");
    out.extend_from_slice(&content);
    let _ = write!(out, "\nendstream\nendobj\nstartxref\n{xref_at}\n%%EOF\n");
    out
}

fn row_width() -> usize {
    XREF_WIDTHS.iter().sum()
}

/// The cross-reference rows, each behind its PNG "Up" filter byte: each
/// byte is the difference from the byte above it.
fn xref_rows(entries: &[Entry]) -> Vec<u8> {
    let width = row_width();
    let mut rows = Vec::with_capacity(entries.len() * (width + 1));
    let mut previous = vec![0u8; width];
    for entry in entries {
        let (kind, second, third): (u8, u32, u16) = match *entry {
            Entry::Free => (0, 0, 0),
            Entry::Direct(offset) => (1, offset as u32, 0),
            Entry::Packed(stream, index) => (2, stream, index),
        };
        let mut row = Vec::with_capacity(width);
        row.push(kind);
        row.extend_from_slice(&second.to_be_bytes());
        row.extend_from_slice(&third.to_be_bytes());
        rows.push(2);
        rows.extend(row.iter().zip(&previous).map(|(b, a)| b.wrapping_sub(*a)));
        previous = row;
    }
    rows
}

/// 128 bits from two FNV-1a hashes of the file so far: enough to tell
/// documents apart, and the same for the same document.
fn fingerprint(bytes: &[u8]) -> Vec<u8> {
    let hash = |seed: u64| {
        let mut hash = 0xcbf2_9ce4_8422_2325u64 ^ seed;
        for b in bytes {
            hash ^= u64::from(*b);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
        hash
    };
    let mut id = hash(0).to_be_bytes().to_vec();
    id.extend(hash(0x9e37_79b9_7f4a_7c15).to_be_bytes());
    id
}

fn write_header(out: &mut Vec<u8>, id: u32) {
    let _ = writeln!(out, "{id} 0 obj");
}

fn write_dictionary(out: &mut Vec<u8>, dict: &Dictionary) {
    out.extend_from_slice(b"<<");
    for (key, value) in dict.iter() {
        write_name(out, key);
        if !starts_with_delimiter(value) {
            out.push(b' ');
        }
        write_object(out, value);
    }
    out.extend_from_slice(b">>");
}

/// Whether an object's written form starts with a delimiter, so that it
/// needs no space after a name.
fn starts_with_delimiter(object: &Object) -> bool {
    matches!(
        object,
        Object::Name(_)
            | Object::String(..)
            | Object::Array(_)
            | Object::Dictionary(_)
            | Object::Stream(_)
    )
}

fn write_object(out: &mut Vec<u8>, object: &Object) {
    match object {
        Object::Null => out.extend_from_slice(b"null"),
        Object::Boolean(true) => out.extend_from_slice(b"true"),
        Object::Boolean(false) => out.extend_from_slice(b"false"),
        Object::Integer(n) => {
            let _ = write!(out, "{n}");
        }
        // Display never writes an exponent, which PDF does not allow.
        Object::Real(x) => {
            let _ = write!(out, "{x}");
        }
        Object::Name(name) => write_name(out, name),
        Object::String(bytes, StringFormat::Literal) => write_literal(out, bytes),
        Object::String(bytes, StringFormat::Hexadecimal) => {
            out.push(b'<');
            for b in bytes {
                let _ = write!(out, "{b:02X}");
            }
            out.push(b'>');
        }
        Object::Array(items) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 && !starts_with_delimiter(item) {
                    out.push(b' ');
                }
                write_object(out, item);
            }
            out.push(b']');
        }
        Object::Dictionary(dict) => write_dictionary(out, dict),
        // Streams are always indirect objects, written by `write`.
        Object::Stream(_) => out.extend_from_slice(b"null"),
        Object::Reference((id, generation)) => {
            let _ = write!(out, "{id} {generation} R");
        }
    }
}

fn write_name(out: &mut Vec<u8>, name: &[u8]) {
    out.push(b'/');
    for &byte in name {
        if b" \t\n\r\x0C()<>[]{}/%#".contains(&byte) || !(33..=126).contains(&byte) {
            let _ = write!(out, "#{byte:02X}");
        } else {
            out.push(byte);
        }
    }
}

/// A literal string with every parenthesis, backslash and carriage return
/// escaped, so that no balancing is needed.
fn write_literal(out: &mut Vec<u8>, bytes: &[u8]) {
    out.push(b'(');
    for &b in bytes {
        match b {
            b'(' | b')' | b'\\' => {
                out.push(b'\\');
                out.push(b);
            }
            b'\r' => out.extend_from_slice(b"\\r"),
            _ => out.push(b),
        }
    }
    out.push(b')');
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(object: &Object) -> String {
        let mut out = Vec::new();
        write_object(&mut out, object);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn objects_are_written_as_pdf_syntax() {
        let mut dict = Dictionary::new();
        dict.set("S", Object::Name(b"H1".to_vec()));
        dict.set(
            "K",
            Object::Array(vec![Object::Integer(0), Object::Integer(1)]),
        );
        dict.set(
            "Alt",
            Object::String(b"a (b) \\ c".to_vec(), StringFormat::Literal),
        );
        dict.set("P", Object::Reference((12, 0)));
        dict.set("N", Object::Name(b"A B".to_vec()));
        assert_eq!(
            written(&Object::Dictionary(dict)),
            "<</S/H1/K[0 1]/Alt(a \\(b\\) \\\\ c)/P 12 0 R/N/A#20B>>"
        );
        assert_eq!(written(&Object::Real(0.5)), "0.5");
        assert_eq!(written(&Object::Real(1e-7)), "0.0000001");
    }

    #[test]
    fn a_written_document_reads_back_with_every_object() {
        let mut doc = lopdf::Document::with_version("1.7");
        let pages = doc.new_object_id();
        let mut catalog = Dictionary::new();
        catalog.set("Type", Object::Name(b"Catalog".to_vec()));
        catalog.set("Pages", Object::Reference(pages));
        let catalog = doc.add_object(Object::Dictionary(catalog));
        let mut page_tree = Dictionary::new();
        page_tree.set("Type", Object::Name(b"Pages".to_vec()));
        page_tree.set("Kids", Object::Array(vec![]));
        page_tree.set("Count", Object::Integer(0));
        doc.objects.insert(pages, Object::Dictionary(page_tree));
        for i in 0..1000 {
            doc.add_object(Object::Integer(i));
        }
        doc.trailer.set("Root", Object::Reference(catalog));
        let identity = |bytes: &[u8]| {
            use flate2::{Compression, write::ZlibEncoder};
            let mut encoder = ZlibEncoder::new(Vec::new(), Compression::default());
            let _ = encoder.write_all(bytes);
            encoder.finish().unwrap_or_default()
        };
        let bytes = write(&doc, &identity);
        let read = lopdf::Document::load_mem(&bytes).unwrap();
        // Three object streams (400 objects each at most) and the
        // cross-reference stream come in addition.
        assert_eq!(read.objects.len(), doc.objects.len() + 4);
        assert_eq!(read.get_object((500, 0)).unwrap().as_i64().unwrap(), 497);
        assert_eq!(bytes, write(&doc, &identity));
    }
}
