//! Writes a [`Picture`] as an SVG file, for Markdown viewers.

use std::fmt::Write;

use super::draw::{Anchor, Draw, Face, Picture, Rgb};

fn n(value: f32) -> String {
    // Two decimals at most, without trailing zeros: small and deterministic.
    let text = format!("{value:.2}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" {
        "0".to_string()
    } else {
        text.to_string()
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn points(list: &[(f32, f32)]) -> String {
    list.iter()
        .map(|(x, y)| format!("{},{}", n(*x), n(*y)))
        .collect::<Vec<_>>()
        .join(" ")
}

fn font(face: Face) -> &'static str {
    match face {
        Face::Sans => "",
        Face::SansBold => " font-weight=\"bold\"",
        Face::SansOblique => " font-style=\"italic\"",
        Face::Serif => " font-family=\"DejaVu Serif, Georgia, serif\"",
        Face::SerifBold => " font-family=\"DejaVu Serif, Georgia, serif\" font-weight=\"bold\"",
        Face::SerifItalic => " font-family=\"DejaVu Serif, Georgia, serif\" font-style=\"italic\"",
        Face::Mono => " font-family=\"DejaVu Sans Mono, monospace\"",
    }
}

pub fn to_svg(picture: &Picture, title: &str) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}pt\" height=\"{h}pt\" viewBox=\"0 0 {w} {h}\" font-family=\"DejaVu Sans, Verdana, sans-serif\" role=\"img\">",
        w = n(picture.width),
        h = n(picture.height)
    );
    let _ = writeln!(out, "<title>{}</title>", escape(title));
    let _ = writeln!(
        out,
        "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>"
    );
    for draw in &picture.draws {
        element(&mut out, draw);
    }
    out.push_str("</svg>\n");
    out
}

/// One drawing as one SVG element on its own line.
fn element(out: &mut String, draw: &Draw) {
    // Writing to a String cannot fail.
    let _ = match draw {
        Draw::Text {
            x,
            y,
            size,
            face,
            color,
            anchor,
            text,
        } => {
            let anchor = match anchor {
                Anchor::Start => "",
                Anchor::Middle => " text-anchor=\"middle\"",
                Anchor::End => " text-anchor=\"end\"",
            };
            writeln!(
                out,
                "<text x=\"{}\" y=\"{}\" font-size=\"{}\"{}{} fill=\"{}\">{}</text>",
                n(*x),
                n(*y),
                n(*size),
                font(*face),
                anchor,
                color.css(),
                escape(text)
            )
        }
        Draw::Rect {
            x,
            y,
            w,
            h,
            fill,
            stroke,
        } => writeln!(
            out,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" {}/>",
            n(*x),
            n(*y),
            n(*w),
            n(*h),
            paint(*fill, *stroke)
        ),
        Draw::Line {
            points: list,
            color,
            width,
            dashed,
        } => {
            let dash = if *dashed {
                " stroke-dasharray=\"4 3\""
            } else {
                ""
            };
            writeln!(
                out,
                "<polyline points=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"{}\"{dash}/>",
                points(list),
                color.css(),
                n(*width)
            )
        }
        Draw::Polygon {
            points: list,
            fill,
            stroke,
        } => writeln!(
            out,
            "<polygon points=\"{}\" {}/>",
            points(list),
            paint(*fill, *stroke)
        ),
    };
}

/// The fill and stroke attributes of a shape: `fill="none"` when it has no fill.
fn paint(fill: Option<Rgb>, stroke: Option<(Rgb, f32)>) -> String {
    let fill = fill.map_or("none".to_string(), |c| c.css());
    let stroke = stroke.map_or(String::new(), |(c, w)| {
        format!(" stroke=\"{}\" stroke-width=\"{}\"", c.css(), n(w))
    });
    format!("fill=\"{fill}\"{stroke}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::draw::BLACK;

    #[test]
    fn writes_shapes_and_escaped_text() {
        let picture = Picture {
            width: 100.0,
            height: 50.0,
            draws: vec![
                Draw::fill(1.0, 2.0, 3.0, 4.0, Rgb::hex(0xff0000)),
                Draw::text(5.0, 6.0, 7.0, Face::SansBold, BLACK, "A & <B>")
                    .anchored(Anchor::Middle),
            ],
        };
        let svg = to_svg(&picture, "Test");
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"100pt\""));
        assert!(svg.contains("<rect x=\"1\" y=\"2\" width=\"3\" height=\"4\" fill=\"#ff0000\"/>"));
        assert!(svg.contains(
            "font-weight=\"bold\" text-anchor=\"middle\" fill=\"#1d1d1b\">A &amp; &lt;B&gt;</text>"
        ));
        assert!(svg.ends_with("</svg>\n"));
    }
}
