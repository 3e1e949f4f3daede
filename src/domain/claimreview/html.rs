//! The `<script type="application/ld+json">` blocks of an HTML page.

/// The contents of every `<script type="application/ld+json">` element, in order. A careful
/// scan, not a parser: script contents are raw text in HTML (no entities, no markup), ending
/// at the first `</script`; comments are skipped so a commented-out block is not read.
pub fn json_ld_blocks(html: &str) -> Vec<&str> {
    let lower = html.to_ascii_lowercase();
    let mut blocks = Vec::new();
    let mut at = 0;
    while at < lower.len() {
        let next_script = lower[at..].find("<script").map(|i| i + at);
        let next_comment = lower[at..].find("<!--").map(|i| i + at);
        let start = match (next_script, next_comment) {
            (Some(s), Some(c)) if c < s => {
                at = lower[c + 4..]
                    .find("-->")
                    .map_or(lower.len(), |e| c + 4 + e + 3);
                continue;
            }
            (Some(s), _) => s,
            (None, _) => break,
        };
        let tag_name_end = start + "<script".len();
        // `<scripts>` or `<script-x>` is another element.
        if !lower[tag_name_end..]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_whitespace() || c == '>' || c == '/')
        {
            at = tag_name_end;
            continue;
        }
        let Some(tag_end) = tag_end(&lower, tag_name_end) else {
            break;
        };
        let attributes = &lower[tag_name_end..tag_end];
        let body_start = tag_end + 1;
        let body_end = lower[body_start..]
            .find("</script")
            .map_or(lower.len(), |i| body_start + i);
        if script_type(attributes).as_deref() == Some("application/ld+json") {
            blocks.push(&html[body_start..body_end]);
        }
        at = body_end;
    }
    blocks
}

/// The index of the `>` that ends a start tag (outside quoted attribute values).
pub(super) fn tag_end(lower: &str, from: usize) -> Option<usize> {
    let mut quote = None;
    for (i, c) in lower[from..].char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '>') => return Some(from + i),
            _ => {}
        }
    }
    None
}

/// The `type` attribute of a start tag's attributes (lowercased), without parameters.
pub(super) fn script_type(attributes: &str) -> Option<String> {
    let mut rest = attributes;
    while let Some(i) = rest.find("type") {
        let before_ok = i == 0
            || rest[..i]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_ascii_whitespace() || c == '"' || c == '\'');
        let after = rest[i + 4..].trim_start();
        if before_ok && let Some(after) = after.strip_prefix('=') {
            let after = after.trim_start();
            let value = match after.chars().next() {
                Some(q @ ('"' | '\'')) => after[1..].split(q).next().unwrap_or(""),
                _ => after
                    .split(|c: char| c.is_ascii_whitespace() || c == '>')
                    .next()
                    .unwrap_or(""),
            };
            return Some(value.split(';').next().unwrap_or("").trim().to_owned());
        }
        rest = &rest[i + 4..];
    }
    None
}
