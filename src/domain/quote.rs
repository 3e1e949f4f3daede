//! Finding a citation's quote in the text of a source's capture: word for word, or after
//! normalisation — Unicode NFKC, every run of white space as one space, and curly, low and
//! angle quotation marks as straight ones (the example article prints `“put pressure”`; an
//! editor types `"put pressure"`). Offsets are in Unicode scalar values (chars) into the
//! capture's text, which is how the API reports them (`quote_check.start`/`end`).
//!
//! Normalising changes lengths (NFKC turns `ﬁ` into `fi`, white space runs collapse), so a match
//! in the normalised text is mapped back to the original through the *chunks* it was made
//! from: a chunk is a character with the combining marks after it, the unit NFKC composes
//! within. A match that starts or ends inside a chunk widens to the whole chunk.
//!
//! Nothing here keeps a per-character offset table: a capture may hold ten million
//! characters. The text is normalised once to search it, then walked a second time, counting,
//! only as far as the match.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::canonical_combining_class;

/// Where a quote was found in a text, in chars: `text.chars().skip(start).take(end - start)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

/// How a quote stands in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuoteMatch {
    /// Found as given, character for character.
    Verbatim(Span),
    /// Found once both were normalised (see the module's documentation).
    Normalized(Span),
    /// Not there, even normalised.
    NotFound,
}

/// Looks for `quote` in `text`: its first occurrence, verbatim if it is there verbatim.
pub fn find(text: &str, quote: &str) -> QuoteMatch {
    Haystack::new(text).find(quote)
}

/// A text to look for many quotes in (a capture, and every citation of its source): it is
/// normalised once, when the first quote is not there verbatim, not once per quote.
pub struct Haystack<'a> {
    text: &'a str,
    normalized: std::cell::OnceCell<String>,
}

impl<'a> Haystack<'a> {
    pub fn new(text: &'a str) -> Self {
        Self {
            text,
            normalized: std::cell::OnceCell::new(),
        }
    }

    /// The first occurrence of `quote`, verbatim if it is there verbatim.
    pub fn find(&self, quote: &str) -> QuoteMatch {
        let (text, quote) = (self.text, quote.trim());
        if quote.is_empty() {
            return QuoteMatch::NotFound;
        }
        if let Some(byte) = text.find(quote) {
            let start = text[..byte].chars().count();
            return QuoteMatch::Verbatim(Span {
                start,
                end: start + quote.chars().count(),
            });
        }
        let wanted = normalize(quote);
        if wanted.is_empty() {
            return QuoteMatch::NotFound;
        }
        let haystack = self.normalized.get_or_init(|| normalize(text));
        let Some(byte) = haystack.find(&wanted) else {
            return QuoteMatch::NotFound;
        };
        let first = haystack[..byte].chars().count();
        let last = first + wanted.chars().count() - 1;
        QuoteMatch::Normalized(original_span(text, first, last))
    }
}

/// `text` normalised for matching.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    walk(text, |c, _| {
        out.push(c);
        true
    });
    out
}

/// The chars of `text` that the normalised chars `first..=last` came from.
fn original_span(text: &str, first: usize, last: usize) -> Span {
    let mut span = Span { start: 0, end: 0 };
    let mut n = 0;
    walk(text, |_, chunk| {
        if n == first {
            span.start = chunk.start;
        }
        if n == last {
            span.end = chunk.end;
            return false;
        }
        n += 1;
        true
    });
    span
}

/// Calls `emit` with each char of `text` normalised, and the chunk of `text` (in chars) it
/// comes from, until `emit` answers false. White space is emitted as one space between words,
/// never at either end. An ASCII char with no combining mark after it is its own NFKC form,
/// so it skips the normaliser (most of a capture's text; this made a 10 MiB capture's
/// normalisation several times faster).
fn walk(text: &str, mut emit: impl FnMut(char, Span) -> bool) {
    let mut pending_space: Option<Span> = None;
    let mut emitted_any = false;
    let mut chunk = String::new();
    let mut chunk_start = 0;
    let mut one = |c: char, span: Span, pending_space: &mut Option<Span>| -> bool {
        if c.is_whitespace() {
            if emitted_any {
                pending_space.get_or_insert(span);
            }
            return true;
        }
        if let Some(space) = pending_space.take()
            && !emit(' ', space)
        {
            return false;
        }
        emitted_any = true;
        emit(straight_quote(c), span)
    };
    let mut flush = |chunk: &str, span: Span, pending_space: &mut Option<Span>| -> bool {
        if let [byte] = chunk.as_bytes()
            && byte.is_ascii()
        {
            return one(char::from(*byte), span, pending_space);
        }
        chunk.nfkc().all(|c| one(c, span, pending_space))
    };
    // A char with no combining class starts a chunk; the end of the text ends the last one.
    let starts = text.chars().map(|c| canonical_combining_class(c) == 0);
    for (count, (c, starts_chunk)) in text.chars().zip(starts).chain([('\0', true)]).enumerate() {
        if starts_chunk && !chunk.is_empty() {
            let span = Span {
                start: chunk_start,
                end: count,
            };
            if !flush(&chunk, span, &mut pending_space) {
                return;
            }
            chunk.clear();
            chunk_start = count;
        }
        chunk.push(c);
    }
}

