//! Text rules shared by every record: the normal form used to spot duplicate statements, and
//! the tokens full-text search indexes. Both backends index the tokens made here, so a query
//! matches the same claims on SQLite and PostgreSQL, in Urdu as in English.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// The duplicate-detection form of a statement: Unicode NFKC, case-folded, runs of white
/// space collapsed to one space, trailing punctuation dropped.
pub fn normalize_statement(text: &str) -> String {
    let folded = caseless::default_case_fold_str(&text.nfkc().collect::<String>());
    let collapsed = folded.split_whitespace().collect::<Vec<_>>().join(" ");
    collapsed
        .trim_end_matches(|c: char| {
            c.is_ascii_punctuation() || is_unicode_punctuation(c) || c.is_whitespace()
        })
        .to_owned()
}

fn is_unicode_punctuation(c: char) -> bool {
    // The common non-ASCII sentence and quotation marks (Urdu/Arabic full stop and question
    // mark, CJK full stop, curly quotes, ellipsis, dashes).
    matches!(
        c,
        '۔' | '؟'
            | '،'
            | '。'
            | '…'
            | '“'
            | '”'
            | '‘'
            | '’'
            | '«'
            | '»'
            | '–'
            | '—'
            | '¡'
            | '¿'
    )
}

/// The longest search token, in bytes: PostgreSQL refuses a lexeme over 2047 bytes ("word is
/// too long"), so longer words are cut here, alike in the index and in queries, on both engines.
pub const MAX_TOKEN_BYTES: usize = 2047;

/// The search tokens of a text: words of letters and digits in any script, case-folded, with
/// accents and other combining marks removed (so "Quetta", "QUETTA" and "Quéttá" are one word).
pub fn search_tokens(text: &str) -> Vec<String> {
    let stripped: String = text.nfkd().filter(|c| !is_combining_mark(*c)).collect();
    let folded = caseless::default_case_fold_str(&stripped);
    folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(|word| {
            let mut token: String = word.nfc().collect();
            if token.len() > MAX_TOKEN_BYTES {
                let mut end = MAX_TOKEN_BYTES;
                while !token.is_char_boundary(end) {
                    end -= 1;
                }
                token.truncate(end);
            }
            token
        })
        .collect()
}

/// The tokens of a text, joined by single spaces: what the search columns store.
pub fn search_text<'a>(parts: impl IntoIterator<Item = &'a str>) -> String {
    parts
        .into_iter()
        .flat_map(search_tokens)
        .collect::<Vec<_>>()
        .join(" ")
}

/// How well a stored search text (`search_text`'s tokens) matches the query's tokens: BM25's
/// term-frequency part (k1 = 1.2, b = 0.75), summed over the query's words. It leaves out
/// BM25's inverse document frequency, which is the same for every claim of an all-words search.
/// Higher is better.
pub fn match_rank(query: &[String], text: &str, average_length: f64) -> f64 {
    const K1: f64 = 1.2;
    const B: f64 = 0.75;
    let words: Vec<&str> = text.split(' ').filter(|w| !w.is_empty()).collect();
    let length = words.len() as f64 / average_length.max(1.0);
    query
        .iter()
        .map(|token| {
            let tf = words.iter().filter(|w| **w == token).count() as f64;
            tf * (K1 + 1.0) / (tf + K1 * (1.0 - B + B * length))
        })
        .sum()
}

/// A short lowercase key for case-insensitive equality filters (e.g. a publisher's name).
pub fn fold_key(text: &str) -> String {
    caseless::default_case_fold_str(&text.nfkc().collect::<String>())
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Trims and checks a required text field's length in characters.
pub fn required_text(raw: &str, max_chars: usize) -> Result<String, String> {
    // The limit is on the text as sent, as the OpenAPI `maxLength` says, spaces included.
    match raw.chars().count() {
        n if n > max_chars => Err(format!(
            "must be at most {max_chars} characters (it has {n})"
        )),
        _ if raw.trim().is_empty() => Err("must not be blank".into()),
        _ => Ok(raw.trim().to_owned()),
    }
}

/// Like `required_text`, but blank means "none".
pub fn optional_text(raw: Option<&str>, max_chars: usize) -> Result<Option<String>, String> {
    match raw {
        Some(text) if text.chars().count() > max_chars => {
            Err(format!("must be at most {max_chars} characters"))
        }
        None => Ok(None),
        Some(text) => Ok(Some(text.trim().to_owned()).filter(|t| !t.is_empty())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_limit_counts_the_text_as_sent() {
        let padded = format!(" {}", "a".repeat(5));
        assert!(required_text(&padded, 5).is_err(), "six characters as sent");
        assert_eq!(required_text(" abcd ", 6).unwrap(), "abcd");
        assert!(optional_text(Some(&padded), 5).is_err());
        assert_eq!(optional_text(Some("  "), 5).unwrap(), None);
        assert_eq!(required_text("   ", 5).unwrap_err(), "must not be blank");
    }

    #[test]
    fn more_of_the_words_in_a_shorter_text_rank_higher() {
        let q = search_tokens("police civilians");
        let both = search_text(["Police and civilians were among the dead"]);
        let twice = search_text(["Police said police and civilians were among the dead"]);
        let long = search_text([
            "Police and civilians were among the dead, the provincial government said in a \
             statement issued late on Wednesday after the attack in Quetta",
        ]);
        let one = search_text(["Police were among the dead"]);
        let rank = |text: &str| match_rank(&q, text, 10.0);
        assert!(rank(&twice) > rank(&both));
        assert!(rank(&both) > rank(&long));
        assert!(rank(&long) > rank(&one));
        assert_eq!(match_rank(&q, "", 10.0), 0.0);
    }

    #[test]
    fn statements_normalise_case_space_and_trailing_punctuation() {
        let a = normalize_statement("At least 20  police personnel were INJURED.");
        let b = normalize_statement(" at least 20 police personnel were injured ");
        assert_eq!(a, b);
        assert_eq!(normalize_statement("ﬁve injured!"), "five injured");
        assert_eq!(normalize_statement("کوئٹہ میں دھماکا۔"), "کوئٹہ میں دھماکا");
    }

    #[test]
    fn tokens_ignore_case_and_accents_in_any_script() {
        assert_eq!(search_tokens("Quéttá, QUETTA!"), vec!["quetta", "quetta"]);
        assert_eq!(
            search_tokens("Mufti Muzahim's letter"),
            vec!["mufti", "muzahim", "s", "letter"]
        );
        let urdu = search_tokens("کوئٹہ میں دھماکا");
        assert_eq!(urdu.len(), 3);
        // Vowel marks (here a zabar) do not change the word.
        assert_eq!(search_tokens("دَھماکا"), search_tokens("دھماکا"));
        assert_eq!(
            search_tokens("attack 🚨 on 30 Nov"),
            vec!["attack", "on", "30", "nov"]
        );
    }

    #[test]
    fn a_very_long_word_is_cut_on_a_character_boundary() {
        let word = "ک".repeat(3000); // 6000 bytes
        let tokens = search_tokens(&format!("{word} x"));
        assert_eq!(tokens.len(), 2);
        assert!(tokens[0].len() <= MAX_TOKEN_BYTES);
        assert!(tokens[0].len() > MAX_TOKEN_BYTES - 4);
        assert!(word.starts_with(&tokens[0]));
        assert_eq!(
            search_tokens(&"k".repeat(MAX_TOKEN_BYTES))[0].len(),
            MAX_TOKEN_BYTES
        );
    }
}
