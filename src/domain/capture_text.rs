//! The text of a capture, for matching quotes against it: plain text as it is, HTML as a reader
//! sees it (the text of the body; no scripts, styles or markup; a line break after each
//! block), PDF through `pdf-extract`. The capture itself keeps its original bytes; this text is
//! what `quote_check` offsets count in.

use std::panic::{AssertUnwindSafe, catch_unwind};

use scraper::{Html, Node};

/// The media types a capture may have, and how each is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaptureFormat {
    PlainText,
    Html,
    Pdf,
}

impl CaptureFormat {
    /// The format of a media type (its parameters, such as `charset`, aside), or `None` when
    /// captures cannot be of that type.
    pub fn of_media_type(media_type: &str) -> Option<Self> {
        let essence = media_type.split(';').next().unwrap_or("").trim();
        match essence.to_ascii_lowercase().as_str() {
            "text/plain" => Some(Self::PlainText),
            "text/html" | "application/xhtml+xml" => Some(Self::Html),
            "application/pdf" => Some(Self::Pdf),
            _ => None,
        }
    }
}

/// Why no text could be read from a capture.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExtractError {
    #[error("the content is not UTF-8 text")]
    NotUtf8,
    #[error("the PDF could not be read: {0}")]
    Pdf(String),
}

/// The text of `bytes`, read as `format`.
pub fn extract_text(format: CaptureFormat, bytes: &[u8]) -> Result<String, ExtractError> {
    match format {
        CaptureFormat::PlainText => utf8(bytes).map(str::to_owned),
        CaptureFormat::Html => utf8(bytes).map(html_text),
        CaptureFormat::Pdf => pdf_text(bytes),
    }
}

fn utf8(bytes: &[u8]) -> Result<&str, ExtractError> {
    let text = std::str::from_utf8(bytes).map_err(|_| ExtractError::NotUtf8)?;
    Ok(text.strip_prefix('\u{FEFF}').unwrap_or(text))
}

/// Elements whose content a reader never sees as text.
const HIDDEN: &[&str] = &[
    "head", "script", "style", "noscript", "template", "svg", "math", "iframe", "object",
];

/// Elements after which the text continues on a new line.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "br",
    "dd",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "td",
    "th",
    "tr",
    "ul",
];

/// The visible text of an HTML document: text nodes in document order, a line break after each
/// block element, nothing from hidden elements. Entities are decoded by the parser (html5ever,
/// which reads any HTML a browser would).
fn html_text(html: &str) -> String {
    let document = Html::parse_document(html);
    let mut out = String::with_capacity(html.len() / 2);
    // How many hidden elements we are inside.
    let mut hidden = 0usize;
    for edge in document.tree.root().traverse() {
        match edge {
            ego_tree::iter::Edge::Open(node) => match node.value() {
                Node::Element(e) if HIDDEN.contains(&e.name()) => hidden += 1,
                Node::Text(text) if hidden == 0 => out.push_str(text),
                _ => {}
            },
            ego_tree::iter::Edge::Close(node) => {
                if let Node::Element(e) = node.value() {
                    if HIDDEN.contains(&e.name()) {
                        hidden -= 1;
                    } else if hidden == 0 && BLOCKS.contains(&e.name()) && !out.ends_with('\n') {
                        out.push('\n');
                    }
                }
            }
        }
    }
    out
}

/// The text of a PDF. `pdf-extract` can panic on a malformed file; a panic is a file we cannot
/// read, not a crash.
fn pdf_text(bytes: &[u8]) -> Result<String, ExtractError> {
    match catch_unwind(AssertUnwindSafe(|| {
        pdf_extract::extract_text_from_mem(bytes)
    })) {
        Ok(Ok(text)) => Ok(text),
        Ok(Err(e)) => Err(ExtractError::Pdf(e.to_string())),
        Err(_) => Err(ExtractError::Pdf("the file is malformed".into())),
    }
}