/// Typographic quotation marks and apostrophes as the straight ones a keyboard types.
fn straight_quote(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{2039}'
        | '\u{203A}' | '`' | '\u{00B4}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}'
        | '\u{00BB}' | '\u{301D}' | '\u{301E}' => '"',
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quoted(text: &str, span: Span) -> String {
        text.chars()
            .skip(span.start)
            .take(span.end - span.start)
            .collect()
    }

    /// What of `text` a quote found only after normalising stands for.
    fn found_normalized(text: &str, quote: &str) -> String {
        match find(text, quote) {
            QuoteMatch::Normalized(span) => quoted(text, span),
            other => panic!("{quote:?} in {text:?}: {other:?}"),
        }
    }

    #[test]
    fn a_verbatim_quote_is_found_with_char_offsets() {
        let text = "Quetta — a blast “put pressure” on them";
        let QuoteMatch::Verbatim(span) = find(text, "“put pressure”") else {
            panic!("verbatim");
        };
        assert_eq!(span, Span { start: 17, end: 31 });
        assert_eq!(quoted(text, span), "“put pressure”");
    }

    #[test]
    fn straight_quotes_match_curly_ones_and_map_back_to_the_original() {
        let text = "Quetta — a blast “put pressure” on them";
        assert_eq!(
            found_normalized(text, "\"put pressure\" on"),
            "“put pressure” on"
        );
    }

    #[test]
    fn white_space_runs_and_line_breaks_match_one_space() {
        let text = "the TTP\n  claimed\u{00A0}responsibility\tfor it";
        assert_eq!(
            found_normalized(text, "TTP claimed  responsibility for"),
            "TTP\n  claimed\u{00A0}responsibility\tfor"
        );
    }

    #[test]
    fn compatibility_forms_and_combining_marks_normalise() {
        // `ﬁ` is one char that NFKC makes two; `é` written as e + a combining accent.
        let text = "the ﬁrst café in Quetta";
        assert_eq!(
            found_normalized(text, "first cafe\u{301} in"),
            "ﬁrst café in"
        );
        let decomposed = "a cafe\u{301} here";
        assert_eq!(found_normalized(decomposed, "café"), "cafe\u{301}");
    }

    #[test]
    fn what_is_not_there_is_not_found() {
        assert_eq!(
            find("police said 12", "police said 13"),
            QuoteMatch::NotFound
        );
        assert_eq!(find("anything", "   "), QuoteMatch::NotFound);
        assert_eq!(find("", "x"), QuoteMatch::NotFound);
    }

    #[test]
    fn the_first_of_two_occurrences_is_reported() {
        // The article prints one paragraph twice.
        let text = "A said B. A said B.";
        assert_eq!(
            find(text, "A said B."),
            QuoteMatch::Verbatim(Span { start: 0, end: 9 })
        );
    }

    #[test]
    fn every_quote_of_the_demo_is_found_in_the_article() {
        let article = crate::seed::ARTICLE;
        let quotes = crate::seed::demo_quotes();
        assert!(quotes.len() >= 10, "{} demo quotes", quotes.len());
        for quote in quotes {
            assert!(
                matches!(find(article, &quote), QuoteMatch::Verbatim(_)),
                "{quote:?}"
            );
            let typed = quote.replace(['“', '”'], "\"").replace(['‘', '’'], "'");
            assert!(
                !matches!(find(article, &typed), QuoteMatch::NotFound),
                "{typed:?}"
            );
        }
    }
}
