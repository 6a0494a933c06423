//! The logical structure of a laid-out document, for a tagged PDF.
//!
//! A screen reader does not read a page's drawings in the order they were
//! drawn: it reads a tree of elements (headings, paragraphs, lists, tables,
//! figures) in document order. The layout builds that tree as it places
//! each block, and tags every drawing with the element it belongs to, or
//! marks it as an artifact (running headers, page numbers, rules, fills,
//! a table's header repeated on a continuation page): what a reader skips.

/// The kind of a structure element, named as in ISO 32000-1, 14.8.4.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Document,
    /// A heading of level 1 to 6.
    H(u8),
    P,
    L,
    LI,
    Lbl,
    LBody,
    Table,
    THead,
    TBody,
    TR,
    /// A header cell of a table; its scope is the column under it.
    TH,
    TD,
    Figure,
    TOC,
    TOCI,
    /// What a contents entry points to: the title and its page.
    Reference,
    BlockQuote,
}

impl Role {
    /// The standard structure type, as written in the PDF.
    pub fn name(self) -> &'static str {
        match self {
            Role::Document => "Document",
            Role::H(1) => "H1",
            Role::H(2) => "H2",
            Role::H(3) => "H3",
            Role::H(4) => "H4",
            Role::H(5) => "H5",
            Role::H(_) => "H6",
            Role::P => "P",
            Role::L => "L",
            Role::LI => "LI",
            Role::Lbl => "Lbl",
            Role::LBody => "LBody",
            Role::Table => "Table",
            Role::THead => "THead",
            Role::TBody => "TBody",
            Role::TR => "TR",
            Role::TH => "TH",
            Role::TD => "TD",
            Role::Figure => "Figure",
            Role::TOC => "TOC",
            Role::TOCI => "TOCI",
            Role::Reference => "Reference",
            Role::BlockQuote => "BlockQuote",
        }
    }
}

/// One element of the tree.
#[derive(Debug, Clone, PartialEq)]
pub struct Element {
    pub role: Role,
    /// The element it belongs to; the root is its own parent.
    pub parent: usize,
    /// What a figure shows, read instead of its drawings.
    pub alt: Option<String>,
    /// How a list numbers its items (`/ListNumbering`): "Decimal" or
    /// "Disc".
    pub numbering: Option<&'static str>,
}

/// What a drawing belongs to: an element of the tree, or [`ARTIFACT`].
pub type Tag = u32;

/// The tag of a drawing that is not content: a rule, a fill, a leader.
pub const ARTIFACT: Tag = Tag::MAX;

/// The tag of page furniture: running headers and footers, page numbers,
/// a table's header repeated on a continuation page.
pub const PAGINATION: Tag = Tag::MAX - 1;

/// The tag of the running header, page furniture at the head of a page.
pub const RUNNING_HEADER: Tag = Tag::MAX - 2;

/// The tag of the running footer (status and page number).
pub const RUNNING_FOOTER: Tag = Tag::MAX - 3;

/// The tree, in document order: an element's children are the elements
/// whose parent it is, in the order they were opened. Element 0 is the
/// document.
#[derive(Debug, Clone, PartialEq)]
pub struct Structure {
    pub elements: Vec<Element>,
}

impl Default for Structure {
    fn default() -> Self {
        Structure {
            elements: vec![Element {
                role: Role::Document,
                parent: 0,
                alt: None,
                numbering: None,
            }],
        }
    }
}

impl Structure {
    /// Opens an element under `parent` and returns its tag.
    pub fn open(&mut self, role: Role, parent: Tag) -> Tag {
        self.elements.push(Element {
            role,
            parent: parent as usize,
            alt: None,
            numbering: None,
        });
        (self.elements.len() - 1) as Tag
    }

    /// Opens a figure with the text that stands for it.
    pub fn figure(&mut self, parent: Tag, alt: String) -> Tag {
        let tag = self.open(Role::Figure, parent);
        self.elements[tag as usize].alt = Some(alt);
        tag
    }

    /// Opens a list, numbered or bulleted.
    pub fn list(&mut self, parent: Tag, numbered: bool) -> Tag {
        let tag = self.open(Role::L, parent);
        self.elements[tag as usize].numbering = Some(if numbered { "Decimal" } else { "Disc" });
        tag
    }

    /// Each element's children, in document order.
    pub fn children(&self) -> Vec<Vec<usize>> {
        let mut children = vec![Vec::new(); self.elements.len()];
        for (i, element) in self.elements.iter().enumerate().skip(1) {
            children[element.parent].push(i);
        }
        children
    }
}

/// Tags the drawings of a page composed apart from the flow (a cover, a
/// title block): a text and the lines it wraps onto (each but the last
/// ends with its space) in one style are one element, a heading if its size
/// is `heading_size`, a paragraph otherwise; every other drawing is
/// decoration.
pub fn tag_composed_page(
    draws: &[super::draw::Draw],
    structure: &mut Structure,
    heading_size: f32,
) -> Vec<Tag> {
    use super::draw::Draw;
    let mut tags = Vec::with_capacity(draws.len());
    // The element a wrapped line continues, with its style.
    let mut last: Option<(super::draw::Face, u32, Tag)> = None;
    for draw in draws {
        let Draw::Text {
            size, face, text, ..
        } = draw
        else {
            tags.push(ARTIFACT);
            continue;
        };
        let style = (*face, size.to_bits());
        let tag = match last {
            Some((f, s, tag)) if (f, s) == style => tag,
            _ => {
                let role = if (*size - heading_size).abs() < 0.01 {
                    Role::H(1)
                } else {
                    Role::P
                };
                structure.open(role, 0)
            }
        };
        last = text.ends_with(' ').then_some((style.0, style.1, tag));
        tags.push(tag);
    }
    tags
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::draw::{Draw, Face, Rgb};

    #[test]
    fn children_keep_the_order_they_were_opened_in() {
        let mut tree = Structure::default();
        let list = tree.open(Role::L, 0);
        let heading = tree.open(Role::H(2), 0);
        let item = tree.open(Role::LI, list);
        assert_eq!(tree.children(), vec![vec![1, 2], vec![3], vec![], vec![]]);
        assert_eq!((heading, item), (2, 3));
    }

    #[test]
    fn a_cover_reads_as_a_heading_then_paragraphs_and_its_fills_are_decoration() {
        let black = Rgb(0.0, 0.0, 0.0);
        let draws = vec![
            Draw::fill(0.0, 0.0, 10.0, 10.0, black),
            Draw::text(
                0.0,
                10.0,
                26.0,
                Face::SansBold,
                black,
                "Digital government ",
            ),
            Draw::text(0.0, 40.0, 26.0, Face::SansBold, black, "master plan"),
            Draw::text(0.0, 70.0, 18.0, Face::Sans, black, "2027-2031"),
            Draw::text(0.0, 90.0, 18.0, Face::Sans, black, "Country: Kenya"),
        ];
        let mut tree = Structure::default();
        let tags = tag_composed_page(&draws, &mut tree, 26.0);
        // A line that ends a text starts a new element, even in one style.
        assert_eq!(tags, vec![ARTIFACT, 1, 1, 2, 3]);
        assert_eq!(tree.elements[1].role, Role::H(1));
        assert_eq!(tree.elements[2].role, Role::P);
    }
}