/// A one-page PDF showing `line` in Helvetica, with a correct cross-reference table: the
/// smallest PDF the extractor reads (for tests, here and through the API, and examples).
pub fn minimal_pdf(line: &str) -> Vec<u8> {
    let stream = format!("BT /F1 12 Tf 72 720 Td ({line}) Tj ET");
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_owned(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_owned(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R \
         /Resources << /Font << /F1 5 0 R >> >> >>"
            .to_owned(),
        format!(
            "<< /Length {} >>\nstream\n{stream}\nendstream",
            stream.len()
        ),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_owned(),
    ];
    let mut pdf = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, object) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend_from_slice(format!("{} 0 obj\n{object}\nendobj\n", i + 1).as_bytes());
    }
    let xref = pdf.len();
    pdf.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for offset in offsets {
        pdf.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    pdf.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    pdf
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::quote::{self, QuoteMatch};

    #[test]
    fn media_types_name_their_format() {
        assert_eq!(
            CaptureFormat::of_media_type("text/html; charset=utf-8"),
            Some(CaptureFormat::Html)
        );
        assert_eq!(
            CaptureFormat::of_media_type("Application/PDF"),
            Some(CaptureFormat::Pdf)
        );
        assert_eq!(
            CaptureFormat::of_media_type("text/plain"),
            Some(CaptureFormat::PlainText)
        );
        assert_eq!(CaptureFormat::of_media_type("image/png"), None);
    }

    #[test]
    fn html_gives_the_text_a_reader_sees() {
        let html = r#"<!doctype html><html><head><title>T</title><style>p{}</style></head>
            <body><script>var x = "hidden";</script>
            <h1>Quetta&nbsp;attack</h1><p>Police said <b>at least</b> 3 died.</p>
            <p>The TTP claimed it &ldquo;in retaliation&rdquo;.<br>Second line</p>
            <noscript>enable js</noscript></body></html>"#;
        let text = extract_text(CaptureFormat::Html, html.as_bytes()).expect("text");
        assert!(!text.contains("hidden") && !text.contains("p{}") && !text.contains("enable js"));
        assert!(!text.contains('<'), "{text}");
        assert!(text.contains("Police said at least 3 died."), "{text}");
        assert!(text.contains("“in retaliation”"), "{text}");
        assert!(text.contains(".\nSecond line"), "{text}");
        assert!(text.contains("Quetta\u{a0}attack\nPolice said"), "{text:?}");
        assert!(matches!(
            quote::find(&text, "Quetta attack Police said"),
            QuoteMatch::Normalized(_)
        ));
        assert!(matches!(
            quote::find(&text, "The TTP claimed it \"in retaliation\""),
            QuoteMatch::Normalized(_)
        ));
    }

    #[test]
    fn text_that_is_not_utf8_is_refused() {
        assert_eq!(
            extract_text(CaptureFormat::PlainText, b"caf\xe9"),
            Err(ExtractError::NotUtf8)
        );
        assert_eq!(
            extract_text(CaptureFormat::PlainText, "\u{feff}bom".as_bytes()),
            Ok("bom".into())
        );
    }

    #[test]
    fn a_malformed_pdf_is_an_error_not_a_panic() {
        for bytes in [
            &b"%PDF-1.7\n1 0 obj << /Type /Catalog"[..],
            b"",
            b"not a pdf",
        ] {
            assert!(matches!(
                extract_text(CaptureFormat::Pdf, bytes),
                Err(ExtractError::Pdf(_))
            ));
        }
    }

    #[test]
    fn a_pdf_gives_its_text() {
        let text = extract_text(CaptureFormat::Pdf, &minimal_pdf("Police said 12 died"))
            .expect("a readable PDF");
        assert!(
            matches!(
                quote::find(&text, "Police said 12 died"),
                QuoteMatch::Verbatim(_)
            ),
            "{text:?}"
        );
    }
}
